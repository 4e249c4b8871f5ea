"""Recognizing terms by their shape and by knowledge, not by counts.

Most names a translator needs occur once in a corpus, so frequency alone misses them.
These recognizers find lexicon terms, institutions (a head noun and its construct
chain), persons (a known given name or a title, then a name) and events (a head such
as أولمبياد or هجمات with a year or a name) in a phrase of units.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from glossary.arabic import search_key, strip_article
from glossary.dates import french_date
from glossary.lexicon import Lexicon, LexiconEntry
from glossary.names import given_name
from glossary.units import Word, general_rank
from glossary.words import is_noun, knows_word


@dataclass(frozen=True, slots=True)
class Span:
    """Units [start, end) of a phrase recognised as a term of some kind."""

    start: int
    end: int
    kind: str
    source: str  # lexicon | pattern
    lexicon: LexiconEntry | None = None
    conjunction: bool = False  # the first word carries a و the segmenter could not vouch for
    french: str = ""  # French composed from the parts' French (مدير + BCIJ)


def keyed(*pairs: tuple[str, str]) -> dict[str, str]:
    """Arabic words (by their key without the article) and their French."""
    return {strip_article(search_key(ar)): fr for ar, fr in pairs}


def word_keys(words: str) -> frozenset[str]:
    """The keys, without the article, of space-separated Arabic words."""
    return frozenset(strip_article(search_key(w)) for w in words.split())


# Head nouns of institutions (article-less keys).
ORG_HEADS = word_keys(
    "مديرية المديرية وزارة مكتب وكالة شرطة درك مجلس محكمة نيابة منظمة اتحاد هيئة لجنة "
    "مؤسسة جهاز مفوضية قوات إدارة فرقة مرصد معهد برلمان إذاعة مجلة صحيفة جريدة قناة "
    "حزب جمعية نقابة بنك صندوق أكاديمية مندوبية رئاسة ديوان كتابة مركز مصلحة سلطة "
    "غرفة جامعة تنسيقية مدرسة كلية قطب"
)
# Words that may continue an institution's name after its head.
_CHAIN_STOP = word_keys("الذي التي الذين حول خلال بين ضد عبر يوم عام سنة")
TITLES = word_keys(
    "السيد السيدة الملك الأمير الأميرة الرئيس الرئيسة الوزير الوزيرة وزير وزيرة المدير "
    "المديرة مدير مديرة السفير السفيرة نظيره نظيرته الجنرال العقيد القاضي الوكيل "
    "المستشار المستشارة الشيخ الدكتور المفوض العميد الناطق رئيس رئيسة والي عامل"
)
# Words that describe a title rather than name a person (الفرنسي, العام, ...).
_TITLE_TAIL = word_keys(
    "العام العامة الفرنسي الفرنسية المغربي المغربية الأول الداخلية العدل الخارجية "
    "الجديد الجديدة السابق السابقة المعتمد"
)
ORDINALS = word_keys("الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر")
EVENT_HEADS = word_keys(
    "أولمبياد الألعاب مونديال كأس هجمات هجوم اعتداءات اعتداء تفجيرات تفجير قمة مؤتمر "
    "منتدى انتخابات بطولة معرض مهرجان حرب أحداث فضيحة زلزال"
)
# A word rarer than this rank in general Arabic can be a proper name.
_NAME_RANK = 8000
_KUNYA = frozenset({"ابو", "ابي", "ابا"})  # search keys of أبو, أبي, أبا
_KUNYA_STARTS = ("اب", "واب")
# Right after a given name, a definite nisba (العلمي, المغربي) is a family name unless it
# is among the commonest adjectives of news (الوطني, الدولي, الأمني).
_NISBA_RANK = 1000


def _is_rare(unit: Word, rank: int = _NAME_RANK) -> bool:
    return unit.common_rank > rank and not unit.is_function


def _nisba(unit: Word) -> bool:
    """A definite adjective of relation (العلمي, الفاسي): what many family names are."""
    return unit.definite and unit.inner.endswith("ي") and len(unit.inner) >= 4


def _day(phrase: Sequence[Word], i: int) -> bool:
    """A day of the month before its month's name (تفجيرات 11 مارس 2004)."""
    unit = phrase[i]
    return (
        unit.is_number
        and unit.key.isdigit()
        and 1 <= int(unit.key) <= 31
        and i + 1 < len(phrase)
        and not phrase[i + 1].is_function
    )


def _kunya(phrase: Sequence[Word], i: int) -> bool:
    """Whether a kunya (أبو + a name) starts at unit i."""
    unit = phrase[i]
    if not unit.key.startswith(_KUNYA_STARTS):  # most words: one test
        return False
    head = unit.key.split(" ")[0]
    if head not in _KUNYA and not (head.startswith("و") and head[1:] in _KUNYA):
        return False
    if " " in unit.key:  # أبو حفص, joined by the tokenizer (not أبوظبي: a lexicon place)
        return True
    name = phrase[i + 1] if i + 1 < len(phrase) else None
    return name is not None and name.arabic and not name.is_function and not name.definite


def is_year(unit: Word) -> bool:
    return unit.key.isdigit() and len(unit.key) == 4 and unit.key[:2] in ("19", "20")


_FORM_KEYS: dict[LexiconEntry, tuple[frozenset[str], bool]] = {}


def _form_keys(entry: LexiconEntry) -> tuple[frozenset[str], bool]:
    """Search keys of the entry's forms, and whether its name is written with the article
    (remembered per entry: every mention asks)."""
    found = _FORM_KEYS.get(entry)
    if found is None:
        keys = frozenset(search_key(f) for f in entry.forms)
        found = _FORM_KEYS[entry] = (keys, search_key(entry.ar).startswith("ال"))
    return found


def _given(unit: Word) -> bool:
    """Whether the unit is a known given name (remembered per written form)."""
    found = _GIVEN.get(unit.bare_surface)
    if found is None:
        if len(_GIVEN) > 1_000_000:
            _GIVEN.clear()
        found = _GIVEN[unit.bare_surface] = given_name(unit.bare_surface) is not None
    return found


_GIVEN: dict[str, bool] = {}


def lexicon_spans(phrase: Sequence[Word], lexicon: Lexicon) -> Iterator[Span]:
    first = [u.first for u in phrase]
    inner = [u.inner for u in phrase]
    for match in lexicon.find(first, inner, [u.stems for u in phrase]):
        if (
            match.end - match.start == 1
            and match.entry.kind == "term"
            and lexicon.by_units.get((first[match.start],)) is not match.entry
            and lexicon.by_units.get((inner[match.start],)) is not match.entry
        ):
            continue  # one word read without its suffix: جهته is no الجهة
        if match.end - match.start == 1 and match.entry.kind not in ("person", "term"):
            # One word: the article is part of it (الجديدة the city, جديدة "new"),
            # unless the lexicon lists this very spelling (نظيره).
            unit = phrase[match.start]
            keys, written = _form_keys(match.entry)
            if unit.bare_key not in keys and written != unit.definite:
                continue
        if (
            match.entry.kind == "person"
            and match.end - match.start == 1
            and match.start > 0
            and _given(phrase[match.start - 1])
        ):
            continue  # مصطفى الغزواني is not the Ghazouani the lexicon knows by surname
        yield Span(match.start, match.end, match.entry.kind, "lexicon", match.entry)
    for i, unit in enumerate(phrase):
        # A rare word one letter away from a known place is that place (بروكسيل).
        # (common_rank, the lower of two ranks, is a quicker first test.)
        if unit.common_rank > 30000 and general_rank(unit.first) > 30000 and not unit.is_function:
            word, conjunction = unit.first, False
            near = lexicon.near_place(word)
            if near is None and word.startswith("و") and unit.surface == unit.bare_surface:
                # ليون وبروكسيل: a و the segmenter kept, since it knows no بروكسيل
                word, conjunction = word[1:], True
                near = lexicon.near_place(word)
            if (
                near is not None
                and lexicon.by_units.get((word,)) is None
                and not knows_word(word)  # مهلوسة is a word, not ملوسة misspelt
            ):
                yield Span(i, i + 1, "place", "lexicon", near, conjunction=conjunction)


def _noun(unit: Word) -> bool:
    """Whether the word lexicon knows the unit only as a noun (remembered per form)."""
    found = _NOUNS.get(unit.first)
    if found is None:
        found = _NOUNS[unit.first] = is_noun(unit.first) and not unit.first.endswith(("ي", "يه"))
    return found


_NOUNS: dict[str, bool] = {}


def organisation_spans(phrase: Sequence[Word]) -> Iterator[Span]:
    """A head noun followed by its construct chain (المديرية العامة لمراقبة التراب الوطني).

    The chain holds definite words, indefinite ones only in a construct (مكتب الأمم),
    and a lam-genitive (للأمن, لحماية) only after the head's adjective.
    """
    for i, unit in enumerate(phrase):
        if unit.first not in ORG_HEADS:
            continue
        if unit.definite and i > 0 and phrase[i - 1].definite and not phrase[i - 1].is_function:
            continue  # الجريمة المنظمة: here the head word is an adjective
        end = i + 1
        while end < len(phrase) and end - i < 8:
            nxt = phrase[end]
            lam = nxt.key.startswith("ل") and not nxt.key.startswith("ال")
            if _coordinated(phrase, i, end):
                end += 1  # للمعلوميات وتحليل النظم: a second complement of the same name
                continue
            if _topic(phrase, i, end):
                end += 1  # المرصد المغربي | حول التطرف: what the institution is about
                continue
            if nxt.is_function or nxt.inner in _CHAIN_STOP or nxt.key.startswith(("و", "ي")):
                break
            if nxt.key.startswith(("ب", "ك")) and nxt.bare_surface != nxt.surface:
                break  # بالرباط, بطنجة: a preposition; the city is composed_spans' to add
            if lam and (end == i + 1 or nxt.stems or nxt.key.endswith(_FEMININE_SUFFIXED)):
                break  # لنظيرتها: a word with a pronoun names no part of the institution
            # An indefinite noun starts a construct (مكتب الأمم) only where the chain is
            # still indefinite: after a definite word it starts another phrase
            # (محكمة النقض | رئيس النيابة العامة).
            construct = (
                end + 1 < len(phrase) and phrase[end + 1].definite and not phrase[end - 1].definite
            )
            if not (nxt.definite or lam or nxt.key.isdigit() or construct):
                break
            if (
                nxt.definite
                and nxt.surface == nxt.bare_surface
                and phrase[end - 1].definite
                and _noun(nxt)
            ):
                break  # a definite noun after a definite word: not its adjective (هيئة الدفاع | الحكم)
            end += 1
        while end > i + 1 and not (phrase[end - 1].definite or phrase[end - 1].key.isdigit()):
            end -= 1
        if end > i + 1:
            yield Span(i, end, "organisation", "pattern")


# ة written ت before a pronoun (نظيرتها, دولتهم): a noun with its owner, in no name.
_FEMININE_SUFFIXED = ("تها", "تهم", "تهما", "تنا", "تكم")


def _coordinated(phrase: Sequence[Word], head: int, at: int) -> bool:
    """Whether phrase[at] (و + a noun) adds a second complement to the genitive before
    it in an institution's name (المدرسة الوطنية العليا للمعلوميات | وتحليل النظم),
    rather than naming another thing (وزارة الداخلية | والشرطة: another head)."""
    word, before = phrase[at], phrase[at - 1]
    if at - head < 2 or not word.key.startswith("و") or word.bare_surface == word.surface:
        return False
    if word.first in ORG_HEADS or word.first in MISSION_HEADS or word.first in TITLES:
        return False
    followed = at + 1 < len(phrase) and phrase[at + 1].definite
    genitive = before.key.startswith("لل") or phrase[at - 2].key in _TOPIC_WORDS
    return genitive and not word.is_function and (word.definite or followed)


def _topic(phrase: Sequence[Word], head: int, at: int) -> bool:
    """Whether في or حول at `at` names what an institution of a head and one adjective is
    about (المرصد المغربي حول التطرف, القطب المتخصص في مكافحة الإرهاب)."""
    if at != head + 2 or phrase[at].key not in _TOPIC_WORDS or at + 1 >= len(phrase):
        return False
    adjective, topic = phrase[at - 1], phrase[at + 1]
    if not adjective.definite or not (
        adjective.inner.endswith(("ي", "يه")) or adjective.inner in _SPECIALISED
    ):
        return False
    if adjective.inner in _CONCERNED:
        return False  # الوزارة المعنية | في الاجتماع: "concerned" names no institution
    if phrase[at].key == "في" and adjective.inner not in _SPECIALISED:
        return False  # الشرطة المغربية | في بروتوكولات الأمن: في is "in", not "about"
    construct = at + 2 < len(phrase) and phrase[at + 2].definite
    return (
        topic.definite and topic.surface == topic.bare_surface or construct and not topic.definite
    )


_TOPIC_WORDS = frozenset({"في", "حول"})
_SPECIALISED = word_keys("المتخصص المتخصصة المختص المختصة")
_CONCERNED = word_keys("المعني المعنية المعنيين المعنيون")


# Words that join the next word to a name: آيت بلعيد, بن سلمان, ولد الرشيد.
_NAME_PARTICLES = frozenset(search_key(w) for w in ["آيت", "أيت", "ايت", "بن", "ابن", "ولد"])


def person_spans(phrase: Sequence[Word]) -> Iterator[Span]:
    """A known given name, or a title, followed by one or two name-like words."""
    known_given = _GIVEN.get  # asked before _given: a call per word costs more
    for i, unit in enumerate(phrase):
        start = None
        if unit.is_function:
            continue
        given = known_given(unit.bare_surface)
        if given is None:
            given = _given(unit)
        if given:
            start = i
        elif unit.first in TITLES or unit.inner in TITLES:
            j = i + 1
            while j < len(phrase) and (phrase[j].inner in _TITLE_TAIL or phrase[j].is_function):
                j += 1
            if (
                j < len(phrase)
                and not _given(phrase[j])
                and _is_rare(phrase[j])
                and not phrase[j].definite
            ):
                start = j
        # أبو حفص الهاشمي القرشي, أبي بكر البغدادي: "father of" and a name (one unit when
        # the tokenizer joined them), then nisbas: how noms de guerre are written.
        kunya = start is None and unit.key.startswith(_KUNYA_STARTS) and _kunya(phrase, i)
        if kunya:
            start = i
        if start is None:
            continue
        end = start + 1
        if kunya and " " not in unit.key:
            end += 1  # the name after أبي, however common (بكر)
        while end < len(phrase) and end - start < 4:
            nxt = phrase[end]
            if kunya:
                if not (_nisba(nxt) and nxt.common_rank > _NISBA_RANK):
                    break
                end += 1
                continue
            if end - start == 3:
                break
            if nxt.key in _NAME_PARTICLES and end + 1 < len(phrase):
                end += 2  # رشيد آيت بلعيد, محمد بن سلمان: the particle and its name
                continue
            if phrase[end - 1].definite and not nxt.definite and end > start + 1:
                break  # نادية الزياني | تمتيع: a nisba surname ends the name
            # A second surname word must be unknown to general Arabic (مباحثات is not a name).
            rank = _NAME_RANK if end == start + 1 else 29000
            if end == start + 1 and _given(unit) and _nisba(nxt):
                rank = _NISBA_RANK  # محمد العلمي: a surname, though العلمي is common Arabic
            if (
                end == start + 1
                and _given(unit)
                and _given(nxt)
                and not nxt.definite
                and end + 1 < len(phrase)
                and (_nisba(phrase[end + 1]) or _is_rare(phrase[end + 1]))
            ):
                end += 1  # محمد أمين الشرقاوي: two given names, then the family name
                continue
            if nxt.inner in ORDINALS or (_is_rare(nxt, rank) and nxt.inner not in _TITLE_TAIL):
                end += 1
            else:
                break
        if end - start >= 2:
            yield Span(start, end, "person", "pattern")


def event_spans(phrase: Sequence[Word]) -> Iterator[Span]:
    """An event head with a year (مونديال 2030) or a proper name (هجمات باتاكلان)."""
    for i, unit in enumerate(phrase):
        if unit.first not in EVENT_HEADS:
            continue
        for end in range(i + 2, min(len(phrase), i + 5) + 1):
            last = phrase[end - 1]
            if last.is_function and not is_year(last) and not _day(phrase, end - 1):
                break
            if is_year(last) or (end == i + 2 and _is_rare(last) and not last.definite):
                # A name may take more words (أحداث مقهى أركانة), rare ones like it.
                while (
                    not is_year(last)
                    and end < len(phrase)
                    and end - i < 4
                    and _is_rare(phrase[end])
                    and not phrase[end].definite
                    and phrase[end].arabic
                    and phrase[end].surface == phrase[end].bare_surface
                ):
                    end += 1
                yield Span(i, end, "event", "pattern", french=_dated(phrase, i, end))
                break


# The French of an event head dated to the day: attentats du 16 mai 2003.
_DATED_HEADS = keyed(
    ("هجمات", "attentats"),
    ("هجوم", "attentat"),
    ("اعتداءات", "attentats"),
    ("اعتداء", "attentat"),
    ("تفجيرات", "attentats"),
    ("تفجير", "attentat"),
    ("أحداث", "événements"),
    ("قمة", "sommet"),
    ("مؤتمر", "conférence"),
    ("انتخابات", "élections"),
    ("زلزال", "séisme"),
)


def _dated(phrase: Sequence[Word], start: int, end: int) -> str:
    """French of an event written as its head and a date (تفجيرات 11 مارس 2004 →
    attentats du 11 mars 2004), or "" when it is not written so."""
    head = _DATED_HEADS.get(phrase[start].first)
    if head is None or end - start not in (3, 4):
        return ""
    year = phrase[start + 3].key if end - start == 4 and is_year(phrase[start + 3]) else ""
    if end - start == 4 and not year:
        return ""
    date = french_date(phrase[start + 1].key, phrase[start + 2].key, year)
    return f"{head} du {date}" if date else ""


# Words that announce a place name after them; the mapped ones stay part of the name
# and give its French head (ساحة كليبر → place Kléber).
PLACE_CUES = word_keys("مدينة مدينتي مدن عاصمة بلدة قرية إقليم عمالة جهة منطقة ضاحية جماعة")
PLACE_HEADS = keyed(
    ("ساحة", "place"),
    ("شاطئ", "plage de"),
    ("رأس", "cap"),
    ("ميناء", "port de"),
    ("مطار", "aéroport de"),
    ("حي", "quartier"),
    ("جزيرة", "île de"),
    ("مضيق", "détroit de"),
)


def place_spans(phrase: Sequence[Word]) -> Iterator[Span]:
    """Places named after a cue (بمدينة تيفلت, ساحة كليبر), lists after a plural cue
    included (بمدن طنجة وتيفلت)."""
    for i, unit in enumerate(phrase):
        head = unit.first in PLACE_HEADS
        if unit.first not in PLACE_CUES and not head:
            continue
        j = i + 1
        while j < len(phrase):
            nxt = phrase[j]
            name = nxt.first if j == i + 1 else nxt.key.removeprefix("و")
            if nxt.is_function or (j > i + 1 and not nxt.key.startswith("و")):
                break
            if nxt.definite and nxt.key.endswith(("يه", "ي")):
                break  # المنطقة الشمالية: an adjective, not a name
            # A common word is no new name, but a list may go on after it (طنجة وتيفلت):
            # known places there are the lexicon's to find.
            if general_rank(strip_article(name)) >= _NAME_RANK:
                listed = j > i + 1 and nxt.bare_surface == nxt.surface
                yield Span(i if head else j, j + 1, "place", "pattern", conjunction=listed)
            if head:
                break
            j += 1


# A country's missions abroad (سفارة فرنسا, القنصلية العامة لفرنسا) and its government.
MISSION_HEADS = keyed(("سفارة", "ambassade"), ("قنصلية", "consulat"), ("حكومة", "gouvernement"))
