"""Legal texts cited by number: القانون رقم 03.03 المتعلق بمكافحة الإرهاب → loi n° 03-03
relative à la lutte contre le terrorisme.

News cites laws, decrees and dahirs by number, and translators need both the French
numbering convention (Morocco writes "loi n° 03-03", "dahir n° 1-58-376": dots become
hyphens) and the title. The number's dots split it across phrases, so references are
found in the sentence text, not in the units the miner reads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from glossary.arabic import group_key, search_key
from glossary.compose import compose_object
from glossary.dates import french_date
from glossary.french import of
from glossary.lexicon import Lexicon
from glossary.mined import MinedEntry, Phrase

# (Arabic type, French type, gender of the French). Longest first: the regex tries them in order.
_TYPES: tuple[tuple[str, str, str], ...] = (
    ("القانون التنظيمي", "loi organique", "f"),
    ("القانون الإطار", "loi-cadre", "f"),
    ("مشروع القانون", "projet de loi", "m"),
    ("الظهير الشريف", "dahir", "m"),
    ("الظهير", "dahir", "m"),
    ("القانون", "loi", "f"),
    ("المرسوم", "décret", "m"),
)
_FRENCH = {ar.removeprefix("ال"): (fr, gender) for ar, fr, gender in _TYPES}
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _type_pattern() -> str:
    """A type, definite or not, with the clitics news puts on it (للقانون, وبموجب المرسوم)."""
    options = []
    for ar, _fr, _gender in _TYPES:
        bare = ar.removeprefix("ال")
        if bare.startswith("مشروع"):  # مشروع القانون / مشروع قانون
            options.append("مشروع (?:ال)?قانون")
        else:
            options.append(bare.replace(" ال", " (?:ال)?"))
    return "(?:" + "|".join(options) + ")"


_DIGIT = "[0-9٠-٩۰-۹]"
# A text is cited by its number, by its date (الظهير الشريف المؤرخ في 21 ماي 1974), or both.
_REFERENCE = re.compile(
    r"(?<![\w])(?:[وف])?(?:[بك])?(?P<article>ال|لل|ل)?"
    rf"(?P<type>{_type_pattern()})"
    rf"(?:\s+رقم\s+(?P<number>{_DIGIT}+(?:\s?[.\-/]\s?{_DIGIT}+)*))?"
    r"(?:\s+(?:ال)?(?:صادر|صادرة|مؤرخ|مؤرخة)\s+(?:في|بتاريخ)\s+"
    rf"(?P<day>{_DIGIT}{{1,2}})\s+(?P<month>[^\s\d.,،؛:()«»\"]+)\s+(?P<year>{_DIGIT}{{4}}))?"
    r"(?:\s+(?:ال)?(?:متعلق|متعلقة)\s+ب(?P<object>[^\s.,،؛:()«»\"]+(?:\s+[^\s.,،؛:()«»\"]+){0,9}))?"
)
# A one-word title is too often another sense (الجماعات: communes, not groups).
_MIN_CONFIDENCE = 0.55
_CLAUSE_STARTS = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "لا", "لم", "لن", "قد"})
# What starts a verb's complement after a title (ينص القانون … على): a title may end
# there, and the longest one that composes is taken (الإدمان على المخدرات stays whole).
_COMPLEMENT_STARTS = frozenset({"على", "إلى", "عن", "أمام", "لدى", "خلال", "منذ", "بعد", "قبل"})
# Nouns that take such a preposition inside a title (الإدمان على المخدرات, الحصول على
# المعلومات, اللجوء إلى القضاء, الإبلاغ عن الجرائم): the title goes on after them.
_GOVERNING = frozenset(
    [
        "الإدمان",
        "الحصول",
        "القضاء",
        "الحفاظ",
        "التصديق",
        "المصادقة",
        "الاعتداء",
        "التحريض",
        "الولوج",
        "اللجوء",
        "الإبلاغ",
        "التبليغ",
        "الدفاع",
        "التخلي",
        "الإشراف",
        "الرقابة",
        "التوقيع",
        "العثور",
        "الإحالة",
    ]
)


# A constitution by its year: دستور 2011 → Constitution de 2011 (دستور سنة 1996 too).
_CONSTITUTION = re.compile(
    r"(?<![\w])(?:[وف])?(?:[بل])?(?P<article>ال)?(?P<name>دستور)\s+(?:(?:سنة|عام)\s+)?"
    r"(?P<year>(?:19|20)[0-9]{2})(?![0-9])"
)


@dataclass(frozen=True, slots=True)
class LegalReference:
    start: int  # offsets in the text searched
    end: int
    ar: str
    fr: str
    confidence: float


def legal_references(text: str) -> list[LegalReference]:
    """Every law, decree or dahir cited by number in `text`, with its French."""
    found = []
    for match in _REFERENCE.finditer(text):
        date = None
        if match.group("day"):
            day, year = match.group("day").translate(_DIGITS), match.group("year")
            date = french_date(day, match.group("month"), year.translate(_DIGITS))
        if not match.group("number") and date is None:
            continue  # the word القانون alone, or a date that is none
        kind = re.sub(r"\s+", " ", match.group("type"))
        fr_type, gender = _FRENCH.get(_canonical(kind), ("loi", "f"))
        fr = fr_type
        if match.group("number"):
            number = re.sub(r"\s*[.\-/]\s*", "-", match.group("number").translate(_DIGITS))
            fr, end = f"{fr} n° {number}", match.end("number")
        if date is not None:
            fr, end = f"{fr} du {date}", match.end("year")
        confidence = 0.7
        titled = _title(match, gender)
        if titled is not None:
            fr, end, confidence = f"{fr} {titled[0]}", titled[1], min(confidence, titled[2])
        start = match.start("type") - len(match.group("article") or "")
        if (match.group("article") or "").startswith("ل"):
            start += 1  # للقانون: the لـ is a preposition; what is named is القانون
            ar = "ال" + text[start + 1 : end] if match.group("article") == "لل" else text[start:end]
        else:
            ar = text[start:end]
        found.append(LegalReference(start, end, " ".join(ar.split()), fr, confidence))
    return found


def _title(match: re.Match[str], gender: str) -> tuple[str, int, float] | None:
    """("relative à …", end, confidence) of the longest title after المتعلق ب that
    composes, or None."""
    obj = match.group("object")
    if not obj:
        return None
    words = obj.split()
    for size in range(len(words), 0, -1):
        if not _ends_title(words, size):
            continue
        title = compose_object("à", " ".join(words[:size]))
        if title is not None and title.confidence >= _MIN_CONFIDENCE:
            related = "relative" if gender == "f" else "relatif"
            end = match.start("object") + len(" ".join(words[:size]))
            return f"{related} {title.fr}", end, title.confidence
    return None


# A convention or an agreement by its subject: الاتفاقية المتعلقة بتسليم المجرمين →
# convention relative à l'extradition des criminels.
_AGREEMENT = re.compile(
    r"(?<![\w])(?:[وف])?(?:[بل])?(?P<article>ال)?(?P<type>اتفاقية|اتفاق)\s+(?:ال)?"
    r"(?:متعلقة|متعلق)\s+ب(?P<object>[^\s.,،؛:()«»\"]+(?:\s+[^\s.,،؛:()«»\"]+){0,9})"
)


def agreements(text: str) -> list[LegalReference]:
    """Every convention or agreement named by its subject in `text`."""
    found = []
    for match in _AGREEMENT.finditer(text):
        feminine = match.group("type") == "اتفاقية"
        titled = _title(match, "f" if feminine else "m")
        if titled is None:
            continue
        start = match.start("article") if match.group("article") else match.start("type")
        fr = f"{'convention' if feminine else 'accord'} {titled[0]}"
        ar = " ".join(text[start : titled[1]].split())
        found.append(LegalReference(start, titled[1], ar, fr, min(0.65, titled[2])))
    return found


def constitutions(text: str) -> list[LegalReference]:
    """Every constitution cited by its year in `text`."""
    found = []
    for match in _CONSTITUTION.finditer(text):
        start = match.start("article") if match.group("article") else match.start("name")
        ar = " ".join(text[start : match.end("year")].split())
        fr = f"Constitution de {match.group('year')}"
        found.append(LegalReference(start, match.end("year"), ar, fr, 0.7))
    return found


# An article of a code or law: المادة 66 من قانون المسطرة الجنائية, بالفصل 218-1 من القانون
# الجنائي (Morocco's Code pénal numbers its articles فصل, other texts مادة).
_ARTICLE = re.compile(
    r"(?<![\w])(?:[وف])?(?:[بك])?(?P<article>ال|لل|ل)?(?P<kind>مادة|فصل)\s+"
    r"(?P<number>[0-9٠-٩۰-۹]+(?:\s?-\s?[0-9٠-٩۰-۹]+)?)\s+من\s+"
    r"(?=(?P<code>[^\s.,،؛:()«»\"]+(?:\s+[^\s.,،؛:()«»\"]+){0,4}))"  # read, not taken
)
_CODE_HEADS = ("code", "loi", "dahir", "constitution", "convention", "charte", "décret")


def article_references(text: str, lexicon: Lexicon) -> list[LegalReference]:
    """Every article of a code or law the lexicon knows, cited in `text`, with its
    French (article 66 du Code de procédure pénale)."""
    found = []
    for match in _ARTICLE.finditer(text):
        words = match.group("code").split()
        for size in range(len(words), 0, -1):  # the longest name the lexicon knows
            entry = lexicon.lookup(" ".join(words[:size]))
            if entry is None or not entry.fr.lower().startswith(_CODE_HEADS):
                continue
            number = re.sub(r"\s*-\s*", "-", match.group("number").translate(_DIGITS))
            # The article's letters (ال, or the ل left of لل), never a preposition.
            start = match.start("kind") - {"ال": 2, "لل": 1}.get(match.group("article"), 0)
            end = match.start("code") + len(" ".join(words[:size]))
            ar = "ال" + text[match.start("kind") : end]
            fr = f"article {number} {of(entry.fr, 'organisation')}"
            found.append(LegalReference(start, end, " ".join(ar.split()), fr, 0.7))
            break
    return found


def _ends_title(words: list[str], size: int) -> bool:
    """Whether a title may end after `size` words: at the end of the clause, or before a
    new one (و…, الذي…, لا…) or a verb's complement (على المتهمين). Not before في or
    من: الحق في الإضراب is one title, not الحق."""
    if size == len(words) or words[size].startswith("و") or words[size] in _CLAUSE_STARTS:
        return True
    return words[size] in _COMPLEMENT_STARTS and words[size - 1] not in _GOVERNING


def _canonical(kind: str) -> str:
    """The _FRENCH key of a matched type (article-less, spacing as in _TYPES)."""
    key = re.sub(r" ال", " ", kind)
    for ar in _FRENCH:
        if re.sub(r" ال", " ", ar) == key:
            return ar
    return kind


def add_legal_references(
    phrases: Sequence[Phrase],
    entries: dict[str, MinedEntry],
    texts: dict[str, str],
    lexicon: Lexicon,
) -> None:
    """Record each reference of the phrases' sentences as a glossary entry (kind term,
    French composed), found in the sentence text: a number's dots (03.03) split it
    across phrases, and each article of a code `lexicon` knows (المادة 66 من قانون
    المسطرة الجنائية). `texts` shares one string per written form between entries."""
    seen: set[int] = set()
    for phrase in phrases:
        sentence = phrase.sentence
        if sentence.index in seen:
            continue
        seen.add(sentence.index)
        text = sentence.text
        cited = "رقم" in text or "مؤرخ" in text or "صادر" in text
        references = legal_references(text) if cited else []
        if "من" in text and ("مادة" in text or "فصل" in text):
            references += article_references(text, lexicon)
        if "دستور" in text:
            references += constitutions(text)
        if "اتفاق" in text and "متعلق" in text:
            references += agreements(text)
        for ref in references:
            key = group_key(search_key(ref.ar))
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = MinedEntry(key, "term")
            entry.sources.add("pattern")
            entry.is_glossary = True
            entry.composed[ref.fr] += 1
            surface = texts.setdefault(ref.ar, ref.ar)
            start = sentence.start
            entry.record((sentence.index, start + ref.start, start + ref.end, surface))
