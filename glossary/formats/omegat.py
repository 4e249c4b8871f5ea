"""OmegaT glossaries: `source<TAB>target<TAB>comment`, one entry a line, no quoting.

OmegaT reads a glossary in one direction only, so an fr→ar project needs the reversed
file; in it an entry with an acronym gets a second line, so that "DGST" in a French
text finds its Arabic too. Lines starting with # are comments.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

from glossary.export import ExportRow
from glossary.formats.terms import ImportedTerm, ParsedFile, Problem, plain_pair
from glossary.lexicon import KINDS
from glossary.review import STATUSES

CODING_LINE = "# -*- coding: utf-8 -*-"
# Tabs and every kind of line break would split a field or a line: they become spaces.
_BREAKS = re.compile(r"[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")


def field(text: str) -> str:
    """A value safe for one OmegaT field: no tab, no line break, single spaces."""
    return " ".join(_BREAKS.sub(" ", text).split())


def comment(row: ExportRow) -> str:
    """The comment column: acronym, kind and status, "; "-separated."""
    return "; ".join(part for part in (row.acronym, row.kind, row.status) if part)


def write_omegat(rows: Iterable[ExportRow], out: TextIO, reverse: bool = False) -> int:
    """Write an ar→fr (or, with `reverse`, fr→ar) glossary; returns the entries written.

    Entries without French or acronym have no target and are left out.
    """
    direction = "français → arabe" if reverse else "arabe → français"
    out.write(f"{CODING_LINE}\n# Glossaire {direction} (ar-fr-glossary)\n")
    count = 0
    for row in rows:
        french = field(row.fr or row.acronym)
        arabic = field(row.ar)
        if not french or not arabic:
            continue
        note = field(comment(row))
        if reverse:
            lines = [(french, arabic)]
            if row.acronym and row.fr:
                lines.append((field(row.acronym), arabic))
        else:
            lines = [(arabic, french)]
        tail = f"\t{note}\n" if note else "\n"
        out.writelines(f"{source}\t{target}{tail}" for source, target in lines)
        count += 1
    return count


def read_omegat(text: str) -> ParsedFile:
    """Terms and bad lines of an OmegaT glossary, in either direction."""
    parsed = ParsedFile()
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            parsed.problems.append(Problem(number, "no tab between source and target"))
            continue
        item = plain_pair(number, parts[0], parts[1])
        if isinstance(item, Problem):
            parsed.problems.append(item)
            continue
        if len(parts) > 2:
            _read_comment(item, parts[2])
        parsed.terms.append(item)
    return parsed


def _read_comment(term: ImportedTerm, text: str) -> None:
    """Take acronym, kind and status from a comment written by `comment`; else a note."""
    parts = [p.strip() for p in text.split(";")]
    if len(parts) >= 2 and parts[-2] in KINDS and parts[-1] in STATUSES:
        term.kind, term.status = parts[-2], parts[-1]
        head = [p for p in parts[:-2] if p]
        if len(head) == 1:
            term.acronym = head[0]
            if term.fr == term.acronym:  # the acronym's own line in a reversed file
                term.fr = ""
            return
        parts = head
    term.note = "; ".join(p for p in parts if p)
