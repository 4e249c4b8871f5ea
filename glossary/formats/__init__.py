"""Glossary files for translators' tools: CSV, OmegaT and TBX, out and in.

`write_export` writes the selected entries in one format; `read_glossary` reads a file
into terms and bad rows, and `glossary.formats.importer.import_terms` puts the terms in
the db. The pitfalls of each format are in ../shared/notes/formats.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from glossary.export import Selection, export_rows, write_csv
from glossary.formats.terms import ImportFileError, ParsedFile
from glossary.store import Store

EXPORT_FORMATS = ("csv", "omegat", "tbx")
IMPORT_FORMATS = ("csv", "tbx", "omegat")
_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "csv",
    ".tbx": "tbx",
    ".xml": "tbx",
    ".utf8": "omegat",
    ".txt": "omegat",
    ".tab": "omegat",
}

__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "ImportFileError",
    "ParsedFile",
    "Selection",
    "guess_format",
    "read_glossary",
    "write_export",
]


def write_export(
    store: Store,
    out: TextIO,
    fmt: str,
    selection: Selection,
    *,
    bom: bool = False,
    reverse: bool = False,
) -> int:
    """Write the selected entries as `fmt`; returns the number of entries written."""
    if fmt == "csv":
        return write_csv(store, out, bom=bom, selection=selection, reverse=reverse)
    if fmt == "omegat":
        from glossary.formats.omegat import write_omegat

        return write_omegat(export_rows(store, selection=selection), out, reverse)
    if fmt == "tbx":
        from glossary.formats.tbx import write_tbx

        return write_tbx(export_rows(store, selection=selection), out)
    raise ValueError(f"unknown export format {fmt!r}")


def guess_format(path: Path, data: bytes) -> str:
    """The import format of a file, from its extension, else from its first bytes."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    by_suffix = _SUFFIXES.get(path.suffix.lower())
    if by_suffix == "omegat" and b"\t" not in head and b"," in head:
        return "csv"  # a .txt that is comma-separated
    if by_suffix:
        return by_suffix
    return "tbx" if head.startswith(b"<") else "csv"


def read_glossary(path: Path, fmt: str | None = None) -> ParsedFile:
    """Read a glossary file; raises ImportFileError (one line) when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    fmt = fmt or guess_format(path, data)
    if fmt == "tbx":
        from glossary.formats.tbx import read_tbx

        return read_tbx(data, str(path))
    from glossary.formats.csvfile import decode_text, read_csv

    text = decode_text(data, str(path))
    if fmt == "omegat":
        from glossary.formats.omegat import read_omegat

        return read_omegat(text)
    if fmt == "csv":
        try:
            return read_csv(text, tab_separated=path.suffix.lower() == ".tsv")
        except ImportFileError as exc:
            raise ImportFileError(f"{path}: {exc}; nothing imported") from None
    raise ValueError(f"unknown import format {fmt!r}")
