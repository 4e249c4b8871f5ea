"""Shared fixtures: the seed corpus, a glossary built from it, the CLI runner."""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import glossary.commands_mt  # noqa: F401  (adds `models` to the CLI)
from glossary.build import build
from glossary.cli import cli
from glossary.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A glossary db built once from the seed corpus (tests must not write to it)."""
    folder = tmp_path_factory.mktemp("seeds-db")
    db = folder / "glossary.db"
    store = Store(db)
    build([SEEDS], store)
    store.close()
    return db


@pytest.fixture
def fresh_db(tmp_path: Path, seeds_db: Path) -> Path:
    """A private copy of the seed glossary that a test may change."""
    target = tmp_path / "glossary.db"
    shutil.copy(seeds_db, target)
    return target


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A private copy of the seed corpus that a test may change."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def runner() -> Iterator[CliRunner]:
    yield CliRunner()


# --- a tiny real Argos model (tests/mt_fixtures.py), for translation tests -------------
ARGOS_ENV = ("HOME", "ARGOS_PACKAGES_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")


@pytest.fixture(scope="session")
def argos_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A private HOME and packages folder for the whole session (Argos reads them once)."""
    home = tmp_path_factory.mktemp("argos-home")
    saved = {key: os.environ.get(key) for key in ARGOS_ENV}
    os.environ.update(
        HOME=str(home),
        ARGOS_PACKAGES_DIR=str(home / "packages"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    yield home
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny ar→fr .argosmodel, built once (about 1.5 s)."""
    from .mt_fixtures import build_argosmodel  # numpy, sentencepiece: the mt extra

    return build_argosmodel(tmp_path_factory.mktemp("tiny-model"))


@pytest.fixture(scope="session")
def installed_model(argos_home: Path, tiny_model: Path) -> Path:
    result = CliRunner().invoke(cli, ["models", "install", "--from", str(tiny_model)])
    assert result.exit_code == 0, result.output
    assert "installed translate-ar_fr-tiny (ar→fr" in result.output
    return argos_home / "packages"


# --- another program writing to the db (reliability tests) ------------------------------
@pytest.fixture
def big_corpus(tmp_path: Path) -> Path:
    """The seeds 40 times over, each copy a new document: a build that takes a while."""
    folder = tmp_path / "big"
    folder.mkdir()
    for i in range(40):
        for seed in sorted(SEEDS.glob("*.txt")):
            text = seed.read_text(encoding="utf-8").replace("الرباط", f"الرباط {i}")
            (folder / f"{i:03d}_{seed.name}").write_text(text, encoding="utf-8")
    return folder


# `glossary` in a new process (`python -m glossary.cli` would miss the commands that
# glossary.commands_formats adds to the module's own `cli`).
GLOSSARY = "import sys; from glossary.cli import main; sys.argv[0] = 'glossary'; main()"


def holds_write_lock(db: Path) -> bool:
    """Whether a program is writing to `db` now (holds its write lock)."""
    probe = sqlite3.connect(db, timeout=0)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.rollback()
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


@pytest.fixture
def writer() -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """Start `glossary ARGS --db DB` in another process; return it once it is writing.

    Writing means holding the db's write lock, or with `spilled=True`, having put
    uncommitted pages in the WAL (a transaction half-way). Processes still running at
    the end of the test are killed.
    """
    started: list[subprocess.Popen[str]] = []

    def start(db: Path, *args: str, spilled: bool = False) -> subprocess.Popen[str]:
        wal = Path(f"{db}-wal")
        start_size = wal.stat().st_size if wal.exists() else 0
        process = subprocess.Popen(
            [sys.executable, "-c", GLOSSARY, *args, "--db", str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        started.append(process)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if spilled and wal.exists() and wal.stat().st_size > start_size:
                break
            if not spilled and holds_write_lock(db):
                break
            time.sleep(0.005)
        assert process.poll() is None, f"{args[0]} finished before it was seen writing"
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def many_terms(tmp_path: Path) -> Path:
    """A CSV glossary of 3,000 new terms, each with a context: an import that takes a while."""
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    path = tmp_path / "many.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["ar", "fr", "context"])
        for i in range(3000):
            word = "".join(letters[(i // len(letters) ** k) % len(letters)] for k in range(4))
            ar = f"مصلحة {word} الوطنية"
            writer.writerow([ar, f"service national {i}", f"أعلنت {ar} عن برنامج {i}."])
    return path
