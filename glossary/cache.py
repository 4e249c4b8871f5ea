"""Derived data kept between runs, in the user's cache folder.

Some of what every build needs is derived from data that only changes with an upgrade
(the ranks of the commonest Arabic words, read from wordfreq's 55 MB list): computing it
costs more than half a second, reading it back a few milliseconds. A cached file is named
by a fingerprint of everything it was derived from, so an upgrade never reads a stale
one; a cache that cannot be read or written is simply recomputed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

APP = "ar-fr-glossary"


def cache_directory() -> Path:
    """$XDG_CACHE_HOME/ar-fr-glossary, or ~/.cache/ar-fr-glossary (not created here)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec says a relative value is invalid and must be ignored.
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / APP


def fingerprint(*parts: str | bytes) -> str:
    """A short digest of the inputs a cached file is derived from."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def cached_rows(
    name: str,
    key: str,
    compute: Callable[[], Iterable[tuple[str, ...]]],
    valid: Callable[[tuple[str, ...]], bool] = lambda row: True,
) -> list[tuple[str, ...]]:
    """Tab-separated rows `compute()` makes, kept in the cache as `name`-`key`.tsv.

    Fields must not hold tabs or newlines. The file is written whole or not at all
    (a temporary file renamed), so a build interrupted halfway leaves no torn cache; a
    file with a row that is not `valid` (edited by hand, say) is made again.
    """
    path = cache_directory() / f"{name}-{key}.tsv"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    else:
        rows = [tuple(line.split("\t")) for line in text.splitlines()]
        if rows and all(valid(row) for row in rows):
            return rows
    rows = [tuple(row) for row in compute()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return rows  # a read-only home: every run computes it
    try:
        with open(handle, "w", encoding="utf-8") as out:
            out.write("".join("\t".join(row) + "\n" for row in rows))
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
    return rows
