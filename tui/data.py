"""What the screens show, read from the glossary through the library's public functions.

No Textual here: these functions take a Store and return plain dataclasses, so they run
in the search thread and are tested without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from glossary.lexicon import KINDS
from glossary.lookup import Hit, QueryError, lookup, quoted
from glossary.review import list_entries
from glossary.store import Store

SORTS = ("frequency", "confidence", "alphabet")
STATUSES = ("candidate", "proposed", "approved", "rejected")
BROWSE_LIMIT = 200  # rows shown when browsing without a query (a table of more is slow)
SEARCH_LIMIT = 50  # hits asked of lookup per keystroke
MAX_TERM_WORDS = 7


@dataclass(frozen=True, slots=True)
class EntryRow:
    """One line of the results table."""

    id: int
    ar: str
    fr: str
    acronym: str
    kind: str
    status: str
    frequency: int
    confidence: float
    match: str = ""  # lookup tier (exact, prefix, phrase, fuzzy); empty when browsing


@dataclass(frozen=True, slots=True)
class Filters:
    kind: str | None = None
    status: str | None = None
    sort: str = "frequency"

    def next_kind(self) -> Filters:
        return Filters(_cycle(self.kind, KINDS), self.status, self.sort)

    def next_status(self) -> Filters:
        return Filters(self.kind, _cycle(self.status, STATUSES), self.sort)

    def next_sort(self) -> Filters:
        return Filters(self.kind, self.status, SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)])

    def describe(self) -> str:
        return f"kind: {self.kind or 'all'} · status: {self.status or 'all'} · sort: {self.sort}"


def _cycle(value: str | None, values: tuple[str, ...]) -> str | None:
    """all → first → … → last → all."""
    if value is None:
        return values[0]
    position = values.index(value) + 1
    return values[position] if position < len(values) else None


@dataclass(frozen=True, slots=True)
class SearchOutcome:
    query: str
    rows: list[EntryRow]
    message: str = ""  # "did you mean", or why nothing is shown


def search_entries(store: Store, query: str, filters: Filters) -> SearchOutcome:
    """Rows for the results table: lookup's matches for a query, else the glossary browsed.

    Search results keep lookup's order of match quality (exact, prefix, phrase, fuzzy);
    within one tier they follow the chosen sort.
    """
    query = query.strip()
    if not query:
        rows = [
            EntryRow(
                r["id"],
                r["ar"],
                r["fr"],
                r["acronym"],
                r["kind"],
                r["status"],
                r["frequency"],
                r["confidence"],
            )
            for r in list_entries(
                store,
                kind=filters.kind,
                status=filters.status,
                sort=filters.sort,
                limit=BROWSE_LIMIT,
            )
        ]
        return SearchOutcome(query, rows, "" if rows else "no entries match these filters")
    try:
        result = lookup(store, query, limit=SEARCH_LIMIT)
    except QueryError as exc:
        return SearchOutcome(query, [], str(exc))
    frequencies = _frequencies(store, [h.entry_id for h in result.hits])
    rows = [
        _row(hit, frequencies.get(hit.entry_id, 0))
        for hit in result.hits
        if (filters.kind is None or hit.kind == filters.kind)
        and (filters.status is None or hit.status == filters.status)
    ]
    tiers = {tier: i for i, tier in enumerate(("exact", "prefix", "phrase", "fuzzy"))}
    if filters.sort == "frequency":
        rows.sort(key=lambda r: (tiers.get(r.match, 9), -r.frequency))
    elif filters.sort == "confidence":
        rows.sort(key=lambda r: (tiers.get(r.match, 9), -r.confidence, -r.frequency))
    else:
        rows.sort(key=lambda r: (tiers.get(r.match, 9), r.ar))
    message = ""
    if not rows and result.suggestion:
        message = f"nothing matches {quoted(query)}; did you mean {result.suggestion}?"
    elif not rows and filters.status == "rejected":
        message = "search leaves rejected entries out; clear the search to browse them"
    elif not rows:
        message = f"nothing matches {quoted(query)}" + (
            " with these filters" if filters.kind or filters.status else ""
        )
    return SearchOutcome(query, rows, message)


def _row(hit: Hit, frequency: int) -> EntryRow:
    return EntryRow(
        hit.entry_id,
        hit.ar,
        hit.fr,
        hit.acronym,
        hit.kind,
        hit.status,
        frequency,
        hit.confidence,
        hit.match,
    )


def _frequencies(store: Store, ids: list[int]) -> dict[int, int]:
    """Occurrence counts of entries (Hit does not carry them)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = store.rows(f"SELECT id, frequency FROM entries WHERE id IN ({marks})", ids)
    return {int(r[0]): int(r[1]) for r in rows}


def count_entries(store: Store) -> int:
    """Entries of the glossary proper (what `glossary build` reports)."""
    rows = store.rows("SELECT count(*) FROM entries WHERE in_glossary = 1 OR reviewed = 1")
    return int(rows[0][0]) if rows else 0


def data_version(store: Store) -> int:
    """A number that changes whenever another program commits to the db.

    SQLite's `PRAGMA data_version`: a cheap read of the WAL index, unchanged by this
    connection's own writes, so the TUI's decisions do not count as news."""
    rows = store.rows("PRAGMA data_version")
    return int(rows[0][0]) if rows else 0
