"""`glossary import`: formats read, bad rows, broken files.

(Conflicts with a person's decisions: test_decisions; hostile XML and formulas:
test_security; an import that fails half-way: test_atomic.)
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

import glossary.cli  # noqa: F401  (first: the CLI module registers the commands below)
from glossary.commands_formats import export_command
from glossary.store import Store

from .helpers import preferred, run_import, write_csv

DATA = Path(__file__).resolve().parent / "data" / "formats"
DGST_AR = "المديرية العامة لمراقبة التراب الوطني"
HEADER = "ar,fr,acronym,kind,status,confidence,origin,variants,frequency,documents,context"


# --- broken XML ---------------------------------------------------------------------------


def test_malformed_xml_is_reported_with_its_line(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tbx"
    bad.write_text("<tbx>\n<text>\n<body></text></tbx>\n", encoding="utf-8")
    code, err = run_import(runner, bad, tmp_path / "g.db")
    assert code == 2 and "not well-formed XML (line 3" in err


# --- bad rows -----------------------------------------------------------------------------


def test_bad_rows_are_reported_with_line_numbers_and_good_rows_go_in(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "mixed.csv"
    source.write_text(
        HEADER + "\r\n"
        'حرس الحدود,garde-frontières,,term,proposed,0.80,manual,,2,1,"Une phrase\r\n'
        'sur deux lignes"\r\n'  # lines 2-3: one record
        ",sans arabe,,term,proposed,0.5,manual,,0,0,\r\n"  # line 4
        "الوكالة الوطنية للموانئ,Agence nationale des ports,ANP,organisation,"
        "approved,1,manual,,0,0,\r\n"  # line 5: good
        "الميناء,port,,animal,proposed,0.5,manual,,0,0,\r\n"  # line 6
        "المرفأ,port,,term,proposed,beaucoup,manual,,0,0,\r\n"  # line 7
        "الرصيف,quai,,term,proposed\r\n"  # line 8
        "الجمارك,douane,,term,proposed,0.5,guess,,0,0,\r\n",  # line 9
        encoding="utf-8",
    )
    db = tmp_path / "g.db"
    code, err = run_import(runner, source, db)
    assert code == 1
    reported = {int(line.split(":")[1]): line for line in err.splitlines() if ": skipped: " in line}
    assert sorted(reported) == [4, 6, 7, 8, 9]
    assert "no Arabic" in reported[4] and "'animal'" in reported[6]
    assert "confidence" in reported[7] and "cells" in reported[8] and "origin" in reported[9]
    assert "2 added" in err and "5 bad rows skipped" in err
    assert preferred(db, "حرس الحدود")["fr"] == "garde-frontières"
    agency = preferred(db, "الوكالة الوطنية للموانئ")
    assert agency["acronym"] == "ANP" and agency["status"] == "approved"


def test_omegat_glossary_with_comments_and_a_bad_line(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    code, err = run_import(runner, DATA / "colleague.utf8", db)
    assert code == 1 and "colleague.utf8:6: skipped: no tab" in err
    border = preferred(db, "حرس الحدود")
    assert border["fr"] == "garde-frontières" and border["status"] == "approved"
    ports = preferred(db, "الوكالة الوطنية للموانئ")  # a fr→ar line, with "(ANP)"
    assert ports["fr"] == "Agence nationale des ports" and ports["acronym"] == "ANP"
    store = Store(db)
    assert store.query("SELECT note FROM entries WHERE ar = 'المنطقة العازلة'")[0]["note"] == (
        "usage MAP"
    )
    store.close()


def test_plain_tsv_in_either_order(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    code, err = run_import(runner, DATA / "plain.tsv", db)
    assert code == 0, err
    assert preferred(db, "الوكالة الوطنية للموانئ")["fr"] == "Agence nationale des ports"
    rail = preferred(db, "المكتب الوطني للسكك الحديدية")
    assert rail["fr"] == "" and rail["acronym"] == "ONCF"
    border = preferred(db, "حرس الحدود")
    assert border["origin"] == "manual" and border["human"] == 1


# --- TBX in -------------------------------------------------------------------------------


def test_tbx_2008_martif_is_read(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    code, err = run_import(runner, DATA / "martif_2008.tbx", db)
    lines = (DATA / "martif_2008.tbx").read_text(encoding="utf-8").splitlines()
    english_only = next(n for n, line in enumerate(lines, 1) if 'id="t3"' in line)
    assert code == 1 and f"martif_2008.tbx:{english_only}: skipped: no Arabic term" in err
    border = preferred(db, "حرس الحدود")
    assert border["fr"] == "garde-frontières" and border["status"] == "approved"
    ports = preferred(db, "الوكالة الوطنية للموانئ")
    assert ports["acronym"] == "ANP" and ports["status"] == "proposed"
    store = Store(db)
    assert store.query("SELECT domain FROM entries WHERE ar = 'حرس الحدود'")[0]["domain"] == (
        "sécurité"
    )
    store.close()
    result = runner.invoke(export_command, ["--db", str(db)])
    rows = {r["ar"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["الوكالة الوطنية للموانئ"]["context"].startswith("أعلنت الوكالة")


# --- files that are not glossaries ---------------------------------------------------------


def test_unreadable_files_are_refused(runner: CliRunner, tmp_path: Path) -> None:
    binary = tmp_path / "g.csv"
    binary.write_bytes(bytes(range(256)) * 4)
    code, err = run_import(runner, binary, tmp_path / "g.db")
    assert code == 2 and "not a text file" in err
    not_tbx = tmp_path / "page.xml"
    not_tbx.write_text("<html><body/></html>", encoding="utf-8")
    code, err = run_import(runner, not_tbx, tmp_path / "g.db")
    assert code == 2 and "not TBX" in err


def test_a_term_given_twice_keeps_its_second_french_as_an_alternative(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "twice.csv"
    source.write_text(
        "\r\nar,fr\r\nالنيابة العامة,parquet\r\nالنيابة العامة,ministère public\r\n",
        encoding="utf-8",
    )
    db = tmp_path / "g.db"
    code, err = run_import(runner, source, db)
    assert code == 0 and "1 added" in err and "1 more French kept as alternatives" in err
    assert preferred(db, "النيابة العامة")["fr"] == "parquet"
    store = Store(db)
    french = {r["fr"] for r in store.query("SELECT fr FROM equivalents WHERE human = 1")}
    store.close()
    assert french == {"parquet", "ministère public"}


def test_a_header_without_arabic_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "fr-only.csv", [["fr", "acronym"], ["parquet", ""]])
    code, err = run_import(runner, source, tmp_path / "g.db")
    assert code == 2 and "no Arabic column" in err and "nothing imported" in err
