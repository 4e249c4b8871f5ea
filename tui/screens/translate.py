"""Paste Arabic text; see the glossary terms it contains with their French.

Machine translation comes with the translation feature (issue 5); until a model is
installed this screen says how to get one.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import ClassVar

from rich.console import JustifyMethod
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Label, Static, TextArea

from glossary.enforce import FoundTerm, find_terms
from glossary.store import Store
from tui.direction import fit, is_rtl_paragraph, visual
from tui.screens.base import COMMON_KEYS, GlossaryScreen
from tui.screens.entry import EntryScreen
from tui.session import Session

NO_MODEL = (
    "No translation model is installed: install one with `glossary models install`, "
    "coming with the translation feature."
)
DEBOUNCE_SECONDS = 0.3
MAX_TEXT = 20_000  # characters looked up; a longer paste is cut, with a warning


class TranslateScreen(GlossaryScreen):
    """Source text above, its glossary terms below."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back"), *COMMON_KEYS]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.terms: list[FoundTerm] = []

    def compose(self) -> ComposeResult:
        yield Label(
            "Translate · paste Arabic text below; Tab moves to its glossary terms",
            classes="section",
        )
        yield TextArea(id="source", soft_wrap=True, show_line_numbers=False)
        yield Static("No text yet.", id="terms-status")
        yield DataTable[Text](id="terms", cursor_type="row", zebra_stripes=True)
        yield Static(NO_MODEL, id="model-note")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#source", TextArea).focus()

    @on(TextArea.Changed, "#source")
    def changed(self) -> None:
        self.look_up()

    @work(exclusive=True, group="translate")
    async def look_up(self) -> None:
        """Find the terms on the search thread, after a short pause in typing."""
        await asyncio.sleep(DEBOUNCE_SECONDS)
        text = self.query_one("#source", TextArea).text
        status = self.query_one("#terms-status", Static)
        if not text.strip():
            self.terms = []
            status.update("No text yet.")
            self._fill()
            return
        status.update("Looking up terms…")
        terms = await self.session.searcher.run(partial(_find, text=text[:MAX_TEXT]))
        self.terms = terms
        count = len(terms)
        message = f"{count} glossary term{'s' if count != 1 else ''} in this text"
        if len(text) > MAX_TEXT:
            message += f" (first {MAX_TEXT:,} characters)"
        status.update(message + (" · Enter opens one" if terms else ""))
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#terms", DataTable)
        rtl = self.session.rtl
        width = max(self.size.width, 60)
        ar_width = fr_width = max(12, (width - 30) // 2)
        table.clear(columns=True)
        justify: JustifyMethod = "right" if rtl else "left"
        table.add_column(Text("in the text", justify=justify), width=ar_width, key="ar")
        table.add_column(Text("French"), width=fr_width, key="fr")
        table.add_column(Text("acronym"), width=7, key="acronym")
        table.add_column(Text("×", justify="right"), width=3, key="count")
        for term in self.terms:
            surface = fit(term.surfaces[0], ar_width)
            table.add_row(
                Text(
                    visual(surface, rtl),
                    justify="right" if rtl and is_rtl_paragraph(surface) else "left",
                ),
                Text(fit(term.hit.fr or "—", fr_width)),
                Text(term.hit.acronym),
                Text(str(len(term.spans)), justify="right"),
                key=str(term.hit.entry_id),
            )

    def on_resize(self) -> None:
        self._fill()

    def apply_rtl(self) -> None:
        super().apply_rtl()
        self._fill()

    @on(DataTable.RowSelected, "#terms")
    def open_entry(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.app.push_screen(EntryScreen(self.session, int(event.row_key.value)))

    def action_back(self) -> None:
        self.dismiss(None)


def _find(store: Store, text: str) -> list[FoundTerm]:
    return find_terms(store, text)
