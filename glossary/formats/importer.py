"""Putting imported terms into the glossary, in one transaction.

An imported French is a person's data: its equivalent is marked human, so `glossary
build` keeps it, with the file's origin or `manual`. An entry a person approved is never
changed silently: a different French or status for it is listed as a conflict and left
as it is, unless `overwrite` is given.

A new entry gets the file's frequency and order (its score is its rank in the file, so
an export lists the entries as the file did), and its context sentence is kept in a
document named `imported:<source>`. That document is not part of the corpus: the next
`glossary build` drops it, as a file gone from disk, and the corpus gives the contexts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from glossary.arabic import group_key, search_key
from glossary.export import IMPORTED_DOCUMENT_PREFIX
from glossary.formats.terms import ImportedTerm, ParsedFile, Problem
from glossary.french import fold
from glossary.store import MINED_WITH, Store, now

# Statuses that are a person's decision, not the miner's guess.
DECISIONS = ("approved", "rejected")


@dataclass(frozen=True, slots=True)
class Conflict:
    """An entry a person decided on that the file would change; left as it is."""

    line: int
    ar: str
    current: str
    incoming: str


@dataclass(slots=True)
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    alternatives: int = 0  # more French for an entry already in the file
    conflicts: list[Conflict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.added + self.updated


def import_terms(
    store: Store, parsed: ParsedFile, source: str, overwrite: bool = False
) -> ImportReport:
    """Add or update the entries of `parsed`; `source` names the file for contexts."""
    report = ImportReport(problems=list(parsed.problems))
    stamp = now()
    total = len(parsed.terms)
    seen: dict[str, int] = {}  # group key → entry id, for a term given twice
    left: set[str] = set()  # group keys of conflicts: nothing of theirs goes in
    added: set[int] = set()
    touched: set[int] = set()
    with store.write():
        # Imported entries are reconciled with the corpus (attested or not) by mining:
        # the next build must mine again, even with no new file.
        store.set_meta(MINED_WITH, "")
        contexts = _Contexts(store, source)
        for index, term in enumerate(parsed.terms):
            key = group_key(search_key(term.ar))
            if not key:
                report.problems.append(Problem(term.line, f"no Arabic letters in {term.ar!r}"))
                continue
            if key in left:
                continue
            if key in seen:
                report.alternatives += _add_french(store, seen[key], term, stamp, preferred=False)
                touched.add(seen[key])
                continue
            entry = _find_entry(store, key, added)
            if entry is None:
                entry_id = _insert_entry(store, term, key, (total - index) / total, stamp)
                added.add(entry_id)
                if term.context:
                    contexts.add(entry_id, term)
                report.added += 1
            else:
                entry_id = int(entry["id"])
                outcome = _update_entry(store, entry, term, overwrite, stamp)
                if isinstance(outcome, Conflict):
                    report.conflicts.append(outcome)
                    left.add(key)
                    continue
                if outcome:
                    report.updated += 1
                else:
                    report.unchanged += 1
            seen[key] = entry_id
            touched.add(entry_id)
        contexts.close()
        for entry_id in sorted(touched):
            store.refresh_search(entry_id)
    return report


def _find_entry(store: Store, key: str, added: set[int]) -> dict[str, Any] | None:
    """The entry `key` names: by its own key, else by one of its forms.

    Entries this import added are found by key only: a file that lists a term and,
    as another entry, one of its variants means two entries.
    """
    rows = store.query("SELECT * FROM entries WHERE key = ?", [key])
    if not rows:
        rows = [
            r
            for r in store.query(
                "SELECT DISTINCT e.* FROM forms f JOIN entries e ON e.id = f.entry_id "
                "WHERE f.words = ? ORDER BY e.in_glossary DESC, e.frequency DESC, e.id",
                [key],
            )
            if r["id"] not in added
        ]
    return rows[0] if rows else None


def _insert_entry(store: Store, term: ImportedTerm, key: str, rank: float, stamp: str) -> int:
    has_french = bool(term.fr or term.acronym)
    status = term.status or ("proposed" if has_french else "candidate")
    entry_id = store.execute(
        "INSERT INTO entries(key, ar, kind, status, in_glossary, score, frequency, documents, "
        "sources, domain, note, reviewed, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, 1, ?, ?, ?, 'import', ?, ?, ?, ?, ?)",
        [
            key,
            term.ar,
            term.kind or "term",
            status,
            rank,
            term.frequency or 0,
            term.documents or 0,
            term.domain,
            term.note,
            int(status in DECISIONS),
            term.created_at or stamp,
            term.updated_at or stamp,
        ],
    )
    surfaces = list(dict.fromkeys([term.ar, *term.variants]))
    for surface in surfaces:
        skey = search_key(surface)
        store.execute(
            "INSERT INTO forms(entry_id, surface, key, words, frequency) VALUES (?, ?, ?, ?, 0)",
            [entry_id, surface, skey, group_key(skey)],
        )
    if has_french:
        _add_french(store, entry_id, term, stamp, preferred=True)
    for alternative in term.alternatives:
        _add_equivalent(store, entry_id, alternative, "", "manual", 1.0, False, stamp)
    return entry_id


def _update_entry(
    store: Store, entry: dict[str, Any], term: ImportedTerm, overwrite: bool, stamp: str
) -> Conflict | bool:
    """Apply `term` to an existing entry: True if changed, False if nothing to do."""
    entry_id = int(entry["id"])
    rows = store.query(
        "SELECT fr, acronym, human FROM equivalents WHERE entry_id = ? AND preferred = 1",
        [entry_id],
    )
    current_fr, current_acronym = (rows[0]["fr"], rows[0]["acronym"]) if rows else ("", "")
    new_french = bool(term.fr and fold(term.fr) != fold(current_fr)) or bool(
        term.acronym and term.acronym != current_acronym
    )
    new_status = term.status in DECISIONS and term.status != entry["status"]
    if not new_french and not new_status:
        return False
    # A person's decision: an approval or a rejection, or French a person chose (in review
    # or an earlier import). The file may not change it silently.
    decided = bool(entry["reviewed"]) or entry["status"] in DECISIONS
    persons_french = bool(rows and rows[0]["human"])
    if (decided or (new_french and persons_french)) and not overwrite:
        return Conflict(
            term.line,
            entry["ar"],
            _describe(current_fr, current_acronym, entry["status"]),
            _describe(term.fr or current_fr, term.acronym, term.status),
        )
    if new_french:
        _add_french(store, entry_id, term, stamp, preferred=True)
    if new_status:
        store.execute(
            "UPDATE entries SET status = ?, reviewed = 1 WHERE id = ?", [term.status, entry_id]
        )
        if term.status == "approved":  # approving vouches for the French: keep it (review.py)
            store.execute(
                "UPDATE equivalents SET human = 1 WHERE entry_id = ? AND preferred = 1",
                [entry_id],
            )
    elif entry["status"] == "candidate":
        store.execute("UPDATE entries SET status = 'proposed' WHERE id = ?", [entry_id])
    store.execute("UPDATE entries SET updated_at = ? WHERE id = ?", [stamp, entry_id])
    return True


def _describe(fr: str, acronym: str, status: str | None) -> str:
    if not (fr or acronym):
        french = "no French"
    else:
        french = f"«{fr} ({acronym})»" if fr and acronym else f"«{fr or acronym}»"
    return f"{french} [{status}]" if status else french


def _add_french(
    store: Store, entry_id: int, term: ImportedTerm, stamp: str, preferred: bool
) -> int:
    """Give the entry `term`'s French (as its preferred one, or as an alternative).

    Returns 1 when an equivalent was added or changed, 0 when it was already there.
    """
    if not (term.fr or term.acronym):
        return 0
    same = store.query(
        "SELECT id, acronym, preferred FROM equivalents WHERE entry_id = ? AND fr_folded = ?",
        [entry_id, fold(term.fr)],
    )
    if same and not preferred:
        if term.acronym and not same[0]["acronym"]:
            store.execute(
                "UPDATE equivalents SET acronym = ? WHERE id = ?", [term.acronym, same[0]["id"]]
            )
            return 1
        return 0
    if preferred:
        store.execute("UPDATE equivalents SET preferred = 0 WHERE entry_id = ?", [entry_id])
    if same:
        store.execute(
            "UPDATE equivalents SET acronym = ?, preferred = ?, human = 1 WHERE id = ?",
            [term.acronym or same[0]["acronym"], int(preferred), same[0]["id"]],
        )
    else:
        confidence = 1.0 if term.confidence is None else term.confidence
        origin = term.origin or "manual"
        _add_equivalent(
            store, entry_id, term.fr, term.acronym, origin, confidence, preferred, stamp
        )
    return 1


def _add_equivalent(
    store: Store,
    entry_id: int,
    fr: str,
    acronym: str,
    origin: str,
    confidence: float,
    preferred: bool,
    stamp: str,
) -> None:
    store.execute(
        "INSERT INTO equivalents(entry_id, fr, fr_folded, acronym, origin, confidence, "
        "preferred, human, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)",
        [entry_id, fr, fold(fr), acronym, origin, confidence, int(preferred), stamp],
    )


class _Contexts:
    """Context sentences of new entries, in `imported:<source>` documents."""

    def __init__(self, store: Store, default_source: str) -> None:
        self.store = store
        self.default_source = default_source
        self.documents: dict[str, _ContextDocument] = {}

    def add(self, entry_id: int, term: ImportedTerm) -> None:
        path = IMPORTED_DOCUMENT_PREFIX + (term.context_document or self.default_source)
        document = self.documents.get(path) or self._open(path)
        sentence = document.sentences.get(term.context)
        if sentence is None:
            sentence_id = self.store.execute(
                "INSERT INTO sentences(document_id, idx, start, text) VALUES (?, ?, ?, ?)",
                [document.id, document.next_index, document.next_start, term.context],
            )
            sentence = document.sentences[term.context] = (sentence_id, document.next_start)
            document.next_index += 1
            document.next_start += len(term.context) + 1
        found = term.context.find(term.ar)
        start = sentence[1] + max(found, 0)
        end = start + (len(term.ar) if found >= 0 else 0)
        self.store.execute(
            "INSERT INTO occurrences(entry_id, sentence_id, start, end, surface) "
            "VALUES (?, ?, ?, ?, ?)",
            [entry_id, sentence[0], start, end, term.ar],
        )

    def _open(self, path: str) -> _ContextDocument:
        rows = self.store.query("SELECT id FROM documents WHERE path = ?", [path])
        if rows:  # an earlier import from the same source: add to it
            document = _ContextDocument(int(rows[0]["id"]))
            for r in self.store.query(
                "SELECT id, idx, start, text FROM sentences WHERE document_id = ?", [document.id]
            ):
                document.sentences[r["text"]] = (int(r["id"]), int(r["start"]))
                document.next_index = max(document.next_index, r["idx"] + 1)
                document.next_start = max(document.next_start, r["start"] + len(r["text"]) + 1)
        else:
            document = _ContextDocument(
                self.store.execute(
                    "INSERT INTO documents(path, sha256, encoding, words, added_at) "
                    "VALUES (?, '', 'imported', 0, ?)",
                    [path, now()],
                )
            )
        self.documents[path] = document
        return document

    def close(self) -> None:
        """Count the words of the documents written to."""
        for document in self.documents.values():
            words = sum(len(text.split()) for text in document.sentences)
            self.store.execute("UPDATE documents SET words = ? WHERE id = ?", [words, document.id])


@dataclass(slots=True)
class _ContextDocument:
    id: int
    next_index: int = 0
    next_start: int = 0
    sentences: dict[str, tuple[int, int]] = field(default_factory=dict)  # text → (id, start)
