"""`glossary export` and `glossary import`: glossary files for translators' tools.

They share glossary.cli's option and error helpers and add themselves to its `glossary`
group when this module is imported; glossary.cli imports this module at its end. That
works whichever of the two modules is imported first, which an `add_command` in
glossary.cli would not (it would read this module while half-initialized). The format
modules are imported inside the commands, so `lookup` starts fast.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from glossary.cli import KIND_ORDER, cli, db_option, fail, open_store

STATUSES = ("candidate", "proposed", "approved", "rejected")


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "omegat", "tbx"]),
    default="csv",
    show_default=True,
    help="csv (the CSV contract), omegat (tab-separated glossary) or tbx (TBX-Basic v3).",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File (default: stdout).")
@db_option
@click.option("--all", "include_all", is_flag=True, help="Add the ranked candidates.")
@click.option("--bom", is_flag=True, help="CSV: start with a UTF-8 byte-order mark (for Excel).")
@click.option("--kind", type=click.Choice(KIND_ORDER), help="Only entries of this kind.")
@click.option("--status", type=click.Choice(STATUSES), help="Only entries with this status.")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    help="Only entries whose French has at least this confidence (0 to 1).",
)
@click.option(
    "--reverse", is_flag=True, help="French first: CSV column order, OmegaT fr→ar glossary."
)
def export_command(
    fmt: str,
    output: Path | None,
    db_path: Path,
    include_all: bool,
    bom: bool,
    kind: str | None,
    status: str | None,
    min_confidence: float | None,
    reverse: bool,
) -> None:
    """Export the glossary for translators' tools, to stdout or -o FILE.

    CSV follows the glossary CSV contract (RFC 4180, UTF-8, cells that a spreadsheet
    would run as formulas neutralized). OmegaT writes source<TAB>target<TAB>comment,
    Arabic to French (French to Arabic with --reverse). TBX writes TBX-Basic v3 (ISO
    30042), both languages in one file. Says on stderr how many entries it wrote.

    \b
    Example:
      glossary export --format csv -o glossary.csv --bom
      glossary export --format tbx --status approved -o glossary.tbx
      glossary export --format omegat --reverse -o fr-ar-glossary.utf8
    """
    from glossary.formats import Selection, write_export

    if bom and fmt != "csv":
        fail("--bom is for CSV only")
    if reverse and fmt == "tbx":
        fail("--reverse is for csv and omegat: a TBX file holds both directions")
    selection = Selection(include_all, kind, status, min_confidence)
    store = open_store(db_path)
    if output is None:
        # UTF-8 whatever the terminal's locale: these are files for other tools.
        stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        count = write_export(store, stdout, fmt, selection, bom=bom, reverse=reverse)
        stdout.flush()
        stdout.detach()  # leave the process's stdout open
    else:
        # Written beside the target, then renamed over it: an interrupted export never
        # leaves a half file where the translator expects the glossary.
        partial = output.with_name(output.name + ".part")
        try:
            with partial.open("w", encoding="utf-8", newline="") as out:
                count = write_export(store, out, fmt, selection, bom=bom, reverse=reverse)
            partial.replace(output)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            fail(f"{output}: cannot write ({exc.strerror or exc})")
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    store.close()
    click.echo(f"exported {count} entries", err=True)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "tbx", "omegat"]),
    help="Default: from the extension (.csv .tsv → csv, .tbx .xml → tbx, .utf8 .txt → omegat).",
)
@db_option
@click.option(
    "--overwrite", is_flag=True, help="Also change entries a person decided on (conflicts)."
)
def import_command(file: Path, fmt: str | None, db_path: Path, overwrite: bool) -> None:
    """Import a glossary FILE: our CSV, a two-column Arabic/French CSV or TSV, TBX v3,
    TBX 2008 (martif) or an OmegaT glossary.

    Imported French is kept as a person's (origin manual, or the file's own), so
    `glossary build` never overwrites it. A person's decisions (approved or rejected
    entries, French a person chose) are not changed: conflicts are listed and left for
    review, unless --overwrite. Bad rows are listed
    with their line number and skipped; the good ones go in, all in one transaction.
    XML declaring entities or fetching external resources is refused, and nothing is
    imported. The db is created if it does not exist. Exits with status 1 when rows
    were skipped.

    \b
    Example:
      glossary import colleague.tbx
      glossary import terms.csv --db glossary.db --overwrite
    """
    from glossary.formats import ImportFileError, read_glossary
    from glossary.formats.importer import import_terms

    try:
        parsed = read_glossary(file, fmt)
    except ImportFileError as exc:
        fail(str(exc))
    store = open_store(db_path, create=True)
    report = import_terms(store, parsed, file.name, overwrite)
    store.close()
    for problem in sorted(report.problems, key=lambda p: p.line):
        click.echo(f"{file}:{problem.line}: skipped: {problem.message}", err=True)
    for conflict in report.conflicts:
        click.echo(
            f"{file}:{conflict.line}: conflict: {conflict.ar} is {conflict.current}; "
            f"the file has {conflict.incoming}; left as it is (--overwrite to replace)",
            err=True,
        )
    summary = (
        f"imported {_count(report.imported, 'entry', 'entries')} from {file}: "
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged; "
        f"{_count(len(report.conflicts), 'conflict')} left for review; "
        f"{_count(len(report.problems), 'bad row')} skipped"
    )
    if report.alternatives:
        summary += f"; {report.alternatives} more French kept as alternatives"
    click.echo(summary, err=True)
    if report.problems:
        sys.exit(1)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


cli.add_command(export_command)
cli.add_command(import_command)
