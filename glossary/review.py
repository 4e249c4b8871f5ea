"""A person's decisions on entries, and what they need to see to take them.

The TUI and `glossary edit` both go through these functions, so a decision is written the
same way wherever it is taken: at once, in its own short transaction, marked as human so
that `glossary build` never overwrites it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from glossary.french import fold
from glossary.lexicon import KINDS
from glossary.store import Store, now

STATUSES = ("candidate", "proposed", "approved", "rejected")
SORTS = {
    "frequency": "e.frequency DESC, e.ar",
    "confidence": "coalesce(q.confidence, 0) DESC, e.frequency DESC",
    "alphabet": "e.ar",
}


class ReviewError(ValueError):
    """A decision that cannot be taken (unknown entry, kind or status)."""


@dataclass(frozen=True, slots=True)
class EquivalentView:
    id: int
    fr: str
    acronym: str
    origin: str
    confidence: float
    preferred: bool
    human: bool
    note: str


@dataclass(frozen=True, slots=True)
class OccurrenceView:
    sentence: str
    start: int  # offsets of the term inside `sentence`
    end: int
    document: str
    document_id: int
    sentence_index: int


@dataclass(slots=True)
class EntryDetail:
    id: int
    ar: str
    kind: str
    status: str
    note: str
    frequency: int
    documents: int
    in_glossary: bool
    attested: bool
    forms: list[str] = field(default_factory=list)
    equivalents: list[EquivalentView] = field(default_factory=list)
    occurrences: list[OccurrenceView] = field(default_factory=list)

    @property
    def preferred(self) -> EquivalentView | None:
        return next((e for e in self.equivalents if e.preferred), None)


def entry_detail(store: Store, entry_id: int, max_occurrences: int = 50) -> EntryDetail:
    rows = store.query("SELECT * FROM entries WHERE id = ?", [entry_id])
    if not rows:
        raise ReviewError(f"no entry with id {entry_id}")
    e = rows[0]
    detail = EntryDetail(
        e["id"],
        e["ar"],
        e["kind"],
        e["status"],
        e["note"],
        e["frequency"],
        e["documents"],
        bool(e["in_glossary"]),
        bool(e["attested"]),
    )
    detail.forms = [
        r["surface"]
        for r in store.query(
            "SELECT surface FROM forms WHERE entry_id = ? ORDER BY frequency DESC", [entry_id]
        )
    ]
    detail.equivalents = [
        EquivalentView(
            r["id"],
            r["fr"],
            r["acronym"],
            r["origin"],
            r["confidence"],
            bool(r["preferred"]),
            bool(r["human"]),
            r["note"],
        )
        for r in store.query(
            "SELECT * FROM equivalents WHERE entry_id = ? "
            "ORDER BY preferred DESC, human DESC, confidence DESC",
            [entry_id],
        )
    ]
    for r in store.query(
        "SELECT s.text, s.start AS s_start, s.idx, o.start, o.end, d.path, d.id AS doc "
        "FROM occurrences o JOIN sentences s ON s.id = o.sentence_id "
        "JOIN documents d ON d.id = s.document_id WHERE o.entry_id = ? "
        "ORDER BY d.path, s.idx LIMIT ?",
        [entry_id, max_occurrences],
    ):
        start = max(0, r["start"] - r["s_start"])
        detail.occurrences.append(
            OccurrenceView(
                r["text"],
                start,
                min(len(r["text"]), r["end"] - r["s_start"]),
                r["path"],
                r["doc"],
                r["idx"],
            )
        )
    return detail


def list_entries(
    store: Store,
    *,
    kind: str | None = None,
    status: str | None = None,
    sort: str = "frequency",
    glossary_only: bool = True,
    limit: int = 200,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Entries for a browsing table: ar, fr, acronym, kind, status, frequency, confidence."""
    if sort not in SORTS:
        raise ReviewError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    where, params = ["1 = 1"], []
    if glossary_only:
        where.append("(e.in_glossary = 1 OR e.reviewed = 1)")
    if kind:
        where.append("e.kind = ?")
        params.append(kind)
    if status:
        where.append("e.status = ?")
        params.append(status)
    return store.query(
        "SELECT e.id, e.ar, coalesce(q.fr, '') AS fr, coalesce(q.acronym, '') AS acronym, "
        "e.kind, e.status, e.frequency, coalesce(q.confidence, 0) AS confidence "
        "FROM entries e LEFT JOIN equivalents q ON q.entry_id = e.id AND q.preferred = 1 "
        f"WHERE {' AND '.join(where)} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def document_sentences(store: Store, document_id: int) -> list[str]:
    """The clean sentences of a document, in order, to read a term in its context."""
    return [
        r["text"]
        for r in store.query(
            "SELECT text FROM sentences WHERE document_id = ? ORDER BY idx", [document_id]
        )
    ]


def _check_entry(store: Store, entry_id: int) -> None:
    if not store.query("SELECT 1 AS x FROM entries WHERE id = ?", [entry_id]):
        raise ReviewError(f"no entry with id {entry_id}")


def set_status(store: Store, entry_id: int, status: str) -> None:
    if status not in STATUSES:
        raise ReviewError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
    _check_entry(store, entry_id)
    with store.write():
        store.execute(
            "UPDATE entries SET status = ?, reviewed = 1, updated_at = ? WHERE id = ?",
            [status, now(), entry_id],
        )
        if status == "approved":
            # Approving vouches for the French shown: keep it through rebuilds.
            store.execute(
                "UPDATE equivalents SET human = 1 WHERE entry_id = ? AND preferred = 1", [entry_id]
            )


def set_kind(store: Store, entry_id: int, kind: str) -> None:
    if kind not in KINDS:
        raise ReviewError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    _check_entry(store, entry_id)
    with store.write():
        store.execute(
            "UPDATE entries SET kind = ?, kind_manual = 1, updated_at = ? WHERE id = ?",
            [kind, now(), entry_id],
        )


def set_note(store: Store, entry_id: int, note: str) -> None:
    _check_entry(store, entry_id)
    with store.write():
        store.execute(
            "UPDATE entries SET note = ?, updated_at = ? WHERE id = ?",
            [note.strip(), now(), entry_id],
        )


def set_french(store: Store, entry_id: int, fr: str, acronym: str | None = None) -> int:
    """Make `fr` (and `acronym`) the entry's preferred French, as a person's choice.

    An existing equivalent with the same French is reused (its acronym updated when one
    is given); otherwise a manual one is added. Without `acronym`, the acronym of the
    French it replaces is kept (rewording a name does not change its acronym; give
    acronym="" to drop it). Returns the equivalent's id.
    """
    fr = " ".join(fr.split())
    if not fr and not acronym:
        raise ReviewError("give a French equivalent or an acronym")
    _check_entry(store, entry_id)
    with store.write():
        same = store.query(
            "SELECT id, acronym FROM equivalents WHERE entry_id = ? AND fr_folded = ?",
            [entry_id, fold(fr)],
        )
        if acronym is None:
            previous = store.query(
                "SELECT acronym FROM equivalents WHERE entry_id = ? AND preferred = 1", [entry_id]
            )
            acronym = (previous[0]["acronym"] if previous else "") or None
        store.execute("UPDATE equivalents SET preferred = 0 WHERE entry_id = ?", [entry_id])
        if same:
            eq_id = int(same[0]["id"])
            store.execute(
                "UPDATE equivalents SET fr = ?, acronym = ?, preferred = 1, human = 1 WHERE id = ?",
                [fr, same[0]["acronym"] if acronym is None else acronym, eq_id],
            )
        else:
            eq_id = store.execute(
                "INSERT INTO equivalents(entry_id, fr, fr_folded, acronym, origin, confidence, "
                "preferred, human, created_at) VALUES (?,?,?,?, 'manual', 1.0, 1, 1, ?)",
                [entry_id, fr, fold(fr), acronym or "", now()],
            )
        store.execute(
            "UPDATE entries SET updated_at = ?, status = CASE WHEN status = "
            "'candidate' THEN 'proposed' ELSE status END WHERE id = ?",
            [now(), entry_id],
        )
        store.refresh_search(entry_id)
    return eq_id


def choose_equivalent(store: Store, entry_id: int, equivalent_id: int) -> None:
    """Prefer one of the entry's existing equivalents (an alternative from the lexicon…)."""
    rows = store.query(
        "SELECT id FROM equivalents WHERE id = ? AND entry_id = ?", [equivalent_id, entry_id]
    )
    if not rows:
        raise ReviewError(f"entry {entry_id} has no equivalent {equivalent_id}")
    with store.write():
        store.execute(
            "UPDATE equivalents SET preferred = (id = ?) WHERE entry_id = ?",
            [equivalent_id, entry_id],
        )
        store.execute("UPDATE equivalents SET human = 1 WHERE id = ?", [equivalent_id])
