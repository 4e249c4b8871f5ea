"""`glossary export` in CSV, OmegaT and TBX: validity, filters, round trips."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, isoschematron

import glossary.cli  # first: the CLI module registers the commands below
from glossary.commands_formats import export_command, import_command
from glossary.store import Store

DATA = Path(__file__).resolve().parent / "data" / "formats"  # the schemas, copied
SHARED_TBX = Path(__file__).resolve().parents[2] / "shared" / "tbx"
SCHEMAS = ("TBXcoreStructV03.rng", "TBX-Basic_DCA.sch")
NS = {"t": "urn:iso:std:iso:30042:ed-2"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DGST_AR = "المديرية العامة لمراقبة التراب الوطني"


# --- the TBX validators -------------------------------------------------------------------


@pytest.fixture(scope="session")
def relax_ng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(DATA / "TBXcoreStructV03.rng")))


@pytest.fixture(scope="session")
def schematron() -> isoschematron.Schematron:
    """The TBX-Basic DCA rules, their XPath 2 bits rewritten to XPath 1 for lxml."""
    text = (DATA / "TBX-Basic_DCA.sch").read_text(encoding="utf-8-sig")
    rewritten = (
        text.replace('queryBinding="xslt2"', 'queryBinding="xslt"')
        .replace("./local-name()", "local-name()")
        .replace(
            "matches(@target,'https?://.+')",
            "(starts-with(@target,'http://') or starts-with(@target,'https://'))",
        )
    )
    assert rewritten.count("local-name()") == text.count("local-name()")
    assert "matches(" not in rewritten and 'queryBinding="xslt"' in rewritten
    return isoschematron.Schematron(etree.fromstring(rewritten.encode()), store_report=True)


@pytest.mark.skipif(not SHARED_TBX.exists(), reason="../shared/tbx sits beside the repo")
@pytest.mark.parametrize("name", SCHEMAS)
def test_the_schema_copies_match_the_shared_ones(name: str) -> None:
    assert (DATA / name).read_bytes() == (SHARED_TBX / name).read_bytes()


def _problems(
    document: bytes, relax_ng: etree.RelaxNG, schematron: isoschematron.Schematron
) -> list[str]:
    tree = etree.fromstring(document).getroottree()
    problems = []
    if not relax_ng.validate(tree):
        problems += [f"RELAX NG: {e.message}" for e in relax_ng.error_log]
    if not schematron.validate(tree):
        report = schematron.validation_report
        problems += [
            "Schematron: " + "".join(t.itertext()).strip()
            for t in report.iter("{http://purl.oclc.org/dsdl/svrl}text")
        ]
    return problems


# --- helpers ------------------------------------------------------------------------------


def _export(runner: CliRunner, db: Path, *args: str) -> tuple[str, str]:
    result = runner.invoke(export_command, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8"), result.stderr  # .stdout folds CRLF


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _tbx(runner: CliRunner, db: Path, *args: str) -> bytes:
    return _export(runner, db, "--format", "tbx", *args)[0].encode("utf-8")


def _concept_of(document: bytes, ar: str) -> etree._Element:
    root = etree.fromstring(document)
    for concept in root.iterfind(".//t:conceptEntry", NS):
        terms = concept.xpath("t:langSec[@xml:lang='ar']/t:termSec/t:term", namespaces=NS)
        if terms and terms[0].text == ar:
            return concept
    raise AssertionError(f"no conceptEntry for {ar}")


# --- TBX ----------------------------------------------------------------------------------


def test_tbx_export_is_valid_against_both_schemas(
    runner: CliRunner,
    seeds_db: Path,
    relax_ng: etree.RelaxNG,
    schematron: isoschematron.Schematron,
) -> None:
    for args in ([], ["--all"]):
        document = _tbx(runner, seeds_db, *args)
        assert document.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
        assert _problems(document, relax_ng, schematron) == []


def test_an_empty_glossary_is_a_valid_tbx_document(
    runner: CliRunner,
    tmp_path: Path,
    relax_ng: etree.RelaxNG,
    schematron: isoschematron.Schematron,
) -> None:
    Store(tmp_path / "empty.db").close()
    document = _tbx(runner, tmp_path / "empty.db")
    assert _problems(document, relax_ng, schematron) == []


@pytest.mark.parametrize(
    ("old", "new", "validator"),
    [
        # conceptEntry needs an id (structure)
        ('<conceptEntry id="c1">', "<conceptEntry>", "RELAX NG"),
        # a langSec needs a termSec (structure)
        ("<langSec", '<langSec xml:lang="en"/><langSec', "RELAX NG"),
        # not one of the administrativeStatus values (TBX-Basic rules)
        ("admittedTerm-admn-sts", "maybeTerm-admn-sts", "Schematron"),
        # subjectField belongs to the concept, not the term (TBX-Basic rules)
        (
            '<termNote type="partOfSpeech">noun</termNote>',
            (
                '<termNote type="partOfSpeech">noun</termNote>'
                '<descrip type="subjectField">sécurité</descrip>'
            ),
            "Schematron",
        ),
        # the dialect must say it is TBX-Basic
        ('type="TBX-Basic"', 'type="TBX-Other"', "Schematron"),
    ],
)
def test_a_broken_tbx_document_is_rejected(
    runner: CliRunner,
    seeds_db: Path,
    relax_ng: etree.RelaxNG,
    schematron: isoschematron.Schematron,
    old: str,
    new: str,
    validator: str,
) -> None:
    document = _tbx(runner, seeds_db).decode("utf-8")
    assert old in document
    broken = document.replace(old, new, 1).encode("utf-8")
    problems = _problems(broken, relax_ng, schematron)
    assert any(p.startswith(validator) for p in problems), problems


def test_tbx_concept_carries_terms_acronym_status_context_and_dates(
    runner: CliRunner, fresh_db: Path
) -> None:
    from glossary import review

    store = Store(fresh_db)
    dgst = store.query("SELECT id FROM entries WHERE ar = ?", [DGST_AR])[0]["id"]
    review.set_status(store, dgst, "approved")
    store.close()
    concept = _concept_of(_tbx(runner, fresh_db), DGST_AR)

    assert concept.get("id", "").startswith("c")
    assert concept.findtext("t:descrip[@type='subjectField']", namespaces=NS)
    kinds = [t.text for t in concept.findall("t:transacGrp/t:transac", NS)]
    assert kinds == ["origination", "modification"]
    assert all(d.text and d.text[:4].isdigit() for d in concept.findall("t:transacGrp/t:date", NS))
    [arabic] = concept.xpath("t:langSec[@xml:lang='ar']", namespaces=NS)
    [french] = concept.xpath("t:langSec[@xml:lang='fr']", namespaces=NS)
    main = arabic.find("t:termSec", NS)
    assert main is not None
    notes = {n.get("type"): n.text for n in main.findall("t:termNote", NS)}
    assert notes["termType"] == "fullForm"
    assert notes["administrativeStatus"] == "preferredTerm-admn-sts"
    context = main.find("t:descripGrp/t:descrip[@type='context']", NS)
    source = main.find("t:descripGrp/t:admin[@type='source']", NS)
    assert context is not None and context.text
    assert source is not None and Path(source.text or "").parent.name == "seeds"
    variants = arabic.findall("t:termSec[t:termNote='variant']/t:term", NS)
    assert "مديرية مراقبة التراب الوطني" in [v.text for v in variants]
    by_type = {
        t.findtext("t:termNote[@type='termType']", namespaces=NS): t.findtext("t:term", None, NS)
        for t in french.findall("t:termSec", NS)
    }
    assert by_type["acronym"] == "DGST"
    assert "surveillance du territoire" in (by_type["fullForm"] or "")


def test_status_maps_to_administrative_status(runner: CliRunner, fresh_db: Path) -> None:
    from glossary import review

    store = Store(fresh_db)
    rejected = store.query(
        "SELECT ar, id FROM entries WHERE in_glossary = 1 AND ar != ? LIMIT 1", [DGST_AR]
    )[0]
    review.set_status(store, rejected["id"], "rejected")
    store.close()
    document = _tbx(runner, fresh_db)

    def status(ar: str) -> str | None:
        return _concept_of(document, ar).findtext(
            "t:langSec/t:termSec/t:termNote[@type='administrativeStatus']", namespaces=NS
        )

    assert status(rejected["ar"]) == "deprecatedTerm-admn-sts"
    assert status(DGST_AR) == "admittedTerm-admn-sts"  # proposed by the miner


# --- round trips --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "suffix", "args"),
    [
        ("csv", "csv", []),
        ("csv", "csv", ["--reverse", "--bom"]),
        ("tbx", "tbx", []),
        ("omegat", "utf8", []),
        ("omegat", "utf8", ["--reverse"]),
    ],
)
def test_export_import_export_gives_the_same_file(
    runner: CliRunner, seeds_db: Path, tmp_path: Path, fmt: str, suffix: str, args: list[str]
) -> None:
    first, again = tmp_path / f"first.{suffix}", tmp_path / f"again.{suffix}"
    empty = tmp_path / "empty.db"
    _export(runner, seeds_db, "--format", fmt, "-o", str(first), *args)
    result = runner.invoke(import_command, [str(first), "--db", str(empty)])
    assert result.exit_code == 0, result.output
    assert "0 bad rows" in result.stderr
    _export(runner, empty, "--format", fmt, "-o", str(again), *args)
    assert first.read_bytes() == again.read_bytes()
    assert len(first.read_bytes()) > 10_000  # a real glossary went round, not an empty one


# --- CSV ----------------------------------------------------------------------------------


def test_csv_keeps_the_contract_and_counts_on_stderr(runner: CliRunner, seeds_db: Path) -> None:
    out, err = _export(runner, seeds_db)
    rows = _csv_rows(out)
    assert out.splitlines()[0] == (
        "ar,fr,acronym,kind,status,confidence,origin,variants,frequency,documents,context"
    )
    assert out.endswith("\r\n") and rows
    assert err.strip() == f"exported {len(rows)} entries"


def test_csv_reverse_puts_french_first(runner: CliRunner, seeds_db: Path) -> None:
    forward = _csv_rows(_export(runner, seeds_db)[0])
    out, _ = _export(runner, seeds_db, "--reverse")
    assert out.splitlines()[0].startswith("fr,ar,acronym,kind,")
    assert _csv_rows(out) == forward  # same rows, read by name


def test_filters_by_kind_status_and_confidence(
    runner: CliRunner, seeds_db: Path, fresh_db: Path
) -> None:
    everything = _csv_rows(_export(runner, seeds_db)[0])
    people = _csv_rows(_export(runner, seeds_db, "--kind", "person")[0])
    assert people and {r["kind"] for r in people} == {"person"}
    assert len(people) == sum(r["kind"] == "person" for r in everything)
    sure = _csv_rows(_export(runner, seeds_db, "--min-confidence", "0.9")[0])
    assert sure and all(float(r["confidence"]) >= 0.9 for r in sure)
    assert len(sure) == sum(float(r["confidence"]) >= 0.9 for r in everything)
    assert _csv_rows(_export(runner, seeds_db, "--status", "approved")[0]) == []
    runner.invoke(glossary.cli.cli, ["edit", "DGST", "--status", "approved", "--db", str(fresh_db)])
    approved = _csv_rows(_export(runner, fresh_db, "--status", "approved")[0])
    assert [r["acronym"] for r in approved] == ["DGST"]
    tbx = _export(runner, fresh_db, "--format", "tbx", "--status", "approved")
    assert tbx[0].count("<conceptEntry") == 1 and tbx[1].strip() == "exported 1 entries"


def test_bad_option_combinations_are_refused(runner: CliRunner, seeds_db: Path) -> None:
    for args in (["--format", "tbx", "--bom"], ["--format", "tbx", "--reverse"]):
        result = runner.invoke(export_command, ["--db", str(seeds_db), *args])
        assert result.exit_code == 2 and "error:" in result.stderr
    result = runner.invoke(export_command, ["--db", str(seeds_db), "--min-confidence", "2"])
    assert result.exit_code == 2


# --- help ---------------------------------------------------------------------------------
# (OmegaT fields without tabs or line breaks: test_security.)


def test_commands_have_help_with_an_example(runner: CliRunner) -> None:
    for command in (export_command, import_command):
        result = runner.invoke(command, ["--help"])
        assert result.exit_code == 0 and "Example:" in result.output
