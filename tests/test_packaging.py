"""The README's commands work as written, in a fresh copy, and the package ships its data."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT


def _quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line.strip()]


def _tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, check=True, capture_output=True, text=True)
    files = out.stdout.split()
    assert files, "run from a git checkout"
    return files


def test_quick_start_is_two_commands_that_make_their_own_venv() -> None:
    first, second = _quick_start()
    assert first.startswith("python3 -m venv .venv") and "glossary build" in first
    assert second.startswith("python3 -m venv .venv") and "pytest" in second


def test_first_quick_start_line_builds_the_glossary_in_a_fresh_clone(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    for name in _tracked_files():
        target = clone / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    result = subprocess.run(
        ["bash", "-c", _quick_start()[0]],
        cwd=clone,
        check=False,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "5 documents read" in result.stdout
    assert "Sample lookup" in result.stdout
    assert (clone / "glossary.db").exists()
    lookup = subprocess.run(
        [str(clone / ".venv/bin/glossary"), "lookup", "DGST"],
        cwd=clone,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "المديرية العامة لمراقبة التراب الوطني" in lookup.stdout


def test_the_wheel_ships_the_lexicons(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for data in ("institutions.csv", "places.csv", "persons.csv", "terms.csv"):
        assert f"glossary/data/lexicon/{data}" in names
    assert "glossary/data/given_names.csv" in names
    assert "glossary/data/words.csv" in names
    assert "tui/app.tcss" in names and "tui/screens/main.py" in names
