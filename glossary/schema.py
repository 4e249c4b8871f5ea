"""The glossary's SQLite schema, as numbered migrations.

Migration N (1-based) is MIGRATIONS[N - 1], an SQL script run in one transaction with
the version bump, so a failed migration leaves the db as it was. A db records the last
migration applied in meta.schema_version; one written by a newer version of the tool
is refused rather than damaged.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: initial schema
    """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            sha256 TEXT NOT NULL,
            encoding TEXT NOT NULL,
            words INTEGER NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE TABLE sentences (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX sentences_document ON sentences(document_id, idx);
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            ar TEXT NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'candidate',
            in_glossary INTEGER NOT NULL DEFAULT 0,
            score REAL NOT NULL DEFAULT 0,
            termhood REAL NOT NULL DEFAULT 0,
            specificity REAL NOT NULL DEFAULT 0,
            frequency INTEGER NOT NULL DEFAULT 0,
            documents INTEGER NOT NULL DEFAULT 0,
            sources TEXT NOT NULL DEFAULT '',
            domain TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            reviewed INTEGER NOT NULL DEFAULT 0,
            kind_manual INTEGER NOT NULL DEFAULT 0,
            attested INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX entries_rank ON entries(in_glossary, score);
        CREATE TABLE forms (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            surface TEXT NOT NULL,
            key TEXT NOT NULL,
            words TEXT NOT NULL,
            frequency INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX forms_key ON forms(key);
        CREATE INDEX forms_words ON forms(words);
        CREATE INDEX forms_entry ON forms(entry_id);
        CREATE TABLE equivalents (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            fr TEXT NOT NULL,
            fr_folded TEXT NOT NULL,
            acronym TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL,
            confidence REAL NOT NULL,
            preferred INTEGER NOT NULL DEFAULT 0,
            human INTEGER NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX equivalents_entry ON equivalents(entry_id);
        CREATE INDEX equivalents_folded ON equivalents(fr_folded);
        CREATE INDEX equivalents_acronym ON equivalents(acronym COLLATE NOCASE);
        CREATE TABLE occurrences (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            surface TEXT NOT NULL
        );
        CREATE INDEX occurrences_entry ON occurrences(entry_id);
        CREATE VIRTUAL TABLE search_fts USING fts5(
            entry_id UNINDEXED, ar, fr, tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE VIRTUAL TABLE fuzzy_fts USING fts5(entry_id UNINDEXED, text, tokenize = 'trigram');
    """,
    # 2: machine translations of entries (glossary build --mt), kept across rebuilds so
    # that a rebuild puts them back without loading Argos again
    """
        CREATE TABLE machine_translations (
            key TEXT PRIMARY KEY,  -- search key of the Arabic text translated
            ar TEXT NOT NULL,
            fr TEXT NOT NULL,
            score REAL NOT NULL,  -- the engine's hypothesis score (log-probability)
            confidence REAL NOT NULL,
            model TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
    """,
    # 3: search index rows keyed by their entry (rowid = entry id), so that one entry's
    # rows are replaced without scanning the index; existing rows are re-keyed
    """
        CREATE TEMP TABLE fts_copy AS SELECT entry_id, ar, fr FROM search_fts;
        DELETE FROM search_fts;
        INSERT INTO search_fts(rowid, entry_id, ar, fr)
            SELECT entry_id, entry_id, ar, fr FROM fts_copy GROUP BY entry_id;
        DROP TABLE fts_copy;
        CREATE TEMP TABLE fuzzy_copy AS SELECT entry_id, text FROM fuzzy_fts;
        DELETE FROM fuzzy_fts;
        INSERT INTO fuzzy_fts(rowid, entry_id, text)
            SELECT entry_id, entry_id, text FROM fuzzy_copy GROUP BY entry_id;
        DROP TABLE fuzzy_copy;
    """,
    # 4: the corpus's word keys at the last full mining (what the clitic segmenter takes
    # as attested), so that documents added to a large corpus can be mined alone
    """
        CREATE TABLE vocabulary (key TEXT PRIMARY KEY) WITHOUT ROWID;
    """,
]
LATEST = len(MIGRATIONS)
