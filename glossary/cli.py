"""The `glossary` command. Each command parses its options and calls the library."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from glossary.lookup import QueryError, lookup, quoted
from glossary.store import BUSY_TIMEOUT_MS, Store, StoreError

if TYPE_CHECKING:
    from glossary.build import BuildReport
    from glossary.machine import Engine
    from glossary.reader import Skipped

# Mining, export and evaluation are imported inside their commands: `lookup` starts
# without loading the miner (measured: ~0.1 s of imports it never uses).

F = TypeVar("F", bound=Callable[..., Any])
KIND_ORDER = ("organisation", "person", "place", "event", "term")


def db_option(fn: F) -> F:
    """--db PATH, defaulting to $GLOSSARY_DB or ./glossary.db."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(path_type=Path),
        envvar="GLOSSARY_DB",
        default=Path("glossary.db"),
        show_default=True,
        help="Glossary database (or set GLOSSARY_DB).",
    )(fn)


def fail(message: str, code: int = 2) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def open_store(db_path: Path, create: bool = False) -> Store:
    """The db, or exit with one line naming it: missing, unusable, busy, or a place
    where no db can be created."""
    new = create and not db_path.exists()
    if new:
        folder = db_path.parent
        if not folder.exists():
            fail(f"{db_path}: cannot create the glossary db: the folder {folder} does not exist")
        if not folder.is_dir():
            fail(f"{db_path}: cannot create the glossary db: {folder} is not a folder")
        if not os.access(folder, os.W_OK):
            fail(f"{db_path}: cannot create the glossary db: no permission to write in {folder}")
    context = click.get_current_context(silent=True)
    if context is not None:  # for the message of a db that stays busy (_Group)
        context.meta[_DB_KEY] = db_path
    try:
        return Store(db_path, create=create)
    except StoreError as exc:
        if "database is locked" in str(exc):
            _fail_busy(db_path)
        if new:
            fail(f"{db_path}: cannot create the glossary db there (the location is not writable)")
        fail(str(exc))
        raise  # unreachable: fail exits


_DB_KEY = "glossary.db"  # in click's context meta, shared by a command and its group


def _fail_busy(db_path: Path) -> None:
    fail(
        f"{db_path}: another program kept the glossary busy for more than "
        f"{BUSY_TIMEOUT_MS // 1000} s (a build or an import?); nothing was changed, try again"
    )


class _Group(click.Group):
    """The `glossary` group: a db that stays busy too long is one line, not a traceback;
    so is a bug of ours (GLOSSARY_DEBUG=1 shows its traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                _fail_busy(ctx.meta.get(_DB_KEY, Path("glossary.db")))
            _internal_error(exc)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # click's own: usage errors, --help, Ctrl-C
        except BrokenPipeError:  # `glossary eval … | head`: the reader has had enough
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except Exception as exc:  # noqa: BLE001 - anything else is a bug of ours
            _internal_error(exc)


# sysexits.h: an internal software error, apart from bad input (2) and nothing found (1).
INTERNAL_ERROR = 70


def _internal_error(exc: Exception) -> None:
    if os.environ.get("GLOSSARY_DEBUG"):
        raise exc
    fail(
        f"internal error ({type(exc).__name__}: {exc}). This is a bug in glossary, not in "
        "your input; builds and imports are all-or-nothing, so the glossary is as it was. "
        "Please report it with the command you ran (GLOSSARY_DEBUG=1 shows the details)",
        INTERNAL_ERROR,
    )


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ar-fr-glossary")
def cli() -> None:
    """Arabic-French glossary: mine a corpus, look terms up, export for translators.

    \b
    Example:
      glossary build seeds/
      glossary lookup "مراقبة التراب الوطني"
    """


class _ProgressBar:
    """A progress line on stderr, shown only on a terminal and only after a moment."""

    def __init__(self, delay: float = 0.4) -> None:
        self.started = time.monotonic()
        self.delay = delay
        self.active = sys.stderr.isatty()
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.active or time.monotonic() - self.started < self.delay:
            return
        width = 30
        filled = int(width * done / total) if total else width
        sys.stderr.write(f"\r{stage:<9} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 60 + "\r")


@cli.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@db_option
@click.option(
    "--mt",
    is_flag=True,
    help="Also propose French from the installed Argos model for entries with none.",
)
@click.option(
    "--full",
    is_flag=True,
    help="Mine the whole corpus even when files were only added to a large one.",
)
def build_command(paths: tuple[Path, ...], db_path: Path, mt: bool, full: bool) -> None:
    """Mine PATHS (files or folders; default seeds/) into the glossary db.

    Reads .txt, .md and .html in UTF-8, UTF-16 or Windows-1256. Unchanged files are
    skipped (all are read again after an upgrade of the tool); human decisions survive
    rebuilds; a failed build changes nothing.

    Files added to a corpus of 100,000 words or more are mined alone and their entries
    added; ranking the corpus's repeated phrases waits for a full mining, which --full
    asks for (and which happens anyway once a tenth as many words have been added, or
    when a file changes or is removed).

    With --mt, glossary entries that still have no French get a machine translation
    (origin mt, confidence at most 0.5, from the engine's score); a lexicon, corpus or
    human French is never replaced. Machine French is kept in the db, so later builds
    without --mt keep it and only new entries are sent to the engine.

    \b
    Example:
      glossary build seeds/ more-articles/ --db glossary.db
      glossary build seeds/ --mt
    """
    from glossary.build import build
    from glossary.reader import CorpusError

    sources = list(paths) or [Path("seeds")]
    for source in sources:  # a typo fails before a db is created
        if not source.exists():
            fail(f"{source}: no such file or folder")
    engine = _engine() if mt else None  # fail before building, not after
    created = not db_path.exists()
    store = open_store(db_path, create=True)
    bar = _ProgressBar()
    try:
        report = build(sources, store, progress=bar, full=full)
    except CorpusError as exc:
        bar.close()
        fail(str(exc))
    except KeyboardInterrupt:
        bar.close()
        fail("interrupted; the glossary is unchanged", 130)
    bar.close()
    if report.documents_read + report.documents_unchanged == 0 and report.sentences == 0:
        store.close()
        if created:  # nothing to keep: leave no empty db behind
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        _fail_without_text(sources, report.skipped)
    for skipped in report.skipped:
        click.echo(f"warning: skipped {skipped.path}: {skipped.reason}", err=True)
    _print_summary(report, db_path)
    if engine is not None:
        _propose_french(store, engine)
    _print_sample(store)
    store.close()


def _engine() -> Engine:
    """The installed ar→fr engine, or exit with the one-line reason there is none."""
    from glossary.translate import MtUnavailable, get_translator

    try:
        return get_translator()
    except MtUnavailable as exc:
        fail(f"--mt: {exc}", 1)
        raise  # unreachable: fail exits


def _propose_french(store: Store, engine: Engine) -> None:
    from glossary.machine import translate_entries

    bar = _ProgressBar()
    try:
        proposals = translate_entries(store, engine, progress=bar)
    except KeyboardInterrupt:
        bar.close()
        fail("interrupted; the glossary is built, machine proposals were not saved", 130)
    bar.close()
    click.echo(
        f"Machine proposals ({' + '.join(engine.packages)}): {proposals.translated} entries "
        f"translated, {proposals.unusable} outputs refused; {proposals.applied} entries "
        f"given machine French; {proposals.without_french} glossary entries without French"
    )


def _fail_without_text(sources: list[Path], skipped: list[Skipped]) -> None:
    """The build found no text: one line for one file, else each file skipped, then why."""
    if len(sources) == 1 and [Path(s.path) for s in skipped] == sources:
        fail(f"{sources[0]}: {skipped[0].reason}; no text to build a glossary from")
    for item in skipped:
        click.echo(f"warning: skipped {item.path}: {item.reason}", err=True)
    fail("no readable text found in " + ", ".join(str(p) for p in sources))


def _print_summary(report: BuildReport, db_path: Path) -> None:
    click.echo(
        f"Built {db_path}: {report.documents_read} documents read, "
        f"{report.documents_unchanged} unchanged, {report.documents_removed} removed; "
        f"{report.sentences} sentences, {report.words:,} words in {report.seconds:.1f} s"
    )
    kinds = ", ".join(f"{k} {report.by_kind.get(k, 0)}" for k in KIND_ORDER)
    click.echo(
        f"Glossary entries: {report.entries} ({kinds}); ranked candidates kept: {report.candidates}"
    )
    if report.kept:
        click.echo("Nothing new since the last build: the glossary was kept as it was.")
    if report.incremental:
        click.echo(
            "Only the added files were mined (statistical candidates are ranked at the "
            "next full mining: glossary build --full)."
        )


def _print_sample(store: Store) -> None:
    rows = store.query(
        "SELECT e.ar FROM entries e JOIN equivalents q ON q.entry_id = e.id AND q.preferred = 1 "
        "WHERE e.in_glossary = 1 AND e.kind = 'organisation' AND q.acronym != '' "
        "ORDER BY e.frequency DESC LIMIT 1"
    )
    if rows:
        query = rows[0]["ar"]
        click.echo(f'\nSample lookup: glossary lookup "{query}"')
        _print_hits(lookup(store, query, limit=1).hits)


@cli.command("lookup")
@click.argument("query")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the hits as a JSON array.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
def lookup_command(query: str, db_path: Path, as_json: bool, limit: int) -> None:
    """Look QUERY up in Arabic, French or by acronym.

    Arabic ignores clitics, diacritics and hamza forms; French ignores case and accents.
    Exits with status 1, and a "did you mean" line, when nothing matches.

    \b
    Example:
      glossary lookup "ولمراقبة التراب الوطني"
      glossary lookup DGST --json
    """
    store = open_store(db_path)
    try:
        result = lookup(store, query, limit)
    except QueryError as exc:
        fail(str(exc))
    if as_json:
        click.echo(json.dumps([h.as_dict() for h in result.hits], ensure_ascii=False, indent=2))
    else:
        _print_hits(result.hits)
    if not result.hits:
        hint = f'; did you mean "{result.suggestion}"?' if result.suggestion else ""
        click.echo(f"no entry matches {quoted(query)}{hint}", err=True)
        sys.exit(1)


def _print_hits(hits: list[Any]) -> None:
    for hit in hits:
        french = hit.fr or "(no French yet)"
        if hit.acronym:
            french += f" ({hit.acronym})" if hit.fr else f" {hit.acronym}"
        click.echo(f"{hit.ar}  →  {french}")
        click.echo(
            f"    {hit.kind} · {hit.status} · {hit.origin or 'no origin'} "
            f"{hit.confidence:.2f} · match: {hit.match}"
        )
        if hit.context:
            click.echo(f"    « {hit.context} »  [{os.path.basename(hit.document)}]")


@cli.command("stats")
@db_option
def stats_command(db_path: Path) -> None:
    """Count the glossary entries by kind, status and origin of their French.

    \b
    Example:
      glossary stats --db glossary.db
    """
    store = open_store(db_path)
    for column in ("kind", "status", "origin"):
        counts = store.counts(column)
        listed = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
        click.echo(f"{column}: {listed or 'none'}")


@cli.command("eval")
@click.argument("gold", type=click.Path(path_type=Path))
@db_option
@click.option("--all", "include_all", is_flag=True, help="Match ranked candidates too.")
@click.option(
    "--misses/--no-misses",
    default=True,
    show_default=True,
    help="List the reference rows not found or not right.",
)
def eval_command(gold: Path, db_path: Path, include_all: bool, misses: bool) -> None:
    """Compare the glossary with a reference glossary GOLD (TSV).

    GOLD has the columns ar_term, fr_term, fr_acronym, kind, variants. Reports recall
    (a row is found when one of its Arabic forms matches an entry, clitics aside), kind
    accuracy and French accuracy (case and accents folded, acronym accepted).

    \b
    Example:
      glossary eval ../shared/eval/dev_gold.tsv
    """
    from glossary.evaluate import GoldError, evaluate, read_gold

    store = open_store(db_path)
    try:
        rows = read_gold(gold)
    except GoldError as exc:
        fail(str(exc))
    result = evaluate(store, rows, glossary_only=not include_all)
    click.echo(f"recall  {result.recall:.3f}  ({result.found}/{result.total} reference rows found)")
    click.echo(f"kind    {result.kind_accuracy:.3f}  ({result.kind_right}/{result.found} found)")
    click.echo(
        f"french  {result.french_accuracy:.3f}  ({result.french_right}/{result.found} found)"
    )
    if misses:
        for row in result.misses:
            click.echo(f"missing     {row.ar}  ({row.kind}, {row.fr or row.acronym})")
        for row, kind in result.wrong_kind:
            click.echo(f"kind        {row.ar}: {kind}, reference {row.kind}")
        for row, fr in result.wrong_french:
            click.echo(f"french      {row.ar}: {fr or '(none)'}, reference {row.fr or row.acronym}")


@cli.command("edit")
@click.argument("query")
@click.option("--fr", help="Preferred French equivalent.")
@click.option("--acronym", help="French acronym (with --fr, or alone).")
@click.option("--kind", type=click.Choice(["organisation", "person", "place", "event", "term"]))
@click.option("--status", type=click.Choice(["candidate", "proposed", "approved", "rejected"]))
@click.option("--note", help="A note for translators (replaces the current one).")
@db_option
def edit_command(
    query: str,
    fr: str | None,
    acronym: str | None,
    kind: str | None,
    status: str | None,
    note: str | None,
    db_path: Path,
) -> None:
    """Change one entry, found by QUERY as in `lookup`; decisions survive rebuilds.

    An ambiguous QUERY lists the candidates and changes nothing.

    \b
    Example:
      glossary edit DGST --status approved
      glossary edit "خارطة طريق" --fr "feuille de route" --note "usage MAP"
    """
    from glossary import review

    if fr is None and acronym is None and kind is None and status is None and note is None:
        fail("nothing to change: give --fr, --acronym, --kind, --status or --note")
    store = open_store(db_path)
    try:
        hits = lookup(store, query, limit=10).hits
    except QueryError as exc:
        fail(str(exc))
    exact = [h for h in hits if h.match == "exact"]
    chosen = exact if exact else hits
    if len(chosen) != 1:
        if not chosen:
            fail(f"no entry matches {quoted(query)}; nothing changed", 1)
        click.echo(f"{quoted(query)} is ambiguous; nothing changed. Candidates:", err=True)
        for hit in chosen:
            click.echo(
                f"  {hit.ar}  →  {hit.fr or hit.acronym or '(no French)'} [{hit.kind}]", err=True
            )
        sys.exit(1)
    entry = chosen[0]
    try:
        if fr is not None or acronym is not None:
            review.set_french(store, entry.entry_id, fr or entry.fr, acronym)
        if kind is not None:
            review.set_kind(store, entry.entry_id, kind)
        if status is not None:
            review.set_status(store, entry.entry_id, status)
        if note is not None:
            review.set_note(store, entry.entry_id, note)
    except review.ReviewError as exc:
        fail(str(exc))
    _print_hits(lookup(store, entry.ar, limit=1).hits)


@cli.command("tui")
@db_option
def tui_command(db_path: Path) -> None:
    """Open the terminal UI: search as you type, read terms in context, review them.

    \b
    Example:
      glossary tui --db glossary.db
    """
    from tui.app import run  # Textual is imported only here: other commands start fast

    run(db_path)


# Last: these modules use the helpers above and add export, import, models and translate.
import glossary.commands_formats
import glossary.commands_mt  # noqa: F401


def main() -> None:
    cli()


if __name__ == "__main__":
    # `python -m glossary.cli`: this file runs as __main__, a module apart from
    # glossary.cli, the one the other commands (export, translate…) join; run that one.
    from glossary.cli import main as _main

    _main()
