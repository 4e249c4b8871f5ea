"""Nothing lost: a killed build, two programs at once, bad db files."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from click.testing import CliRunner

from glossary.build import build
from glossary.cli import cli
from glossary.lookup import lookup
from glossary.review import entry_detail, set_status
from glossary.store import Store

from .conftest import SEEDS


def _big_corpus(folder: Path, copies: int) -> Path:
    """The seeds many times over, each copy a new document (different names, same text)."""
    folder.mkdir()
    for i in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            text = seed.read_text(encoding="utf-8").replace("الرباط", f"الرباط {i}")
            (folder / f"{i:03d}_{seed.name}").write_text(text, encoding="utf-8")
    return folder


def _snapshot(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT id, key, status, frequency FROM entries ORDER BY id").fetchall()
    rows += conn.execute("SELECT id, path, sha256 FROM documents ORDER BY id").fetchall()
    rows += conn.execute("SELECT count(*) FROM occurrences").fetchall()
    conn.close()
    return rows


def test_a_build_killed_half_way_leaves_the_glossary_as_it_was(
    fresh_db: Path, tmp_path: Path
) -> None:
    before = _snapshot(fresh_db)
    corpus = _big_corpus(tmp_path / "big", copies=40)
    wal = Path(str(fresh_db) + "-wal")
    start_size = wal.stat().st_size if wal.exists() else 0
    process = subprocess.Popen(
        [sys.executable, "-m", "glossary.cli", "build", str(corpus), "--db", str(fresh_db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    # Kill as soon as the build has started writing its transaction.
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > start_size:
            break
        time.sleep(0.005)
    assert process.poll() is None, "the build finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert _snapshot(fresh_db) == before
    store = Store(fresh_db)  # and the db still opens and rebuilds
    assert build([SEEDS], store).documents_unchanged == 5


def test_ctrl_c_during_a_build_says_so_and_changes_nothing(fresh_db: Path, tmp_path: Path) -> None:
    before = _snapshot(fresh_db)
    corpus = _big_corpus(tmp_path / "big", copies=40)
    wal = Path(str(fresh_db) + "-wal")
    start_size = wal.stat().st_size if wal.exists() else 0
    process = subprocess.Popen(
        [sys.executable, "-m", "glossary.cli", "build", str(corpus), "--db", str(fresh_db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > start_size:
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted; the glossary is unchanged" in err and "Traceback" not in err
    assert _snapshot(fresh_db) == before


def test_a_decision_taken_during_a_build_is_kept(fresh_db: Path, tmp_path: Path) -> None:
    corpus = _big_corpus(tmp_path / "big", copies=30)
    shutil.copytree(SEEDS, corpus, dirs_exist_ok=True)
    reader = Store(fresh_db)  # the TUI's connection
    entry = lookup(reader, "DGST", limit=1).hits[0].entry_id
    errors: list[BaseException] = []

    def run_build() -> None:
        try:
            build([corpus], Store(fresh_db))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    builder = threading.Thread(target=run_build)
    builder.start()
    time.sleep(0.3)  # the build holds the write lock now
    assert lookup(reader, "DGST", limit=1).hits, "reads go on during the build"
    set_status(reader, entry, "approved")  # waits for the build's commit, then writes
    builder.join(timeout=120)
    assert not errors
    assert entry_detail(Store(fresh_db), entry).status == "approved"


def test_a_db_that_is_not_sqlite_gets_one_line(runner: CliRunner, tmp_path: Path) -> None:
    bogus = tmp_path / "glossary.db"
    bogus.write_bytes(b"PK\x03\x04 not a database" * 200)
    result = runner.invoke(cli, ["lookup", "DGST", "--db", str(bogus)])
    assert result.exit_code == 2
    assert "not a usable glossary db" in result.output and "Traceback" not in result.output
    assert bogus.read_bytes().startswith(b"PK"), "the file is left untouched"


def test_a_missing_folder_for_the_db_gets_one_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["build", str(SEEDS), "--db", str(tmp_path / "no" / "g.db")])
    assert result.exit_code == 2
    assert "g.db" in result.output and "Traceback" not in result.output
