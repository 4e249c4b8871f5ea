"""A person's decisions: written at once, found by lookup, refused when invalid.

(Kept through every build and import: test_decisions; `glossary edit`: test_edit.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.lookup import lookup
from glossary.review import (
    ReviewError,
    choose_equivalent,
    document_sentences,
    entry_detail,
    list_entries,
    set_french,
    set_kind,
    set_note,
    set_status,
)
from glossary.store import Store


def _find(store: Store, query: str) -> int:
    return lookup(store, query, limit=1).hits[0].entry_id


def test_detail_shows_forms_french_and_highlightable_context(fresh_db: Path) -> None:
    store = Store(fresh_db)
    detail = entry_detail(store, _find(store, "DGST"))
    assert detail.kind == "organisation"
    assert detail.preferred is not None and detail.preferred.acronym == "DGST"
    assert "مديرية مراقبة التراب الوطني" in detail.forms
    occurrence = detail.occurrences[0]
    marked = occurrence.sentence[occurrence.start : occurrence.end]
    assert "مراقبة التراب الوطني" in marked
    assert occurrence.sentence in document_sentences(store, occurrence.document_id)


def test_edited_french_is_found_by_lookup(fresh_db: Path) -> None:
    store = Store(fresh_db)
    entry = _find(store, "خارطة طريق")
    set_french(store, entry, "feuille de route commune", acronym="FRC")
    assert lookup(store, "feuille de route commune").hits[0].entry_id == entry
    assert lookup(store, "FRC").hits[0].entry_id == entry
    detail = entry_detail(store, entry)
    assert detail.preferred is not None and detail.preferred.origin == "manual"
    alternative = next(e for e in detail.equivalents if not e.preferred)
    choose_equivalent(store, entry, alternative.id)
    chosen = entry_detail(store, entry).preferred
    assert chosen is not None and chosen.id == alternative.id and chosen.human


def test_listing_filters_and_sorts(fresh_db: Path) -> None:
    store = Store(fresh_db)
    people = list_entries(store, kind="person", sort="alphabet")
    assert people and all(p["kind"] == "person" for p in people)
    assert [p["ar"] for p in people] == sorted(p["ar"] for p in people)
    by_frequency = list_entries(store)
    assert by_frequency[0]["frequency"] >= by_frequency[-1]["frequency"]


def test_bad_decisions_are_refused(fresh_db: Path) -> None:
    store = Store(fresh_db)
    with pytest.raises(ReviewError):
        set_status(store, 1, "maybe")
    with pytest.raises(ReviewError):
        set_kind(store, 1, "animal")
    with pytest.raises(ReviewError):
        set_note(store, 10**9, "x")
