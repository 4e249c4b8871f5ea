"""`glossary models` and `glossary translate` with a tiny real Argos model built here.

The model (tests/mt_fixtures.py) copies its source, so Latin text and placeholders come
back as they went in: what is checked is that the glossary's French is put in, and said so.
Argos reads its settings when first imported, so HOME and ARGOS_PACKAGES_DIR point at a
session folder before any test imports it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import glossary.cli
import glossary.commands_mt  # adds `models` and `translate` to the group
from glossary.lookup import lookup
from glossary.review import set_status
from glossary.store import Store

from .conftest import ROOT
from .mt_fixtures import build_argosmodel, build_package_folder, metadata, zip_package

cli = glossary.cli.cli
pytest.importorskip("argostranslate", reason="the mt extra is not installed")

DGST_AR = "المديرية العامة لمراقبة التراب الوطني"
TEXT = (
    f"أعلنت {DGST_AR} عن تعاون مع المديرية العامة للأمن الداخلي الفرنسية.\n"
    f"وقال مسؤول إن الأمن الداخلي أولوية، وإن {DGST_AR} شريك أساسي."
)


@pytest.fixture(scope="session")
def approved_db(tmp_path_factory: pytest.TempPathFactory, seeds_db: Path) -> Path:
    """The seed glossary with the DGST entry approved (the others stay proposed)."""
    db = tmp_path_factory.mktemp("approved") / "glossary.db"
    shutil.copy(seeds_db, db)
    store = Store(db)
    hit = lookup(store, DGST_AR).hits[0]
    assert hit.acronym == "DGST"
    set_status(store, hit.entry_id, "approved")
    store.close()
    return db


def _translate(db: Path, *args: str, text: str = TEXT) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["translate", text, "--db", str(db), "--json", *args])
    assert result.exit_code == 0, result.output
    out: dict[str, object] = json.loads(result.stdout)
    return out


def _terms(out: dict[str, object]) -> dict[str, dict[str, object]]:
    terms = out["terms"]
    assert isinstance(terms, list)
    return {str(t["ar"]): t for t in terms}


# --- translating --------------------------------------------------------------------------


def test_installed_model_translates_with_the_approved_french(
    installed_model: Path, approved_db: Path
) -> None:
    out = _translate(approved_db)
    translation = str(out["translation"])
    assert "Direction générale de la surveillance du territoire (DGST)" in translation
    assert translation.count("DGST") == 2  # the full name first, the acronym after
    assert DGST_AR not in translation
    assert out["model"] and "translate-ar_fr-tiny" in str(out["model"])
    terms = _terms(out)
    assert terms[DGST_AR]["status"] == "enforced" and terms[DGST_AR]["acronym"] == "DGST"
    # Proposed French is listed, not enforced, unless asked for.
    assert terms["الأمن الداخلي"]["status"] == "unenforced"
    assert set(terms[DGST_AR]) >= {"ar", "fr", "acronym", "status"}


def test_proposed_french_is_enforced_on_request(installed_model: Path, approved_db: Path) -> None:
    out = _translate(approved_db, "--proposed")
    translation = str(out["translation"])
    assert "Direction générale de la sécurité intérieure (DGSI)" in translation
    assert "sécurité intérieure" in translation.split("\n")[1]
    statuses = {t["status"] for t in _terms(out).values()}
    assert statuses == {"enforced"}
    assert translation.count("\n") == 1  # paragraphs kept


def test_text_output_reports_each_term(installed_model: Path, approved_db: Path) -> None:
    result = CliRunner().invoke(cli, ["translate", "--db", str(approved_db), "-"], input=TEXT)
    assert result.exit_code == 0, result.output
    assert "(DGST)" in result.output
    assert f"enforced       {DGST_AR}" in result.output
    assert "model: translate-ar_fr-tiny" in result.output


def test_models_list_says_arabic_to_french_works(installed_model: Path) -> None:
    result = CliRunner().invoke(cli, ["models", "list"])
    assert "translate-ar_fr-tiny  ar→fr" in result.output
    assert "ar→fr: works" in result.output
    listed = json.loads(CliRunner().invoke(cli, ["models", "list", "--json"]).stdout)
    assert listed["ar-fr"] == ["translate-ar_fr-tiny"]


def test_enforcement_through_the_real_translator(installed_model: Path, approved_db: Path) -> None:
    from glossary.translate import get_translator, translate_text

    translator = get_translator()
    store = Store(approved_db)
    result = translate_text(store, TEXT, translator=translator, include_proposed=True)
    store.close()
    assert result.translation is not None and "DGST" in result.translation
    # Hypotheses carry CTranslate2's score, for machine proposals.
    [(value, score)] = translator.hypotheses("مراقبة", 1)
    assert value == "مراقبة" and score <= 0.0


# --- without a model ----------------------------------------------------------------------


def test_no_mt_annotates_without_importing_argos(tmp_path: Path, approved_db: Path) -> None:
    """--no-mt, and no model installed: annotation, a one-line hint, no Argos import."""
    code = f"""
import json, os, sys
os.environ["HOME"] = {str(tmp_path)!r}
os.environ["ARGOS_PACKAGES_DIR"] = {str(tmp_path / "empty")!r}
from click.testing import CliRunner
import glossary.cli, glossary.commands_mt
runner = CliRunner()
text = {TEXT!r}
a = runner.invoke(glossary.cli.cli, ["translate", text, "--db", {str(approved_db)!r}, "--no-mt"])
b = runner.invoke(glossary.cli.cli, ["translate", text, "--db", {str(approved_db)!r}, "--json"])
print(json.dumps({{"no_mt": a.output, "no_model": b.stdout, "hint": b.stderr,
    "argos": [m for m in sys.modules if m.startswith(("argostranslate", "ctranslate2", "torch"))]}}))
"""
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    out = json.loads(run.stdout)
    assert out["argos"] == []
    assert f"{DGST_AR} [Direction générale de la surveillance du territoire (DGST)]" in out["no_mt"]
    assert "not-translated" in out["no_mt"]
    no_model = json.loads(out["no_model"])
    assert no_model["translation"] is None and no_model["model"] == []
    assert {t["status"] for t in no_model["terms"]} == {"not-translated"}
    assert out["hint"].count("\n") == 1 and "glossary models install" in out["hint"]


# --- broken packages ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def package_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_package_folder(tmp_path_factory.mktemp("pkg") / "translate-ar_fr-tiny")


def _broken(kind: str, folder: Path, tmp: Path) -> Path:
    target = tmp / f"{kind}.argosmodel"
    if kind == "not-a-zip":
        target.write_text("this is not a zip")
    elif kind == "no-metadata":
        zip_package(folder, target, skip=("metadata.json",))
    elif kind == "no-model":
        zip_package(folder, target, skip=("model/model.bin",))
    elif kind in ("wrong-languages", "bad-json"):
        copy = tmp / "copy" / folder.name
        shutil.copytree(folder, copy)
        text = "{oops" if kind == "bad-json" else json.dumps(metadata("de", "en"))
        (copy / "metadata.json").write_text(text)
        zip_package(copy, target)
    elif kind == "two-folders":
        zip_package(folder, target)
        with zipfile.ZipFile(target, "a") as zf:
            zf.writestr("other/metadata.json", "{}")
    elif kind == "unsafe-path":
        zip_package(folder, target)
        with zipfile.ZipFile(target, "a") as zf:
            zf.writestr(f"{folder.name}/../../evil.txt", "x")
    return target


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("not-a-zip", "not a zip archive"),
        ("no-metadata", "no translate-ar_fr-tiny/metadata.json"),
        ("bad-json", "not valid JSON"),
        ("wrong-languages", "translates de→en"),
        ("no-model", "no model/model.bin"),
        ("two-folders", "one top folder"),
        ("unsafe-path", "unsafe path"),
    ],
)
def test_broken_package_is_refused_and_nothing_changes(
    kind: str,
    reason: str,
    package_folder: Path,
    tiny_model: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    packages = tmp_path / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    runner = CliRunner()
    assert runner.invoke(cli, ["models", "install", "--from", str(tiny_model)]).exit_code == 0
    (tmp_path / "bad").mkdir()
    bad = _broken(kind, package_folder, tmp_path / "bad")
    before = _snapshot(tmp_path)
    result = runner.invoke(cli, ["models", "install", "--from", str(bad)])
    assert result.exit_code != 0
    assert reason in result.stderr and result.stderr.count("\n") == 1
    assert _snapshot(tmp_path) == before
    assert not (tmp_path / "evil.txt").exists()


def _snapshot(root: Path) -> list[tuple[str, int]]:
    """Every path under root but the bad packages, with its modification time."""
    return sorted(
        (str(p.relative_to(root)), p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if "bad" not in p.relative_to(root).parts
    )


def test_install_replaces_the_same_direction_and_remove_removes(
    tiny_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    runner = CliRunner()
    runner.invoke(cli, ["models", "install", "--from", str(tiny_model)])
    again = runner.invoke(cli, ["models", "install", "--from", str(tiny_model)])
    assert again.exit_code == 0 and "replaced translate-ar_fr-tiny" in again.output
    assert [p.name for p in (tmp_path / "packages").iterdir()] == ["translate-ar_fr-tiny"]
    assert [p.name for p in tmp_path.iterdir()] == ["packages"]  # no staging left behind
    checked = runner.invoke(cli, ["models", "install", "--from", str(tiny_model), "--check"])
    assert "a valid ar→fr package" in checked.output
    removed = runner.invoke(cli, ["models", "remove", "ar-fr"])
    assert removed.exit_code == 0 and not any((tmp_path / "packages").iterdir())
    missing = runner.invoke(cli, ["models", "remove", "ar-fr"])
    assert missing.exit_code == 1 and "no installed package" in missing.stderr


def test_pivot_packages_make_a_route(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from glossary.models import PackageInfo, route

    ar_en, en_fr = PackageInfo("a", "ar", "en", "1"), PackageInfo("b", "en", "fr", "1")
    assert route([ar_en]) == [] and route([en_fr, ar_en]) == [ar_en, en_fr]
    direct = PackageInfo("c", "ar", "fr", "1")
    assert route([ar_en, en_fr, direct]) == [direct]


# --- machine proposals: glossary build --mt --------------------------------------------
SNAILS = "الحلزونات البرتقالية"  # invented domain: no lexicon row, no composable French
SNAIL_TEXT = (
    f"قال الباحث إن {SNAILS} تنتشر في الحقول. وأضاف أن {SNAILS} لا تضر بالمحاصيل.\n"
    f"وتشير الدراسة إلى أن {SNAILS} تعيش طويلا. ويتابع المختصون {SNAILS} عن كثب.\n"
)


def _glossary(args: list[str], home: Path, packages: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed `glossary` command with its own Argos home (Argos reads it once)."""
    env = {
        **os.environ,
        "HOME": str(home),
        "ARGOS_PACKAGES_DIR": str(packages),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    command = [sys.executable, "-c", "from glossary.cli import main; main()", *args]
    return subprocess.run(command, check=False, capture_output=True, text=True, env=env, cwd=ROOT)


def test_build_mt_gives_machine_french_only_where_there_is_none(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    (corpus / "snails.txt").write_text(SNAIL_TEXT, encoding="utf-8")
    home, packages, db = tmp_path / "home", tmp_path / "home" / "packages", tmp_path / "g.db"
    model = build_argosmodel(tmp_path, romanize=True)  # writes Arabic in Latin letters
    assert _glossary(["models", "install", "--from", str(model)], home, packages).returncode == 0
    first = _glossary(["build", str(corpus), "--db", str(db)], home, packages)
    assert first.returncode == 0, first.stderr
    # A person's French for one entry without any: the engine must leave it alone.
    human = _glossary(
        ["edit", "العابرة للحدود", "--fr", "transnational", "--db", str(db)], home, packages
    )
    assert human.returncode == 0, human.stderr

    built = _glossary(["build", str(corpus), "--db", str(db), "--mt"], home, packages)

    assert built.returncode == 0, built.stderr
    assert "Machine proposals (translate-ar_fr-roman" in built.stdout
    store = Store(db)
    machine = store.rows(
        "SELECT e.ar, q.fr, q.confidence, q.preferred, e.status FROM equivalents q "
        "JOIN entries e ON e.id = q.entry_id WHERE q.origin = 'mt'"
    )
    assert [row[0] for row in machine] == [SNAILS]  # lexicon, corpus, human French untouched
    _ar, fr, confidence, preferred, status = machine[0]
    assert fr.isascii() and fr.strip() and 0 < confidence <= 0.5
    assert preferred == 1 and status == "proposed"
    assert store.rows(
        "SELECT q.fr, q.human FROM equivalents q JOIN entries e ON e.id = q.entry_id "
        "WHERE e.ar = 'العابرة للحدود'"
    ) == [("transnational", 1)]
    store.close()

    # A later build without --mt, on a machine without the model, keeps the proposal.
    bare = tmp_path / "no-model"
    again = _glossary(["build", str(corpus), "--db", str(db)], bare, bare / "packages")
    assert again.returncode == 0, again.stderr
    found = _glossary(["lookup", SNAILS, "--db", str(db)], bare, bare / "packages")
    assert f"{SNAILS}  →  {fr}" in found.stdout
    assert "mt 0.50" in found.stdout or f"mt {confidence:.2f}" in found.stdout


def test_build_mt_without_a_model_fails_before_building(tmp_path: Path) -> None:
    home = tmp_path / "home"
    db = tmp_path / "g.db"
    result = _glossary(["build", str(ROOT / "seeds"), "--db", str(db), "--mt"], home, home / "p")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        (
            "error: --mt: no Arabic→French model installed: run `glossary models install` "
            "(online) or `glossary models install --from FILE.argosmodel`"
        )
    ]
    assert not db.exists()
