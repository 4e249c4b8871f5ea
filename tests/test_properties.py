"""Property-based checks: any input in, an answer out, never a crash."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.arabic import search_key
from glossary.lookup import QueryError, lookup
from glossary.store import Store
from glossary.units import CliticSegmenter, make_units

ARABIC_TEXT = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى ًٌٍَُِّْـ،.؟:()«»0123456789 ")


@settings(
    max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(query=st.one_of(st.text(max_size=60), ARABIC_TEXT))
def test_lookup_takes_any_string(seeds_db: Path, query: str) -> None:
    store = Store(seeds_db)
    try:
        result = lookup(store, query, limit=5)
    except QueryError:
        return  # only for queries without letters or digits
    assert len(result.hits) <= 5
    store.close()


@given(ARABIC_TEXT)
def test_units_keep_their_surface_and_clitic_free_form(text: str) -> None:
    segment = CliticSegmenter(["مراقبه", "امن"], [], [])
    for unit in make_units(text, 0, segment):
        assert text[unit.start : unit.end] == unit.surface
        assert search_key(unit.bare_surface) in search_key(unit.surface) or unit.bare_surface
