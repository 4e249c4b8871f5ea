"""The glossary database: the only module that talks to SQLite (through sqlite-utils).

Machine output (entries, forms, equivalents, occurrences) is replaced on each build;
human decisions (review status, manual kind, notes, human equivalents) are kept.
All writes of a build happen in one transaction, so a failed or interrupted build
leaves the previous glossary exactly as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from glossary.french import fold
from glossary.schema import LATEST, MIGRATIONS

if TYPE_CHECKING:
    import sqlite_utils

    from glossary.equivalents import Equivalent  # a type only: lookup need not load it

BUSY_TIMEOUT_MS = 10_000
# The meta key recording which miner (code and data) made the stored glossary; cleared
# by an import, so that the next build mines again (see glossary.build).
MINED_WITH = "mined_with"
# The meta key recording which version of the tool read and cleaned the stored
# documents: another version reads them all again (see glossary.build).
CLEANED_WITH = "cleaned_with"


class StoreError(Exception):
    """The db cannot be used; the message is one line and names the file."""


@dataclass(slots=True)
class FormRecord:
    surface: str
    key: str
    words: str  # bare words (no clitics, no article), for phrase search
    frequency: int


class OccurrenceRecord(NamedTuple):  # a tuple: a build writes one per mention
    sentence_id: int
    start: int
    end: int
    surface: str


# What the store writes of an occurrence: (sentence id, start, end, surface). The miner
# hands its own plain tuples over as they are: a build writes one per mention.
OccurrenceRow = tuple[int, int, int, str]


@dataclass(slots=True)
class EntryRecord:
    key: str
    ar: str
    kind: str
    in_glossary: bool
    score: float
    termhood: float
    specificity: float
    sources: str
    domain: str
    documents: int
    forms: list[FormRecord] = field(default_factory=list)
    equivalents: list[Equivalent] = field(default_factory=list)
    occurrences: Sequence[OccurrenceRow] = field(default_factory=list)
    frequency: int | None = None  # mentions in the corpus, when not all are in occurrences

    @property
    def mentions(self) -> int:
        return len(self.occurrences) if self.frequency is None else self.frequency


@dataclass(frozen=True, slots=True)
class StoredDocument:
    id: int
    path: str
    sha256: str


# Search indexes: bare Arabic words and folded French for phrase search; keys and
# French in a trigram table for close spellings.
_INDEX_WORDS = (
    "INSERT INTO search_fts(rowid, entry_id, ar, fr) SELECT e.id, e.id, "
    "(SELECT group_concat(words, ' | ') FROM forms WHERE entry_id = e.id), "
    "(SELECT group_concat(fr_folded || ' ' || lower(acronym), ' | ') FROM equivalents "
    "WHERE entry_id = e.id) FROM entries e {where}"
)
_INDEX_FUZZY = (
    "INSERT INTO fuzzy_fts(rowid, entry_id, text) SELECT e.id, e.id, "
    "coalesce((SELECT group_concat(key, ' | ') FROM forms WHERE entry_id = e.id), '') "
    "|| ' | ' || coalesce((SELECT group_concat(fr_folded, ' | ') FROM equivalents "
    "WHERE entry_id = e.id), '') FROM entries e {where}"
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        if not create and not path.exists():
            raise StoreError(f"{path}: no glossary here; run 'glossary build' first")
        if path.exists() and path.is_dir():
            raise StoreError(f"{path}: is a folder, not a glossary db")
        self._db: sqlite_utils.Database | None = None
        self._writes = 0  # transactions this Store ran: what form_words' cache follows
        self._form_words: tuple[tuple[int, int], frozenset[str]] | None = None
        try:
            self.conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
            # WAL lets the TUI read while a build writes.
            self.conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable glossary db ({exc})") from None

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils on our connection, for writes; imported only when first written.

        Reading goes through the plain connection: `glossary lookup` starts without
        importing sqlite-utils (measured: 135 ms of its 260 ms start, numpy included)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    def close(self) -> None:
        self.conn.close()

    # --- schema --------------------------------------------------------------------
    def _migrate(self) -> None:
        conn = self.conn
        conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.commit()
        version = self.schema_version()
        if version > LATEST:
            raise StoreError(
                f"{self.path}: written by a newer version of glossary (schema {version}, "
                f"this one knows {LATEST}); upgrade the tool"
            )
        for number in range(version + 1, LATEST + 1):
            try:
                conn.executescript(
                    "BEGIN IMMEDIATE;\n" + MIGRATIONS[number - 1] + "\n"
                    "INSERT INTO meta(key, value) VALUES ('schema_version', '" + str(number) + "') "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value;\nCOMMIT;"
                )
            except BaseException:
                # A failed step must not keep the write lock for the life of the process
                # (a TUI would make every other program wait, then fail).
                if conn.in_transaction:
                    conn.rollback()
                raise

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Record a value in the db's meta table (inside `write()`)."""
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def glossary_counts(self) -> tuple[int, int, int, dict[str, int]]:
        """Sentences, words, ranked candidates and glossary entries by kind, as stored."""
        sentences = self.conn.execute("SELECT count(*) FROM sentences").fetchone()[0]
        words = self.conn.execute("SELECT coalesce(sum(words), 0) FROM documents").fetchone()[0]
        candidates = self.conn.execute(
            "SELECT count(*) FROM entries WHERE in_glossary = 0 AND attested = 1"
        ).fetchone()[0]
        kinds = dict(
            self.conn.execute(
                "SELECT kind, count(*) FROM entries WHERE in_glossary = 1 AND attested = 1 "
                "GROUP BY kind"
            ).fetchall()
        )
        return int(sentences), int(words), int(candidates), kinds

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    @contextmanager
    def write(self, *, checked: bool = True) -> Iterator[None]:
        """One write transaction, taken at once so a concurrent writer waits, not fails.

        `checked=False` turns SQLite's foreign-key checks off for it: a build writes a
        row per mention, and checking each one's entry and sentence cost 2 of the 4 s of
        writing a million words. A build's rows point at ids it has just written, and its
        deletions remove their dependent rows themselves (tests run foreign_key_check).
        """
        if not checked:
            self.conn.execute("PRAGMA foreign_keys = OFF")  # only outside a transaction
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                with self.db.atomic():  # nested: sqlite-utils calls become savepoints
                    yield
            except BaseException:
                self.conn.rollback()
                raise
            self.conn.commit()
        finally:
            self._writes += 1
            if not checked:
                self.conn.execute("PRAGMA foreign_keys = ON")

    # --- documents -----------------------------------------------------------------
    def documents(self) -> dict[str, StoredDocument]:
        rows = self.conn.execute("SELECT id, path, sha256 FROM documents")
        return {r[1]: StoredDocument(r[0], r[1], r[2]) for r in rows}

    def add_document(
        self,
        path: str,
        sha256: str,
        encoding: str,
        words: int,
        sentences: Sequence[tuple[int, str]],
        *,
        doc_id: int | None = None,
        first_sentence_id: int | None = None,
    ) -> int:
        """Store a document and its sentences (start offset, text); returns its id.

        `doc_id` and `first_sentence_id` give the ids a build planned for them (it mined
        the sentences under those ids before taking the write lock)."""
        self.conn.execute("DELETE FROM documents WHERE path = ?", [path])
        cursor = self.conn.execute(
            "INSERT INTO documents(id, path, sha256, encoding, words, added_at) "
            "VALUES (?,?,?,?,?,?)",
            [doc_id, path, sha256, encoding, words, now()],
        )
        doc_id = int(cursor.lastrowid or 0)
        first = first_sentence_id
        rows = (
            (None if first is None else first + i, doc_id, i, start, text)
            for i, (start, text) in enumerate(sentences)
        )
        self.conn.executemany(
            "INSERT INTO sentences(id, document_id, idx, start, text) VALUES (?,?,?,?,?)", rows
        )
        return doc_id

    def corpus_stamp(self) -> tuple[tuple[tuple[int, str], ...], int]:
        """What the corpus is now (documents and their hashes, last sentence id): a build
        that mined before taking the write lock checks nobody changed it meanwhile."""
        docs = tuple(
            (int(r[0]), str(r[1]))
            for r in self.conn.execute("SELECT id, sha256 FROM documents ORDER BY id")
        )
        last = self.conn.execute("SELECT coalesce(max(id), 0) FROM sentences").fetchone()[0]
        return docs, int(last)

    def remove_documents(self, ids: Iterable[int]) -> None:
        """Remove documents and their sentences; their occurrences go with the mined
        entries replace_mined rewrites (a build calls both in one transaction)."""
        for doc_id in ids:
            self.conn.execute("DELETE FROM sentences WHERE document_id = ?", [doc_id])
            self.conn.execute("DELETE FROM documents WHERE id = ?", [doc_id])

    def sentences(self) -> Iterator[tuple[int, int, int, str]]:
        """(document id, sentence id, start offset, text) of every stored sentence."""
        yield from self.conn.execute(
            "SELECT document_id, id, start, text FROM sentences ORDER BY document_id, idx"
        )

    # --- writing a build -----------------------------------------------------------
    def replace_mined(self, records: Sequence[EntryRecord]) -> None:
        """Replace machine output with `records`, keeping every human decision.

        Entries are upserted one by one (each needs its id); their forms, occurrences
        and equivalents are then replaced table by table, each in one executemany."""
        stamp = now()
        existing = {r[1]: r[0] for r in self.conn.execute("SELECT id, key FROM entries")}
        # Every entry's occurrences are written again, or dropped (_retire): all go.
        self.conn.execute("DELETE FROM occurrences")
        ids: list[int] = []
        for record in records:
            existing.pop(record.key, None)
            ids.append(self._upsert_entry(record, stamp))
        self._replace_children(ids, records, stamp)
        self._retire(existing.values())
        self._rebuild_search()

    def insert_new(self, records: Sequence[EntryRecord]) -> dict[int, EntryRecord]:
        """Insert the records whose key no entry has (glossary.increment merges the
        others); returns those others by the id of the entry they belong to."""
        stamp = now()
        stored: dict[int, EntryRecord] = {}
        fresh = []
        for record in records:
            row = self.conn.execute("SELECT id FROM entries WHERE key = ?", [record.key])
            found = row.fetchone()
            if found is None:
                fresh.append(record)
            else:
                stored[int(found[0])] = record
        ids = [self._upsert_entry(r, stamp) for r in fresh]
        self._replace_children(ids, fresh, stamp)
        for entry_id in ids:
            self.refresh_search(entry_id)
        return stored

    def add_occurrences(self, entry_id: int, occurrences: Sequence[OccurrenceRow]) -> None:
        _insert_rows(
            self.conn,
            "occurrences(entry_id, sentence_id, start, end, surface)",
            ((entry_id, *o) for o in occurrences),
        )

    def glossary_keys(self) -> set[str]:
        """Keys of the entries a translator sees (in the glossary, or approved)."""
        rows = self.conn.execute(
            "SELECT key FROM entries WHERE in_glossary = 1 OR status = 'approved'"
        )
        return {str(r[0]) for r in rows}

    def form_words(self) -> frozenset[str]:
        """Every word of the entries' forms and keys, as the forms' `words` hold them.

        Finding terms in a text extends an n-gram only while its words are among these.
        Read once, and again after a write by this Store or by another program (SQLite's
        data_version tells), so a TUI translating paragraph after paragraph asks once."""
        version = (self._writes, int(self.conn.execute("PRAGMA data_version").fetchone()[0]))
        if self._form_words is None or self._form_words[0] != version:
            words: set[str] = set()
            for (text,) in self.conn.execute(
                "SELECT words FROM forms UNION SELECT key FROM entries"
            ):
                words.update(str(text).split(" "))
            self._form_words = (version, frozenset(words))
        return self._form_words[1]

    def vocabulary(self) -> set[str]:
        return {str(r[0]) for r in self.conn.execute("SELECT key FROM vocabulary")}

    def add_vocabulary(self, keys: Iterable[str], *, replace: bool = False) -> None:
        if replace:
            self.conn.execute("DELETE FROM vocabulary")
        self.conn.executemany(
            "INSERT OR IGNORE INTO vocabulary(key) VALUES (?)", ((k,) for k in keys)
        )

    def _upsert_entry(self, record: EntryRecord, stamp: str) -> int:
        """Insert or refresh an entry's machine fields; a person's kind and status stay."""
        has_fr = any(e.fr or e.acronym for e in record.equivalents)
        status = "proposed" if record.in_glossary and has_fr else "candidate"
        self.conn.execute(
            "INSERT INTO entries(key, ar, kind, status, in_glossary, score, termhood, "
            "specificity, frequency, documents, sources, domain, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(key) DO UPDATE SET "
            "ar = excluded.ar, kind = CASE WHEN kind_manual THEN kind ELSE excluded.kind END, "
            "status = CASE WHEN reviewed THEN status ELSE excluded.status END, "
            "in_glossary = excluded.in_glossary, score = excluded.score, "
            "termhood = excluded.termhood, specificity = excluded.specificity, "
            "frequency = excluded.frequency, documents = excluded.documents, "
            "sources = excluded.sources, domain = excluded.domain, attested = 1, "
            "updated_at = excluded.updated_at",
            [
                record.key,
                record.ar,
                record.kind,
                status,
                int(record.in_glossary),
                record.score,
                record.termhood,
                record.specificity,
                record.mentions,
                record.documents,
                record.sources,
                record.domain,
                stamp,
                stamp,
            ],
        )
        row = self.conn.execute("SELECT id FROM entries WHERE key = ?", [record.key]).fetchone()
        return int(row[0])

    def _replace_children(
        self, ids: Sequence[int], records: Sequence[EntryRecord], stamp: str
    ) -> None:
        conn = self.conn
        keys = [(entry_id,) for entry_id in ids]
        conn.executemany("DELETE FROM forms WHERE entry_id = ?", keys)
        conn.executemany("DELETE FROM equivalents WHERE entry_id = ? AND human = 0", keys)
        pairs = list(zip(ids, records, strict=True))
        conn.executemany(
            "INSERT INTO forms(entry_id, surface, key, words, frequency) VALUES (?,?,?,?,?)",
            (
                (entry_id, f.surface, f.key, f.words, f.frequency)
                for entry_id, record in pairs
                for f in record.forms
            ),
        )
        _insert_rows(
            conn,
            "occurrences(entry_id, sentence_id, start, end, surface)",
            ((entry_id, *o) for entry_id, record in pairs for o in record.occurrences),
        )
        # What is left of these entries' equivalents is what a person wrote.
        human: dict[int, set[str]] = {}
        for entry_id, folded in conn.execute(
            "SELECT entry_id, fr_folded FROM equivalents WHERE human != 0"
        ):
            human.setdefault(entry_id, set()).add(folded)
        conn.executemany(
            "INSERT INTO equivalents(entry_id, fr, fr_folded, acronym, origin, confidence, "
            "preferred, human, note, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                row
                for entry_id, record in pairs
                for row in _equivalent_rows(entry_id, record, human.get(entry_id, set()), stamp)
            ),
        )

    def _retire(self, entry_ids: Iterable[int]) -> None:
        """Entries no longer mined: keep those a person touched, unattested; drop the rest."""
        for entry_id in entry_ids:
            touched = self.conn.execute(
                "SELECT reviewed OR kind_manual OR note != '' OR EXISTS (SELECT 1 FROM "
                "equivalents WHERE entry_id = entries.id AND human = 1) FROM entries "
                "WHERE id = ?",
                [entry_id],
            ).fetchone()
            if touched and touched[0]:
                self.conn.execute(
                    "UPDATE entries SET attested = 0, frequency = 0, documents = 0 WHERE id = ?",
                    [entry_id],
                )
                self.conn.execute(
                    "DELETE FROM equivalents WHERE entry_id = ? AND human = 0 "
                    "AND origin NOT IN ('lexicon')",
                    [entry_id],
                )
            else:
                for table in ("forms", "equivalents"):  # not left to the foreign keys
                    self.conn.execute(f"DELETE FROM {table} WHERE entry_id = ?", [entry_id])
                self.conn.execute("DELETE FROM entries WHERE id = ?", [entry_id])

    def _rebuild_search(self) -> None:
        self.conn.execute("DELETE FROM search_fts")
        self.conn.execute("DELETE FROM fuzzy_fts")
        self.conn.execute(_INDEX_WORDS.format(where=""))
        self.conn.execute(_INDEX_FUZZY.format(where=""))

    # --- reading -------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts; every value is bound as a parameter, never pasted into SQL."""
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows as tuples, for hot paths (lookup) where dicts cost time."""
        return list(self.conn.execute(sql, params).fetchall())

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one write statement (inside `write()`); returns the last row id."""
        return int(self.conn.execute(sql, params).lastrowid or 0)

    def refresh_search(self, entry_id: int) -> None:
        """Re-index one entry after a person edited it (the build re-indexes everything)."""
        # The index rows' rowid is the entry id (schema 3): a delete by rowid is a
        # lookup, where entry_id (an unindexed column) meant a scan of the whole index,
        # per decision or imported term (an import of 20,000 terms took 80 s).
        for table in ("search_fts", "fuzzy_fts"):
            self.conn.execute(f"DELETE FROM {table} WHERE rowid = ?", [entry_id])
        self.conn.execute(_INDEX_WORDS.format(where="WHERE e.id = ?"), [entry_id])
        self.conn.execute(_INDEX_FUZZY.format(where="WHERE e.id = ?"), [entry_id])

    def counts(self, column: str) -> dict[str, int]:
        if column not in ("kind", "status", "origin"):
            raise ValueError(column)
        if column == "origin":
            sql = (
                "SELECT q.origin AS value, count(*) AS n FROM equivalents q JOIN entries e "
                "ON e.id = q.entry_id WHERE q.preferred = 1 AND e.in_glossary = 1 "
                "GROUP BY q.origin"
            )
        else:
            sql = (
                f"SELECT {column} AS value, count(*) AS n FROM entries "
                f"WHERE in_glossary = 1 GROUP BY {column}"
            )
        return {r["value"]: r["n"] for r in self.query(sql)}


# Rows per INSERT statement where a build writes a row per mention: a statement per row
# costs 40% more (measured at a million words: 3.4 against 2.4 s).
_ROWS_PER_INSERT = 100


def _insert_rows(conn: sqlite3.Connection, into: str, rows: Iterable[tuple[Any, ...]]) -> None:
    """INSERT INTO `into` (a table and its columns) every row, in order (so ids follow the
    rows' order), _ROWS_PER_INSERT rows per statement."""
    width = into.count(",") + 1
    one = "(" + ",".join("?" * width) + ")"
    single = f"INSERT INTO {into} VALUES {one}"
    batch = f"INSERT INTO {into} VALUES " + ",".join([one] * _ROWS_PER_INSERT)
    pending = iter(rows)
    while True:
        chunk = list(islice(pending, _ROWS_PER_INSERT))
        if len(chunk) < _ROWS_PER_INSERT:
            conn.executemany(single, chunk)
            return
        conn.execute(batch, list(chain.from_iterable(chunk)))


def _equivalent_rows(
    entry_id: int, record: EntryRecord, human: set[str], stamp: str
) -> Iterator[tuple[Any, ...]]:
    """Rows of the entry's machine equivalents, but those a person already gave; the
    first is preferred unless a person's equivalent is there."""
    best = not human
    for eq in record.equivalents:
        folded = fold(eq.fr)
        if folded in human and eq.fr:
            continue
        yield (
            entry_id,
            eq.fr,
            folded,
            eq.acronym,
            eq.origin,
            eq.confidence,
            int(best),
            0,
            eq.note,
            stamp,
        )
        best = False
