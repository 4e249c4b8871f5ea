"""lookup() in-process: what a query of each shape finds."""

from __future__ import annotations

from pathlib import Path

from glossary.lookup import lookup
from glossary.store import Store

from .helpers import built

DGST_AR = "المديرية العامة لمراقبة التراب الوطني"


def test_a_fully_vowelled_query_finds_the_entry(seeds_db: Path) -> None:
    store = Store(seeds_db)
    hits = lookup(store, "المُدِيرِيَّةُ العامَّةُ لِمُراقَبَةِ التُّرابِ الوَطَنِيِّ").hits
    assert hits[0].acronym == "DGST" and hits[0].match == "exact"
    with_clitics = lookup(store, "وَلِمُراقَبَةِ التُّرابِ الوَطَنِيِّ").hits
    assert [h.match for h in with_clitics[:2]] == ["exact", "exact"]
    assert "DGST" in {h.acronym for h in with_clitics[:2]}
    store.close()


def test_exact_only_lookup_never_guesses(seeds_db: Path) -> None:
    store = Store(seeds_db)
    assert lookup(store, DGST_AR, exact=True).hits[0].acronym == "DGST"
    assert lookup(store, "المديرية العامة لمراقبة", exact=True).hits == []  # only a prefix
    typo = lookup(store, "المديرية العامة لمراقبة التراب الوطنى", exact=True)
    assert typo.hits[0].acronym == "DGST"  # ى/ي is spelling, not a typo
    assert lookup(store, "المديرية العامة لمراقبت التراب", exact=True).hits == []
    assert lookup(store, "المديرية العامة لمراقبت التراب").hits  # the full lookup guesses
    store.close()


def test_a_law_number_typed_in_a_query_stays_one_word(tmp_path: Path) -> None:
    """03.03 is one word in the stored forms: a half-typed query naming a law finds it
    as written (it fell through to close spellings before)."""
    _folder, store = built(
        tmp_path, "وتوبع المتهمون طبقا للقانون رقم 03.03 المتعلق بمكافحة الإرهاب.\n"
    )
    hits = lookup(store, "القانون رقم 03.03 المتعلق بمكافحة").hits
    assert hits and hits[0].match == "prefix"
    assert hits[0].fr.startswith("loi n° 03-03")
