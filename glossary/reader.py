"""Reading corpus files: finding them, decoding them, reducing HTML to text."""

from __future__ import annotations

import codecs
import hashlib
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

TEXT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
UNSUPPORTED_SUFFIXES = {
    ".pdf": "PDF",
    ".docx": "DOCX",
    ".doc": "Word",
    ".odt": "ODT",
    ".rtf": "RTF",
}


class CorpusError(Exception):
    """A problem with the input that stops the command (one line, names the path)."""


@dataclass(frozen=True, slots=True)
class Document:
    path: str
    text: str
    sha256: str
    encoding: str


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str


def find_files(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    """Yield the corpus files under `paths` (files or folders), in a stable order.

    Raises CorpusError for a path that does not exist, so a typo is not a silent no-op.
    """
    for path in paths:
        if not path.exists():
            raise CorpusError(f"{path}: no such file or folder")
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                yield from _classify(child, explicit=False)
        else:
            yield from _classify(path, explicit=True)


def _classify(path: Path, explicit: bool) -> Iterator[Path | Skipped]:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield path
    elif suffix in UNSUPPORTED_SUFFIXES:
        yield Skipped(str(path), f"{UNSUPPORTED_SUFFIXES[suffix]} files are not supported yet")
    elif explicit:
        # A file named on the command line is read whatever its name; the content decides.
        yield path


def read_document(path: Path) -> Document | Skipped:
    """Read one file into a Document, or say in a few words why it was skipped."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Skipped(str(path), f"cannot read ({exc.strerror or exc})")
    if not data.strip():
        return Skipped(str(path), "empty file")
    decoded = decode(data)
    if decoded is None:
        return Skipped(str(path), "binary or unknown encoding")
    text, encoding = decoded
    if path.suffix.lower() in (".html", ".htm") or _looks_like_html(text):
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return Skipped(str(path), "no text")
    return Document(str(path), text, hashlib.sha256(data).hexdigest(), encoding)


def decode(data: bytes) -> tuple[str, str] | None:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 (BOM) or Windows-1256.

    Returns None for binary data, so a stray image or archive is skipped, not mined.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _try(data[3:], "utf-8", "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _try(data, "utf-16", "utf-16")
    if _looks_utf16_without_bom(data):
        codec = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        return _try(data, codec, codec)
    if b"\x00" in data[:4096]:
        return None
    utf8 = _try(data, "utf-8", "utf-8")
    if utf8 is not None:
        return utf8
    # Windows-1256 decodes almost any byte string, so only accept it when the result
    # reads as Arabic text rather than control-character soup.
    cp = _try(data, "cp1256", "windows-1256")
    if cp is not None and _plausible_text(cp[0]):
        return cp
    return None


def _try(data: bytes, codec: str, label: str) -> tuple[str, str] | None:
    try:
        return data.decode(codec), label
    except UnicodeDecodeError:
        return None


def _looks_utf16_without_bom(data: bytes) -> bool:
    sample = data[:2048]
    if len(sample) < 4:
        return False
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = len(sample) // 2
    # ASCII-heavy UTF-16 has a zero in every other byte; Arabic UTF-16-LE has 0x06 there.
    return max(zeros_even, zeros_odd) > 0.3 * half or sample[1::2].count(6) > 0.3 * half


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _plausible_text(text: str) -> bool:
    if not text:
        return False
    controls = len(_CONTROL.findall(text))
    return controls / len(text) < 0.01


_HTML_HINT = re.compile(r"<(html|body|p|div|br|span|article)\b", re.IGNORECASE)


def _looks_like_html(text: str) -> bool:
    return _HTML_HINT.search(text[:2000]) is not None


class _TextExtractor(HTMLParser):
    """Keeps visible text; block elements become line breaks, scripts and styles vanish."""

    _BLOCKS = frozenset(
        [
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "table",
            "section",
            "article",
            "header",
            "footer",
            "blockquote",
            "pre",
            "title",
            "nav",
            "aside",
        ]
    )
    _HIDDEN = frozenset({"script", "style", "noscript", "template", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden_depth += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
