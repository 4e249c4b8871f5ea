"""The search key, clitics and variant grouping."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from glossary.arabic import (
    clitic_readings,
    display_form,
    group_key,
    search_key,
    strip_proclitics,
    tokenize,
)


def test_key_folds_hamza_alef_ya_ta_marbuta_and_digits() -> None:
    assert search_key("إستراتيجية") == search_key("استراتيجية") == "استراتيجيه"
    assert search_key("الأمن") == "الامن"
    assert search_key("مستوى") == "مستوي"
    assert search_key("مؤسسة") == "موسسه"
    assert search_key("٢٠٢٤") == "2024"
    assert search_key("ڤو") == "فو"


def test_key_drops_diacritics_tatweel_and_bidi_marks() -> None:
    assert search_key("الأَمْـــنُ\u200f") == search_key("الأمن")
    assert search_key("  مكافحة \n الإرهاب ") == "مكافحه الارهاب"


def test_display_form_keeps_letters_but_drops_tatweel() -> None:
    assert display_form("الأمـــن") == "الأمن"


def test_tokens_keep_surface_and_offsets() -> None:
    text = "وقال: الأمنُ الوطني"
    tokens = tokenize(text)
    assert [t.surface for t in tokens] == ["وقال", "الأمنُ", "الوطني"]
    assert all(text[t.start : t.end] == t.surface for t in tokens)


def test_clitic_readings_restore_the_article_after_lam() -> None:
    readings = dict(clitic_readings(search_key("للأمن")))
    assert readings["ل"] == "الامن"
    assert ("ول", "مراقبه") in list(clitic_readings(search_key("ولمراقبة")))


def test_proclitic_is_stripped_only_when_the_rest_is_attested() -> None:
    attested = {"فرنسا", "مراقبه"}.__contains__
    assert strip_proclitics(search_key("وفرنسا"), attested) == ("و", "فرنسا")
    assert strip_proclitics(search_key("فرنسا"), attested) == ("", "فرنسا")
    assert strip_proclitics(search_key("ولمراقبة"), attested) == ("ول", "مراقبه")


def test_group_key_joins_spacing_and_article_variants() -> None:
    assert group_key(search_key("عبد اللطيف الحموشي")) == group_key(search_key("عبداللطيف حموشي"))
    assert group_key(search_key("نور الدين")) == group_key(search_key("نورالدين"))


@given(st.text())
def test_key_is_idempotent_and_total(text: str) -> None:
    once = search_key(text)
    assert search_key(once) == once
    group_key(once)  # never raises


@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى وفبلك", max_size=30))
def test_tokens_always_point_at_their_surface(text: str) -> None:
    for token in tokenize(text):
        assert text[token.start : token.end] == token.surface


def test_a_long_text_folds_as_a_short_one() -> None:
    """Long texts fold their letters by replace, short ones by translate: the same keys."""
    from glossary.arabic import _KEY_LETTERS, _KEY_MAP, search_key

    text = " ".join(["إن أمن مؤسسة الآنسة ئ ى ة ڤ ڨ گ ک ی ٣ ۴", "".join(_KEY_LETTERS)] * 20)
    assert search_key(text) == " ".join(text.translate(_KEY_MAP).split())
    assert search_key(text).split(" ")[:3] == [search_key(w) for w in text.split(" ")[:3]]
