"""The spans of a phrase the miner considers: what the lexicon knows, the services a
director's title names, names composed from known parts, and names and terms by shape."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from glossary.compose import compose_french
from glossary.composed import composed_spans
from glossary.equivalents import QUALIFIERS
from glossary.french import at, fold, of
from glossary.lexicon import Lexicon
from glossary.recognize import (
    Span,
    event_spans,
    is_year,
    lexicon_spans,
    organisation_spans,
    person_spans,
    place_spans,
)
from glossary.shapes import without_qualifiers
from glossary.units import Word

_DIRECTOR = frozenset({"مدير", "مديره"})
_YEAR = re.compile(r"\b(19|20)\d\d\b")


def phrase_spans(units: Sequence[Word], lexicon: Lexicon) -> Iterator[Span]:
    """Every name, function and term recognised in a phrase, by knowledge and by shape
    (overlapping spans included: the miner keeps the longest)."""
    lexical = []
    for span in lexicon_spans(units, lexicon):
        end = span.end
        while (
            span.kind in ("organisation", "term")
            and end < len(units)
            and units[end].inner in QUALIFIERS
        ):
            end += 1  # وزير الداخلية الفرنسي: a variant of وزير الداخلية
        if (
            span.kind == "event"
            and end < len(units)
            and is_year(units[end])
            and (span.lexicon is None or _YEAR.search(span.lexicon.fr))
        ):
            end += 1  # أحداث 16 ماي 2003: its French already says the year
        lexical.append(
            Span(span.start, end, span.kind, span.source, span.lexicon, span.conjunction)
        )
    yield from lexical
    yield from edition_spans(units, lexical)
    yield from event_places(units, lexical)
    yield from service_spans(units, lexicon)
    yield from composed_spans(units, lexical)
    institutions = list(organisation_spans(units))
    yield from local_spans(units, institutions, lexical)
    yield from prison_spans(units, lexical)
    for span in [
        *institutions,
        *person_spans(units),
        *event_spans(units),
        *place_spans(units),
    ]:
        if any(lx.start <= span.start and span.end <= lx.end for lx in lexical):
            continue  # the lexicon already names it, or a larger thing around it
        if span.kind == "person" and any(
            lx.kind == "person" and lx.start < span.end and span.start < lx.end for lx in lexical
        ):
            continue  # a known person: the lexicon knows where the name ends
        base = next(
            (
                lx
                for lx in lexical
                if lx.start == span.start
                and lx.kind == span.kind
                and all(u.inner in QUALIFIERS for u in units[lx.end : span.end])
            ),
            None,
        )
        if base is not None:  # الشرطة الوطنية + الفرنسية: a variant of the lexicon name
            yield Span(span.start, span.end, base.kind, "lexicon", base.lexicon)
        else:
            yield span
            if span.kind == "event":
                yield from event_places(units, [span], lexical)


# Adjectives of a service's territory (المديرية الجهوية, المصلحة الولائية): its city
# belongs to its name.
_LOCAL = frozenset(
    f"{stem}{ending}" for stem in ("جهوي", "اقليمي", "ولايي", "محلي") for ending in ("", "ه")
)


def local_spans(
    units: Sequence[Word], institutions: list[Span], lexical: list[Span]
) -> Iterator[Span]:
    """A regional or local service and the city after it (المديرية الجهوية للجمارك بطنجة
    → direction régionale des douanes de Tanger): the name of one office."""
    places = {s.start: s for s in lexical if s.kind == "place" and s.lexicon is not None}
    for span in institutions:
        place = places.get(span.end)
        if place is None or not units[span.end].key.startswith("ب") or place.lexicon is None:
            continue
        if not any(u.inner in _LOCAL for u in units[span.start : span.end]):
            continue
        composed = compose_french(" ".join(u.surface for u in units[span.start : span.end]))
        french = f"{composed.fr} {of(place.lexicon.fr, 'place')}" if composed else ""
        yield Span(span.start, place.end, "organisation", "pattern", french=french)


# Events that happen somewhere take "à" (attentats du 16 mai 2003 à Casablanca); the
# others are named after their city with "de" (Jeux olympiques de Paris).
_HAPPENED_AT = ("attentat", "attaque", "seisme", "explosion", "evenements", "agression")


def event_places(
    units: Sequence[Word], events: list[Span], lexical: list[Span] | None = None
) -> Iterator[Span]:
    """An event and the city it happened in (هجمات 13 نونبر 2015 بباريس → attentats du
    13 novembre 2015 à Paris): how news names it, and a name of its own. The French of
    known or dated event gets the place unless it already says it; another event found
    by its shape gets its French composed later, like the event itself."""
    known = events if lexical is None else lexical
    places = {
        s.start: s for s in known if s.kind == "place" and s.lexicon is not None and s.lexicon.fr
    }
    for span in events:
        place = places.get(span.end)
        if span.kind != "event" or place is None or not units[span.end].key.startswith("ب"):
            continue
        if any(o.start <= span.start and place.end <= o.end for o in known):
            continue  # the lexicon names this edition (الألعاب الأولمبية بباريس)
        name = span.lexicon.fr if span.lexicon is not None else span.french
        french = ""
        if name:
            where = place.lexicon.fr  # type: ignore[union-attr]
            if fold(where) in fold(name):
                french = name
            elif fold(name).startswith(_HAPPENED_AT):  # attentats … à Paris
                french = f"{name} {at(where)}"
            else:  # Jeux olympiques de Paris, sommet de Rabat
                french = f"{name} {of(where, 'place')}"
        yield Span(span.start, place.end, "event", "pattern", french=french)


def edition_spans(units: Sequence[Word], lexical: list[Span]) -> Iterator[Span]:
    """A known event and a year: one edition of it, an entry of its own (كأس العالم
    2030 → Coupe du monde 2030), unless the lexicon names that edition itself."""
    for span in lexical:
        end, entry = span.end, span.lexicon
        if span.kind != "event" or entry is None or end >= len(units) or not is_year(units[end]):
            continue
        if any(o.start <= span.start and end < o.end for o in lexical):
            continue
        yield Span(span.start, end + 1, "event", "pattern", french=f"{entry.fr} {units[end].key}")


# Moroccan prisons are named by kind and town, with a number when the town has several
# (السجن المحلي عين السبع 1 → prison locale Aïn Sebaâ 1, as DGAPR writes them).
_PRISONS = {"محلي": "prison locale", "مركزي": "prison centrale", "فلاحي": "prison agricole"}


def prison_spans(units: Sequence[Word], lexical: list[Span]) -> Iterator[Span]:
    places = {s.start: s for s in lexical if s.kind == "place" and s.lexicon is not None}
    for i in range(len(units) - 2):
        if units[i].first != "سجن":
            continue
        kind = _PRISONS.get(units[i + 1].inner)
        place = places.get(i + 2)
        if kind is None or place is None or place.lexicon is None:
            continue
        end, french = place.end, f"{kind} {place.lexicon.fr}"
        if end < len(units) and units[end].key.isdigit() and len(units[end].key) <= 2:
            end, french = end + 1, f"{french} {units[end].key}"
        yield Span(i, end, "organisation", "pattern", french=french)


def service_spans(units: Sequence[Word], lexicon: Lexicon) -> Iterator[Span]:
    """The services a director's title names: المدير العام للأمن الوطني ولمراقبة …

    The title is a function; what follows its lam names an institution (DGSN,
    then DGST), found by rebuilding the institution's name (المديرية العامة لـ…).
    """
    for i, unit in enumerate(units):
        if unit.first not in _DIRECTOR:
            continue
        k = i + 1
        head: tuple[str, ...] = ("مديريه",)
        if k < len(units) and units[k].inner in ("عام", "عامه"):
            head, k = ("مديريه", "عامه"), k + 1
        while k < len(units) and units[k].key.lstrip("و").startswith("ل"):
            found = None
            for end in range(min(len(units), k + 7), k, -1):
                words = (
                    units[k].inner.removeprefix("و"),
                    *(u.inner for u in units[k + 1 : end]),
                )
                entry = lexicon.by_units.get(head + without_qualifiers(words))
                if entry is not None and entry.kind == "organisation":
                    found = Span(k, end, "organisation", "lexicon", entry)
                    break
            if found is None:
                break
            yield found
            k = found.end
