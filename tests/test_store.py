"""The glossary db's schema version.

(Bad db files: test_bad_input; decisions across rebuilds: test_decisions; failed or
interrupted writes: test_atomic; two programs at once: test_concurrency.)
"""

from __future__ import annotations

from pathlib import Path

from glossary.schema import LATEST, MIGRATIONS
from glossary.store import Store


def test_schema_version_is_recorded(tmp_path: Path) -> None:
    store = Store(tmp_path / "g.db")
    assert store.schema_version() == LATEST == len(MIGRATIONS)


def test_a_decision_replaces_the_entrys_search_rows(fresh_db: Path) -> None:
    from glossary.lookup import lookup
    from glossary.review import set_french

    store = Store(fresh_db)
    entry = lookup(store, "DGST").hits[0].entry_id
    set_french(store, entry, "Surveillance du territoire (libellé maison)")
    for table in ("search_fts", "fuzzy_fts"):
        rows = store.rows(f"SELECT rowid FROM {table} WHERE entry_id = ?", [entry])
        assert rows == [(entry,)]  # one row, keyed by the entry: replaced, not added
    assert lookup(store, "libellé maison").hits[0].entry_id == entry
    store.close()
