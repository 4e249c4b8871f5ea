"""Bad input, clear answers: one line naming the file, a non-zero exit where the command
cannot do its job, never a traceback. (A 50 MB file is tested with the build's progress.)
"""

from __future__ import annotations

import codecs
import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from glossary.cli import cli
from glossary.schema import LATEST

from .conftest import SEEDS

DGST_AR = "المديرية العامة لمراقبة التراب الوطني"
ARTICLE = (
    "عززت المديرية العامة لمراقبة التراب الوطني تعاونها مع فرنسا.\n"
    "وأشاد الوزير بعمل المديرية العامة لمراقبة التراب الوطني في مكافحة الإرهاب.\n"
)


def run(runner: CliRunner, *args: str) -> Result:
    """`glossary ARGS`, checked for what every answer must be: no traceback."""
    result = runner.invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    return result


def one_line(result: Result) -> str:
    """The command's only line of output (on stderr), without its `error: `."""
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0].removeprefix("error: ")


# --- paths and files to build from --------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "no/such/folder"], "no/such/folder: no such file or folder"),
        (["lookup", "x", "--db", "missing.db"], "run 'glossary build' first"),
        (["stats", "--db", "missing.db"], "run 'glossary build' first"),
    ],
)
def test_bad_input_gets_one_line_and_a_nonzero_exit(
    runner: CliRunner,
    tmp_path: Path,
    args: list[str],
    message: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(runner, *args, *(["--db", "missing.db"] if args[0] == "build" else []))
    assert result.exit_code == 2
    assert message in one_line(result)
    assert not (tmp_path / "missing.db").exists(), "no db is created for nothing"


def test_a_folder_without_text_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.pdf").write_bytes(b"%PDF")
    db = tmp_path / "g.db"
    result = run(runner, "build", str(empty), "--db", str(db))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"warning: skipped {empty / 'notes.pdf'}: PDF files are not supported yet",
        f"error: no readable text found in {empty}",
    ]
    assert not db.exists()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \r\n\t\n", "empty file"),
        ("photo.txt", bytes(range(256)) * 8, "binary or unknown encoding"),
        ("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF files are not supported yet"),
        ("memo.docx", b"PK\x03\x04\x14\x00\x06\x00", "DOCX files are not supported yet"),
    ],
)
def test_a_file_without_text_is_named_in_one_line(
    runner: CliRunner, tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    db = tmp_path / "g.db"
    result = run(runner, "build", str(path), "--db", str(db))
    assert result.exit_code == 2
    assert one_line(result) == f"{path}: {reason}; no text to build a glossary from"
    assert not db.exists()


def test_files_without_text_next_to_articles_are_skipped_with_a_warning(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    (folder / "memo.docx").write_bytes(b"PK\x03\x04")
    result = run(runner, "build", str(folder), "--db", str(tmp_path / "g.db"))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert sorted(warnings) == [
        f"warning: skipped {folder / 'empty.txt'}: empty file",
        f"warning: skipped {folder / 'memo.docx'}: DOCX files are not supported yet",
        f"warning: skipped {folder / 'photo.txt'}: binary or unknown encoding",
        f"warning: skipped {folder / 'report.pdf'}: PDF files are not supported yet",
    ]
    assert "1 documents read" in result.stdout


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.encode("cp1256"), id="windows-1256"),
        pytest.param(lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"), id="utf-16-le"),
        pytest.param(lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"), id="utf-16-be"),
        pytest.param(lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), id="utf-8-bom"),
        pytest.param(lambda text: text.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(
            lambda text: codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le"),
            id="utf-16-crlf",
        ),
    ],
)
def test_every_encoding_and_line_ending_reads_into_the_same_glossary(
    runner: CliRunner, tmp_path: Path, encode: object
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(encode(ARTICLE))  # type: ignore[operator]
    db = tmp_path / "g.db"
    assert run(runner, "build", str(path), "--db", str(db)).exit_code == 0
    result = run(runner, "lookup", "DGST", "--json", "--db", str(db))
    hit = json.loads(result.stdout)[0]
    assert hit["ar"] == DGST_AR and hit["acronym"] == "DGST"
    assert hit["context"] in ARTICLE.splitlines()  # no BOM, no \r, no mojibake


# --- the db -------------------------------------------------------------------------------
def test_a_db_that_is_not_sqlite_gets_one_line(runner: CliRunner, tmp_path: Path) -> None:
    bogus = tmp_path / "glossary.db"
    bogus.write_bytes(b"PK\x03\x04 not a database" * 200)
    result = run(runner, "lookup", "DGST", "--db", str(bogus))
    assert result.exit_code == 2
    assert one_line(result).startswith(f"{bogus}: not a usable glossary db")
    assert bogus.read_bytes().startswith(b"PK"), "the file is left untouched"


@pytest.mark.parametrize("command", ["build", "import", "edit", "export", "stats"])
def test_no_command_writes_over_a_file_that_is_not_a_glossary(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    bogus = tmp_path / "notes.db"
    content = b"this is not a database, but somebody's notes\n" * 100
    bogus.write_bytes(content)
    source = tmp_path / "terms.csv"
    source.write_text("ar,fr\nحرس الحدود,garde-frontières\n", encoding="utf-8")
    args = {
        "build": ["build", str(SEEDS)],
        "import": ["import", str(source)],
        "edit": ["edit", "DGST", "--status", "approved"],
        "export": ["export"],
        "stats": ["stats"],
    }[command]
    result = run(runner, *args, "--db", str(bogus))
    assert result.exit_code == 2
    assert one_line(result) == f"{bogus}: not a usable glossary db (file is not a database)"
    assert bogus.read_bytes() == content


def test_a_folder_given_as_the_db_gets_one_line(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "build", str(SEEDS), "--db", str(tmp_path))
    assert result.exit_code == 2
    assert one_line(result) == f"{tmp_path}: is a folder, not a glossary db"


@pytest.mark.parametrize("command", ["lookup", "build", "import"])
def test_a_db_from_a_newer_version_is_refused_untouched(
    runner: CliRunner, fresh_db: Path, tmp_path: Path, command: str
) -> None:
    conn = sqlite3.connect(fresh_db)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(LATEST + 1)])
    conn.commit()
    conn.close()
    before = fresh_db.read_bytes()
    source = tmp_path / "terms.csv"
    source.write_text("ar,fr\nحرس الحدود,garde-frontières\n", encoding="utf-8")
    args = {
        "lookup": ["lookup", "DGST"],
        "build": ["build", str(SEEDS)],
        "import": ["import", str(source)],
    }[command]
    result = run(runner, *args, "--db", str(fresh_db))
    assert result.exit_code == 2
    line = one_line(result)
    assert line.startswith(f"{fresh_db}: written by a newer version of glossary")
    assert f"schema {LATEST + 1}" in line and "upgrade" in line
    assert fresh_db.read_bytes() == before


def _unwritable(tmp_path: Path, how: str) -> Path:
    """A db path where no file can be created, for root too."""
    if how == "missing folder":
        return tmp_path / "no" / "g.db"
    if how == "folder is a file":
        (tmp_path / "a-file").write_text("x", encoding="utf-8")
        return tmp_path / "a-file" / "g.db"
    if os.geteuid() != 0:  # read-only folder
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        return folder / "g.db"
    return Path("/proc/g.db")  # root may write anywhere, but not in /proc


@pytest.mark.parametrize("how", ["missing folder", "folder is a file", "read-only folder"])
@pytest.mark.parametrize("command", ["build", "import"])
def test_an_unwritable_db_location_gets_one_line(
    runner: CliRunner, tmp_path: Path, how: str, command: str
) -> None:
    db = _unwritable(tmp_path, how)
    source = tmp_path / "terms.csv"
    source.write_text("ar,fr\nحرس الحدود,garde-frontières\n", encoding="utf-8")
    args = ["build", str(SEEDS)] if command == "build" else ["import", str(source)]
    result = run(runner, *args, "--db", str(db))
    assert result.exit_code == 2
    line = one_line(result)
    assert line.startswith(f"{db}: cannot create the glossary db")
    assert not db.exists()


def test_an_unwritable_db_location_says_why(runner: CliRunner, tmp_path: Path) -> None:
    missing = run(runner, "build", str(SEEDS), "--db", str(tmp_path / "no" / "g.db"))
    assert "the folder " + str(tmp_path / "no") + " does not exist" in one_line(missing)
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    under_file = run(runner, "build", str(SEEDS), "--db", str(tmp_path / "a-file" / "g.db"))
    assert one_line(under_file).endswith(f"{tmp_path / 'a-file'} is not a folder")


# --- queries ------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["؟!...", "...", "«»،؛", "   ", "\x07\x1b"])
@pytest.mark.parametrize("command", ["lookup", "edit"])
def test_a_query_of_only_punctuation_gets_one_line(
    runner: CliRunner, fresh_db: Path, query: str, command: str
) -> None:
    extra = ["--note", "x"] if command == "edit" else []
    result = run(runner, command, query, *extra, "--db", str(fresh_db))
    assert result.exit_code == 2
    assert one_line(result) == "nothing to look up: the query has no letters or digits"


@pytest.mark.parametrize("letter", ["ب", "a"])
def test_a_query_of_ten_thousand_characters_gets_one_short_line(
    runner: CliRunner, seeds_db: Path, letter: str
) -> None:
    query = letter * 10_000
    result = run(runner, "lookup", query, "--db", str(seeds_db))
    assert result.exit_code == 1
    line = result.stderr.strip()
    assert "\n" not in line and len(line) < 200
    assert line.startswith("no entry matches '" + letter * 60 + "…'")
    assert "(10,000 characters; the first 500 were looked up)" in line


def test_a_bug_of_ours_is_one_line_and_exit_70_and_debug_shows_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug is not the user's fault and never a wall of traceback: one line that says
    so and how to report it; GLOSSARY_DEBUG=1 lets the traceback through."""
    import glossary.cli

    db = tmp_path / "glossary.db"
    assert run(runner, "build", str(SEEDS), "--db", str(db)).exit_code == 0

    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("entry_id")  # stands for a bug in the lookup

    monkeypatch.setattr(glossary.cli, "lookup", broken)
    result = run(runner, "lookup", "DGST", "--db", str(db))
    assert result.exit_code == 70
    line = one_line(result)
    assert line.startswith("internal error (KeyError: 'entry_id')") and "bug in glossary" in line
    monkeypatch.setenv("GLOSSARY_DEBUG", "1")
    debug = runner.invoke(cli, ["lookup", "DGST", "--db", str(db)])
    assert isinstance(debug.exception, KeyError)
