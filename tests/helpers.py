"""Helpers several test modules share: write a CSV, run an import, read an entry's
preferred French, count rows, dump a whole db, build a glossary from a few texts."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from glossary.commands_formats import import_command
from glossary.store import Store


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\r\n").writerows(rows)
    return path


def run_import(runner: CliRunner, path: Path, db: Path, *args: str) -> tuple[int, str]:
    """`glossary import PATH --db DB ARGS`: its exit code and stderr (never a traceback)."""
    result = runner.invoke(import_command, [str(path), "--db", str(db), *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stderr


def preferred(db: Path, ar: str) -> dict[str, object]:
    """The entry written `ar`, with its preferred French (exactly one such entry)."""
    store = Store(db)
    rows = store.query(
        "SELECT e.status, e.note, q.fr, q.acronym, q.origin, q.human, q.confidence "
        "FROM entries e JOIN equivalents q ON q.entry_id = e.id AND q.preferred = 1 "
        "WHERE e.ar = ?",
        [ar],
    )
    store.close()
    assert len(rows) == 1, rows
    return rows[0]


def row_counts(db: Path) -> tuple[int, ...]:
    """Rows in entries, equivalents, forms, documents and sentences."""
    store = Store(db)
    counts = tuple(
        store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"]
        for table in ("entries", "equivalents", "forms", "documents", "sentences")
    )
    store.close()
    return counts


def dump(db: Path) -> list[str]:
    """The whole db as SQL statements (sqlite3's iterdump)."""
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def built(tmp_path: Path, *texts: str) -> tuple[Path, Store]:
    """A corpus folder holding each text as a file of its own, and a glossary built from
    it (glossary.db beside it)."""
    from glossary.build import build

    folder = tmp_path / "corpus"
    folder.mkdir()
    for number, text in enumerate(texts):
        (folder / f"{number:03d}.txt").write_text(text, encoding="utf-8")
    store = Store(tmp_path / "glossary.db")
    build([folder], store)
    return folder, store
