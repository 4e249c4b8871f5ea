"""What an importer reads from a file, before it touches the db."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
# An acronym given as the French of a plain two-column file: DGST, G5, UE.
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.\-]{1,11}")
_FRENCH_WITH_ACRONYM = re.compile(r"(?P<fr>.*\S)\s*\((?P<acronym>[A-Z][A-Z0-9&.\-]{1,11})\)")


class ImportFileError(Exception):
    """The file cannot be imported at all (one line; nothing was imported)."""


@dataclass(slots=True)
class ImportedTerm:
    """One entry as a file gives it; None means the file does not say."""

    line: int
    ar: str
    fr: str = ""
    acronym: str = ""
    kind: str | None = None
    status: str | None = None
    origin: str | None = None
    confidence: float | None = None
    variants: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)  # more French, not preferred
    frequency: int | None = None
    documents: int | None = None
    context: str = ""
    context_document: str = ""
    domain: str = ""
    note: str = ""
    created_at: str | None = None
    updated_at: str | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """A row (or XML element) that was not imported, and why."""

    line: int
    message: str


@dataclass(slots=True)
class ParsedFile:
    terms: list[ImportedTerm] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def has_arabic(text: str) -> bool:
    return bool(_ARABIC_LETTER.search(text))


def clean(text: str) -> str:
    """One line, single spaces: how a term is stored."""
    return " ".join(text.split())


def split_french(value: str) -> tuple[str, str]:
    """The French and acronym in a free-form target: "Direction … (DGST)", "DGST", "Maroc"."""
    value = clean(value)
    if _ACRONYM.fullmatch(value):
        return "", value
    match = _FRENCH_WITH_ACRONYM.fullmatch(value)
    if match:
        return match["fr"], match["acronym"]
    return value, ""


def plain_pair(line: int, first: str, second: str) -> ImportedTerm | Problem:
    """An Arabic/French pair from a file without column names, in either order."""
    first, second = clean(first), clean(second)
    if not has_arabic(first) and has_arabic(second):
        first, second = second, first
    if not first:
        return Problem(line, "no Arabic term")
    if not has_arabic(first):
        return Problem(line, f"no Arabic term in {first[:40]!r}")
    if not second:
        return Problem(line, f"no French for {first}")
    fr, acronym = split_french(second)
    return ImportedTerm(line, first, fr=fr, acronym=acronym)
