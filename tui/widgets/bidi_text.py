"""A block of text that wraps itself and, in RTL mode, reorders each line for display."""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.widget import Widget

from tui.direction import clean, layout


class BidiText(Widget):
    """Text (possibly styled, e.g. a highlighted term) shown in logical or display order."""

    DEFAULT_CSS = """
    BidiText { height: auto; }
    """

    def __init__(
        self,
        text: Text | str,
        *,
        rtl: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = _as_text(text)
        self._rtl = rtl

    @property
    def text(self) -> Text:
        return self._text

    @property
    def rtl(self) -> bool:
        return self._rtl

    def update(self, text: Text | str) -> None:
        self._text = _as_text(text)
        self.refresh(layout=True)

    def set_rtl(self, rtl: bool) -> None:
        if rtl != self._rtl:
            self._rtl = rtl
            self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(layout(self._text, width, self._rtl)))

    def render(self) -> RenderResult:
        lines = layout(self._text, self.content_size.width, self._rtl)
        out = Text("\n", end="").join(lines)
        out.no_wrap = True
        return out


def _as_text(text: Text | str) -> Text:
    """A copy without invisible bidi controls, which would break offsets on screen."""
    if isinstance(text, str):
        return Text(clean(text), end="")
    if clean(text.plain) == text.plain:
        return text.copy()
    return Text(clean(text.plain), style=text.style, end="")


def highlighted(sentence: str, start: int, end: int, style: str = "bold reverse") -> Text:
    """`sentence` with the term at [start, end) highlighted; bidi controls dropped."""
    start = max(0, min(start, len(sentence)))
    end = max(start, min(end, len(sentence)))
    return Text.assemble(
        clean(sentence[:start]), (clean(sentence[start:end]), style), clean(sentence[end:]), end=""
    )
