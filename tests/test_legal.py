"""Laws, decrees and dahirs cited by number, with the French numbering convention."""

from __future__ import annotations

import pytest

from glossary.legal import article_references, legal_references
from glossary.lexicon import load_lexicon


@pytest.mark.parametrize(
    ("text", "ar", "fr"),
    [
        (
            "وتوبع المتهمون طبقا للقانون رقم 03.03 المتعلق بمكافحة الإرهاب وأودعوا السجن.",
            "القانون رقم 03.03 المتعلق بمكافحة الإرهاب",
            "loi n° 03-03 relative à la lutte contre le terrorisme",
        ),
        (
            "بموجب القانون رقم 43.22 المتعلق بالعقوبات البديلة، الذي دخل حيز التنفيذ.",
            "القانون رقم 43.22 المتعلق بالعقوبات البديلة",
            "loi n° 43-22 relative aux peines alternatives",
        ),
        (
            "وفق الظهير الشريف رقم 1.58.376 المنظم",
            "الظهير الشريف رقم 1.58.376",
            "dahir n° 1-58-376",
        ),
        ("والمرسوم رقم 2.19.1035 الصادر", "المرسوم رقم 2.19.1035", "décret n° 2-19-1035"),
        (
            "القانون التنظيمي رقم ١١٣.١٤ المتعلق بالجماعات.",
            "القانون التنظيمي رقم ١١٣.١٤",
            "loi organique n° 113-14",
        ),
    ],
)
def test_a_reference_gets_its_french_number_and_title(text: str, ar: str, fr: str) -> None:
    [found] = legal_references(text)
    assert (found.ar, found.fr) == (ar, fr)
    assert text[found.start : found.end].endswith(ar[-8:])


def test_a_title_is_never_cut_in_the_middle() -> None:
    """الحق في الإضراب is one title: no "relatif à la pratique du droit"."""
    [found] = legal_references(
        "صادق المجلس على مشروع القانون رقم 10.23 المتعلق بتنظيم ممارسة الحق في الإضراب."
    )
    assert found.fr == "projet de loi n° 10-23"


def test_no_number_no_reference() -> None:
    assert legal_references("وينص القانون على عقوبات رادعة في حق المخالفين.") == []


def test_the_miner_makes_each_reference_an_entry() -> None:
    from glossary.mined import SentenceText
    from glossary.mining import Miner

    text = "وتوبع المتهمون طبقا للقانون رقم 03.03 المتعلق بمكافحة الإرهاب وأودعوا السجن."
    entries = {e.ar: e for e in Miner([SentenceText(0, 0, text, 0)]).mine()}
    law = entries["القانون رقم 03.03 المتعلق بمكافحة الإرهاب"]
    assert law.is_glossary and law.kind == "term"
    assert law.equivalents[0].fr == "loi n° 03-03 relative à la lutte contre le terrorisme"
    assert law.equivalents[0].origin == "compositional"
    [(_sentence, start, end, _surface)] = law.occurrences
    assert text[start:end] == "لقانون رقم 03.03 المتعلق بمكافحة الإرهاب"


def test_an_article_of_a_known_code_is_a_reference_too() -> None:
    """المادة/الفصل + number + من + a code the lexicon knows; a second citation in the
    same sentence is found too, and an unknown text after من names nothing."""
    text = (
        "وتوبع بموجب الفصل 218-1 من القانون الجنائي وطبقا للمادة 66 من قانون المسطرة "
        "الجنائية، كما تنص المادة 3 من الاتفاق على ذلك."
    )
    found = article_references(text, load_lexicon())
    assert [(r.ar, r.fr) for r in found] == [
        ("الفصل 218-1 من القانون الجنائي", "article 218-1 du Code pénal"),
        ("المادة 66 من قانون المسطرة الجنائية", "article 66 du Code de procédure pénale"),
    ]
    assert [text[r.start : r.end] for r in found] == [
        "الفصل 218-1 من القانون الجنائي",
        "لمادة 66 من قانون المسطرة الجنائية",
    ]


def test_a_text_cited_by_its_date_gets_the_french_date() -> None:
    """Dahirs are cited by date as often as by number (الظهير الشريف المؤرخ في 21 ماي
    1974); Maghreb and Middle East month names both read."""
    [by_date] = legal_references("إن الظهير الشريف المؤرخ في 21 ماي 1974 لا يزال ساريا.")
    assert (by_date.ar, by_date.fr) == (
        "الظهير الشريف المؤرخ في 21 ماي 1974",
        "dahir du 21 mai 1974",
    )
    [both] = legal_references("بموجب الظهير الشريف رقم 1.58.376 الصادر في 15 نوفمبر 1958")
    assert both.fr == "dahir n° 1-58-376 du 15 novembre 1958"
    assert legal_references("القانون الصادر في 15 الشهر الماضي") == []


def test_a_title_ends_where_the_verb_s_complement_begins() -> None:
    """ينص القانون … على: the title stops before على, unless a noun of the title takes
    it (الإدمان على المخدرات), when no shorter title is made up."""
    [law] = legal_references("وينص القانون رقم 103.13 المتعلق بمحاربة العنف ضد النساء على ذلك.")
    assert law.ar == "القانون رقم 103.13 المتعلق بمحاربة العنف ضد النساء"
    assert law.fr.startswith("loi n° 103-13 relative à la lutte contre la violence")
    [dahir] = legal_references(
        "الظهير المؤرخ في 21 ماي 1974 المتعلق بزجر الإدمان على المخدرات السامة"
    )
    assert dahir.ar == "الظهير المؤرخ في 21 ماي 1974"


def test_a_constitution_is_cited_by_its_year() -> None:
    from glossary.legal import constitutions

    found = constitutions("استقلال السلطة القضائية منذ دستور 2011، وفي دستور سنة 1996.")
    assert [(c.ar, c.fr) for c in found] == [
        ("دستور 2011", "Constitution de 2011"),
        ("دستور سنة 1996", "Constitution de 1996"),
    ]
    assert constitutions("وينص الدستور على ذلك.") == []


def test_a_convention_is_named_by_its_subject() -> None:
    from glossary.legal import agreements

    [found] = agreements("وصادق البلدان على الاتفاقية المتعلقة بتسليم المجرمين، ثم افترقا.")
    assert found.ar == "الاتفاقية المتعلقة بتسليم المجرمين"
    assert found.fr == "convention relative à l'extradition"
    assert agreements("ويظل الاتفاق المتعلق بإعادة القبول معلقا.") == []
