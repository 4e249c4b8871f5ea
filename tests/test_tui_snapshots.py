"""Snapshots of the TUI's main screens at 80×24 (update with --snapshot-update).

The db holds a fixed set of entries written straight through the store, not mined: a
change to the miner must not change what these screens look like. Screens show
document names, never folders, so temporary paths never reach a snapshot.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from glossary.arabic import group_key, search_key
from glossary.equivalents import Equivalent
from glossary.store import EntryRecord, FormRecord, OccurrenceRecord, Store
from tui.app import GlossaryApp
from tui.settings import Settings, save_settings

ROOT = Path(__file__).resolve().parent.parent
SIZE = (80, 24)
SnapCompare = Callable[..., bool]
TEXT = (
    "من المرتقب أن يقوم المدير العام للأمن الوطني ولمراقبة التراب الوطني عبد اللطيف "
    "الحموشي، بزيارة العاصمة الفرنسية باريس."
)


SENTENCES = [
    (
        "جاء لقاء عبد اللطيف حموشي، المدير العام للأمن الوطني ولمراقبة التراب الوطني، مع سيلين "
        "بيرتون في الرباط."
    ),
    (
        "وأوضح بيان لقطب المديرية العامة للأمن الوطني والمديرية العامة لمراقبة التراب الوطني أن "
        "التوقيع يأتي في سياق الزيارة."
    ),
    "ويعمل المغرب مع فرنسا على مكافحة الإرهاب والجريمة المنظمة وتبادل المعلومات.",
    "ووقع الطرفان خارطة طريق لمكافحة الهجرة غير النظامية.",
]
# (Arabic, French, acronym, kind, origin, confidence)
ENTRIES = [
    (
        "المديرية العامة لمراقبة التراب الوطني",
        "Direction générale de la surveillance du territoire",
        "DGST",
        "organisation",
        "lexicon",
        0.95,
    ),
    (
        "المديرية العامة للأمن الوطني",
        "Direction générale de la sûreté nationale",
        "DGSN",
        "organisation",
        "lexicon",
        0.95,
    ),
    ("عبد اللطيف حموشي", "Abdellatif Hammouchi", "", "person", "lexicon", 0.95),
    ("سيلين بيرتون", "Céline Berthon", "", "person", "lexicon", 0.95),
    ("الرباط", "Rabat", "", "place", "lexicon", 0.95),
    ("المغرب", "Maroc", "", "place", "lexicon", 0.95),
    ("فرنسا", "France", "", "place", "lexicon", 0.95),
    ("مكافحة الإرهاب", "lutte contre le terrorisme", "", "term", "lexicon", 0.95),
    ("الجريمة المنظمة", "criminalité organisée", "", "term", "lexicon", 0.95),
    ("تبادل المعلومات", "échange d'informations", "", "term", "lexicon", 0.95),
    ("خارطة طريق", "feuille de route", "", "term", "lexicon", 0.95),
    ("الهجرة غير النظامية", "immigration irrégulière", "", "term", "compositional", 0.7),
    (
        "المدير العام للأمن الوطني",
        "directeur général de la sûreté nationale",
        "",
        "term",
        "lexicon",
        0.95,
    ),
]


def _records(sentence_ids: list[int]) -> list[EntryRecord]:
    records = []
    for ar, fr, acronym, kind, origin, confidence in ENTRIES:
        stem = ar.removeprefix("ال")
        occurrences = [
            OccurrenceRecord(sid, text.index(stem), text.index(stem) + len(stem), stem)
            for sid, text in zip(sentence_ids, SENTENCES, strict=True)
            if stem in text
        ]
        key = group_key(search_key(ar))
        records.append(
            EntryRecord(
                key=key,
                ar=ar,
                kind=kind,
                in_glossary=True,
                score=float(len(occurrences)),
                termhood=0.0,
                specificity=0.0,
                sources="lexicon",
                domain="",
                documents=1,
                forms=[FormRecord(ar, search_key(ar), key, len(occurrences))],
                equivalents=[Equivalent(fr, acronym, origin, confidence)],
                occurrences=occurrences,
            )
        )
    return records


@pytest.fixture(scope="module")
def snapshot_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("tui-snapshots") / "glossary.db"
    store = Store(db)
    with store.write():
        store.add_document("article.txt", "0" * 64, "utf-8", 60, [(0, text) for text in SENTENCES])
        ids = [row[0] for row in store.rows("SELECT id FROM sentences ORDER BY idx")]
        store.replace_mined(_records(ids))
    store.close()
    return db


@pytest.fixture
def snapshot_db(tmp_path: Path, snapshot_template: Path) -> Path:
    target = tmp_path / "glossary.db"
    shutil.copy(snapshot_template, target)
    return target


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def keys(*presses: str, text: str | None = None) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Press keys, letting each search or lookup finish before the next."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for press in presses:
            await pilot.press(*_split(press))
            await settle(pilot)
        if text is not None:
            pilot.app.screen.query_one(TextArea).load_text(text)
            await settle(pilot)

    return run_before


def _split(press: str) -> Iterable[str]:
    """A press "type:DGST" types the letters; anything else is one key."""
    return list(press[5:]) if press.startswith("type:") else [press]


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen_browsing(snap_compare: SnapCompare, snapshot_db: Path) -> None:
    assert snap_compare(GlossaryApp(snapshot_db), terminal_size=SIZE, run_before=keys())


def test_search_dgst(snap_compare: SnapCompare, snapshot_db: Path) -> None:
    assert snap_compare(
        GlossaryApp(snapshot_db), terminal_size=SIZE, run_before=keys("type:DGST", "enter")
    )


def test_entry_detail(snap_compare: SnapCompare, snapshot_db: Path) -> None:
    assert snap_compare(
        GlossaryApp(snapshot_db),
        terminal_size=SIZE,
        run_before=keys("type:DGST", "enter", "enter"),
    )


def test_french_dialog(snap_compare: SnapCompare, snapshot_db: Path) -> None:
    assert snap_compare(
        GlossaryApp(snapshot_db),
        terminal_size=SIZE,
        run_before=keys("type:DGST", "enter", "enter", "e"),
    )


def test_document_at_the_line(snap_compare: SnapCompare, snapshot_db: Path) -> None:
    assert snap_compare(
        GlossaryApp(snapshot_db),
        terminal_size=SIZE,
        run_before=keys("type:DGST", "enter", "enter", "enter"),
    )


def test_rtl_display(snap_compare: SnapCompare, snapshot_db: Path) -> None:
    save_settings(Settings(rtl=True))  # as left by an earlier run
    assert snap_compare(
        GlossaryApp(snapshot_db),
        terminal_size=SIZE,
        run_before=keys("type:DGST", "enter", "enter"),
    )


def test_rtl_results(snap_compare: SnapCompare, snapshot_db: Path) -> None:
    save_settings(Settings(rtl=True))
    assert snap_compare(GlossaryApp(snapshot_db), terminal_size=SIZE, run_before=keys("enter"))


def test_translate_pane(
    snap_compare: SnapCompare, snapshot_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "none"))  # no model: its hint
    assert snap_compare(
        GlossaryApp(snapshot_db), terminal_size=SIZE, run_before=keys("enter", "t", text=TEXT)
    )


def test_help(snap_compare: SnapCompare, snapshot_db: Path) -> None:
    assert snap_compare(GlossaryApp(snapshot_db), terminal_size=SIZE, run_before=keys("f1"))


def test_missing_db(
    snap_compare: SnapCompare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)  # relative paths on screen, as a person would type them
    assert snap_compare(GlossaryApp(Path("glossary.db")), terminal_size=SIZE, run_before=keys())
