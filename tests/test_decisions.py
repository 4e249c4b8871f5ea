"""Human decisions are sacred: approvals, rejections, edited French, notes, a chosen kind and
manual (imported) entries survive every `glossary build` (same corpus, more files, fewer
files, a changed file) and every import. Entries whose documents disappear are kept with
their decisions, marked as unattested.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import glossary.cli  # noqa: F401  (first: the CLI module registers the commands below)
from glossary import review
from glossary.build import build
from glossary.lookup import lookup
from glossary.review import (
    entry_detail,
    set_french,
    set_kind,
    set_note,
    set_status,
)
from glossary.store import Store

from .conftest import SEEDS
from .helpers import built, preferred, run_import, write_csv

DGST_AR = "المديرية العامة لمراقبة التراب الوطني"
# Where the decided entries occur in the seeds (the file names' first three digits).
ONLY_IN_003 = "الجديدة"
ONLY_IN_004 = "خارطة طريق"


def _find(store: Store, query: str) -> int:
    return lookup(store, query, limit=1).hits[0].entry_id


def _entry_id(store: Store, ar: str) -> int:
    """The entry that has `ar` among its forms."""
    rows = store.query("SELECT entry_id FROM forms WHERE surface = ?", [ar])
    return int(rows[0]["entry_id"])


# --- every decision, every kind of rebuild -------------------------------------------------
def _decide(db: Path, runner: CliRunner, tmp_path: Path) -> list[int]:
    """A person's work on the seed glossary: each kind of decision once; the ids touched."""
    store = Store(db)
    dgst = _find(store, "DGST")
    hammouchi = _find(store, "حموشي")
    roadmap = _find(store, ONLY_IN_004)
    rejected = _find(store, ONLY_IN_003)
    set_status(store, dgst, "approved")
    set_french(store, hammouchi, "Abdellatif Hammouchi, directeur général", acronym="")
    set_note(store, hammouchi, "DGSN and DGST head since 2015")
    set_kind(store, roadmap, "event")
    set_status(store, rejected, "rejected")
    store.close()
    manual = write_csv(
        tmp_path / "manual.csv",
        [["ar", "fr", "note"], ["حرس الحدود", "garde-frontières", "ajout manuel"]],
    )
    assert run_import(runner, manual, db)[0] == 0
    store = Store(db)
    border = _entry_id(store, "حرس الحدود")
    store.close()
    return [dgst, hammouchi, roadmap, rejected, border]


def _decisions(db: Path, ids: list[int]) -> list[dict[str, Any]]:
    """What a person decided about these entries, as the glossary shows it."""
    store = Store(db)
    shown = []
    for entry_id in ids:
        detail = entry_detail(store, entry_id)
        preferred = detail.preferred
        shown.append(
            {
                "ar": detail.ar,
                "status": detail.status,
                "kind": detail.kind,
                "note": detail.note,
                "fr": preferred.fr if preferred else None,
                "acronym": preferred.acronym if preferred else None,
                "human": preferred.human if preferred else None,
            }
        )
    store.close()
    return shown


def _attested(db: Path, ids: list[int]) -> list[int]:
    store = Store(db)
    rows = [store.query("SELECT attested FROM entries WHERE id = ?", [i])[0] for i in ids]
    store.close()
    return [int(r["attested"]) for r in rows]


@pytest.mark.parametrize("change", ["same corpus", "more files", "fewer files", "changed file"])
def test_every_decision_survives_every_build(
    runner: CliRunner, corpus: Path, tmp_path: Path, change: str
) -> None:
    db = tmp_path / "g.db"
    store = Store(db)
    build([corpus], store)  # the glossary of this corpus copy alone
    store.close()
    ids = _decide(db, runner, tmp_path)
    before = _decisions(db, ids)
    assert [d["status"] for d in before] == [
        "approved",
        "proposed",
        "proposed",
        "rejected",
        "proposed",
    ]
    if change == "more files":
        (corpus / "new.txt").write_text(
            "زار عبد اللطيف حموشي باريس، والتقى مسؤولي المديرية العامة للأمن الداخلي.\n",
            encoding="utf-8",
        )
    elif change == "fewer files":
        for path in corpus.glob("00[34]_*.txt"):
            path.unlink()
    elif change == "changed file":
        path = next(corpus.glob("004_*.txt"))
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace(ONLY_IN_004, "خطة عمل") + "\nوأشاد حموشي بالتعاون.\n", encoding="utf-8"
        )

    store = Store(db)
    report = build([corpus], store)
    store.close()
    expected_read = {"same corpus": 0, "more files": 1, "fewer files": 0, "changed file": 1}
    assert report.documents_read == expected_read[change]
    assert report.documents_removed == (2 if change == "fewer files" else 0)
    assert _decisions(db, ids) == before
    dgst, hammouchi, roadmap, rejected, border = _attested(db, ids)
    assert (dgst, hammouchi) == (1, 1)
    assert border == 0  # an imported entry the corpus does not have: kept, unattested
    gone = {"fewer files": (0, 0), "changed file": (0, 1)}.get(change, (1, 1))
    assert (roadmap, rejected) == gone


def test_decisions_survive_a_rebuild(fresh_db: Path, corpus: Path) -> None:
    store = Store(fresh_db)
    dgst = _find(store, "DGST")
    hammouchi = _find(store, "حموشي")
    set_status(store, dgst, "approved")
    set_french(store, hammouchi, "Abdellatif Hammouchi", acronym="")
    set_note(store, hammouchi, "DGSN and DGST head since 2015")
    set_kind(store, _find(store, "خارطة طريق"), "event")
    rejected = _find(store, "الجديدة")
    set_status(store, rejected, "rejected")

    build([corpus], store)
    (corpus / "new.txt").write_text("زار عبد اللطيف حموشي باريس.\n", encoding="utf-8")
    build([corpus], store)

    assert entry_detail(store, dgst).status == "approved"
    assert entry_detail(store, dgst).preferred.acronym == "DGST"  # type: ignore[union-attr]
    person = entry_detail(store, hammouchi)
    assert person.note == "DGSN and DGST head since 2015"
    assert person.preferred is not None and person.preferred.human
    assert entry_detail(store, _find(store, "خارطة طريق")).kind == "event"
    assert entry_detail(store, rejected).status == "rejected"
    assert rejected not in [h.entry_id for h in lookup(store, "الجديدة").hits]


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


# --- documents that disappear -------------------------------------------------------------
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


def test_an_unattested_entry_is_still_found_with_its_french(tmp_path: Path) -> None:
    """A decided entry whose documents are gone: lookup still gives the person's French;
    an entry nobody touched leaves the glossary with its documents."""
    corpus, store = built(
        tmp_path, "زار برونو ريتايو مدينة طنجة، ثم التقى جيرالد دارمانان في الرباط.\n"
    )
    kept = _entry_id(store, "برونو ريتايو")
    dropped = _entry_id(store, "جيرالد دارمانان")
    set_french(store, kept, "Bruno Retailleau", acronym="")
    (corpus / "000.txt").unlink()
    (corpus / "b.txt").write_text("زار وزير الداخلية مدينة طنجة.\n", encoding="utf-8")
    build([corpus], store)
    hit = lookup(store, "برونو ريتايو", limit=1).hits[0]
    assert (hit.entry_id, hit.fr, hit.context) == (kept, "Bruno Retailleau", "")
    assert not store.query("SELECT id FROM entries WHERE id = ?", [dropped])
    store.close()


# --- imports ------------------------------------------------------------------------------
def test_an_import_does_not_overwrite_an_approved_entry(
    runner: CliRunner, fresh_db: Path, tmp_path: Path
) -> None:
    store = Store(fresh_db)
    dgst_id = store.query("SELECT id FROM entries WHERE ar = ?", [DGST_AR])[0]["id"]
    review.set_status(store, dgst_id, "approved")
    store.close()
    before = preferred(fresh_db, DGST_AR)
    source = write_csv(
        tmp_path / "theirs.csv",
        [["ar", "fr"], [DGST_AR, "Direction de la surveillance du territoire (DST)"]],
    )

    code, err = run_import(runner, source, fresh_db)
    assert code == 0
    assert "theirs.csv:2: conflict:" in err and "--overwrite" in err
    assert "1 conflict left for review" in err
    assert preferred(fresh_db, DGST_AR) == before

    code, err = run_import(runner, source, fresh_db, "--overwrite")
    assert code == 0 and "1 updated" in err
    after = preferred(fresh_db, DGST_AR)
    assert after["fr"] == "Direction de la surveillance du territoire"
    assert after["acronym"] == "DST" and after["human"] == 1


def test_an_import_of_other_terms_changes_no_decision(
    runner: CliRunner, fresh_db: Path, tmp_path: Path
) -> None:
    ids = _decide(fresh_db, runner, tmp_path)
    before = _decisions(fresh_db, ids)
    other = write_csv(
        tmp_path / "other.csv",
        [["ar", "fr"], ["الوكالة الوطنية للموانئ", "Agence nationale des ports (ANP)"]],
    )
    code, err = run_import(runner, other, fresh_db)
    assert code == 0 and "1 added" in err
    assert _decisions(fresh_db, ids) == before


def test_an_import_naming_decided_entries_keeps_the_decisions(
    runner: CliRunner, fresh_db: Path, tmp_path: Path
) -> None:
    """A file with its own kind, note and French for entries a person decided on: the
    rejection, the note, the chosen kind and the person's French stay."""
    ids = _decide(fresh_db, runner, tmp_path)
    before = _decisions(fresh_db, ids)
    _dgst, hammouchi, roadmap, rejected, border = before
    theirs = write_csv(
        tmp_path / "theirs.csv",
        [
            ["ar", "fr", "kind", "note"],
            [str(hammouchi["ar"]), str(hammouchi["fr"]), "place", "une autre note"],
            [str(roadmap["ar"]), str(roadmap["fr"]), "term", ""],
            [str(rejected["ar"]), "", "place", "à garder"],
            [str(border["ar"]), "garde-frontières", "organisation", "autre note"],
        ],
    )
    code, err = run_import(runner, theirs, fresh_db)
    assert code == 0, err
    assert _decisions(fresh_db, ids) == before


def test_imported_french_survives_a_rebuild_and_is_found(
    runner: CliRunner, fresh_db: Path, tmp_path: Path
) -> None:
    target = "الأمن الداخلي"
    store = Store(fresh_db)
    assert store.query("SELECT id FROM entries WHERE ar = ?", [target])
    store.close()
    source = write_csv(
        tmp_path / "mine.csv",
        [
            ["ar", "fr", "context"],
            [target, "sécurité intérieure (usage maison)", ""],
            ["حرس الحدود", "gardes", "انتشر حرس الحدود على طول الساحل."],
        ],
    )
    code, err = run_import(runner, source, fresh_db)
    assert code == 0 and "1 added, 1 updated" in err
    store = Store(fresh_db)
    paths = {r["path"] for r in store.query("SELECT path FROM documents")}
    assert "imported:mine.csv" in paths and len(paths) == 6
    assert lookup(store, "حرس الحدود").hits[0].context == "انتشر حرس الحدود على طول الساحل."
    build([SEEDS], store)  # the miner runs again over the same corpus
    assert len(store.query("SELECT path FROM documents")) == 5  # the import's context left
    hits = lookup(store, "حرس الحدود").hits
    assert hits and hits[0].fr == "gardes"  # the new entry is found by lookup
    assert lookup(store, "usage maison").hits[0].ar == target  # and by its French
    store.close()
    kept = preferred(fresh_db, target)
    assert kept["fr"] == "sécurité intérieure (usage maison)" and kept["origin"] == "manual"


def test_an_imports_french_never_replaces_a_persons_french_silently(
    runner: CliRunner, fresh_db: Path, tmp_path: Path
) -> None:
    """French a person chose is a decision too: a file's other French is a conflict.
    With --overwrite the file's French is preferred and the person's stays, to choose
    again in one key."""
    store = Store(fresh_db)
    hammouchi = _find(store, "حموشي")
    mine = set_french(store, hammouchi, "Abdellatif Hammouchi, directeur général", acronym="")
    ar = entry_detail(store, hammouchi).ar
    store.close()
    theirs = write_csv(tmp_path / "theirs.csv", [["ar", "fr"], [ar, "A. Hammouchi"]])

    code, err = run_import(runner, theirs, fresh_db)
    assert code == 0 and "theirs.csv:2: conflict:" in err and "1 conflict" in err
    assert preferred(fresh_db, ar)["fr"] == "Abdellatif Hammouchi, directeur général"

    code, err = run_import(runner, theirs, fresh_db, "--overwrite")
    assert code == 0 and "1 updated" in err
    store = Store(fresh_db)
    detail = entry_detail(store, hammouchi)
    assert detail.preferred is not None and detail.preferred.fr == "A. Hammouchi"
    kept = next(e for e in detail.equivalents if e.id == mine)
    assert kept.fr == "Abdellatif Hammouchi, directeur général" and kept.human
    review.choose_equivalent(store, hammouchi, mine)  # one key in the TUI
    assert entry_detail(store, hammouchi).preferred.fr == kept.fr  # type: ignore[union-attr]
    store.close()


def test_an_import_cannot_approve_what_a_person_rejected(
    runner: CliRunner, fresh_db: Path, tmp_path: Path
) -> None:
    store = Store(fresh_db)
    entry = _find(store, "حموشي")
    review.set_status(store, entry, "rejected")
    ar = entry_detail(store, entry).ar
    store.close()
    theirs = write_csv(
        tmp_path / "theirs.csv", [["ar", "fr", "status"], [ar, "A. Hammouchi", "approved"]]
    )
    code, err = run_import(runner, theirs, fresh_db)
    assert code == 0 and "conflict" in err
    store = Store(fresh_db)
    assert entry_detail(store, entry).status == "rejected"
    store.close()
