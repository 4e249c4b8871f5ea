"""The shipped lexicon data: well-formed, and no two rows claiming one Arabic form."""

from __future__ import annotations

from glossary.arabic import group_key, search_key
from glossary.compose import compose_french
from glossary.lexicon import load_lexicon


def test_no_arabic_form_belongs_to_two_rows() -> None:
    """A form two rows share is matched by one of them only, silently (a surname variant
    ألباريس once read every باريس as the minister): the data must say which."""
    owner: dict[str, str] = {}
    clashes = []
    for entry in load_lexicon().entries:
        for form in entry.forms:
            key = group_key(search_key(form))
            if owner.setdefault(key, entry.ar) != entry.ar:
                clashes.append(f"{form} ({entry.ar}) vs {owner[key]}")
    assert clashes == []


def test_every_row_has_french_or_an_acronym_and_a_source() -> None:
    entries = load_lexicon().entries
    assert len(entries) >= 600  # issue 3: a lexicon of breadth
    assert [e.ar for e in entries if not (e.fr or e.acronym) or not e.source] == []


def test_the_word_lexicon_composes_domain_phrases() -> None:
    assert compose_french("تعليمات السلطات").fr == "instructions des autorités"  # type: ignore[union-attr]
    assert compose_french("الخلايا الإرهابية").fr == "cellules terroristes"  # type: ignore[union-attr]


def test_titles_have_their_feminine() -> None:
    lexicon = load_lexicon()
    directrice = lexicon.lookup("المديرة العامة للأمن الداخلي")
    assert (
        directrice is not None and directrice.fr == "directrice générale de la sécurité intérieure"
    )
    assert lexicon.lookup("الوزيرة المنتدبة").fr == "ministre déléguée"  # type: ignore[union-attr]
    assert lexicon.lookup("الرئيسة الأولى لمحكمة النقض").fr.startswith("première présidente")  # type: ignore[union-attr]


def test_a_feminine_word_is_not_read_as_a_pronoun_suffix() -> None:
    """تجارة (trade) is not تجار (traders) + ه: no trafiquants for a trade."""
    from glossary.mined import SentenceText
    from glossary.mining import Miner

    text = "وقالت المديرة العامة للأمن الداخلي إن تجارة المخدرات تتطور."
    entries = {e.ar: e for e in Miner([SentenceText(0, 0, text, 0)]).mine()}
    assert "المديرة العامة للأمن الداخلي" in entries
    french = {e.equivalents[0].fr for e in entries.values() if e.equivalents}
    assert "directrice générale de la sécurité intérieure" in french
    assert not any("trafiquant" in fr for fr in french)
