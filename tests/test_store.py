"""The glossary db: schema versions, bad files, human decisions across rebuilds, atomicity."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from glossary import build as build_module
from glossary.build import build
from glossary.schema import LATEST, MIGRATIONS
from glossary.store import Store, StoreError


def _entry_id(store: Store, ar: str) -> int:
    """The entry that has `ar` among its forms."""
    rows = store.query("SELECT entry_id FROM forms WHERE surface = ?", [ar])
    return int(rows[0]["entry_id"])


def test_schema_version_is_recorded(tmp_path: Path) -> None:
    store = Store(tmp_path / "g.db")
    assert store.schema_version() == LATEST == len(MIGRATIONS)


def test_a_file_that_is_not_sqlite_is_refused_in_one_line(tmp_path: Path) -> None:
    bogus = tmp_path / "g.db"
    bogus.write_text("this is not a database " * 100)
    with pytest.raises(StoreError, match="not a usable glossary db") as info:
        Store(bogus)
    assert "\n" not in str(info.value)


def test_a_db_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(LATEST + 1)])
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer version"):
        Store(path)


def test_human_decisions_survive_a_rebuild(fresh_db: Path, corpus: Path) -> None:
    store = Store(fresh_db)
    build([corpus], store)
    dgsn = _entry_id(store, "المديرية العامة للأمن الوطني")
    with store.write():
        store.db.execute(
            "UPDATE entries SET status = 'approved', reviewed = 1, note = 'ok' WHERE id = ?", [dgsn]
        )
        store.db.execute("UPDATE equivalents SET human = 1 WHERE entry_id = ?", [dgsn])
    (corpus / "extra.txt").write_text(
        "تعزز المديرية العامة للأمن الوطني التعاون الأمني.\n", encoding="utf-8"
    )
    report = build([corpus], store)
    assert report.documents_read == 1 and report.documents_unchanged == 5
    row = store.query("SELECT status, note, frequency FROM entries WHERE id = ?", [dgsn])[0]
    assert row["status"] == "approved" and row["note"] == "ok"
    assert row["frequency"] >= 3


def test_entries_of_a_removed_document_keep_their_decisions(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("زار برونو ريتايو مدينة طنجة.\n", encoding="utf-8")
    store = Store(tmp_path / "g.db")
    build([corpus], store)
    entry = _entry_id(store, "برونو ريتايو")
    with store.write():
        store.db.execute(
            "UPDATE entries SET status = 'approved', reviewed = 1 WHERE id = ?", [entry]
        )
    (corpus / "a.txt").unlink()
    (corpus / "b.txt").write_text("زار وزير الداخلية مدينة طنجة.\n", encoding="utf-8")
    build([corpus], store)
    row = store.query("SELECT status, attested FROM entries WHERE id = ?", [entry])[0]
    assert row == {"status": "approved", "attested": 0}


def test_a_failed_build_leaves_the_glossary_exactly_as_it_was(
    fresh_db: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dump() -> list[tuple[object, ...]]:
        conn = sqlite3.connect(fresh_db)
        rows = conn.execute("SELECT id, key, status FROM entries ORDER BY id").fetchall()
        rows += conn.execute("SELECT id, path FROM documents ORDER BY id").fetchall()
        conn.close()
        return rows

    before = dump()
    (corpus / "new.txt").write_text(
        "وقعت الشرطة الوطنية الفرنسية اتفاقا جديدا.\n", encoding="utf-8"
    )

    def broken(entry: object) -> object:
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "to_record", broken)
    with pytest.raises(RuntimeError):
        build([corpus], Store(fresh_db))
    assert dump() == before
