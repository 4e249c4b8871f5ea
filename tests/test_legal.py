"""Laws, decrees and dahirs cited by number, with the French numbering convention."""

from __future__ import annotations

import pytest

from glossary.legal import legal_references


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
