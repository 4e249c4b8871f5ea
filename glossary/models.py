"""Argos translation packages: check, install, list and remove them.

Listing, checking, installing from a file and removing read and write the package folder
directly (the folder Argos reads, found as Argos finds it), so they never pay Argos's
import (~2 s, 760 MB). Only installing from the online package index goes through Argos,
via glossary.translate, the one module that imports it.

A package is checked before anything is written: a zip, one top folder, a metadata.json
with from_code and to_code, a direction useful to ar→fr (ar→fr, ar→en or en→fr), a
model/ folder with model.bin and a vocabulary, and a SentencePiece or BPE model. It is
then extracted beside the packages folder and moved in with one rename, so a failure at
any point leaves the installed packages as they were (a half-extracted folder there would
also break Argos, which requires a metadata.json in every folder).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

SOURCE, TARGET, PIVOT = "ar", "fr", "en"
USEFUL = {(SOURCE, TARGET), (SOURCE, PIVOT), (PIVOT, TARGET)}
MAX_UNPACKED = 8 * 1024**3  # bytes; more is no translation package
Progress = Callable[[int, int], None]


class PackageError(Exception):
    """A package file that cannot be installed, or a package that cannot be found."""


@dataclass(frozen=True, slots=True)
class PackageInfo:
    name: str  # the top folder
    from_code: str
    to_code: str
    version: str
    path: Path | None = None

    @property
    def direction(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "from": self.from_code,
            "to": self.to_code,
            "version": self.version,
        }


def _setting(key: str) -> str | None:
    """An Argos setting as Argos reads it: the environment first, then settings.json."""
    if os.environ.get(key):
        return os.environ[key]
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    try:
        value = json.loads((config / "argos-translate" / "settings.json").read_text()).get(key)
    except (OSError, ValueError, AttributeError):
        return None
    return str(value) if value else None


def packages_dir() -> Path:
    """The folder Argos installs packages in (not created here)."""
    configured = _setting("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured)
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data / "argos-translate" / "packages"


# --- Checking -------------------------------------------------------------------------


def check_package(path: Path) -> PackageInfo:
    """Check an .argosmodel file; returns what it holds or raises PackageError (one line)."""
    if not path.is_file():
        raise PackageError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise PackageError(f"{path}: not an Argos package (not a zip archive)")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = [i.filename for i in infos]
            top = _single_top_folder(path, names)
            meta = _read_metadata(path, zf, top, names)
    except zipfile.BadZipFile as exc:
        raise PackageError(f"{path}: damaged zip archive ({exc})") from exc
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise PackageError(f"{path}: unpacks to more than {MAX_UNPACKED // 1024**3} GB")
    listed = set(names)
    if f"{top}/model/model.bin" not in listed:
        raise PackageError(f"{path}: no model/model.bin (the CTranslate2 model)")
    if not any(n.startswith(f"{top}/model/") and "vocabulary" in n for n in listed):
        raise PackageError(f"{path}: the model folder has no vocabulary file")
    if not ({f"{top}/sentencepiece.model", f"{top}/bpe.model"} & listed):
        raise PackageError(f"{path}: no sentencepiece.model (nor bpe.model) tokenizer")
    return meta


def _single_top_folder(path: Path, names: list[str]) -> str:
    if not names:
        raise PackageError(f"{path}: empty archive")
    tops = set()
    for name in names:
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or "\\" in name or ":" in name:
            raise PackageError(f"{path}: unsafe path in archive: {name!r}")
        tops.add(parts[0])
        if len(parts) == 1 and not name.endswith("/"):
            raise PackageError(f"{path}: file {name!r} outside the package folder")
    if len(tops) != 1:
        raise PackageError(
            f"{path}: expected one top folder, found {len(tops)} ({', '.join(sorted(tops)[:3])})"
        )
    top = tops.pop()
    if top.startswith("."):
        raise PackageError(f"{path}: hidden top folder {top!r}")
    return top


def _read_metadata(path: Path, zf: zipfile.ZipFile, top: str, names: list[str]) -> PackageInfo:
    if f"{top}/metadata.json" not in names:
        raise PackageError(f"{path}: no {top}/metadata.json")
    try:
        meta = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise PackageError(f"{path}: metadata.json is not valid JSON ({exc})") from exc
    if not isinstance(meta, dict):
        raise PackageError(f"{path}: metadata.json is not a JSON object")
    from_code, to_code = meta.get("from_code"), meta.get("to_code")
    if not isinstance(from_code, str) or not isinstance(to_code, str):
        raise PackageError(f"{path}: metadata.json lacks from_code or to_code")
    if meta.get("type", "translate") != "translate":
        raise PackageError(f"{path}: a {meta.get('type')!r} package, not a translation one")
    if (from_code, to_code) not in USEFUL:
        raise PackageError(
            f"{path}: translates {from_code}→{to_code}; the glossary needs ar→fr, "
            "or ar→en and en→fr"
        )
    return PackageInfo(top, from_code, to_code, str(meta.get("package_version", "")))


# --- Installed packages ---------------------------------------------------------------


def installed() -> list[PackageInfo]:
    """The packages in the packages folder (folders without readable metadata skipped)."""
    folder = packages_dir()
    if not folder.is_dir():
        return []
    found = []
    for sub in sorted(folder.iterdir()):
        try:
            meta = json.loads((sub / "metadata.json").read_text(encoding="utf-8"))
            found.append(
                PackageInfo(
                    sub.name,
                    str(meta["from_code"]),
                    str(meta["to_code"]),
                    str(meta.get("package_version", "")),
                    sub,
                )
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found


def route(packages: list[PackageInfo] | None = None) -> list[PackageInfo]:
    """The packages that translate ar→fr: a direct one, else ar→en then en→fr; [] if none."""
    packages = installed() if packages is None else packages
    by_direction = {(p.from_code, p.to_code): p for p in packages}
    if (SOURCE, TARGET) in by_direction:
        return [by_direction[SOURCE, TARGET]]
    if (SOURCE, PIVOT) in by_direction and (PIVOT, TARGET) in by_direction:
        return [by_direction[SOURCE, PIVOT], by_direction[PIVOT, TARGET]]
    return []


def install_file(path: Path) -> tuple[PackageInfo, list[PackageInfo]]:
    """Check and install an .argosmodel file. Returns it and the packages it replaced."""
    info = check_package(path)
    folder = packages_dir()
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".glossary-install-", dir=folder.parent))
    try:
        try:
            with zipfile.ZipFile(path) as zf:
                zf.extractall(staging)
        except (OSError, zipfile.BadZipFile) as exc:
            raise PackageError(f"{path}: cannot extract ({exc})") from exc
        replaced = [
            p
            for p in installed()
            if (p.from_code, p.to_code) == (info.from_code, info.to_code) or p.name == info.name
        ]
        target = folder / info.name
        old = staging / ".replaced"
        old.mkdir()
        for p in replaced:  # moved aside, deleted only once the new one is in place
            os.replace(folder / p.name, old / p.name)
        try:
            os.replace(staging / info.name, target)
        except OSError as exc:
            for p in replaced:
                os.replace(old / p.name, folder / p.name)
            raise PackageError(f"cannot install into {folder}: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return PackageInfo(info.name, info.from_code, info.to_code, info.version, target), replaced


def remove(name: str) -> PackageInfo:
    """Remove an installed package, named by its folder or by its direction (ar-en)."""
    packages = installed()
    wanted = name.replace("→", "-").replace("_", "-")
    for p in packages:
        if name == p.name or wanted == f"{p.from_code}-{p.to_code}":
            assert p.path is not None
            shutil.rmtree(p.path)
            return p
    listed = ", ".join(p.name for p in packages) or "none installed"
    raise PackageError(f"no installed package {name!r} ({listed})")


def needed_directions(name: str | None) -> list[tuple[str, str]]:
    """The directions `models install [NAME]` should fetch: NAME (ar-en…) or what ar→fr lacks."""
    if name:
        parts = tuple(name.replace("→", "-").replace("_", "-").split("-"))
        if len(parts) != 2 or parts not in USEFUL:
            raise PackageError(f"unknown package {name!r}: use ar-fr, ar-en or en-fr")
        return [(parts[0], parts[1])]
    if route():
        return []
    have = {(p.from_code, p.to_code) for p in installed()}
    return [d for d in [(SOURCE, PIVOT), (PIVOT, TARGET)] if d not in have]


def install_from_index(name: str | None, progress: Progress | None = None) -> list[PackageInfo]:
    """Download (online) and install from the Argos package index; returns what was installed.

    Without NAME: a direct ar→fr package when the index has one, else ar→en and en→fr.
    """
    from glossary.translate import package_index

    index = package_index()  # [(from, to, links, version)], raises PackageError offline
    available = {(f, t): (links, version) for f, t, links, version in index}
    directions = needed_directions(name)
    if name is None and (SOURCE, TARGET) in available and not route():
        directions = [(SOURCE, TARGET)]
    done = []
    for direction in directions:
        if direction not in available:
            raise PackageError(f"the package index has no {direction[0]}→{direction[1]} package")
        links, _version = available[direction]
        with tempfile.TemporaryDirectory() as tmp:
            file = Path(tmp) / f"{direction[0]}_{direction[1]}.argosmodel"
            _download(links, file, progress)
            done.append(install_file(file)[0])
    return done


def _download(links: list[str], target: Path, progress: Progress | None) -> None:
    import urllib.request

    errors = []
    for link in links:
        try:
            with urllib.request.urlopen(link, timeout=30) as response, target.open("wb") as out:
                total = int(response.headers.get("Content-Length") or 0)
                done = 0
                while chunk := response.read(1 << 20):
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
            return
        except OSError as exc:
            errors.append(f"{link}: {exc}")
    raise PackageError("download failed: " + ("; ".join(errors) or "no link"))
