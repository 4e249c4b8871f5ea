"""The shapes of terms: which n-grams and noun phrases may be glossary entries.

Pure functions over units, shared by the miner's statistical and shape-based passes.
"""

from __future__ import annotations

from collections.abc import Sequence

from glossary.arabic import FUNCTION_WORDS, search_key, strip_article
from glossary.compose import adjective_words
from glossary.equivalents import QUALIFIERS
from glossary.recognize import EVENT_HEADS, ORG_HEADS
from glossary.termhood import CandidateStats, is_candidate
from glossary.units import Word
from glossary.words import adjective_openers, is_adjective, is_domain_word


def entangled(i: int, j: int, start: int, end: int, kind: str) -> bool:
    """Whether candidate [i, j) crosses a recognised span or wraps a name in more words."""
    if end <= i or j <= start or (start, end) == (i, j):
        return False
    if start <= i and j <= end:
        return True  # a piece of a recognised name (المديرية العامة)
    return not (i <= start and end <= j) or kind != "term"


def entangled_any(i: int, j: int, spans: list[tuple[int, int, str]]) -> bool:
    """Whether candidate [i, j) is entangled with any of the recognised spans."""
    return any(entangled(i, j, start, end, kind) for start, end, kind in spans)


def neighbour(units: Sequence[Word], index: int) -> str | None:
    """The word next to a candidate, None at a phrase edge or a function word."""
    if index < 0 or index >= len(units) or units[index].is_function:
        return None
    return units[index].inner


# Support nouns that head phrases without naming a concept (مستوى التعاون, إطار التعاون).
_LIGHT_HEADS = frozenset(
    strip_article(search_key(w))
    for w in [
        "مجال",
        "مجالات",
        "إطار",
        "مستوى",
        "مستويات",
        "جانب",
        "آليات",
        "آلية",
        "حالة",
        "حالات",
        "صورة",
        "تقييم",
        "ضمان",
        "إجراء",
        "تجاوز",
        "إعادة",
        "عناصر",
        "عنصر",
        "تعزيز",
        "تقوية",
        "توسيع",
        "دعم",
        "زيارة",
        "اقتراب",
        "نوع",
        "أهمية",
        "بناء",
        "تطوير",
        "مسار",
        "سياق",
        "ظل",
        "إطار",
        "قدرة",
        "قدرات",
        "رغبة",
        "خطوة",
        "محطة",
        "نموذج",
        "أشكال",
        "شكل",
        "عدد",
        "سلسلة",
        # Vague nouns: what they head is a theme, not a term (الجهود الدولية, قضايا الأمن).
        "جهود",
        "جهد",
        "تحديات",
        "تحدي",
        "قضايا",
        "سمعة",
        "جبهة",
        "جبهات",
        "فترة",
        "فترات",
        "مرحلة",
        "محور",
        "محاور",
        "قناة",
        "قنوات",
        "دور",
        "نتيجة",
        "نتائج",
        "شخصية",
        "حساسية",
        "تحرك",
        "إشعاع",
        # Nouns that make prepositions (لفائدة, لحساب, إثر, على ضوء): what follows is no term.
        "فائدة",
        "حساب",
        "صالح",
        "إثر",
        "عقب",
        "جراء",
        "ضوء",
        "غرار",
        "واسطة",
        "فضل",
        "حسب",
        "أثناء",
        "رغم",
        "صدد",
    ]
)
# Words that need what follows them: participles that need their preposition (المشتبه
# فيه/به) and quantities (حجز كمية من المخدرات); a phrase never ends on them.
_INCOMPLETE = frozenset(
    strip_article(search_key(w))
    for w in [
        "المشتبه",
        "كمية",
        "كميات",
        "عدد",
        "مجموعة",
        "المرتبطة",
        "المرتبط",
        "المتعلقة",
        "المتعلق",
    ]
)
# Complements that point back to the text, not to a concept (أمن البلدين).
_REFERENTIAL = frozenset(
    strip_article(search_key(w))
    for w in ["البلدين", "الطرفين", "الجانبين", "البلد", "الطرف", "الجانب"]
)


def term_phrase(units: Sequence[Word]) -> bool:
    """The shape of a domain term: a head noun, then relational (nisba) adjectives or a
    definite complement; no function word, no coordination, no preposition inside."""
    if not is_candidate(units) or units[0].first in _LIGHT_HEADS:
        return False
    return all(term_tail(unit) for unit in units[1:])


def term_head(unit: Word) -> bool:
    """Whether a term_phrase of two words or more may start with this unit."""
    return (
        unit.arabic and not (unit.is_function or unit.is_number) and unit.first not in _LIGHT_HEADS
    )


def term_tail(unit: Word) -> bool:
    """Whether this unit may follow the head of a term_phrase.

    term_phrase(units) is term_head(units[0]) and term_tail of every other unit when
    there are two units or more (a number never passes term_tail, so the candidate's
    rule on a closing year does not matter here)."""
    if not unit.arabic:
        return False
    # A proclitic the segmenter read off (وهمية and بحرية have none: و and ب are theirs).
    clitic = unit.bare_surface != unit.surface
    if (
        unit.is_function
        or clitic
        and unit.key.startswith(("و", "ل", "ب", "ف"))
        and not unit.definite
    ):
        return False
    coordinated = clitic and unit.key.startswith(("و", "ل"))  # والأمن, للأمن
    if coordinated or unit.inner in _REFERENTIAL or unit.inner in _INCOMPLETE:
        return False
    relational = unit.inner.endswith(("ي", "يه", "يين", "يات", "يون"))
    if not (relational or unit.definite):
        # An indefinite participle the word lexicon lists as a word of our fields
        # classifies (هواتف مشفرة, وثائق مزورة); others describe (مباحثات مكثفة,
        # شراكة متوازنة: measured, half the new phrases were such). Composing checks
        # that it agrees with an indefinite head.
        return (
            unit.inner.startswith("م") and is_adjective(unit.inner) and is_domain_word(unit.inner)
        )
    # A qualitative adjective (الوثيق, القوي) describes; a term's adjectives classify:
    # relational ones (الأمني) or participles of derived verbs (المتبادلة, المنظمة).
    return relational or unit.inner.startswith("م") or not is_adjective(unit.inner)


def is_head_noun(inner: str) -> bool:
    """Whether a word (its inner key) can head a term: not a relational adjective
    (المغربي) nor a word the word lexicon knows only as an adjective."""
    return not inner.endswith(_RELATIONAL) and not is_adjective(inner)


_RELATIONAL = ("ي", "يه", "يين", "يات", "يون")


def without_qualifiers(words: tuple[str, ...]) -> tuple[str, ...]:
    end = len(words)
    while end > 1 and words[end - 1] in QUALIFIERS:
        end -= 1
    return words[:end]


def kind_by_shape(words: tuple[str, ...]) -> str:
    if words[0] in ORG_HEADS:
        return "organisation"
    if words[0] in EVENT_HEADS and words[-1].isdigit():
        return "event"
    return "term"


# Heads of the phrases news repeats that are no terms: time words and "according to".
_NO_TERM_HEADS = frozenset(
    strip_article(search_key(w))
    for w in ["سنة", "عام", "شهر", "يوم", "أسبوع", "ساعة", "مرة", "حسب", "وحسب"]
)


def term_shaped(words: tuple[str, ...], stats: dict[tuple[str, ...], CandidateStats]) -> bool:
    """A multiword term is a noun phrase: its first word is not a conjugated verb.

    Imperfect verbs start with ي; perfect verbs are short and never take the article.
    The first word is accepted when the corpus also shows it with the article.
    """
    first = words[0]
    if len(words) > 4 or (first.startswith("ي") and len(first) >= 4):
        return False
    if first in _NO_TERM_HEADS or first[:1] in ("و", "ف") and first[1:] in FUNCTION_WORDS:
        return False  # سنة 2024, حسب المعطيات الأولية, ومن جهته: dates and connectives
    if any(w in FUNCTION_WORDS and w != "غير" or w.startswith("و") for w in words[1:]):
        return False  # coordinations and clauses are not terms (الإرهاب والجريمة)
    return len(first) >= 4 or any(k[0] == first for k in stats if len(k) == 1)


def adjective_ends(units: Sequence[Word]) -> dict[int, int]:
    """Where each multiword adjective of the phrase starts and ends (عابرة للحدود,
    غير نظامية): such a pair follows a head as one adjective."""
    openers = adjective_openers()
    ends: dict[int, int] = {}
    for k in range(1, len(units)):
        inner = units[k].inner
        if inner in openers or inner[:-1] in openers or inner[:-2] in openers:
            words = tuple(u.key for u in units[k : k + _LONGEST_ADJECTIVE])
            size = _ADJECTIVE_SIZES.get(words)
            if size is None:
                if len(_ADJECTIVE_SIZES) > 200_000:
                    _ADJECTIVE_SIZES.clear()
                size = _ADJECTIVE_SIZES[words] = adjective_words(list(words), 0)
            if size > 1:
                ends[k] = k + size
    return ends


# Words a multiword adjective may span (rows have up to three, and غير adds one), and
# the sizes found so far by the words from an opener on: غير opens thousands of phrases.
_LONGEST_ADJECTIVE = 4
_ADJECTIVE_SIZES: dict[tuple[str, ...], int] = {}


def tails_fit(tails: Sequence[bool], adjectives: dict[int, int], i: int, j: int) -> bool:
    """Whether units (i, j) may all follow the head at i: each a term_tail (`tails`), or
    inside a multiword adjective (`adjectives`, from adjective_ends) that ends by j."""
    k = i + 1
    while k < j:
        end = adjectives.get(k)
        if end is not None and end <= j:
            k = end
        elif tails[k]:
            k += 1
        else:
            return False
    return True
