"""The terminal UI, driven through Textual's pilot: search, read, review, export."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, ListView, OptionList, TextArea

from glossary.build import build
from glossary.lookup import lookup
from glossary.review import entry_detail, set_status
from glossary.store import Store
from tui.app import GlossaryApp
from tui.direction import fit, visual
from tui.screens.document import DocumentScreen
from tui.screens.entry import EntryScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen, SearchInput
from tui.screens.modals import ExportDialog, FrenchDialog, KindDialog, NoteDialog
from tui.screens.startup import StartupScreen
from tui.screens.translate import NO_MODEL, TranslateScreen
from tui.settings import SETTINGS_FILE
from tui.widgets.bidi_text import BidiText
from tui.widgets.results import ResultsTable

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DGST_AR = "المديرية العامة لمراقبة التراب الوطني"
SIZE = (100, 30)


@pytest.fixture(scope="module")
def tui_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A glossary built once from a copy of the seed corpus."""
    folder = tmp_path_factory.mktemp("tui-db")
    corpus = folder / "seeds"
    shutil.copytree(SEEDS, corpus)
    db = folder / "glossary.db"
    store = Store(db)
    build([corpus], store)
    store.close()
    return db


@pytest.fixture
def tui_db(tmp_path: Path, tui_template: Path) -> Path:
    """A private copy of the seed glossary that the test may change."""
    target = tmp_path / "glossary.db"
    shutil.copy(tui_template, target)
    return target


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Settings go to a private folder, never to the real ~/.config."""
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    yield home / "ar-fr-glossary"


async def settle(pilot: Pilot[None]) -> None:
    """Let searches (worker + search thread) finish and the screen redraw."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def results(pilot: Pilot[None]) -> ResultsTable:
    return pilot.app.screen.query_one(ResultsTable)


async def search(pilot: Pilot[None], text: str) -> ResultsTable:
    await pilot.press(*text)
    await settle(pilot)
    return results(pilot)


def status_of(db: Path, ar: str) -> str:
    store = Store(db, create=False)
    try:
        return str(store.rows("SELECT status FROM entries WHERE ar = ?", [ar])[0][0])
    finally:
        store.close()


def dgst_id(db: Path) -> int:
    store = Store(db, create=False)
    try:
        return int(store.rows("SELECT id FROM entries WHERE ar = ?", [DGST_AR])[0][0])
    finally:
        store.close()


async def open_dgst(pilot: Pilot[None]) -> EntryScreen:
    table = await search(pilot, "DGST")
    assert table.entry_rows[0].ar == DGST_AR
    await pilot.press("enter", "enter")  # to the results, then open the entry
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EntryScreen)
    return screen


# --- search ----------------------------------------------------------------------------
async def test_typing_dgst_shows_the_dgst_row(tui_db: Path) -> None:
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert isinstance(app.focused, SearchInput)  # type at once
        table = await search(pilot, "DGST")
        assert [r.ar for r in table.entry_rows][:1] == [DGST_AR]
        row = table.entry_rows[0]
        assert (row.acronym, row.kind, row.status) == ("DGST", "organisation", "proposed")
        assert row.frequency > 0
        # What the person sees in the table's first row.
        cells = [str(c) for c in table.get_row_at(0)]
        assert cells[0].startswith("المديرية العامة")
        assert "DGST" in cells


async def test_search_in_french_and_arabic_uses_lookup_matching(tui_db: Path) -> None:
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = await search(pilot, "surete nationale")
        assert any("sûreté nationale" in r.fr.lower() for r in table.entry_rows)
        await pilot.press("escape")  # clears the search box: back to browsing
        await settle(pilot)
        assert results(pilot).entry_rows[0].match == ""
        table = await search(pilot, "ولمراقبة التراب الوطني")
        assert any(r.ar == "مراقبة التراب الوطني" for r in table.entry_rows)


async def test_no_match_says_so(tui_db: Path) -> None:
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = await search(pilot, "zzzzqqq")
        assert table.entry_rows == []
        assert "nothing matches" in str(app.screen.query_one("#message").render())


# --- detail, concordance, document -------------------------------------------------------
async def test_entry_detail_shows_forms_french_and_context(tui_db: Path) -> None:
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_dgst(pilot)
        assert screen.detail is not None
        assert screen.detail.ar == DGST_AR
        texts = [w.text.plain for w in screen.query(BidiText)]
        assert texts[0] == DGST_AR
        french = str(screen.query_one("#entry-french").render())
        assert "Direction générale de la surveillance du territoire" in french
        assert "lexicon" in french and "0.95" in french
        concordance = screen.query_one("#concordance", ListView)
        assert len(concordance.children) == len(screen.detail.occurrences) > 0
        sentences = [w.text for w in concordance.query(BidiText)]
        # A context sentence from the seeds, with the term highlighted.
        assert any("مراقبة التراب الوطني" in s.plain for s in sentences)
        first = screen.detail.occurrences[0]
        spans = sentences[0].spans
        assert (
            spans
            and sentences[0].plain[spans[0].start : spans[0].end]
            == (first.sentence[first.start : first.end])
        )
        assert ".txt · sentence" in str(concordance.query(".source").first().render())


async def test_open_document_around_the_line(tui_db: Path) -> None:
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_dgst(pilot)
        assert screen.detail is not None
        occurrence = screen.detail.occurrences[0]
        await pilot.press("enter")
        await settle(pilot)
        document = app.screen
        assert isinstance(document, DocumentScreen)
        view = document.query_one("#document", ListView)
        assert view.index == occurrence.sentence_index
        assert view.children[occurrence.sentence_index].has_class("target")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen


# --- review ----------------------------------------------------------------------------
async def test_approve_in_detail_is_written_at_once(tui_db: Path) -> None:
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_dgst(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert screen.detail is not None and screen.detail.status == "approved"
        # Written before the app closes: another connection sees it now.
        assert status_of(tui_db, DGST_AR) == "approved"
        await pilot.press("escape")
        await settle(pilot)
        assert results(pilot).entry_rows[0].status == "approved"
    assert status_of(tui_db, DGST_AR) == "approved"


async def test_reject_from_the_results_moves_to_the_next_row(tui_db: Path) -> None:
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # to the results
        table = results(pilot)
        first, second = table.entry_rows[0], table.entry_rows[1]
        await pilot.press("r")
        await settle(pilot)
        assert status_of(tui_db, first.ar) == "rejected"
        assert table.current_entry_id() == second.id


async def test_edit_french_through_the_modal(tui_db: Path) -> None:
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_dgst(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FrenchDialog)
        # The alternatives are listed; the French box is focused with its text selected.
        assert dialog.query_one("#alternatives", OptionList).option_count >= 1
        await pilot.press("ctrl+u", *"Direction de la surveillance du territoire", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
    store = Store(tui_db, create=False)
    detail = entry_detail(store, dgst_id(tui_db))
    store.close()
    assert detail.preferred is not None
    assert detail.preferred.fr == "Direction de la surveillance du territoire"
    assert detail.preferred.human


async def test_choose_an_alternative_in_the_modal(tui_db: Path) -> None:
    store = Store(tui_db, create=False)
    entry_id = dgst_id(tui_db)
    from glossary.review import set_french

    set_french(store, entry_id, "DST (ancien nom)")  # now two equivalents
    store.close()
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_dgst(pilot)
        await pilot.press("e")
        await settle(pilot)
        options = app.screen.query_one("#alternatives", OptionList)
        assert options.option_count == 2
        options.focus()
        await pilot.press("down", "enter")  # the second: the lexicon's French
        await settle(pilot)
    store = Store(tui_db, create=False)
    detail = entry_detail(store, entry_id)
    store.close()
    assert detail.preferred is not None
    assert detail.preferred.fr == "Direction générale de la surveillance du territoire"


async def test_change_kind_and_add_note(tui_db: Path) -> None:
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_dgst(pilot)
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, KindDialog)
        await pilot.press("5")  # term
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"ancien nom: DST", "enter")
        await settle(pilot)
        assert screen.detail is not None
        assert (screen.detail.kind, screen.detail.note) == ("term", "ancien nom: DST")
        assert "ancien nom: DST" in screen.query_one("#entry-note", BidiText).text.plain
    store = Store(tui_db, create=False)
    row = store.query("SELECT kind, kind_manual, note FROM entries WHERE ar = ?", [DGST_AR])[0]
    store.close()
    assert row == {"kind": "term", "kind_manual": 1, "note": "ancien nom: DST"}


async def test_escape_cancels_a_dialog_without_writing(tui_db: Path) -> None:
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_dgst(pilot)
        await pilot.press("n", *"draft", "escape")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
    store = Store(tui_db, create=False)
    assert store.rows("SELECT note FROM entries WHERE ar = ?", [DGST_AR])[0][0] == ""
    store.close()


# --- filters and sorts -----------------------------------------------------------------
async def test_filter_by_kind_cycles_through_kinds(tui_db: Path) -> None:
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "f")
        await settle(pilot)
        rows = results(pilot).entry_rows
        assert rows and {r.kind for r in rows} == {"organisation"}
        assert "kind: organisation" in str(app.screen.query_one("#status-line").render())
        await pilot.press("f")
        await settle(pilot)
        assert {r.kind for r in results(pilot).entry_rows} == {"person"}
        # Filters apply to searches too.
        await pilot.press("slash")
        table = await search(pilot, "الأمن")
        assert all(r.kind == "person" for r in table.entry_rows)


async def test_filter_by_status_and_sort(tui_db: Path) -> None:
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "s")  # candidate
        await settle(pilot)
        assert {r.status for r in results(pilot).entry_rows} <= {"candidate"}
        await pilot.press("c", "o", "o")  # clear filters; sort by confidence, then alphabet
        await settle(pilot)
        arabic = [r.ar for r in results(pilot).entry_rows]
        assert arabic == sorted(arabic)
        assert "sort: alphabet" in str(app.screen.query_one("#status-line").render())


# --- RTL, help, quit -------------------------------------------------------------------
async def test_rtl_toggle_reorders_and_is_remembered(tui_db: Path, config_home: Path) -> None:
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = await search(pilot, "DGST")
        assert not config_home.exists()  # nothing written until a setting changes
        await pilot.press("enter", "d")
        await settle(pilot)
        cell = str(table.get_row_at(0)[0])
        width = table.ordered_columns[0].width
        assert cell == visual(fit(DGST_AR, width))  # cut at its logical end, then reordered
        assert cell.startswith("…") and cell.endswith("ةيريدملا")
    assert json.loads((config_home / SETTINGS_FILE).read_text()) == {"rtl": True}
    again = GlossaryApp(tui_db)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.session is not None and again.session.rtl
        assert "RTL on" in str(again.screen.query_one("#status-line").render())
        await pilot.press("f2")  # works while typing in the search box too
        await settle(pilot)
    assert json.loads((config_home / SETTINGS_FILE).read_text()) == {"rtl": False}


async def test_help_screen(tui_db: Path) -> None:
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_q_quits_and_closes_the_db(tui_db: Path) -> None:
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "q")
        await pilot.pause()
    assert not app.is_running
    assert app.session is None


async def test_q_types_into_the_search_box(tui_db: Path) -> None:
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running
        assert app.screen.query_one(SearchInput).value == "q"
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


# --- export, translate -----------------------------------------------------------------
async def test_export_csv_to_a_typed_path(tui_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "my glossary.csv"
    out.parent.mkdir()
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#path").value == "glossary.csv"  # type: ignore[attr-defined]
        await pilot.press("ctrl+u", *str(out), "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and rows[0].keys() >= {"ar", "fr", "acronym", "kind", "status"}
    assert any(r["ar"] == DGST_AR and r["acronym"] == "DGST" for r in rows)
    assert not out.with_name(out.name + ".part").exists()


async def test_export_picks_the_format_from_the_file_name(tui_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "glossary.tbx"
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "x")
        await settle(pilot)
        await pilot.press("ctrl+u", *str(out), "enter")
        await settle(pilot)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and 'type="TBX-Basic"' in text and "DGST" in text


async def test_translate_pane_lists_the_terms_of_a_text(
    tui_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-packages"))
    text = (
        "من المرتقب أن يقوم المدير العام للأمن الوطني ولمراقبة التراب الوطني عبد اللطيف "
        "الحموشي، بزيارة العاصمة الفرنسية باريس."
    )
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TranslateScreen)
        assert NO_MODEL in str(screen.query_one("#model-note").render())
        screen.query_one(TextArea).load_text(text)
        await settle(pilot)
        french = {t.hit.fr for t in screen.terms}
        assert {"Paris", "Abdellatif Hammouchi"} <= french
        table = screen.query_one("#terms", DataTable)
        assert table.row_count == len(screen.terms)
        await pilot.press("ctrl+t")  # no model: said in one line, the terms stay
        await settle(pilot)
        note = str(screen.query_one("#model-note").render())
        assert "no Arabic→French model installed" in note and "\n" not in note
        assert screen.query_one("#terms", DataTable).row_count == len(screen.terms)
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)


async def test_translate_pane_translates_with_the_glossary_enforced(
    tui_db: Path, installed_model: Path
) -> None:
    """With the tiny real Argos model (it copies its source): the French is put in."""
    store = Store(tui_db)
    dgst = lookup(store, DGST_AR).hits[0].entry_id
    set_status(store, dgst, "approved")
    store.close()
    text = f"أعلنت {DGST_AR} عن تعاون مع المديرية العامة للأمن الداخلي الفرنسية."
    app = GlossaryApp(tui_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TranslateScreen)
        assert "Ctrl+T translates" in str(screen.query_one("#model-note").render())
        screen.query_one("#source", TextArea).load_text(text)
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        french = screen.query_one("#translation", TextArea).text
        assert "Direction générale de la surveillance du territoire (DGST)" in french
        by_ar = {r.ar: r.status for r in screen.reports}
        assert by_ar[DGST_AR] == "enforced"
        assert by_ar["المديرية العامة للأمن الداخلي"] == "unenforced"  # proposed, box unticked
        note = str(screen.query_one("#model-note").render())
        assert "Translated with translate-ar_fr-tiny" in note and "1 enforced" in note
        table = screen.query_one("#terms", DataTable)
        assert str(table.get_cell(str(dgst), "check")) == "enforced"

        screen.query_one("#proposed", Checkbox).value = True  # the proposed French too
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert "DGSI" in screen.query_one("#translation", TextArea).text
        assert {r.status for r in screen.reports} == {"enforced"}


# --- missing or empty db ---------------------------------------------------------------
async def test_missing_db_shows_the_message_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "nowhere.db"
    app = GlossaryApp(db, seeds=tmp_path / "no-seeds")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StartupScreen)
        assert "There is no glossary at" in str(screen.query_one("#problem").render())
        assert "glossary build" in str(screen.query_one("#offer").render())
        await pilot.press("b")  # no seeds: nothing to build
        await settle(pilot)
        assert isinstance(app.screen, StartupScreen)
    assert not db.exists()


async def test_missing_db_is_built_from_seeds_on_request(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = tmp_path / "glossary.db"
    app = GlossaryApp(db, seeds=seeds)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Press b to build" in str(app.screen.query_one("#offer").render())
        await pilot.press("b")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        table = await search(pilot, "DGST")
        assert table.entry_rows[0].ar == DGST_AR


async def test_empty_db_says_it_is_empty(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store(db).close()
    app = GlossaryApp(db, seeds=tmp_path / "no-seeds")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartupScreen)
        assert "is empty" in str(app.screen.query_one("#problem").render())


async def test_unusable_db_says_why(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("not a database, just notes\n" * 200)
    app = GlossaryApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartupScreen)
        assert "not a usable glossary db" in str(app.screen.query_one("#problem").render())
        assert not app.screen.can_build
