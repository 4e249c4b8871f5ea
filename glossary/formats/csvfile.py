"""Reading CSV and TSV glossaries: our own export, or any two-column Arabic/French file.

A first row naming the columns (ar, fr, acronym, … as in the CSV contract, or the
reference glossaries' ar_term, fr_term, fr_acronym) is read by name, in any order, so
a `--reverse` export reads back too. Without such a row, the first two columns are the
Arabic and the French, in either order.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from glossary.equivalents import ORIGINS
from glossary.export import unneutralize
from glossary.formats.terms import (
    ImportedTerm,
    ImportFileError,
    ParsedFile,
    Problem,
    clean,
    has_arabic,
    plain_pair,
    split_french,
)
from glossary.lexicon import KINDS
from glossary.reader import decode
from glossary.review import STATUSES

# Column names a header may use, folded to lower case, for each field we read.
_ALIASES = {
    "ar": ("ar", "arabic", "arabe", "ar_term", "عربي", "العربية"),
    "fr": ("fr", "french", "français", "francais", "fr_term"),
    "acronym": ("acronym", "acronyme", "sigle", "fr_acronym"),
    "kind": ("kind", "type"),
    "status": ("status", "statut"),
    "confidence": ("confidence",),
    "origin": ("origin", "origine"),
    "variants": ("variants", "variantes"),
    "frequency": ("frequency", "fréquence"),
    "documents": ("documents",),
    "context": ("context", "contexte"),
    "note": ("note", "notes", "comment"),
}
_BY_ALIAS = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}


def decode_text(data: bytes, name: str) -> str:
    """Text of a glossary file: UTF-8 (BOM or not), UTF-16 or Windows-1256."""
    decoded = decode(data)
    if decoded is None:
        raise ImportFileError(f"{name}: not a text file in UTF-8, UTF-16 or Windows-1256")
    return decoded[0].removeprefix("\ufeff")


def read_csv(text: str, tab_separated: bool = False) -> ParsedFile:
    """Terms and bad rows (with their line numbers) of a CSV or TSV file's text."""
    delimiter = "\t" if tab_separated else _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    parsed = ParsedFile()
    columns: dict[str, int] | None = None
    width = 0
    line = 1
    first = True
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1  # a quoted cell may span lines
            if not any(c.strip() for c in cells):
                continue
            if first and not any(has_arabic(c) for c in cells):
                first = False
                columns = _header(cells)
                width = len(cells)
                if columns is not None and "ar" not in columns:
                    raise ImportFileError("the header names no Arabic column (ar)")
                continue
            first = False
            if columns is None:
                item = plain_pair(start, cells[0], cells[1] if len(cells) > 1 else "")
            elif len(cells) != width:
                item = Problem(start, f"{len(cells)} cells where the header has {width}")
            else:
                item = _named_row(start, cells, columns)
            if isinstance(item, Problem):
                parsed.problems.append(item)
            else:
                parsed.terms.append(item)
    except csv.Error as exc:
        parsed.problems.append(Problem(line, f"unreadable CSV ({exc}); the rest was skipped"))
    return parsed


def _delimiter(text: str) -> str:
    head = text.split("\n", 5)[:5]
    first = head[0]
    if any("\t" in line for line in head):
        return "\t"
    if ";" in first and "," not in first:
        return ";"
    return ","


def _header(cells: list[str]) -> dict[str, int] | None:
    """Field → column index for a row of column names; None for an unknown header."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _BY_ALIAS.get(cell.strip().lower())
        if name and name not in columns:
            columns[name] = index
    return columns if "ar" in columns or "fr" in columns else None


def _named_row(line: int, cells: list[str], columns: dict[str, int]) -> ImportedTerm | Problem:
    def cell(name: str) -> str:
        return unneutralize(cells[columns[name]]).strip() if name in columns else ""

    ar = clean(cell("ar"))
    if not ar:
        return Problem(line, "no Arabic term")
    if not has_arabic(ar):
        return Problem(line, f"no Arabic term in {ar[:40]!r}")
    term = ImportedTerm(line, ar, fr=clean(cell("fr")), acronym=clean(cell("acronym")))
    if "acronym" not in columns:  # "Direction … (DGST)" or "DGST" in a plain ar,fr file
        term.fr, term.acronym = split_french(term.fr)
    for name, allowed in (("kind", KINDS), ("status", STATUSES), ("origin", ORIGINS)):
        value = cell(name)
        if value and value not in allowed:
            return Problem(line, f"{name} {value!r} is not one of {', '.join(allowed)}")
        setattr(term, name, value or None)
    if term.origin and not (term.fr or term.acronym):
        term.origin = None  # an origin says where a French came from; there is none
    confidence = _number(cell("confidence"), float)
    if isinstance(confidence, str) or (confidence is not None and not 0 <= confidence <= 1):
        return Problem(line, f"confidence {cell('confidence')!r} is not a number from 0 to 1")
    term.confidence = confidence
    for name in ("frequency", "documents"):
        count = _number(cell(name), int)
        if isinstance(count, str) or (count is not None and count < 0):
            return Problem(line, f"{name} {cell(name)!r} is not a whole number")
        setattr(term, name, None if count is None else int(count))
    term.variants = [v for v in (clean(p) for p in cell("variants").split("|")) if v]
    term.context = cell("context")
    term.note = cell("note")
    return term


def _number(text: str, kind: Callable[[str], float]) -> float | str | None:
    """The number in `text`, None when empty, or the text itself when it is no number."""
    if not text:
        return None
    try:
        return kind(text)
    except ValueError:
        return text
