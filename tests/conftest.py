"""Shared fixtures: the seed corpus, a glossary built from it, the CLI runner."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
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
