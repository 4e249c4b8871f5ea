"""Exports for translators: which entries, and the glossary CSV contract (formats.md).

The OmegaT and TBX writers in `glossary.formats` read the same rows, so a filter means
the same thing in every format.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from glossary.store import Store

CSV_COLUMNS = (
    "ar",
    "fr",
    "acronym",
    "kind",
    "status",
    "confidence",
    "origin",
    "variants",
    "frequency",
    "documents",
    "context",
)
# French first, for an fr→ar project; the other columns keep their place.
REVERSED_COLUMNS = ("fr", "ar", *CSV_COLUMNS[2:])
# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Context sentences brought in by `glossary import` live in a document whose path starts
# with this; the path after it is where the file said the sentence came from.
IMPORTED_DOCUMENT_PREFIX = "imported:"


def neutralize(value: str) -> str:
    """Make a cell inert in Excel/LibreOffice: a leading quote shows it as text."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def unneutralize(value: str) -> str:
    """Undo `neutralize` on a cell read back from one of our CSV files."""
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_STARTS) else value


@dataclass(frozen=True, slots=True)
class Selection:
    """Which entries to export: the glossary (or everything), narrowed by filters."""

    include_candidates: bool = False
    kind: str | None = None
    status: str | None = None
    min_confidence: float | None = None


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One entry as every export format sees it."""

    entry_id: int
    ar: str
    fr: str
    acronym: str
    kind: str
    status: str
    confidence: float
    origin: str
    variants: tuple[str, ...]
    frequency: int
    documents: int
    context: str
    context_document: str  # where `context` comes from (a corpus path), or ""
    domain: str
    note: str
    created_at: str
    updated_at: str

    def csv_cells(self) -> dict[str, str]:
        """The CSV contract's columns as text (not yet neutralized)."""
        return {
            "ar": self.ar,
            "fr": self.fr,
            "acronym": self.acronym,
            "kind": self.kind,
            "status": self.status,
            "confidence": f"{self.confidence:.2f}",
            "origin": self.origin,
            "variants": "|".join(self.variants),
            "frequency": str(self.frequency),
            "documents": str(self.documents),
            "context": self.context,
        }


def export_rows(
    store: Store, include_candidates: bool = False, selection: Selection | None = None
) -> Iterator[ExportRow]:
    """One row per selected entry, glossary entries first, most frequent first."""
    chosen = selection or Selection(include_candidates=include_candidates)
    where: list[str] = []
    params: list[object] = []
    if not chosen.include_candidates:
        where.append("(e.in_glossary = 1 OR e.reviewed = 1)")
    if chosen.kind:
        where.append("e.kind = ?")
        params.append(chosen.kind)
    if chosen.status:
        where.append("e.status = ?")
        params.append(chosen.status)
    if chosen.min_confidence is not None:
        # Compared as shown (two decimals), so --min-confidence 0.95 keeps a row showing 0.95.
        where.append("round(coalesce(q.confidence, 0), 2) >= ?")
        params.append(chosen.min_confidence)
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    for r in store.query(
        f"""
        SELECT e.id, e.ar, e.kind, e.status, e.frequency, e.documents, e.domain, e.note,
               e.created_at, e.updated_at,
               coalesce(q.fr, '') AS fr, coalesce(q.acronym, '') AS acronym,
               coalesce(q.origin, '') AS origin, coalesce(q.confidence, 0) AS confidence,
               (SELECT group_concat(surface, '|') FROM (SELECT surface FROM forms
                 WHERE entry_id = e.id AND surface != e.ar ORDER BY frequency DESC, id))
                 AS variants,
               cs.text AS context, cd.path AS context_document
        FROM entries e LEFT JOIN equivalents q ON q.entry_id = e.id AND q.preferred = 1
        LEFT JOIN sentences cs ON cs.id = (
            SELECT s.id FROM occurrences o JOIN sentences s ON s.id = o.sentence_id
            WHERE o.entry_id = e.id ORDER BY length(s.text), s.id LIMIT 1)
        LEFT JOIN documents cd ON cd.id = cs.document_id
        {clause}
        ORDER BY e.in_glossary DESC, e.frequency DESC, e.score DESC, e.ar, e.id
        """,
        params,
    ):
        document = (r["context_document"] or "").removeprefix(IMPORTED_DOCUMENT_PREFIX)
        yield ExportRow(
            entry_id=r["id"],
            ar=r["ar"],
            fr=r["fr"],
            acronym=r["acronym"],
            kind=r["kind"],
            status=r["status"],
            confidence=float(r["confidence"]),
            origin=r["origin"],
            variants=tuple(v for v in (r["variants"] or "").split("|") if v),
            frequency=int(r["frequency"]),
            documents=int(r["documents"]),
            context=r["context"] or "",
            context_document=document,
            domain=r["domain"],
            note=r["note"],
            created_at=r["created_at"],
            updated_at=r["updated_at"],
        )


def write_csv(
    store: Store,
    out: TextIO,
    include_candidates: bool = False,
    bom: bool = False,
    *,
    selection: Selection | None = None,
    reverse: bool = False,
) -> int:
    """Write the CSV contract (RFC 4180, CRLF line ends); returns the number of rows.

    `reverse` puts French first (fr, ar, then the other columns in their usual order).
    """
    columns = REVERSED_COLUMNS if reverse else CSV_COLUMNS
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    count = 0
    for row in export_rows(store, include_candidates, selection):
        cells = row.csv_cells()
        writer.writerow([neutralize(cells[c]) for c in columns])
        count += 1
    return count
