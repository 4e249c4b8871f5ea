"""Paste Arabic text; see its glossary terms, and translate it with the glossary enforced.

Terms are looked up as you type (on the search thread). Ctrl+T translates with the
installed Argos model (glossary.translate, the same code as `glossary translate`): the
approved French (and, when ticked, the proposed) is forced into the output, and each
term's row says whether it was enforced, repaired or is missing. The engine is loaded on
the first Ctrl+T (Argos takes seconds to import), in a thread, never at start-up.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.console import JustifyMethod
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Checkbox, DataTable, Footer, Label, Static, TextArea

from glossary import models
from glossary.enforce import Enforced, FoundTerm, TermReport, enforce, find_terms
from glossary.store import Store
from tui.direction import fit, is_rtl_paragraph, visual
from tui.screens.base import COMMON_KEYS, GlossaryScreen
from tui.screens.entry import EntryScreen
from tui.session import Session

if TYPE_CHECKING:
    from glossary.translate import Translator

NO_MODEL = "No model installed: `glossary models install [--from FILE]` to translate."
DEBOUNCE_SECONDS = 0.3
MAX_TEXT = 20_000  # characters looked up; a longer paste is cut, with a warning
STATUS_STYLE = {
    "enforced": "green",
    "repaired": "yellow",
    "missing": "bold red",
    "unenforced": "dim",
}


class TranslateScreen(GlossaryScreen):
    """Source text above, its glossary terms below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+t", "translate", "Translate", priority=True),
        *COMMON_KEYS,
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.terms: list[FoundTerm] = []
        self.reports: list[TermReport] = []  # of the last translation, one per term
        self.translation: str | None = None
        self._translator: Translator | None = None

    def compose(self) -> ComposeResult:
        yield Label(
            "Translate · paste Arabic text below; Tab moves to its glossary terms",
            classes="section",
        )
        yield TextArea(id="source", soft_wrap=True, show_line_numbers=False)
        yield Checkbox("also enforce proposed French (not only approved)", id="proposed")
        yield Static("No text yet.", id="terms-status")
        yield DataTable[Text](id="terms", cursor_type="row", zebra_stripes=True)
        yield TextArea(
            id="translation",
            soft_wrap=True,
            read_only=True,
            placeholder="Ctrl+T: the French translation, glossary enforced, appears here",
        )
        yield Static(self._model_note(), id="model-note")
        yield Footer()

    @staticmethod
    def _model_note() -> str:
        route = models.route()  # reads package folders only: Argos is not imported
        if not route:
            return NO_MODEL
        return f"Model: {' + '.join(p.name for p in route)} · Ctrl+T translates"

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#source", TextArea).focus()

    @on(TextArea.Changed, "#source")
    def changed(self) -> None:
        self.reports = []  # a translation of another text says nothing of this one
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
        ar_width = fr_width = max(12, (width - 42) // 2)
        table.clear(columns=True)
        justify: JustifyMethod = "right" if rtl else "left"
        table.add_column(Text("in the text", justify=justify), width=ar_width, key="ar")
        table.add_column(Text("French"), width=fr_width, key="fr")
        table.add_column(Text("acronym"), width=7, key="acronym")
        table.add_column(Text("×", justify="right"), width=3, key="count")
        table.add_column(Text("in output"), width=10, key="check")
        reports = self.reports if len(self.reports) == len(self.terms) else []
        for index, term in enumerate(self.terms):
            check = reports[index].status if reports else ""
            surface = fit(term.surfaces[0], ar_width)
            table.add_row(
                Text(
                    visual(surface, rtl),
                    justify="right" if rtl and is_rtl_paragraph(surface) else "left",
                ),
                Text(fit(term.hit.fr or "—", fr_width)),
                Text(term.hit.acronym),
                Text(str(len(term.spans)), justify="right"),
                Text(check, style=STATUS_STYLE.get(check, "")),
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

    # --- machine translation ---------------------------------------------------------
    def action_translate(self) -> None:
        text = self.query_one("#source", TextArea).text[:MAX_TEXT]
        if not text.strip():
            self.notify("Paste or type Arabic text first.", severity="warning")
            return
        self.translate(text, self.query_one("#proposed", Checkbox).value)

    @work(exclusive=True, group="mt")
    async def translate(self, text: str, include_proposed: bool) -> None:
        """Translate on a worker thread; the screen stays live meanwhile."""
        note = self.query_one("#model-note", Static)
        note.update("Translating… (the first time, loading the model takes a few seconds)")
        terms = await self.session.searcher.run(partial(_find, text=text))
        try:
            result = await asyncio.to_thread(self._translate, text, terms, include_proposed)
        except (RuntimeError, OSError, ValueError) as exc:  # no model, engine failure: said
            note.update(_one_line(exc))
            return
        self.terms, self.reports, self.translation = terms, result.terms, result.translation
        self.query_one("#translation", TextArea).load_text(result.translation)
        counts: dict[str, int] = {}
        for report in result.terms:
            counts[report.status] = counts.get(report.status, 0) + 1
        summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        model = " + ".join(self._translator.packages) if self._translator else ""
        note.update(f"Translated with {model}" + (f" · terms: {summary}" if summary else ""))
        self._fill()

    def _translate(self, text: str, terms: list[FoundTerm], include_proposed: bool) -> Enforced:
        from glossary.translate import get_translator  # Argos: only when asked for

        if self._translator is None:
            self._translator = get_translator()
        return enforce(text, terms, self._translator, include_proposed)


def _one_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _find(store: Store, text: str) -> list[FoundTerm]:
    return find_terms(store, text)
