"""Right-to-left display: reorder Arabic for terminals that print it in logical order.

Textual draws text in the order it is stored. Terminals that do not reorder right-to-left
text themselves then show every Arabic word with its letters reversed. With the RTL toggle
on, text is wrapped into lines first and each line is put in display order by python-bidi
(its reference implementation, `bidi.algorithm`, which also mirrors brackets), so lines
read top to bottom and each right to left. Styled text (a highlighted term in a
concordance line) keeps its styles: each character is followed through the reordering.
Letters are not shaped (joined): terminals that print logical order usually shape.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from bidi import algorithm as _uba
from rich.cells import cell_len
from rich.style import Style
from rich.text import Span, Text

ELLIPSIS = "…"
_CHUNK = re.compile(r"\S+\s*|\s+")
# Bidi controls never reach the screen: reordering must keep one character per cell.
_INVISIBLE = re.compile("[\u200c-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean(text: str) -> str:
    """Drop invisible bidi controls that would shift offsets and confuse reordering."""
    return _INVISIBLE.sub("", text)


def is_rtl_paragraph(text: str) -> bool:
    """True when the first strong character of `text` is right-to-left (Arabic)."""
    return bool(text) and int(_uba.get_base_level(text)) == 1


@lru_cache(maxsize=4096)
def _reordered(line: str) -> tuple[str, tuple[int, ...]]:
    storage: dict[str, Any] = _uba.get_empty_storage()
    base_level = int(_uba.get_base_level(line))
    storage["base_level"] = base_level
    storage["base_dir"] = ("L", "R")[base_level]
    _uba.get_embedding_levels(line, storage)
    for index, record in enumerate(storage["chars"]):
        record["index"] = index
    _uba.explicit_embed_and_overrides(storage)
    _uba.resolve_weak_types(storage, False)
    _uba.resolve_neutral_types(storage, False)
    _uba.resolve_implicit_levels(storage, False)
    _uba.reorder_resolved_levels(storage, False)
    _uba.apply_mirroring(storage, False)
    records: list[dict[str, Any]] = storage["chars"]
    return "".join(r["ch"] for r in records), tuple(int(r["index"]) for r in records)


def visual(text: str, rtl: bool = True) -> str:
    """The string to print for one line of `text`: in display order when `rtl` is on.

    Same result as python-bidi's `bidi.algorithm.get_display`; the Rust `bidi.get_display`
    does not mirror brackets (python-bidi issue 25), which would print `)DGST(`.
    """
    if not rtl or not text:
        return text
    return _reordered(clean(text))[0]


def visual_order(line: str) -> list[int]:
    """Logical indices of `line`'s characters in display order (one line, no controls)."""
    return list(_reordered(line)[1])


def fit(text: str, width: int) -> str:
    """Cut `text` (logical order) to `width` cells, marking the cut with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    out = ""
    for char in text:
        if cell_len(out + char) > width - 1:
            break
        out += char
    return out.rstrip() + ELLIPSIS


def reorder(line: Text) -> Text:
    """One line of `line` in display order, each character keeping its style."""
    plain = clean(line.plain)
    display, order = _reordered(plain)
    out = Text(display, style=line.style, end="")
    if not line.spans or len(plain) != len(line.plain):
        return out
    styles: list[Style | str | None] = [None] * len(plain)
    for span in line.spans:
        for i in range(span.start, min(span.end, len(plain))):
            styles[i] = span.style
    # Consecutive characters with the same style become one span.
    run_start = 0
    for k in range(1, len(order) + 1):
        if k == len(order) or styles[order[k]] != styles[order[run_start]]:
            style = styles[order[run_start]]
            if style is not None:
                out.spans.append(Span(run_start, k, style))
            run_start = k
    return out


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of `text` to `width` cells: (start, end) of each line."""
    if width <= 0:
        return [(0, len(text))]
    lines: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(text, offset, offset + len(paragraph), width))
        offset += len(paragraph) + 1
    return lines


def _wrap_paragraph(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    line_start, line_width = start, 0
    for chunk in _CHUNK.finditer(text, start, end):
        c_start, c_end = chunk.start(), chunk.end()
        word_width = cell_len(chunk.group().rstrip())
        if line_width and line_width + word_width > width:
            lines.append((line_start, c_start))
            line_start, line_width = c_start, 0
        while word_width > width:  # a word longer than the line: cut it
            cut, used = c_start, 0
            while cut < c_end and used + cell_len(text[cut]) <= width:
                used += cell_len(text[cut])
                cut += 1
            lines.append((line_start, cut))
            line_start = c_start = cut
            word_width = cell_len(text[cut:c_end].rstrip())
        line_width += cell_len(text[c_start:c_end])
    lines.append((line_start, end))
    return lines


def layout(text: Text, width: int, rtl: bool) -> list[Text]:
    """Wrap `text` to `width` and, with `rtl`, reorder each line and align it right.

    Wrapping happens before reordering: reordering a whole paragraph and letting the
    terminal wrap it would put its end on the first line.
    """
    right = rtl and is_rtl_paragraph(text.plain)
    lines: list[Text] = []
    for start, end in wrap(text.plain, width):
        line = text[start:end]
        line.rstrip()
        line.end = ""
        if rtl:
            line = reorder(line)
        if right and width > 0:
            line.pad_left(max(0, width - line.cell_len))
        lines.append(line)
    return lines
