"""The user cache: derived data computed once, read back after, recomputed when stale."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glossary import units
from glossary.cache import cache_directory, cached_rows, fingerprint


@pytest.fixture()
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "ar-fr-glossary"


def test_rows_are_computed_once_then_read_back(cache_home: Path) -> None:
    calls: list[int] = []

    def compute() -> list[tuple[str, str]]:
        calls.append(1)
        return [("الأمن", "12"), ("مراقبة", "3400")]

    first = cached_rows("ranks", "v1", compute)
    second = cached_rows("ranks", "v1", compute)
    assert first == second == [("الأمن", "12"), ("مراقبة", "3400")]
    assert len(calls) == 1
    assert [p.name for p in cache_home.iterdir()] == ["ranks-v1.tsv"]


def test_another_fingerprint_recomputes(cache_home: Path) -> None:
    cached_rows("ranks", fingerprint("wordfreq 3.0"), lambda: [("a", "1")])
    rows = cached_rows("ranks", fingerprint("wordfreq 3.1"), lambda: [("b", "2")])
    assert rows == [("b", "2")]
    assert fingerprint("x", b"y") != fingerprint("xy")


def test_an_unwritable_cache_still_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert cached_rows("ranks", "v1", lambda: [("a", "1")]) == [("a", "1")]


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache_directory() == Path.home() / ".cache" / "ar-fr-glossary"


def test_cached_word_ranks_equal_wordfreqs(cache_home: Path) -> None:
    expected = {word: int(rank) for word, rank in units._ranked_keys()}
    units._general_ranks.cache_clear()
    try:
        computed = units._general_ranks()  # no cache yet: from wordfreq, then written
        units._general_ranks.cache_clear()
        read_back = units._general_ranks()  # from the file
    finally:
        units._general_ranks.cache_clear()
    assert computed == read_back == expected
    assert len(expected) > 25_000
    assert expected["في"] < 10  # one of the commonest words
    (cached,) = os.listdir(cache_home)
    assert cached.startswith("arabic-ranks-")


def test_a_damaged_cache_file_is_made_again(cache_home: Path) -> None:
    units._general_ranks.cache_clear()
    try:
        first = units._general_ranks()
        (cached,) = cache_home.iterdir()
        cached.write_text("في\nnot a rank row\n", encoding="utf-8")  # edited by hand
        units._general_ranks.cache_clear()
        assert units._general_ranks() == first
        assert "not a rank row" not in cached.read_text(encoding="utf-8")
    finally:
        units._general_ranks.cache_clear()
