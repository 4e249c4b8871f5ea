"""Adding documents to a large glossary: only they are mined (glossary.increment).

The CLI's policy starts at 100,000 words; most tests here pass a policy that allows it on
the seed corpus, and one drives `glossary build` on a generated 100,000-word corpus.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.build import build
from glossary.cli import cli
from glossary.increment import Policy
from glossary.lookup import lookup
from glossary.review import set_french, set_status
from glossary.store import Store
from tests.conftest import SEEDS
from tests.helpers import built, dump

ALWAYS = Policy(min_words=0, max_share=float("inf"))
SEED_FILES = sorted(p for p in SEEDS.iterdir() if p.suffix == ".txt")


def _glossary(store: Store) -> dict[str, tuple[str, int, str]]:
    """key → (kind, frequency, preferred French) of the glossary entries."""
    rows = store.rows(
        "SELECT e.key, e.kind, e.frequency, coalesce(q.fr, '') FROM entries e LEFT JOIN "
        "equivalents q ON q.entry_id = e.id AND q.preferred = 1 WHERE e.in_glossary = 1"
    )
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _base(tmp_path: Path) -> tuple[Path, Store]:
    """Four seed articles built; the fifth is left out, to be added."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in SEED_FILES[:-1]:
        shutil.copy(path, folder / path.name)
    store = Store(tmp_path / "glossary.db")
    build([folder], store)
    return folder, store


def _entry_id(store: Store, ar: str) -> int:
    hit = next(h for h in lookup(store, ar).hits if h.match == "exact")
    return hit.entry_id


def test_an_added_article_is_mined_alone_and_gives_what_a_full_build_gives(
    tmp_path: Path,
) -> None:
    folder, store = _base(tmp_path)
    added = SEED_FILES[-1]
    shutil.copy(added, folder / added.name)
    report = build([folder], store, incremental=ALWAYS)
    assert report.incremental and report.documents_read == 1
    full = Store(tmp_path / "full.db")
    build([folder], full)
    mine, whole = _glossary(store), _glossary(full)
    # Every entry is there but the statistical phrases a full mining ranks over the whole
    # corpus; kinds and French agree.
    missing = whole.keys() - mine.keys()
    assert not mine.keys() - whole.keys()
    assert len(missing) <= 0.05 * len(whole)
    assert all(
        "statistics" in full.rows("SELECT sources FROM entries WHERE key = ?", [k])[0][0]
        or full.rows("SELECT sources FROM entries WHERE key = ?", [k])[0][0] == "shape"
        for k in missing
    )
    assert [k for k in mine if mine[k][0::2] != whole[k][0::2]] == []
    # The added article's mentions are the entry's occurrences: lookup shows them.
    counted = sum(1 for k in mine if mine[k][1] != whole[k][1])
    assert counted <= 2
    dgst = lookup(store, "المديرية العامة لمراقبة التراب الوطني").hits[0]
    assert dgst.fr.startswith("Direction générale de la surveillance du territoire")


def test_decisions_survive_an_incremental_build(tmp_path: Path) -> None:
    folder, store = _base(tmp_path)
    approved = _entry_id(store, "المديرية العامة للأمن الوطني")
    set_french(store, approved, "Sûreté nationale (DGSN)", "DGSN")
    set_status(store, approved, "approved")
    rejected = _entry_id(store, "المديرية العامة لمراقبة التراب الوطني")
    set_status(store, rejected, "rejected")
    before = store.rows("SELECT frequency FROM entries WHERE id = ?", [approved])[0][0]
    shutil.copy(SEED_FILES[-1], folder / SEED_FILES[-1].name)
    assert build([folder], store, incremental=ALWAYS).incremental
    row = store.query(
        "SELECT e.status, e.frequency, q.fr FROM entries e JOIN equivalents q "
        "ON q.entry_id = e.id AND q.preferred = 1 WHERE e.id = ?",
        [approved],
    )[0]
    assert row["status"] == "approved" and row["fr"] == "Sûreté nationale (DGSN)"
    assert row["frequency"] > before  # the added article names it too
    status = store.rows("SELECT status FROM entries WHERE id = ?", [rejected])[0][0]
    assert status == "rejected"


def test_corpus_evidence_in_an_added_document_gives_a_stored_entry_its_french(
    tmp_path: Path,
) -> None:
    folder, store = built(
        tmp_path, "وأعلنت الشرطة الفيدرالية البلجيكية توقيف مشتبه به في بروكسل.\n"
    )
    entry = _entry_id(store, "الشرطة الفيدرالية البلجيكية")
    assert lookup(store, "الشرطة الفيدرالية البلجيكية").hits[0].origin != "corpus"
    (folder / "b.txt").write_text(
        "وقالت الشرطة الفيدرالية البلجيكية (Police fédérale belge) إن التحقيق مستمر.\n",
        encoding="utf-8",
    )
    assert build([folder], store, incremental=ALWAYS).incremental
    hit = lookup(store, "الشرطة الفيدرالية البلجيكية").hits[0]
    assert hit.entry_id == entry
    assert (hit.fr, hit.origin) == ("Police fédérale belge", "corpus")


def test_a_full_mining_after_additions_is_the_same_as_a_fresh_build(tmp_path: Path) -> None:
    folder, store = _base(tmp_path)
    shutil.copy(SEED_FILES[-1], folder / SEED_FILES[-1].name)
    assert build([folder], store, incremental=ALWAYS).incremental
    again = build([folder], store, full=True, incremental=ALWAYS)
    assert not again.incremental and not again.kept
    fresh = Store(tmp_path / "fresh.db")
    build([folder], fresh)
    assert _glossary(store) == _glossary(fresh)


def test_when_the_whole_corpus_is_mined_again(tmp_path: Path) -> None:
    folder, store = _base(tmp_path)
    # A small corpus (below the default 100,000 words) is always mined whole.
    shutil.copy(SEED_FILES[-1], folder / SEED_FILES[-1].name)
    assert not build([folder], store).incremental
    # So is a corpus to which more than max_share of its words were added.
    (folder / SEED_FILES[-1].name).unlink()
    build([folder], store)
    shutil.copy(SEED_FILES[-1], folder / SEED_FILES[-1].name)
    assert not build([folder], store, incremental=Policy(0, 0.01)).incremental
    # A changed document: everything is mined again.
    target = folder / SEED_FILES[0].name
    target.write_text(target.read_text(encoding="utf-8") + "\nفقرة جديدة.\n", encoding="utf-8")
    assert not build([folder], store, incremental=ALWAYS).incremental


def test_cli_adds_an_article_to_a_large_corpus_incrementally(tmp_path: Path) -> None:
    from bench.corpus import write_corpus

    folder = tmp_path / "corpus"
    write_corpus(folder, 100_000)
    db = tmp_path / "glossary.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["build", str(folder), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "Only the added files were mined" not in first.output
    shutil.copy(SEED_FILES[0], folder / "zz_new.txt")
    added = runner.invoke(cli, ["build", str(folder), "--db", str(db)])
    assert added.exit_code == 0, added.output
    assert "1 documents read" in added.output
    assert "Only the added files were mined" in added.output
    whole = runner.invoke(cli, ["build", str(folder), "--db", str(db), "--full"])
    assert whole.exit_code == 0 and "Only the added files" not in whole.output


def test_a_failed_incremental_build_leaves_the_glossary_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from glossary import build as build_module

    folder, store = _base(tmp_path)
    before = dump(tmp_path / "glossary.db")
    shutil.copy(SEED_FILES[-1], folder / SEED_FILES[-1].name)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "add_entries", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        build([folder], store, incremental=ALWAYS)
    assert dump(tmp_path / "glossary.db") == before
    monkeypatch.undo()
    assert build([folder], store, incremental=ALWAYS).incremental  # and it can go on
