"""Rendering Arabic-script person names in French: what a translator would notice."""

from __future__ import annotations

import pytest

from glossary import names
from glossary.names import NameRendering, given_name, render_name, transliterate_word

FAKE_LEXICON_CSV = """ar,fr,origin
فاطمة,Fatima,arabic
فاطمة الزهراء,Fatima-Zahra,arabic
عبد الرحمن,Abderrahmane,arabic
"""


@pytest.fixture
def fake_lexicon(monkeypatch: pytest.MonkeyPatch) -> None:
    """Serve a small known lexicon instead of data/given_names.csv."""
    lexicon = names._parse_lexicon(FAKE_LEXICON_CSV)
    monkeypatch.setattr(names, "_lexicon", lambda: lexicon)


@pytest.fixture
def empty_lexicon(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if data/given_names.csv were missing."""
    monkeypatch.setattr(names, "_lexicon", dict)


# --- Given names served by the lexicon (data/given_names.csv) ---------------------------


@pytest.mark.parametrize(
    ("arabic", "french"),
    [("عبد اللطيف", "Abdellatif"), ("سيلين", "Céline"), ("نيكولا", "Nicolas"), ("برونو", "Bruno")],
)
def test_lexicon_given_names_get_their_usual_spelling(arabic: str, french: str) -> None:
    assert given_name(arabic) == french
    rendering = render_name(arabic)
    assert (rendering.fr, rendering.known_parts, rendering.guessed_parts) == (french, 1, 0)
    assert rendering.confidence == pytest.approx(0.9)


def test_given_name_lookup_ignores_spacing_hamza_and_diacritics() -> None:
    for variant in ("عبداللطيف", "عبد  اللطيف", "عَبْدُ اللَّطِيفِ", "عبـد اللطيف", "عبد اللّطيف"):
        assert given_name(variant) == "Abdellatif"


def test_unknown_word_is_not_a_given_name() -> None:
    assert given_name("لورنر") is None
    assert given_name("") is None


def test_full_name_keeps_lexicon_given_name_and_guesses_the_surname() -> None:
    rendering = render_name("عبد اللطيف حموشي")
    assert rendering.fr.startswith("Abdellatif ")
    # Unvocalised حموشي carries no shadda, so the rules write a single m.
    assert rendering.fr == "Abdellatif Hamouchi"
    assert (rendering.known_parts, rendering.guessed_parts) == (1, 1)


def test_shadda_doubles_the_consonant() -> None:
    assert render_name("عبد اللطيف حمّوشي").fr == "Abdellatif Hammouchi"


def test_spacing_variant_gives_the_same_rendering() -> None:
    assert render_name("عبداللطيف حموشي") == render_name("عبد اللطيف حموشي")
    assert render_name("عبداللطيف وهبي").fr == "Abdellatif Ouahbi"


@pytest.mark.parametrize(
    "variant",
    [
        "عَبْدُ الحَمِيدِ أَبَاعُود",  # vowel marks
        "عبـــد الحميـــد أبـاعود",  # tatweel
        "عبد الحميد اباعود",  # hamza dropped
        "\u200fعبد الحميد\u200c أباعود\u200f",  # bidi marks from a web page
        "  عبد   الحميد أباعود ",  # stray spaces
    ],
)
def test_diacritics_tatweel_and_hamza_do_not_change_the_result(variant: str) -> None:
    assert render_name(variant) == render_name("عبد الحميد أباعود")
    assert render_name(variant).fr.endswith(" Abaaoud")


# --- Rule-based transliteration ---------------------------------------------------------


@pytest.mark.parametrize(
    ("arabic", "french"),
    [
        ("شعبي", "Chaabi"),  # ش → ch, ع between consonants → aa
        ("حموشي", "Hamouchi"),  # ش → ch, long و → ou, "a" after the first consonant
        ("جمال", "Jamal"),  # ج → j
        ("جواد", "Jaouad"),  # ج → j, و before a long a is a consonant → ou
        ("وهبي", "Ouahbi"),  # و at the start is a consonant → ou
        ("داود", "Daoud"),  # long و → ou
        ("خالد", "Khaled"),  # خ → kh, "e" in a final consonant pair
        ("غالي", "Ghali"),  # غ → gh
        ("قادري", "Kadri"),  # ق → k
        ("عمرا", "Amra"),  # ع at the start → a
        ("أباعود", "Abaaoud"),  # ع after a vowel → a
        ("سميرة", "Samira"),  # final ة → a
        ("حياة", "Hayat"),  # ة after a long a → t
        ("موسى", "Moussa"),  # ى → a, s between vowels doubled
        ("ياسين", "Yassine"),  # final -in written -ine
        ("مروان", "Marouane"),  # final -an written -ane
        ("لفتيت", "Laftit"),
        ("ڤو", "Vou"),  # ڤ → v
        ("پاپا", "Papa"),  # پ → p
        ("گيلان", "Gilane"),  # گ → g
        ("بلقاضي", "Belkadi"),  # fused بل ("son of") → Bel
        ("بلعربي", "Belarbi"),
        ("بلحاج", "Belhaj"),
        ("بلدي", "Baldi"),  # too short to hold Bel + a name
    ],
)
def test_transliteration_rules(arabic: str, french: str) -> None:
    assert transliterate_word(arabic) == french


@pytest.mark.parametrize(
    ("arabic", "french"),
    [
        ("عبد الوافي", "Abdelouafi"),
        ("عبد الحميد", "Abdelhamid"),
        ("عبد الصمد", "Abdessamed"),  # sun letter: article assimilated
        ("عبد الرحمن", "Abderrahmen"),
        ("عبدالله", "Abdellah"),
        ("نور الدين", "Noureddine"),
        ("فتح الله", "Fathallah"),
    ],
)
def test_compounds_are_written_as_one_word(arabic: str, french: str) -> None:
    assert transliterate_word(arabic) == french
    assert transliterate_word(arabic.replace(" ", "")) == french


def test_surname_article_is_el_before_a_moon_letter_and_dropped_before_a_sun_letter() -> None:
    """As Moroccan civil status and press write them (three independent references
    agreed on all eight such surnames): El Hamdaoui, but Chaoui and Daki."""
    assert transliterate_word("الحموشي") == "El Hamouchi"
    assert transliterate_word("الحمداوي") == "El Hamdaoui"
    assert transliterate_word("الشاوي") == "Chaoui"
    assert transliterate_word("الداكي") == "Daki"


def test_french_looking_names_get_french_endings() -> None:
    assert transliterate_word("لوجيي") == "Loujier"
    assert transliterate_word("لوكورتييه") == "Loukourtier"
    assert transliterate_word("أندريه") == "André"
    assert transliterate_word("فقيه") == "Fakih"  # short Arabic stem: not French


def test_vowel_marks_are_ignored_by_the_rules() -> None:
    assert transliterate_word("وَهْبِي") == transliterate_word("وهبي") == "Ouahbi"


# --- Lexicon versus rules, with a known lexicon -----------------------------------------


@pytest.mark.usefixtures("fake_lexicon")
def test_two_word_given_name_is_looked_up_before_single_words() -> None:
    rendering = render_name("فاطمة الزهراء بناني")
    assert rendering.fr.startswith("Fatima-Zahra ")
    assert (rendering.known_parts, rendering.guessed_parts) == (1, 1)
    assert given_name("فاطمه الزهراء") == "Fatima-Zahra"


@pytest.mark.usefixtures("fake_lexicon")
def test_lexicon_spelling_wins_over_the_rules() -> None:
    assert render_name("عبد الرحمن").fr == "Abderrahmane"
    assert transliterate_word("عبد الرحمن") == "Abderrahmen"


@pytest.mark.usefixtures("empty_lexicon")
def test_missing_lexicon_falls_back_to_rules() -> None:
    rendering = render_name("عبد اللطيف حموشي")
    assert rendering.fr == "Abdellatif Hamouchi"
    assert (rendering.known_parts, rendering.guessed_parts) == (0, 2)
    assert rendering.confidence <= 0.3


def test_lexicon_parser_tolerates_odd_rows() -> None:
    text = "ar,fr,origin\n,Nobody,other\nسيلين,,french\nسِيلين,Céline,french\nسيلين,Seline,other\n\n"
    assert names._parse_lexicon(text) == {"سيلين": "Céline"}
    assert names._parse_lexicon("") == {}


# --- Confidence -------------------------------------------------------------------------


def test_guessed_surname_lowers_confidence() -> None:
    known = render_name("نيكولا")
    mixed = render_name("نيكولا لورنر")
    guessed = render_name("لورنر لفتيت")
    assert known.confidence == pytest.approx(0.9)
    assert mixed.confidence <= 0.4
    assert guessed.confidence <= 0.3
    assert known.confidence > mixed.confidence > guessed.confidence > 0


def test_particles_are_rendered_but_not_counted() -> None:
    rendering = render_name("عبد اللطيف بن حموشي")
    assert rendering.fr == "Abdellatif Ben Hamouchi"
    assert (rendering.known_parts, rendering.guessed_parts) == (1, 1)


# --- Odd input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "odd",
    ["", "   ", "Jean Dupont", "2024", "١٢٣", "!!! ؟،", "ـــ", "\u0651", "\u200f", "ء", "ال",
     "عبد", "عبد ال", "ﷺ", "محمد 6", "x\u0301y", "ﻻ", "عبد\n\tاللطيف"],
)  # fmt: skip
def test_render_name_never_raises(odd: str) -> None:
    rendering = render_name(odd)
    assert isinstance(rendering.fr, str)
    assert 0.0 <= rendering.confidence <= 1.0
    assert rendering.known_parts >= 0 and rendering.guessed_parts >= 0


def test_nothing_to_render_has_zero_confidence() -> None:
    assert render_name("") == NameRendering("", 0.0, 0, 0)
    assert render_name("!!! ؟،") == NameRendering("", 0.0, 0, 0)
    assert render_name("Jean Dupont") == NameRendering("Jean Dupont", 0.0, 0, 0)
    assert render_name("2024").confidence == 0.0


def test_a_kunya_is_written_as_the_press_writes_noms_de_guerre() -> None:
    """أبو حفص: Abou and the name, two words; أبي (its genitive) is Abou too; a kunya the
    lexicon lists as a Moroccan given name stays one (أبو بكر → Aboubakr)."""
    assert render_name("أبو محمد العدناني").fr == "Abou Mohammed El Adnani"
    assert render_name("أبي بكر البغدادي").fr.startswith("Abou ")
    assert render_name("أبو حفص الهاشمي القرشي").fr.startswith("Abou Haf")
    assert render_name("أبو بكر").fr == "Aboubakr"
