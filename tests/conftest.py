"""Shared fixtures: the seed corpus, a glossary built from it, the CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.build import build
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
