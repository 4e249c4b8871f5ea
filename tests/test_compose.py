"""Composed French for Arabic noun phrases: patterns, agreement, articles and honesty."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.arabic import search_key
from glossary.compose import Composition, compose_french

WORDS_CSV = Path(__file__).resolve().parent.parent / "glossary" / "data" / "words.csv"
ARABIC = re.compile("[\u0600-\u06ff]")


def _rows() -> list[dict[str, str]]:
    with WORDS_CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _fr(ar: str) -> str | None:
    result = compose_french(ar)
    return None if result is None else result.fr


# --- the word lexicon --------------------------------------------------------------------


def test_words_csv_has_the_agreed_header_and_enough_rows() -> None:
    with WORDS_CSV.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert header == ["ar", "pos", "gender", "fr", "fr_f", "fr_pl", "fr_f_pl", "source"]
    assert len(_rows()) >= 700


def test_every_row_is_well_formed() -> None:
    for row in _rows():
        where = f"{row['ar']} ({row['pos']})"
        assert row["pos"] in ("noun", "adj", "prep"), where
        assert row["fr"] or row["fr_pl"], where
        assert row["source"], where
        assert search_key(row["ar"]) == " ".join(search_key(row["ar"]).split()), where
        # No marks in the stored Arabic, no Arabic in the French.
        assert not re.search("[\u064b-\u065f\u0670\u0640]", row["ar"]), where
        assert not any(ARABIC.search(row[c]) for c in ("fr", "fr_f", "fr_pl", "fr_f_pl")), where
        if row["pos"] == "noun":
            assert row["gender"] in ("m", "f"), where
        # Rows are written without the article; التزام begins with ال that is part of the word.
        assert not row["ar"].startswith("ال") or row["ar"] == "التزام", where


def test_rows_are_unique_per_search_key_and_part_of_speech() -> None:
    keys = [(search_key(r["ar"]), r["pos"]) for r in _rows()]
    assert len(keys) == len(set(keys))


def test_the_lexicon_is_not_read_at_import() -> None:
    code = (
        "import glossary.compose, glossary.words as w; print(w.word_lexicon.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


# --- the patterns --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ar", "fr"),
    [
        ("التعاون الأمني", "coopération sécuritaire"),
        ("مكافحة الإرهاب", "lutte contre le terrorisme"),
        ("الهجرة غير النظامية", "migration irrégulière"),  # IOM usage: migration, not immigration
        ("تهريب المهاجرين", "trafic de migrants"),
        ("الخلايا الإرهابية", "cellules terroristes"),
        ("خلية إرهابية", "cellule terroriste"),
        ("تبادل المعلومات", "échange d'informations"),
        ("تبادل المعلومات الاستخباراتية", "échange d'informations de renseignement"),
        ("المساعدة القضائية المتبادلة", "assistance judiciaire mutuelle"),
        ("الجريمة العابرة للحدود", "crime transnational"),  # as the brief says
        ("شبكات الاتجار الدولي في المخدرات", "réseaux de trafic international de stupéfiants"),
        ("الاتجار غير المشروع في المخدرات", "trafic illicite de stupéfiants"),
        ("الهجرة غير الشرعية", "migration clandestine"),
    ],
)
def test_domain_terms_from_the_brief(ar: str, fr: str) -> None:
    assert _fr(ar) == fr


@pytest.mark.parametrize(
    ("ar", "fr"),
    [
        ("تمويل الإرهاب", "financement du terrorisme"),  # definite complement: du
        ("مراقبة الحدود", "surveillance des frontières"),  # des
        ("الوقاية من التطرف", "prévention de l'extrémisme"),  # de l' before a vowel
        ("تبييض الأموال", "blanchiment de capitaux"),  # kind head: bare de
        ("طالبي اللجوء", "demandeurs d'asile"),  # construct plural طالبي, elided d'
        ("وزير الصحة", "ministre de la Santé"),
        ("وزير الداخلية", "ministre de l'Intérieur"),
        ("وزارة الشؤون الخارجية", "ministère des Affaires étrangères"),
        ("المدير العام للأمن الوطني", "directeur général de la sécurité nationale"),
        ("اللجنة الوطنية لمكافحة الفساد", "commission nationale de lutte contre la corruption"),
        ("الحرب على الإرهاب", "guerre contre le terrorisme"),
        ("التعاون في مجال مكافحة الإرهاب", "coopération en matière de lutte contre le terrorisme"),
        ("التعاون بين البلدين", "coopération entre les deux pays"),
        ("العنف ضد النساء", "violence contre les femmes"),
    ],
)
def test_complements_take_the_right_preposition_and_article(ar: str, fr: str) -> None:
    assert _fr(ar) == fr


@pytest.mark.parametrize(
    ("ar", "fr"),
    [
        ("التعاون الدولي", "coopération internationale"),  # feminine French noun
        ("الاتحاد الأوروبي", "union européenne"),
        ("الأجهزة الأمنية المغربية", "services sécuritaires marocains"),  # broken plural
        ("الهجمات السيبرانية", "cyberattaques"),  # sound plural ات and the cyber- prefix
        ("المهاجرين غير النظاميين", "migrants irréguliers"),  # ين plural on noun and adjective
        ("القاصرين غير المرفقين", "mineurs non accompagnés"),
        ("المنظمات غير الحكومية", "organisations non gouvernementales"),
        ("الأسلحة البيضاء", "armes blanches"),
        ("الاتفاقية الجديدة", "nouvelle convention"),  # adjective before the noun
        ("اتفاق جديد", "nouvel accord"),
        ("مهاجرات", "migrantes"),
        ("الخلية الإرهابية النائمة", "cellule terroriste dormante"),
    ],
)
def test_adjectives_agree_in_gender_and_number(ar: str, fr: str) -> None:
    assert _fr(ar) == fr


def test_coordination_joins_the_phrase_written_alike() -> None:
    assert _fr("السلم والأمن") == "paix et sécurité"
    assert _fr("تبادل المعلومات والخبرات") == "échange d'informations et d'expertises"
    assert (
        _fr("غسل الأموال وتمويل الإرهاب") == "blanchiment de capitaux et financement du terrorisme"
    )
    assert _fr("التعاون الأمني والقضائي") == "coopération sécuritaire et judiciaire"
    assert _fr("المدير العام للأمن الوطني ولمراقبة التراب الوطني") == (
        "directeur général de la sécurité nationale et de la surveillance du territoire national"
    )


def test_collocation_rows_are_words_that_longer_phrases_build_on() -> None:
    assert _fr("مذكرة توقيف دولية") == "mandat d'arrêt international"
    assert _fr("قاضي التحقيق الفرنسي") == "juge d'instruction français"
    assert _fr("ضحايا الاتجار بالبشر") == "victimes de la traite des êtres humains"


def test_spelling_variants_give_the_same_french() -> None:
    plain = compose_french("مكافحة الإرهاب")
    assert plain is not None
    assert compose_french("مُكافحة الإرْهاب") == plain
    assert compose_french("مكافحـــة  الارهاب") == plain


def test_the_pattern_names_the_rule() -> None:
    lutte = compose_french("مكافحة الإرهاب")
    minister = compose_french("وزير العدل")
    adj = compose_french("التعاون الأمني")
    assert lutte is not None and lutte.pattern == "lutte contre X"
    assert minister is not None and minister.pattern == "ministre de X"
    assert adj is not None and adj.pattern == "noun+adj"


# --- honesty -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ar",
    [
        "التعاون بين المغرب وفرنسا",  # proper names are not in the word lexicon
        "التعاون الفلافلي",  # unknown adjective
        "الإلكتروني",  # an adjective alone is not a term
        "في المخدرات",  # a term does not start with a preposition
        "تهريب المخدرات في",  # nor end with one
        "التعاون المغرب",  # two definite nouns: no known structure
    ],
)
def test_unknown_words_and_structures_give_none(ar: str) -> None:
    assert compose_french(ar) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "DGSN",
        "sécurité nationale",
        "2024",
        "٢٠٢٤",
        "الأمن، الوطني",
        "الأمن DGSN",
        "🙂",
        "غير",
        "و",
        "ال",
        "غير غير غير",
        "في",
        "\u200f\u0640",
        "الأمن " * 40,
    ],
)
def test_odd_input_gives_none_without_raising(text: str) -> None:
    assert compose_french(text) is None


def test_confidence_stays_within_bounds_and_drops_with_length() -> None:
    short = compose_french("التعاون الدولي")
    longer = compose_french("شبكات الاتجار الدولي في المخدرات")
    word = compose_french("الأمن")
    assert short is not None and longer is not None and word is not None
    assert short.confidence == pytest.approx(0.7)
    assert 0.3 <= longer.confidence < short.confidence
    assert word.confidence == pytest.approx(0.5)


def test_a_guessed_agreement_lowers_confidence() -> None:
    # الدولي agrees with تعزيز and with التعاون: the nearest head is taken, as a guess.
    sure = compose_french("التعاون الدولي")
    guessed = compose_french("تعزيز التعاون الدولي")
    assert sure is not None and guessed is not None
    assert guessed.fr == "renforcement de la coopération internationale"
    assert "guessed agreement" in guessed.pattern
    assert guessed.confidence < sure.confidence - 0.05 - 1e-9


def test_a_guessed_preposition_lowers_confidence() -> None:
    sure = compose_french("العنف ضد النساء")
    guessed = compose_french("الوقاية من التطرف")
    assert sure is not None and guessed is not None
    assert guessed.confidence < sure.confidence


_VOCABULARY = sorted({r["ar"] for r in _rows()} | {"في", "من", "على", "ضد", "بين", "غير"})
_PROCLITICS = ["", "ال", "و", "وال", "لل", "بال"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_PROCLITICS), st.sampled_from(_VOCABULARY)),
        min_size=1,
        max_size=6,
    )
)
def test_random_phrases_never_raise_nor_leak_arabic(words: list[tuple[str, str]]) -> None:
    result = compose_french(" ".join(p + w for p, w in words))
    if result is not None:
        assert isinstance(result, Composition)
        assert not ARABIC.search(result.fr)
        assert 0.3 <= result.confidence <= 0.7
        assert result.pattern


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x6FF), max_size=40))
def test_arbitrary_text_never_raises(text: str) -> None:
    result = compose_french(text)
    assert result is None or not ARABIC.search(result.fr)


def test_police_as_a_kind_takes_bare_de() -> None:
    assert compose_french("مفوضي الشرطة").fr == "commissaires de police"  # type: ignore[union-attr]
    assert compose_french("مدرسة الشرطة").fr == "école de police"  # type: ignore[union-attr]
    # the institution itself keeps its article: the police's staff
    assert compose_french("عناصر الشرطة").fr == "éléments de la police"  # type: ignore[union-attr]


def test_procedures_and_requests_name_their_kind() -> None:
    assert compose_french("مساطر اللجوء").fr == "procédures d'asile"  # type: ignore[union-attr]
    assert compose_french("واجب اليقظة").fr == "devoir de vigilance"  # type: ignore[union-attr]
