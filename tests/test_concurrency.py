"""Two programs at once: the TUI (or a script) open on a db while `glossary build` or
`glossary import` writes to it. No "database is locked" crash, no lost decision, and the
TUI picks up the new data by itself.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.pilot import Pilot

import glossary.store
import tui.app
from glossary.build import build
from glossary.cli import cli
from glossary.lookup import lookup
from glossary.review import entry_detail, set_status
from glossary.store import Store
from tui.app import GlossaryApp
from tui.screens.main import MainScreen, SearchInput
from tui.widgets.results import ResultsTable

from .conftest import GLOSSARY, ROOT, SEEDS, holds_write_lock
from .helpers import dump

Writer = Callable[..., subprocess.Popen[str]]
DGST_AR = "المديرية العامة لمراقبة التراب الوطني"
ONCF_AR = "المكتب الوطني للسكك الحديدية"
BORDER_AR = "حرس الحدود"
SIZE = (100, 30)


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """TUI settings go to a private folder; the TUI looks for changes often."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(tui.app, "CHANGE_CHECK_SECONDS", 0.1)


@pytest.fixture
def other_program(fresh_db: Path) -> Iterator[sqlite3.Connection]:
    """Another program's connection to the db: BEGIN IMMEDIATE takes the write lock."""
    conn = sqlite3.connect(fresh_db, isolation_level=None)
    yield conn
    conn.close()


def _status(db: Path, entry_id: int) -> str:
    store = Store(db, create=False)
    try:
        return str(store.rows("SELECT status FROM entries WHERE id = ?", [entry_id])[0][0])
    finally:
        store.close()


def _notices(app: GlossaryApp, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(message, severity) of every notification the app shows from now on."""
    shown: list[tuple[str, str]] = []
    real = app.notify

    def notify(message: str, **kwargs: object) -> None:
        shown.append((message, str(kwargs.get("severity", "information"))))
        real(message, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "notify", notify)
    return shown


async def _settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _search(pilot: Pilot[None], text: str) -> list[str]:
    search_box = pilot.app.screen.query_one(SearchInput)
    search_box.focus()
    search_box.value = ""
    await pilot.press(*text)
    await _settle(pilot)
    return [row.ar for row in pilot.app.screen.query_one(ResultsTable).entry_rows]


async def _finish(pilot: Pilot[None], process: subprocess.Popen[str]) -> str:
    """Let the TUI run until the other program ends; its stderr."""
    while process.poll() is None:
        await pilot.pause(0.05)
    _out, err = process.communicate()
    assert process.returncode in (0, 1), err  # 1: an import with rows left for review
    assert "locked" not in err and "Traceback" not in err
    return err


async def _shown_rows(pilot: Pilot[None], wanted: str) -> list[str]:
    """The rows on screen once `wanted` is among them (or after 20 s without it)."""
    for _ in range(400):
        rows = [row.ar for row in pilot.app.screen.query_one(ResultsTable).entry_rows]
        if wanted in rows:
            return rows
        await pilot.pause(0.05)
    return rows


# --- a script and a build ------------------------------------------------------------------
def test_a_decision_taken_during_a_build_is_kept(fresh_db: Path, big_corpus: Path) -> None:
    reader = Store(fresh_db)  # the TUI's connection
    entry = lookup(reader, "DGST", limit=1).hits[0].entry_id
    errors: list[BaseException] = []

    def run_build() -> None:
        try:
            build([SEEDS, big_corpus], Store(fresh_db))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    builder = threading.Thread(target=run_build)
    builder.start()
    while builder.is_alive() and not holds_write_lock(fresh_db):
        pass  # until the build is writing
    assert lookup(reader, "DGST", limit=1).hits, "reads go on during the build"
    set_status(reader, entry, "approved")  # waits for the build's commit, then writes
    builder.join(timeout=120)
    assert not errors
    assert entry_detail(Store(fresh_db), entry).status == "approved"


def test_lookup_answers_while_a_build_writes(
    fresh_db: Path, big_corpus: Path, writer: Writer
) -> None:
    process = writer(fresh_db, "build", str(big_corpus))
    result = subprocess.run(
        [sys.executable, "-c", GLOSSARY, "lookup", "DGST", "--db", str(fresh_db)],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Direction générale de la surveillance du territoire (DGST)" in result.stdout
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 0 and "locked" not in err


@pytest.mark.parametrize("command", ["edit", "import", "build"])
def test_a_db_kept_busy_too_long_gets_one_line_and_nothing_changes(
    runner: CliRunner,
    fresh_db: Path,
    tmp_path: Path,
    other_program: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    """Another program holds the write lock longer than the busy timeout (10 s; here
    0.2 s): the command says so in one line and can simply be run again."""
    monkeypatch.setattr(glossary.store, "BUSY_TIMEOUT_MS", 200)
    source = tmp_path / "terms.csv"
    source.write_text(f"ar,fr\n{BORDER_AR},garde-frontières\n", encoding="utf-8")
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "new.txt").write_text(
        "وقع المكتب الوطني للسكك الحديدية اتفاقية مع شركائه.\n", encoding="utf-8"
    )
    args = {
        "edit": ["edit", "DGST", "--status", "approved"],
        "import": ["import", str(source)],
        "build": ["build", str(SEEDS), str(tmp_path / "corpus")],
    }[command]
    before = dump(fresh_db)
    other_program.execute("BEGIN IMMEDIATE")
    result = runner.invoke(cli, [*args, "--db", str(fresh_db)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.strip() == (
        f"error: {fresh_db}: another program kept the glossary busy for more than 10 s "
        "(a build or an import?); nothing was changed, try again"
    )
    other_program.execute("ROLLBACK")  # the other program is done
    assert dump(fresh_db) == before
    again = runner.invoke(cli, [*args, "--db", str(fresh_db)])
    assert again.exit_code == 0, again.output


# --- the TUI and another program -------------------------------------------------------------
async def test_the_tui_shows_the_new_entries_of_a_build_by_itself(
    fresh_db: Path, big_corpus: Path, writer: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    (big_corpus / "zz_new.txt").write_text(
        "وقع المكتب الوطني للسكك الحديدية اتفاقية مع الوكالة الوطنية للموانئ في طنجة.\n",
        encoding="utf-8",
    )
    app = GlossaryApp(fresh_db)
    notices = _notices(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        assert ONCF_AR not in await _search(pilot, "المكتب")
        status_line = str(app.screen.query_one("#status-line").render())

        await _finish(pilot, writer(fresh_db, "build", str(big_corpus)))

        rows = await _shown_rows(pilot, ONCF_AR)  # no key pressed since the search
        assert ONCF_AR in rows
        assert str(app.screen.query_one("#status-line").render()) != status_line
        refreshed = ("Glossary updated by another program: results refreshed", "information")
        assert refreshed in notices


async def test_the_tui_searches_and_decides_during_a_build(
    fresh_db: Path, big_corpus: Path, writer: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = GlossaryApp(fresh_db)
    notices = _notices(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        process = writer(fresh_db, "build", str(big_corpus))  # writing from now on
        assert (await _search(pilot, "DGST"))[0] == DGST_AR  # searches go on
        await pilot.press("enter")  # to the results
        approved = app.screen.query_one(ResultsTable).current_entry_id()
        assert approved is not None
        await pilot.press("a")  # waits for the build's commit, then writes
        await _settle(pilot)
        await _finish(pilot, process)
        assert not [n for n in notices if n[1] == "error"]
        assert isinstance(app.screen, MainScreen)
    assert _status(fresh_db, approved) == "approved"


async def test_the_tui_shows_what_an_import_adds_and_keeps_its_decisions(
    fresh_db: Path, many_terms: Path, writer: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with many_terms.open("a", encoding="utf-8") as out:
        out.write(f"{DGST_AR},Direction de la surveillance du territoire (DST),\n")
        out.write(f"{BORDER_AR},garde-frontières,\n")
    app = GlossaryApp(fresh_db)
    notices = _notices(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        assert (await _search(pilot, "DGST"))[0] == DGST_AR
        await pilot.press("enter", "a")  # approved in the TUI
        await _settle(pilot)
        assert BORDER_AR not in await _search(pilot, BORDER_AR)

        process = writer(fresh_db, "import", str(many_terms))
        err = await _finish(pilot, process)
        assert "conflict: " + DGST_AR in err  # the import leaves the approved entry alone

        assert BORDER_AR in await _shown_rows(pilot, BORDER_AR)  # no key pressed since
        assert any(n[0].startswith("Glossary updated by another program") for n in notices)
    store = Store(fresh_db)
    row = store.query(
        "SELECT e.status, q.fr, q.acronym FROM entries e JOIN equivalents q "
        "ON q.entry_id = e.id AND q.preferred = 1 WHERE e.ar = ?",
        [DGST_AR],
    )[0]
    store.close()
    assert row == {
        "status": "approved",
        "fr": "Direction générale de la surveillance du territoire",
        "acronym": "DGST",
    }


async def test_a_tui_decision_on_a_db_kept_busy_too_long_is_refused_then_retried(
    fresh_db: Path, other_program: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(glossary.store, "BUSY_TIMEOUT_MS", 200)
    app = GlossaryApp(fresh_db)
    notices = _notices(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        assert (await _search(pilot, "DGST"))[0] == DGST_AR
        await pilot.press("enter")
        entry = app.screen.query_one(ResultsTable).current_entry_id()
        assert entry is not None
        other_program.execute("BEGIN IMMEDIATE")  # another program writes, and goes on
        await pilot.press("a")
        await _settle(pilot)
        assert [n for n in notices if n[1] == "error"], "the person is told"
        assert _status(fresh_db, entry) == "proposed"
        assert isinstance(app.screen, MainScreen)  # the TUI goes on
        other_program.execute("ROLLBACK")
        await pilot.press("a")  # the same key again, now that the db is free
        await _settle(pilot)
    assert _status(fresh_db, entry) == "approved"


def test_a_build_holds_no_lock_while_it_mines(
    fresh_db: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A person's decision during the mining (most of a build) is written at once, and
    the build keeps it."""
    from glossary import mining

    entry = lookup(Store(fresh_db), "DGST").hits[0].entry_id
    real = mining.Miner.mine
    decided: list[bool] = []

    def mine_while_a_person_decides(self: mining.Miner) -> list[mining.MinedEntry]:
        other = Store(fresh_db)
        other.conn.execute("PRAGMA busy_timeout = 0")  # no waiting: a held lock fails
        set_status(other, entry, "approved")
        other.close()
        decided.append(True)
        return real(self)

    monkeypatch.setattr(mining.Miner, "mine", mine_while_a_person_decides)
    (corpus / "new.txt").write_text("وأعلنت المديرية العامة للأمن الوطني عن توقيف مشتبه فيه.")
    store = Store(fresh_db)
    report = build([corpus], store)
    assert decided == [True] and report.documents_read >= 1
    assert entry_detail(store, entry).status == "approved"
    store.close()
