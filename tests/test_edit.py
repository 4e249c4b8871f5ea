"""`glossary edit QUERY [--fr] [--acronym] [--kind] [--status] [--note]`: one entry changed
from the command line, through the same code as the TUI's review keys (glossary.review)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from glossary.cli import cli
from glossary.review import entry_detail
from glossary.store import Store


def _lookup(runner: CliRunner, db: Path, query: str) -> list[dict[str, object]]:
    result = runner.invoke(cli, ["lookup", query, "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    hits: list[dict[str, object]] = json.loads(result.stdout)
    return hits


def _entries(db: Path) -> list[dict[str, object]]:
    store = Store(db)
    rows = store.query("SELECT * FROM entries ORDER BY id")
    rows += store.query("SELECT * FROM equivalents ORDER BY id")
    store.close()
    return rows


def test_edit_changes_one_entry_and_the_change_survives_a_build(
    runner: CliRunner, fresh_db: Path, corpus: Path
) -> None:
    result = runner.invoke(
        cli, ["edit", "DGST", "--status", "approved", "--note", "MAP usage", "--db", str(fresh_db)]
    )
    assert result.exit_code == 0, result.output
    assert "approved" in result.output
    runner.invoke(cli, ["build", str(corpus), "--db", str(fresh_db)])
    hit = _lookup(runner, fresh_db, "DGST")[0]
    assert hit["status"] == "approved"


def test_edit_sets_french_and_acronym(runner: CliRunner, fresh_db: Path) -> None:
    result = runner.invoke(
        cli,
        [
            "edit",
            "خارطة طريق",
            "--fr",
            "feuille de route",
            "--acronym",
            "FdR",
            "--db",
            str(fresh_db),
        ],
    )
    assert result.exit_code == 0, result.output
    hit = _lookup(runner, fresh_db, "FdR")[0]
    # The lexicon already had this French: the person's choice confirms it, adding the acronym.
    assert (hit["fr"], hit["acronym"]) == ("feuille de route", "FdR")


def test_rewording_the_french_keeps_the_acronym_unless_told(
    runner: CliRunner, fresh_db: Path
) -> None:
    db = ["--db", str(fresh_db)]
    reworded = "Direction générale de la surveillance du territoire national"
    assert runner.invoke(cli, ["edit", "DGST", "--fr", reworded, *db]).exit_code == 0
    hit = _lookup(runner, fresh_db, "DGST")[0]
    assert (hit["fr"], hit["acronym"]) == (reworded, "DGST")
    dropped = runner.invoke(cli, ["edit", "DGST", "--fr", "Surveillance", "--acronym", "", *db])
    assert dropped.exit_code == 0, dropped.output
    hit = _lookup(runner, fresh_db, "Surveillance")[0]
    assert (hit["fr"], hit["acronym"]) == ("Surveillance", "")


def test_an_ambiguous_edit_lists_candidates_and_changes_nothing(
    runner: CliRunner, fresh_db: Path
) -> None:
    before = Store(fresh_db).query("SELECT id, status, kind FROM entries ORDER BY id")
    result = runner.invoke(cli, ["edit", "التعاون", "--kind", "event", "--db", str(fresh_db)])
    assert result.exit_code == 1
    assert "ambiguous; nothing changed" in result.output
    assert Store(fresh_db).query("SELECT id, status, kind FROM entries ORDER BY id") == before


def test_the_candidates_of_an_ambiguous_edit_are_listed_one_a_line(
    runner: CliRunner, fresh_db: Path
) -> None:
    result = runner.invoke(cli, ["edit", "التعاون", "--kind", "event", "--db", str(fresh_db)])
    lines = result.stderr.splitlines()
    assert lines[0] == "'التعاون' is ambiguous; nothing changed. Candidates:"
    candidates = lines[1:]
    assert len(candidates) >= 2 and all(line.startswith("  ") for line in candidates)
    assert all("→" in line and line.endswith("]") for line in candidates)


def test_an_edit_that_matches_nothing_changes_nothing(runner: CliRunner, fresh_db: Path) -> None:
    before = _entries(fresh_db)
    result = runner.invoke(cli, ["edit", "qqqqqq", "--status", "approved", "--db", str(fresh_db)])
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: no entry matches 'qqqqqq'; nothing changed"
    assert _entries(fresh_db) == before


def test_an_edit_without_a_change_says_what_to_give(runner: CliRunner, fresh_db: Path) -> None:
    before = _entries(fresh_db)
    result = runner.invoke(cli, ["edit", "DGST", "--db", str(fresh_db)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: nothing to change: give --fr, --acronym, --kind, --status or --note"
    )
    assert _entries(fresh_db) == before


def test_an_edit_is_a_persons_decision_as_in_the_tui(runner: CliRunner, fresh_db: Path) -> None:
    """Kind, note and French given with `edit` are marked as a person's, like the TUI's."""
    result = runner.invoke(
        cli,
        [
            "edit",
            "DGSN",
            "--kind",
            "organisation",
            "--note",
            "sigle officiel",
            "--fr",
            "Direction générale de la sûreté nationale",
            "--db",
            str(fresh_db),
        ],
    )
    assert result.exit_code == 0, result.output
    store = Store(fresh_db)
    entry_id = int(
        store.query("SELECT entry_id FROM equivalents WHERE acronym = 'DGSN'")[0]["entry_id"]
    )
    detail = entry_detail(store, entry_id)
    assert detail.note == "sigle officiel"
    assert detail.preferred is not None and detail.preferred.human
    assert detail.preferred.acronym == "DGSN"  # the lexicon's French, confirmed: acronym kept
    row = store.query("SELECT kind_manual FROM entries WHERE id = ?", [entry_id])[0]
    assert row["kind_manual"] == 1
    store.close()


def test_a_refused_value_is_one_line_and_changes_nothing(runner: CliRunner, fresh_db: Path) -> None:
    before = _entries(fresh_db)
    result = runner.invoke(cli, ["edit", "DGST", "--status", "maybe", "--db", str(fresh_db)])
    assert result.exit_code == 2
    assert "'maybe' is not one of 'candidate', 'proposed', 'approved', 'rejected'" in (
        result.stderr
    )
    assert _entries(fresh_db) == before
