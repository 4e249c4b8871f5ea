"""Atomic work: a build, import or migration that fails or is interrupted (Ctrl-C, a killed
process) leaves the previous glossary exactly as it was.

"Exactly" is checked on a full dump of the db (schema and every row of every table,
search indexes included), taken before and after.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary import build as build_module
from glossary.build import build
from glossary.lookup import lookup
from glossary.store import Store

from .conftest import ROOT, SEEDS
from .helpers import dump

Writer = Callable[..., subprocess.Popen[str]]
DATA = Path(__file__).resolve().parent / "data" / "formats"


def _still_works(db: Path) -> None:
    """The db opens, answers and builds again."""
    store = Store(db)
    assert lookup(store, "DGST", limit=1).hits
    assert build([SEEDS], store).documents_unchanged == 5
    store.close()


# --- build ------------------------------------------------------------------------------
def test_a_build_killed_half_way_leaves_the_glossary_as_it_was(
    fresh_db: Path, big_corpus: Path, writer: Writer
) -> None:
    before = dump(fresh_db)
    process = writer(fresh_db, "build", str(big_corpus), spilled=True)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert dump(fresh_db) == before
    _still_works(fresh_db)


def test_ctrl_c_during_a_build_says_so_and_changes_nothing(
    fresh_db: Path, big_corpus: Path, writer: Writer
) -> None:
    before = dump(fresh_db)
    process = writer(fresh_db, "build", str(big_corpus), spilled=True)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 130
    assert err.strip() == "error: interrupted; the glossary is unchanged"
    assert dump(fresh_db) == before


def test_a_failed_build_leaves_the_glossary_exactly_as_it_was(
    fresh_db: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(fresh_db)
    (corpus / "new.txt").write_text(
        "وقعت الشرطة الوطنية الفرنسية اتفاقا جديدا.\n", encoding="utf-8"
    )

    def broken(entry: object) -> object:
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "to_record", broken)
    with pytest.raises(RuntimeError):
        build([corpus], Store(fresh_db))
    assert dump(fresh_db) == before


# --- import -----------------------------------------------------------------------------
def test_an_import_is_one_transaction(
    runner: CliRunner, fresh_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure at the second row: the first row is not kept either."""
    from glossary.commands_formats import import_command
    from glossary.formats import importer

    calls = {"n": 0}
    real = importer._insert_entry

    def failing(*args: object, **kwargs: object) -> int:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "_insert_entry", failing)
    before = dump(fresh_db)
    result = runner.invoke(import_command, [str(DATA / "plain.tsv"), "--db", str(fresh_db)])
    assert result.exit_code != 0 and calls["n"] == 2
    assert dump(fresh_db) == before


def test_an_import_killed_half_way_leaves_the_glossary_as_it_was(
    fresh_db: Path, many_terms: Path, writer: Writer
) -> None:
    before = dump(fresh_db)
    process = writer(fresh_db, "import", str(many_terms), spilled=True)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert dump(fresh_db) == before
    _still_works(fresh_db)


def test_ctrl_c_during_an_import_changes_nothing(
    fresh_db: Path, many_terms: Path, writer: Writer
) -> None:
    before = dump(fresh_db)
    process = writer(fresh_db, "import", str(many_terms), spilled=True)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=120)
    assert process.returncode != 0
    assert "Traceback" not in err and "imported" not in err
    assert dump(fresh_db) == before


# --- migration --------------------------------------------------------------------------
FAILING_MIGRATION = """
import sys
import glossary.store as store
store.MIGRATIONS = [*store.MIGRATIONS,
    "ALTER TABLE entries ADD COLUMN reviewer TEXT; "
    "UPDATE entries SET status = 'rejected', reviewer = 'migration'; "
    "INSERT INTO no_such_table VALUES (1);"]
store.LATEST = len(store.MIGRATIONS)
from glossary.cli import main
sys.argv = ["glossary", *sys.argv[1:]]
main()
"""


def test_a_failed_migration_leaves_the_glossary_as_it_was(fresh_db: Path) -> None:
    """A newer tool whose migration breaks half-way: one line, and the db as it was."""
    before = dump(fresh_db)
    result = subprocess.run(
        [sys.executable, "-c", FAILING_MIGRATION, "lookup", "DGST", "--db", str(fresh_db)],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and str(fresh_db) in result.stderr
    assert "no such table: no_such_table" in result.stderr and "Traceback" not in result.stderr
    assert dump(fresh_db) == before
    _still_works(fresh_db)  # the tool of today still reads and builds it


# --- export -----------------------------------------------------------------------------
def test_an_interrupted_export_leaves_the_previous_file(
    runner: CliRunner, seeds_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C half-way through `export -o`: the file already there is untouched, no
    half-written glossary takes its place and no partial file is left behind."""
    import glossary.commands_formats as commands
    from glossary import formats

    out = tmp_path / "glossary.csv"
    assert (
        runner.invoke(commands.export_command, ["-o", str(out), "--db", str(seeds_db)]).exit_code
        == 0
    )
    before = out.read_bytes()
    real = formats.write_export

    def interrupted(store: Store, stream: object, *args: object, **kwargs: object) -> int:
        stream.write("ar,fr\n")  # type: ignore[attr-defined]
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "write_export", interrupted, raising=False)
    monkeypatch.setattr(formats, "write_export", interrupted)
    result = runner.invoke(
        commands.export_command, ["-o", str(out), "--all", "--db", str(seeds_db)]
    )
    assert result.exit_code != 0
    assert out.read_bytes() == before
    assert list(tmp_path.iterdir()) == [out]
    monkeypatch.setattr(formats, "write_export", real)


def test_a_failed_migration_keeps_no_lock(fresh_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While the failed Store is still referenced (a TUI showing the error), another
    program can write at once."""
    import glossary.store as store_module
    from glossary.store import StoreError

    broken = [*store_module.MIGRATIONS, "INSERT INTO no_such_table VALUES (1);"]
    monkeypatch.setattr(store_module, "MIGRATIONS", broken)
    monkeypatch.setattr(store_module, "LATEST", len(broken))
    with pytest.raises(StoreError) as failure:
        Store(fresh_db)
    other = sqlite3.connect(fresh_db, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # "database is locked" if the lock were kept
    other.rollback()
    other.close()
    assert "no such table" in str(failure.value)
