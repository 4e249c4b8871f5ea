"""The TUI's parts that need no screen: RTL layout, settings, search and term finding."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bidi.algorithm import get_display
from rich.text import Text

from glossary.build import build
from glossary.enforce import find_terms
from glossary.store import Store
from tui.data import Filters, search_entries
from tui.direction import fit, layout, reorder, visual, wrap
from tui.settings import SETTINGS_FILE, Settings, config_directory, load_settings, save_settings

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = (
    "من المرتقب أن يقوم المدير العام للأمن الوطني ولمراقبة التراب الوطني عبد اللطيف "
    "الحموشي، بزيارة العاصمة الفرنسية باريس، بغية إجراء مباحثات حول سبل تقوية مجالات "
    "التعاون الأمني الثنائي."
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("tui-parts")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    opened = Store(folder / "glossary.db")
    build([folder / "seeds"], opened)
    return opened


# --- right-to-left display --------------------------------------------------------------
def test_visual_reverses_arabic_and_mirrors_brackets() -> None:
    assert visual("الوطني (DGST)") == "(DGST) ينطولا"
    assert visual("الوطني (DGST)", rtl=False) == "الوطني (DGST)"
    assert visual("Direction générale (DGST)") == "Direction générale (DGST)"


def test_visual_matches_python_bidi_reference_on_the_seeds(store: Store) -> None:
    for (text,) in store.rows("SELECT text FROM sentences"):
        assert visual(text) == get_display(text)


def test_layout_wraps_before_reordering() -> None:
    lines = layout(Text(SENTENCE), 40, rtl=True)
    assert len(lines) > 2
    assert all(line.cell_len <= 40 for line in lines)
    # The first screen line holds the first words, read right to left, aligned right.
    assert lines[0].plain.rstrip().endswith(visual("من المرتقب"))
    assert lines[0].plain.endswith(visual("من")) or lines[0].plain.rstrip().endswith("نم")
    logical = layout(Text(SENTENCE), 40, rtl=False)
    assert " ".join(line.plain for line in logical) == SENTENCE


def test_highlight_follows_the_term_through_reordering() -> None:
    start = SENTENCE.index("المدير العام")
    end = start + len("المدير العام")
    line = Text(SENTENCE[: end + 20])
    line.stylize("bold", start, end)
    shown = reorder(line)
    (span,) = shown.spans
    assert shown.plain[span.start : span.end] == visual("المدير العام")


def test_wrap_keeps_blank_lines_and_cuts_long_words() -> None:
    assert wrap("abc def\n\nghi", 4) == [(0, 4), (4, 7), (8, 8), (9, 12)]
    assert wrap("abcdefghij", 4) == [(0, 4), (4, 8), (8, 10)]


def test_fit_cuts_at_the_logical_end() -> None:
    assert fit("المديرية العامة", 20) == "المديرية العامة"
    assert fit("المديرية العامة", 10) == "المديرية…"
    assert visual(fit("المديرية العامة", 10)).startswith("…")


# --- settings --------------------------------------------------------------------------
def test_settings_folder_is_created_only_when_saving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert load_settings() == Settings(rtl=False)
    assert not (tmp_path / "cfg").exists()
    path = save_settings(Settings(rtl=True))
    assert path == tmp_path / "cfg" / "ar-fr-glossary" / SETTINGS_FILE
    assert load_settings() == Settings(rtl=True)


def test_settings_default_folder_and_damaged_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/ignored")
    assert config_directory() == tmp_path / ".config" / "ar-fr-glossary"
    (config_directory() / SETTINGS_FILE).write_text("{not json")
    assert load_settings() == Settings()


# --- search and terms ------------------------------------------------------------------
def test_search_entries_browses_filters_and_sorts(store: Store) -> None:
    browsed = search_entries(store, "", Filters(kind="place"))
    assert browsed.rows and {r.kind for r in browsed.rows} == {"place"}
    frequencies = [r.frequency for r in browsed.rows]
    assert frequencies == sorted(frequencies, reverse=True)
    alphabet = search_entries(store, "", Filters(sort="alphabet")).rows
    assert [r.ar for r in alphabet] == sorted(r.ar for r in alphabet)


def test_search_entries_keeps_lookup_matching(store: Store) -> None:
    found = search_entries(store, "DGST", Filters())
    assert found.rows[0].ar == "المديرية العامة لمراقبة التراب الوطني"
    assert found.rows[0].match == "exact"
    assert search_entries(store, "DGST", Filters(kind="person")).rows == []
    assert search_entries(store, "!!!", Filters()).message.startswith("nothing to look up")


def test_filters_cycle_back_to_all() -> None:
    filters = Filters()
    seen = []
    for _ in range(6):
        filters = filters.next_kind()
        seen.append(filters.kind)
    assert seen == ["organisation", "person", "place", "event", "term", None]
    assert Filters().next_sort().next_sort().next_sort().sort == "frequency"


def test_find_terms_longest_first(store: Store) -> None:
    terms = find_terms(store, SENTENCE)
    by_ar = {t.hit.ar: t for t in terms}
    # The director's title is taken whole (the longest entry), never as just المدير العام.
    director = SENTENCE.index("المدير العام")
    spans = {span: t.hit.ar for t in terms for span in t.spans}
    (title_end,) = [end for start, end in spans if start == director]
    assert title_end >= director + len("المدير العام للأمن الوطني")
    assert "المدير العام" not in by_ar
    assert by_ar["باريس"].hit.fr == "Paris"
    hammouchi = by_ar["عبد اللطيف حموشي"]
    start, end = hammouchi.spans[0]
    assert SENTENCE[start:end] == "عبد اللطيف الحموشي"
    # Terms never run across punctuation; an empty text has none.
    assert find_terms(store, "") == []
    assert find_terms(store, "   ،،  ") == []
