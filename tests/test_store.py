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


def test_builds_leave_no_row_pointing_at_nothing(tmp_path: Path, corpus: Path) -> None:
    """A build writes with SQLite's foreign-key checks off (for speed) and removes
    dependent rows itself: after changed, removed and added files, and entries a person
    touched or that are no longer mined, every row still points at a row that exists."""
    from glossary.build import build
    from glossary.review import set_note, set_status

    store = Store(tmp_path / "glossary.db")
    build([corpus], store)
    ids = [r[0] for r in store.rows("SELECT id FROM entries ORDER BY frequency DESC LIMIT 6")]
    set_status(store, ids[0], "approved")
    set_note(store, ids[1], "checked")
    files = sorted(corpus.glob("*.txt"))
    files[0].unlink()
    files[1].write_text(files[1].read_text(encoding="utf-8")[:1500], encoding="utf-8")
    (corpus / "new.txt").write_text(files[2].read_text(encoding="utf-8"), encoding="utf-8")
    files[2].unlink()
    report = build([corpus], store)
    assert report.documents_removed == 2 and report.documents_read == 2
    assert store.rows("PRAGMA foreign_key_check") == []
    assert store.rows("PRAGMA foreign_keys") == [(1,)]  # back on for everyone else
    dangling = store.rows(
        "SELECT count(*) FROM occurrences o WHERE NOT EXISTS "
        "(SELECT 1 FROM sentences s WHERE s.id = o.sentence_id)"
    )
    assert dangling == [(0,)]


def test_a_ranked_candidate_keeps_its_count_and_fifty_examples(tmp_path: Path) -> None:
    """Candidates (not glossary entries) keep CANDIDATE_OCCURRENCES occurrences for
    their examples, in corpus order; the counts a translator sees stay whole."""
    from glossary.build import CANDIDATE_OCCURRENCES, to_record
    from glossary.mined import MinedEntry

    store = Store(tmp_path / "glossary.db")
    with store.write():
        doc = store.add_document("a.txt", "0" * 64, "utf-8", 10, [(0, "التنسيق الميداني")])
    sentence = store.rows("SELECT id FROM sentences WHERE document_id = ?", [doc])[0][0]
    candidate, entry = MinedEntry("تنسيق ميداني", "term"), MinedEntry("تنسيق امني", "term")
    entry.is_glossary = True
    for i in range(120):
        candidate.record((sentence, i, i + 1, "التنسيق الميداني"))
        entry.record((sentence, i, i + 1, "التنسيق الأمني"))
    with store.write():
        store.replace_mined([to_record(candidate), to_record(entry)])
    rows = store.rows(
        "SELECT e.in_glossary, e.frequency, count(o.id), min(o.start) FROM entries e "
        "JOIN occurrences o ON o.entry_id = e.id GROUP BY e.id ORDER BY e.in_glossary"
    )
    assert rows == [(0, 120, CANDIDATE_OCCURRENCES, 0), (1, 120, 120, 0)]
