"""The glossary command end to end on the seed corpus.

(`edit`: test_edit; bad input: test_bad_input; SQL and formulas: test_security.)
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import cli

from .conftest import SEEDS


def _lookup(runner: CliRunner, db: Path, query: str, *extra: str) -> list[dict[str, object]]:
    result = runner.invoke(cli, ["lookup", query, "--db", str(db), "--json", *extra])
    assert result.exit_code == 0, result.output
    hits: list[dict[str, object]] = json.loads(result.stdout)
    return hits


def test_build_prints_a_summary_and_a_sample_lookup(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    result = runner.invoke(cli, ["build", str(SEEDS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "5 documents read" in result.output
    assert "Glossary entries:" in result.output and "organisation" in result.output
    assert "Sample lookup" in result.output
    again = runner.invoke(cli, ["build", str(SEEDS), "--db", str(db)])
    assert "0 documents read, 5 unchanged" in again.output


def test_build_uses_the_glossary_db_variable(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("GLOSSARY_DB", str(db))
    result = runner.invoke(cli, ["build", str(SEEDS)])
    assert result.exit_code == 0 and db.exists()


@pytest.mark.parametrize(
    ("query", "expected_acronym"),
    [
        ("مراقبة التراب الوطني", "DGST"),
        ("ولمراقبة التراب الوطني", "DGST"),
        ("الأمن الداخلي", "DGSI"),
    ],
)
def test_lookup_finds_the_institution(
    runner: CliRunner, seeds_db: Path, query: str, expected_acronym: str
) -> None:
    hits = _lookup(runner, seeds_db, query)
    assert expected_acronym in [h["acronym"] for h in hits]


def test_lookup_is_insensitive_to_clitics(runner: CliRunner, seeds_db: Path) -> None:
    plain = _lookup(runner, seeds_db, "مراقبة التراب الوطني")
    with_clitic = _lookup(runner, seeds_db, "ولمراقبة التراب الوطني")
    assert plain[0]["ar"] == with_clitic[0]["ar"]


def test_lookup_by_acronym_and_by_french(runner: CliRunner, seeds_db: Path) -> None:
    dgst = _lookup(runner, seeds_db, "dgst")
    assert dgst[0]["ar"] == "المديرية العامة لمراقبة التراب الوطني"
    surete = _lookup(runner, seeds_db, "sûreté nationale")
    assert "المديرية العامة للأمن الوطني" in [h["ar"] for h in surete]
    assert _lookup(runner, seeds_db, "SURETE NATIONALE")[0]["ar"] == surete[0]["ar"]


def test_lookup_shows_a_context_sentence(runner: CliRunner, seeds_db: Path) -> None:
    result = runner.invoke(cli, ["lookup", "DGSN", "--db", str(seeds_db)])
    assert result.exit_code == 0
    assert "Direction générale de la sûreté nationale (DGSN)" in result.output
    assert "«" in result.output


def test_lookup_miss_exits_1_with_a_suggestion(runner: CliRunner, seeds_db: Path) -> None:
    result = runner.invoke(cli, ["lookup", "Hamouchy", "--db", str(seeds_db)])
    assert result.exit_code == 1
    assert "did you mean" in result.output
    nothing = runner.invoke(cli, ["lookup", "qqqqqq", "--db", str(seeds_db)])
    assert nothing.exit_code == 1 and "no entry matches" in nothing.output


def _export(runner: CliRunner, db: Path, *extra: str) -> list[dict[str, str]]:
    result = runner.invoke(cli, ["export", "--format", "csv", "--db", str(db), *extra])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_export_follows_the_csv_contract(runner: CliRunner, seeds_db: Path) -> None:
    result = runner.invoke(cli, ["export", "--db", str(seeds_db)])
    header = result.stdout.splitlines()[0]
    assert header == (
        "ar,fr,acronym,kind,status,confidence,origin,variants,frequency,documents,context"
    )
    rows = _export(runner, seeds_db)
    assert 50 <= len(rows) <= 400, "a glossary, not a word list"
    assert f"exported {len(rows)} entries" in result.stderr
    by_ar = {r["ar"]: r for r in rows}
    dgst = by_ar["المديرية العامة لمراقبة التراب الوطني"]
    assert dgst["acronym"] == "DGST" and dgst["kind"] == "organisation"
    assert dgst["origin"] == "lexicon" and float(dgst["confidence"]) > 0.9
    assert "مديرية مراقبة التراب الوطني" in dgst["variants"].split("|")
    assert by_ar["عبد اللطيف حموشي"]["fr"] == "Abdellatif Hammouchi"
    assert {r["kind"] for r in rows} <= {"organisation", "person", "place", "event", "term"}


def test_export_holds_no_page_furniture(runner: CliRunner, seeds_db: Path) -> None:
    text = " ".join(r["ar"] + " " + r["context"] for r in _export(runner, seeds_db, "--all"))
    for marker in ("تعليق", "بريدك", "الارتباط", "تقرأ", "Bannière", "هيئة التحرير", "133"):
        assert marker not in text


def test_export_to_a_file_with_bom(runner: CliRunner, seeds_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.csv"
    result = runner.invoke(cli, ["export", "--db", str(seeds_db), "-o", str(out), "--bom"])
    assert result.exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data


def test_stats_counts_by_kind_status_and_origin(runner: CliRunner, seeds_db: Path) -> None:
    result = runner.invoke(cli, ["stats", "--db", str(seeds_db)])
    assert result.exit_code == 0
    assert "kind: " in result.output and "person" in result.output
    assert (
        "status: " in result.output and "origin: " in result.output and "lexicon" in result.output
    )


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    assert isinstance(cli.commands, dict)
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output, name


def test_eval_reports_recall_kind_and_french(
    runner: CliRunner, seeds_db: Path, tmp_path: Path
) -> None:
    gold = tmp_path / "gold.tsv"
    gold.write_text(
        "ar_term\tfr_term\tfr_acronym\tkind\tvariants\n"
        "المديرية العامة للأمن الوطني\tDirection générale de la sûreté nationale\tDGSN\t"
        "organisation\t\n"
        "عبد اللطيف حموشي\tAbdellatif Hammouchi\t\tperson\tللحموشي\n"
        "فرنسا\tfrance\t\tplace\tوفرنسا\n"
        "الرباط\tRabat\t\tevent\t\n"
        "مجلس الأمن الدولي\tConseil de sécurité\t\torganisation\t\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["eval", str(gold), "--db", str(seeds_db)])
    assert result.exit_code == 0, result.output
    assert "recall  0.800  (4/5 reference rows found)" in result.output
    assert "kind    0.750  (3/4 found)" in result.output
    assert "french  1.000  (4/4 found)" in result.output
    assert "missing     مجلس الأمن الدولي" in result.output
    assert "kind        الرباط: place, reference event" in result.output


def test_eval_refuses_a_file_without_the_columns(
    runner: CliRunner, seeds_db: Path, tmp_path: Path
) -> None:
    gold = tmp_path / "gold.tsv"
    gold.write_text("arabic\tfrench\nفرنسا\tFrance\n", encoding="utf-8")
    result = runner.invoke(cli, ["eval", str(gold), "--db", str(seeds_db)])
    assert result.exit_code == 2 and "missing column(s) ar_term" in result.output


@pytest.mark.parametrize("query", ["المديرية العامة لمراق", "المديرية ال", "الجريمة الم"])
def test_lookup_finds_a_half_typed_name(runner: CliRunner, seeds_db: Path, query: str) -> None:
    hits = _lookup(runner, seeds_db, query)
    assert hits and all(h["match"] == "prefix" for h in hits)


def test_a_build_with_nothing_new_keeps_the_glossary(runner: CliRunner, tmp_path: Path) -> None:
    """Same files, same miner: nothing is mined again. A different miner (a new version of
    the code or the lexicon) mines again, as a changed file does."""
    from glossary.store import Store

    db = tmp_path / "g.db"
    first = runner.invoke(cli, ["build", str(SEEDS), "--db", str(db)])
    again = runner.invoke(cli, ["build", str(SEEDS), "--db", str(db)])
    assert first.exit_code == again.exit_code == 0
    assert "kept as it was" not in first.output
    assert "0 documents read, 5 unchanged" in again.output and "kept as it was" in again.output
    # the same counts as the build that mined
    assert first.output.splitlines()[1] == again.output.splitlines()[1]
    store = Store(db)
    with store.write():
        store.set_meta("mined_with", "an older miner")
    store.close()
    upgraded = runner.invoke(cli, ["build", str(SEEDS), "--db", str(db)])
    assert upgraded.exit_code == 0 and "kept as it was" not in upgraded.output
    assert upgraded.output.splitlines()[1] == first.output.splitlines()[1]


def test_a_new_version_cleans_the_stored_documents_again(runner: CliRunner, tmp_path: Path) -> None:
    """Sentences stored by another version of the tool are made again from the files,
    those of the corpus this build was not given included: what an older cleaning cut
    off (as one did at "read also" links) comes back, as in a fresh build."""
    import shutil

    from glossary.store import Store

    first, second = tmp_path / "first", tmp_path / "second"
    for folder, names in (
        (first, sorted(SEEDS.iterdir())[:3]),
        (second, sorted(SEEDS.iterdir())[3:]),
    ):
        folder.mkdir()
        for name in names:
            shutil.copy(name, folder / name.name)
    fresh_db = tmp_path / "fresh.db"
    fresh = runner.invoke(cli, ["build", str(first), str(second), "--db", str(fresh_db)])
    db = tmp_path / "g.db"
    for folder in (first, second):
        assert runner.invoke(cli, ["build", str(folder), "--db", str(db)]).exit_code == 0
    store = Store(db)
    with store.write():  # an older version's sentences: each document cut after its first
        store.execute(
            "DELETE FROM sentences WHERE id NOT IN "
            "(SELECT min(id) FROM sentences GROUP BY document_id)"
        )
        store.set_meta("mined_with", "an older version")
        store.set_meta("cleaned_with", "an older version")
    store.close()
    upgraded = runner.invoke(cli, ["build", str(second), "--db", str(db)])
    assert upgraded.exit_code == 0, upgraded.output
    assert "5 documents read, 0 unchanged" in upgraded.output
    # the same sentences, words and entries as a fresh build of the whole corpus
    counted = re.compile(r"\d+ sentences, [\d,]+ words")
    assert counted.findall(upgraded.output) == counted.findall(fresh.output) != []
    assert upgraded.output.splitlines()[1] == fresh.output.splitlines()[1]


def test_a_reader_that_stops_early_gets_no_error(seeds_db: Path) -> None:
    """`glossary export | head -1`: when the reader closes the pipe, the command stops
    without a word on stderr (no traceback, no "internal error")."""
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "glossary", "export", "--format", "tbx", "--db", str(seeds_db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline()  # the first line, then the reader goes away
    process.stdout.close()
    errors = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "internal error" not in errors and "Traceback" not in errors
