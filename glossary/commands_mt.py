"""`glossary models` and `glossary translate`: offline Arabic→French machine translation.

Like glossary.commands_formats, this module adds its commands to glossary.cli's group when
imported (glossary.cli imports it at its end). Argos is imported only when a text is
actually translated or the online index is read: listing, checking and installing a
package file, and `translate --no-mt`, never load it.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from glossary.cli import cli, db_option, fail, open_store

# glossary.models is imported inside the commands: `glossary lookup` loads this module
# (it registers the commands) and should not pay for it.


@click.group("models")
def models_group() -> None:
    """Manage the Argos translation packages used by `glossary translate`.

    Arabic→French works with a direct ar→fr package, or with ar→en and en→fr (Argos
    pivots through English). Packages live where Argos keeps them ($ARGOS_PACKAGES_DIR,
    default ~/.local/share/argos-translate/packages).

    \b
    Example:
      glossary models install --from translate-ar_en-1_9.argosmodel
      glossary models list
    """


@models_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print packages and route as JSON.")
def list_command(as_json: bool) -> None:
    """List the installed packages and whether Arabic→French works.

    \b
    Example:
      glossary models list
    """
    from glossary.models import installed, packages_dir, route

    packages = installed()
    working = route(packages)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "packages_dir": str(packages_dir()),
                    "packages": [p.as_dict() for p in packages],
                    "ar-fr": [p.name for p in working],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    click.echo(f"packages in {packages_dir()}:")
    for p in packages:
        click.echo(f"  {p.name}  {p.direction}  {p.version}")
    if not packages:
        click.echo("  (none)")
    if len(working) == 1:
        click.echo(f"ar→fr: works ({working[0].name})")
    elif working:
        click.echo(f"ar→fr: works through English ({working[0].name} + {working[1].name})")
    else:
        click.echo("ar→fr: not available; run `glossary models install` or `install --from FILE`")


class _Bar:
    """Download progress on stderr, on a terminal only."""

    def __init__(self) -> None:
        self.active = sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.active or time.monotonic() - self.last < 0.2:
            return
        self.last = time.monotonic()
        mb = done / 1e6
        if total:
            filled = int(30 * done / total)
            sys.stderr.write(
                f"\r[{'#' * filled}{'.' * (30 - filled)}] {mb:.0f}/{total / 1e6:.0f} MB"
            )
        else:
            sys.stderr.write(f"\r{mb:.0f} MB")
        sys.stderr.flush()

    def close(self) -> None:
        if self.active:
            sys.stderr.write("\r" + " " * 60 + "\r")


@models_group.command("install")
@click.argument("name", required=False)
@click.option(
    "--from",
    "from_file",
    type=click.Path(path_type=Path),
    help="Install this .argosmodel file (no network needed).",
)
@click.option("--check", is_flag=True, help="With --from: only check the file.")
def install_command(name: str | None, from_file: Path | None, check: bool) -> None:
    """Install Arabic→French capability: NAME (ar-fr, ar-en, en-fr) or what is missing.

    Online, packages come from the Argos package index (a direct ar→fr package when it
    has one, else ar→en and en→fr). On an air-gapped machine, copy .argosmodel files and
    use --from. A package is checked before anything is installed; a bad one is refused
    with the reason, and the installed packages stay as they were.

    \b
    Example:
      glossary models install
      glossary models install --from translate-en_fr-1_9.argosmodel
    """
    from glossary.models import (
        PackageError,
        check_package,
        install_file,
        install_from_index,
        packages_dir,
        route,
    )

    if from_file is not None:
        if name:
            fail("give NAME or --from FILE, not both")
        try:
            if check:
                info = check_package(from_file)
                click.echo(f"{from_file}: a valid {info.direction} package ({info.name})")
                return
            info, replaced = install_file(from_file)
        except PackageError as exc:
            fail(str(exc))
        for old in replaced:
            click.echo(f"replaced {old.name} ({old.direction} {old.version})")
        click.echo(f"installed {info.name} ({info.direction} {info.version}) in {packages_dir()}")
    else:
        if check:
            fail("--check needs --from FILE")
        bar = _Bar()
        try:
            done = install_from_index(name, bar)
        except PackageError as exc:
            bar.close()
            fail(str(exc))
        bar.close()
        for info in done:
            click.echo(f"installed {info.name} ({info.direction} {info.version})")
        if not done:
            click.echo("nothing to install: ar→fr already works")
    working = route()
    if not working:
        click.echo("ar→fr needs ar→en and en→fr, or ar→fr: see `glossary models list`")


@models_group.command("remove")
@click.argument("name")
def remove_command(name: str) -> None:
    """Remove an installed package, by folder name or direction (ar-en).

    \b
    Example:
      glossary models remove ar-en
    """
    from glossary.models import PackageError, remove

    try:
        info = remove(name)
    except PackageError as exc:
        fail(str(exc), 1)
    click.echo(f"removed {info.name} ({info.direction})")


@click.command("translate")
@click.argument("text", required=False)
@click.option(
    "-f", "--file", "file", type=click.Path(path_type=Path), help="Read the Arabic from FILE."
)
@db_option
@click.option("--no-mt", is_flag=True, help="Only find the glossary's terms; do not translate.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option(
    "--proposed", is_flag=True, help="Also enforce proposed French, not only approved French."
)
def translate_command(
    text: str | None, file: Path | None, db_path: Path, no_mt: bool, as_json: bool, proposed: bool
) -> None:
    """Translate Arabic TEXT (or -f FILE, or - for stdin) to French, glossary enforced.

    Finds the glossary's entries in the text (clitics aside, as in lookup). With an Argos
    model installed, translates sentence by sentence and makes the approved French
    (--proposed: the proposed too) appear in the output, then reports per term:
    enforced, repaired (a placeholder came back damaged and was fixed), missing, or
    unenforced (not approved, or no French). Without a model, or with --no-mt, shows the
    text with the glossary's French in brackets (status not-translated).

    \b
    Example:
      glossary translate "التقى المدير العام لمراقبة التراب الوطني بنظيره الفرنسي."
      glossary translate -f article.txt --json --proposed
    """
    from glossary.translate import translate_text

    source = _read_input(text, file)
    store = open_store(db_path)
    result = translate_text(store, source, use_mt=not no_mt, include_proposed=proposed)
    store.close()
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        from glossary.enforce import annotate_text

        if result.translation is None:
            click.echo(annotate_text(source, result.found))
        else:
            click.echo(result.translation)
        if result.terms:
            click.echo("\nglossary terms:")
        for term in result.terms:
            french = term.fr or term.acronym
            if term.fr and term.acronym:
                french += f" ({term.acronym})"
            click.echo(f"  {term.status:<14} {term.ar}  →  {french}")
        if result.model:
            click.echo(f"model: {' + '.join(result.model)}")
    if result.note:
        click.echo(result.note, err=True)


def _read_input(text: str | None, file: Path | None) -> str:
    if file is not None and text is not None:
        fail("give TEXT or -f FILE, not both")
    if file is not None:
        try:
            source = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"{file}: cannot read ({exc})")
    elif text is None or text == "-":
        source = sys.stdin.read()
    else:
        source = text
    if not source.strip():
        fail("nothing to translate")
    return source.replace("\r\n", "\n")


cli.add_command(models_group)
cli.add_command(translate_command)
