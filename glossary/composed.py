"""Names and functions built from known parts, with French built the same way.

An institution in a city (النيابة العامة بباريس → parquet de Paris), a place named by a
head and a known place (ميناء طنجة المتوسط), a country's mission or government (سفارة
فرنسا بالرباط), a title over an institution, a place or a named province (مدير المكتب
المركزي للأبحاث القضائية, عامل إقليم الناظور), a part of a known institution (ملحقة محكمة
الاستئناف بالرباط).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from glossary.french import at, definite, fold, of, of_state
from glossary.recognize import MISSION_HEADS, Span, keyed, word_keys
from glossary.units import Word

# Nouns that name a place with a known place after them, and their French.
PLACE_NAME_HEADS = keyed(
    ("ميناء", "port"),
    ("مطار", "aéroport"),
    ("إقليم", "province"),
    ("عمالة", "préfecture"),
    ("جهة", "région"),
    ("معبر", "poste-frontière"),
    ("مضيق", "détroit"),
)
_GENERAL = word_keys("العامة العام")
_GENERAL_MISSIONS = {"consulat": "consulat général"}
# Parts of an institution named after it: ملحقة محكمة الاستئناف → annexe de la cour d'appel.
ORGANISATION_PARTS = keyed(("ملحقة", "annexe"))
# The French heads of lexicon terms that name a part of the institution after them with
# ب: الغرفة الجنائية بمحكمة النقض → chambre criminelle de la Cour de cassation.
_PART_HEADS = frozenset({"chambre", "section", "division", "cellule", "annexe", "unité"})
# Function titles that take an institution or a place after them, with their French.
FUNCTION_TITLES = keyed(
    ("مدير", "directeur"),
    ("مديرة", "directrice"),
    ("رئيس", "président"),
    ("رئيسة", "présidente"),
    ("سفير", "ambassadeur"),
    ("سفيرة", "ambassadrice"),
    ("عمدة", "maire"),
    ("وزير", "ministre"),
    ("وزيرة", "ministre"),
    ("قنصل", "consul"),
    ("ممثل", "représentant"),
    ("ممثلة", "représentante"),
    ("مستشار", "conseiller"),
    ("مستشارة", "conseillère"),
    ("مفوض", "commissaire"),
    ("مندوب", "délégué"),
    ("مندوبة", "déléguée"),
    ("محافظ", "gouverneur"),
    ("عامل", "gouverneur"),
    ("الناطق", "porte-parole"),
    ("الأمين العام", "secrétaire général"),
)
_TITLE_ADJECTIVES = keyed(
    ("التنفيذي", "exécutif"),
    ("التنفيذية", "exécutive"),
    ("الأول", "premier"),
    ("العام", "général"),
    ("العامة", "générale"),
    ("المنتدب", "délégué"),
)


_BEFORE_NOUN = frozenset({"premier"})  # le premier président, not le président premier
# An institution's French when it sits in one city (the local ministère public is a parquet).
_LOCAL_NAMES = {"ministère public": "parquet"}


def composed_spans(phrase: Sequence[Word], known: list[Span]) -> Iterator[Span]:
    """Names and functions built from known parts, with French built the same way:
    an institution in a city (النيابة العامة بباريس → parquet de Paris), a title over
    an institution or a country (مدير المكتب المركزي… → directeur du Bureau central…)."""
    by_start: dict[int, list[Span]] = {}
    for span in known:
        if span.lexicon is not None and span.lexicon.fr:
            by_start.setdefault(span.start, []).append(span)
    local: list[Span] = []  # institutions in a city, made below
    for span in known:
        entry = span.lexicon
        if entry is None or entry.kind != "organisation" or not entry.fr:
            continue
        for place in by_start.get(span.end, []):
            if place.kind == "place" and phrase[span.end].key.startswith("ب"):
                name = _LOCAL_NAMES.get(entry.fr, entry.fr)
                french = f"{name} {of(place.lexicon.fr, 'place')}" if place.lexicon else ""
                made = Span(span.start, place.end, "organisation", "pattern", french=french)
                local.append(made)
                yield made
    for (
        span
    ) in known:  # ميناء الجزيرة الخضراء → port d'Algésiras, إقليم الناظور → province de Nador
        head = PLACE_NAME_HEADS.get(phrase[span.start - 1].first) if span.start > 0 else None
        if head and span.kind == "place" and span.lexicon is not None:
            french = f"{head} {of(span.lexicon.fr, 'place')}"
            yield Span(span.start - 1, span.end, "place", "pattern", french=french)
    # Each rule below starts at a head word: most phrases have none (a set test in C,
    # where a loop over the units cost a tenth of recognising names).
    firsts = {unit.first for unit in phrase}
    missions = not firsts.isdisjoint(MISSION_HEADS)
    for i, unit in enumerate(phrase if missions else ()):
        # سفارة فرنسا بالرباط → ambassade de France à Rabat
        mission = MISSION_HEADS.get(unit.first)
        if mission is None:
            continue
        after = i + 1
        if after < len(phrase) and phrase[after].inner in _GENERAL and mission in _GENERAL_MISSIONS:
            mission = _GENERAL_MISSIONS[mission]  # القنصلية العامة
            after += 1
        for country in by_start.get(after, []):
            if country.kind != "place" or country.lexicon is None:
                continue
            owner = country.lexicon.fr
            state = of_state(owner) if mission == "gouvernement" else of(owner, "place")
            french, end = f"{mission} {state}", country.end
            for where in by_start.get(end, []):
                if where.kind == "place" and where.lexicon and phrase[end].key.startswith("ب"):
                    french, end = f"{french} {at(where.lexicon.fr)}", where.end
                    break
            yield Span(i, end, "organisation", "pattern", french=french)
            break
    for i, unit in enumerate(phrase if not firsts.isdisjoint(FUNCTION_TITLES) else ()):
        title = FUNCTION_TITLES.get(unit.first)
        if title is None:
            continue
        j = i + 1
        if j < len(phrase) and phrase[j].inner in _TITLE_ADJECTIVES:
            adjective = _TITLE_ADJECTIVES[phrase[j].inner]
            before = adjective in _BEFORE_NOUN
            title = f"{adjective} {title}" if before else f"{title} {adjective}"
            j += 1
        area = _named_area(phrase, j, by_start)
        if area is not None:  # عامل إقليم الناظور → gouverneur de la province de Nador
            yield Span(i, area[0], "term", "pattern", french=f"{title} {of(area[1], 'place')}")
            continue
        for part in sorted(by_start.get(j, []), key=lambda s: -s.end):
            if part.kind in ("organisation", "place") and part.lexicon is not None:
                french = f"{title} {of(part.lexicon.fr, part.kind)}"
                end = part.end
                # سفير فرنسا بالمغرب: the country where the function is held.
                for where in by_start.get(end, []):
                    if where.kind == "place" and where.lexicon and phrase[end].key.startswith("ب"):
                        french = f"{french} {at(where.lexicon.fr)}"
                        end = where.end
                        break
                yield Span(i, end, "term", "pattern", french=french)
                break
    yield from _part_spans(phrase, known, by_start, firsts)
    if any(unit.key == _NEAR for unit in phrase):
        yield from _near_spans(phrase, known, local)


# Judicial functions held "near" a court: الوكيل العام للملك لدى محكمة الاستئناف بطنجة →
# procureur général du Roi près la Cour d'appel de Tanger.
_NEAR = "لدي"  # search key of لدى
_NEAR_TITLES = (
    "procureur",
    "substitut",
    "juge",
    "avocat general",
    "premier president",
    "president",
    "greffier",
    "conseiller",
    "magistrat",
    "doyen",
)


def _near_spans(phrase: Sequence[Word], known: list[Span], local: list[Span]) -> Iterator[Span]:
    """A judicial function, لدى and a court, known or in its city (see _NEAR_TITLES)."""
    courts = [s for s in known if s.kind == "organisation" and s.lexicon is not None] + local
    for span in known:
        entry = span.lexicon
        if span.end + 1 >= len(phrase) or phrase[span.end].key != _NEAR:
            continue
        if entry is None or entry.kind != "term" or not fold(entry.fr).startswith(_NEAR_TITLES):
            continue
        after = [c for c in courts if c.start == span.end + 1]
        for court in sorted(after, key=lambda s: -s.end):
            name = court.french or (court.lexicon.fr if court.lexicon else "")
            if name:
                french = f"{entry.fr} près {definite(name)}"
                yield Span(span.start, court.end, "term", "pattern", french=french)
                break


def _named_area(
    phrase: Sequence[Word], start: int, by_start: dict[int, list[Span]]
) -> tuple[int, str] | None:
    """(end, French) of a province, prefecture or region named by its place at `start`
    (إقليم الناظور → province de Nador), or None."""
    head = PLACE_NAME_HEADS.get(phrase[start].first) if start < len(phrase) else None
    if head is None:
        return None
    for place in by_start.get(start + 1, []):
        if place.kind == "place" and place.lexicon is not None:
            return place.end, f"{head} {of(place.lexicon.fr, 'place')}"
    return None


def _part_spans(
    phrase: Sequence[Word],
    known: list[Span],
    by_start: dict[int, list[Span]],
    firsts: set[str],
) -> Iterator[Span]:
    """A part of a known institution: ملحقة محكمة الاستئناف بالرباط (annexe de la Cour
    d'appel de Rabat), الغرفة الجنائية بمحكمة النقض (chambre criminelle de la Cour de
    cassation)."""
    for i, unit in enumerate(phrase if not firsts.isdisjoint(ORGANISATION_PARTS) else ()):
        part = ORGANISATION_PARTS.get(unit.first)
        if part is None:
            continue
        for whole in sorted(by_start.get(i + 1, []), key=lambda s: -s.end):
            if whole.kind == "organisation" and whole.lexicon is not None:
                french = f"{part} {of(whole.lexicon.fr, 'organisation')}"
                yield Span(i, whole.end, "organisation", "pattern", french=french)
                break
    for span in known:
        entry = span.lexicon
        if entry is None or entry.kind != "term" or entry.fr.split(" ")[0] not in _PART_HEADS:
            continue
        if span.end >= len(phrase) or not phrase[span.end].key.startswith("ب"):
            continue
        for whole in sorted(by_start.get(span.end, []), key=lambda s: -s.end):
            if whole.kind == "organisation" and whole.lexicon is not None:
                french = f"{entry.fr} {of(whole.lexicon.fr, 'organisation')}"
                yield Span(span.start, whole.end, "organisation", "pattern", french=french)
                break
