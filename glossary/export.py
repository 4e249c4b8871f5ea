"""Exports for translators: the glossary CSV contract (docs: shared notes, formats.md)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any, TextIO

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
# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: str) -> str:
    """Make a cell inert in Excel/LibreOffice: a leading quote shows it as text."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def export_rows(store: Store, include_candidates: bool = False) -> Iterator[dict[str, Any]]:
    """One row per entry, glossary entries first, most frequent first."""
    where = "" if include_candidates else "WHERE e.in_glossary = 1 OR e.reviewed = 1"
    for r in store.query(
        f"""
        SELECT e.id, e.ar, e.kind, e.status, e.frequency, e.documents,
               coalesce(q.fr, '') AS fr, coalesce(q.acronym, '') AS acronym,
               coalesce(q.origin, '') AS origin, coalesce(q.confidence, 0) AS confidence,
               (SELECT group_concat(surface, '|') FROM (SELECT surface FROM forms
                 WHERE entry_id = e.id AND surface != e.ar ORDER BY frequency DESC)) AS variants,
               (SELECT s.text FROM occurrences o JOIN sentences s ON s.id = o.sentence_id
                 WHERE o.entry_id = e.id ORDER BY length(s.text) LIMIT 1) AS context
        FROM entries e LEFT JOIN equivalents q ON q.entry_id = e.id AND q.preferred = 1
        {where}
        ORDER BY e.in_glossary DESC, e.frequency DESC, e.score DESC, e.ar
        """
    ):
        yield {
            "ar": r["ar"],
            "fr": r["fr"],
            "acronym": r["acronym"],
            "kind": r["kind"],
            "status": r["status"],
            "confidence": f"{r['confidence']:.2f}",
            "origin": r["origin"],
            "variants": r["variants"] or "",
            "frequency": r["frequency"],
            "documents": r["documents"],
            "context": r["context"] or "",
        }


def write_csv(
    store: Store, out: TextIO, include_candidates: bool = False, bom: bool = False
) -> int:
    """Write the CSV contract (RFC 4180, CRLF line ends); returns the number of rows."""
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for row in export_rows(store, include_candidates):
        writer.writerow([neutralize(str(row[c])) for c in CSV_COLUMNS])
        count += 1
    return count
