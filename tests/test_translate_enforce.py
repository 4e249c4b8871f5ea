"""Glossary enforcement with fake translators that damage, drop or pivot placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from glossary.enforce import FoundTerm, enforce, find_terms, mask, placeholder
from glossary.lookup import Hit
from glossary.store import Store

DGST_AR = "المديرية العامة لمراقبة التراب الوطني"
TEXT = f"زار مدير {DGST_AR} باريس.\nوأكدت ولمراقبة التراب الوطني ذلك."


def _term(text: str, ar: str, fr: str, acronym: str, status: str = "approved") -> FoundTerm:
    hit = Hit(1, ar, fr, acronym, "organisation", status, "lexicon", 1.0, True, "", "", "exact")
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(ar), text)]
    return FoundTerm(hit, spans, [ar] * len(spans))


DGST = _term(TEXT, DGST_AR, "Direction générale de la surveillance du territoire", "DGST")


def test_placeholders_are_capital_letters_only() -> None:
    tokens = [placeholder(i) for i in range(700)]
    assert len(set(tokens)) == 676 and all(re.fullmatch("[A-Z]{5}", t) for t in tokens)


def test_an_exact_copy_is_enforced() -> None:
    result = enforce(TEXT, [DGST], lambda s: s)
    assert "(DGST)" in result.translation and result.terms[0].status == "enforced"


def test_a_mangled_placeholder_is_repaired() -> None:
    """Argos turns _ into spaces and models change case or split rare words."""

    def mangle(text: str) -> str:
        return re.sub("ZXQ([A-Z]+)", lambda m: "zx q " + m.group(1).lower(), text)

    result = enforce(TEXT, [DGST], mangle)
    assert "Direction générale de la surveillance du territoire (DGST)" in result.translation
    assert result.terms[0].status == "repaired"


def test_a_dropped_placeholder_is_written_in_and_retried() -> None:
    def drop_placeholders(text: str) -> str:
        return re.sub(r"ZXQ[A-Z]+", "", text)

    result = enforce(TEXT, [DGST], drop_placeholders)
    assert result.terms[0].status == "repaired"
    assert "DGST" in result.translation.split("\n")[0]


def test_a_term_the_model_loses_is_missing() -> None:
    result = enforce(TEXT, [DGST], lambda s: "rien")
    assert result.terms[0].status == "missing" and not result.terms[0].in_output


def test_placeholders_survive_a_pivot() -> None:
    """Two hops, each lowering case and splitting words with _ (turned into spaces)."""

    def hop(text: str) -> str:
        return re.sub("([A-Z]{3})([A-Z]{2})", lambda m: f"{m.group(1)}_{m.group(2)}", text).replace(
            "_", " "
        )

    result = enforce(TEXT, [DGST], lambda s: hop(hop(s)))
    assert result.terms[0].status == "repaired" and "DGST" in result.translation


def test_a_conjunction_stays_outside_the_placeholder(seeds_db: Path) -> None:
    store = Store(seeds_db)
    text = f"وأكدت و{DGST_AR} ذلك"
    terms = find_terms(store, text)
    store.close()
    dgst = next(t for t in terms if t.hit.acronym == "DGST")
    assert dgst.surfaces == [DGST_AR]
    masked, _slots = mask(text, [dgst], [True])
    assert masked == "وأكدت و ZXQAA ذلك"


def test_proposed_french_is_enforced_only_on_request() -> None:
    term = _term(TEXT, DGST_AR, "Direction générale", "DGST", status="proposed")
    assert enforce(TEXT, [term], lambda s: s).terms[0].status == "unenforced"
    assert enforce(TEXT, [term], lambda s: s, include_proposed=True).terms[0].status == "enforced"


def test_terms_are_found_in_vowelled_text_longest_first(seeds_db: Path) -> None:
    store = Store(seeds_db)
    text = (
        "وَأَعْلَنَتِ المُدِيرِيَّةُ العامَّةُ لِمُراقَبَةِ التُّرابِ الوَطَنِيِّ، "
        "ثم عادت المديرية العامة لمراقبة التراب الوطني إلى الموضوع."
    )
    found = find_terms(store, text)
    dgst = next(t for t in found if t.hit.acronym == "DGST")
    assert len(dgst.spans) == 2  # the vowelled and the bare mention, each whole
    assert dgst.surfaces[0] == "المُدِيرِيَّةُ العامَّةُ لِمُراقَبَةِ التُّرابِ الوَطَنِيِّ"
    assert not any(t.hit.ar == "التراب الوطني" for t in found)  # not a shorter piece
    store.close()


def test_a_term_imported_here_or_by_another_program_is_found_at_once(
    fresh_db: Path, tmp_path: Path
) -> None:
    """find_terms skips n-grams whose words no form has (the form words are read once
    per Store); an import by this Store or by another program is seen by the next text."""
    from glossary.formats import read_glossary
    from glossary.formats.importer import import_terms

    store = Store(fresh_db)
    text = "وناقش الوفد مخطط الرصد البحري المتقدم ثم شبكة الإنذار الساحلي المبكر."
    assert not any("مخطط الرصد" in s for t in find_terms(store, text) for s in t.surfaces)
    first = tmp_path / "first.tsv"
    first.write_text("مخطط الرصد البحري المتقدم\tplan de veille maritime avancée\n", "utf-8")
    other = Store(fresh_db)  # another program
    import_terms(other, read_glossary(first, "csv"), first.name)
    other.close()
    second = tmp_path / "second.tsv"
    second.write_text("شبكة الإنذار الساحلي المبكر\tréseau d'alerte côtière précoce\n", "utf-8")
    import_terms(store, read_glossary(second, "csv"), second.name)  # this Store
    surfaces = {s for t in find_terms(store, text) for s in t.surfaces}
    assert {"مخطط الرصد البحري المتقدم", "شبكة الإنذار الساحلي المبكر"} <= surfaces
    store.close()
