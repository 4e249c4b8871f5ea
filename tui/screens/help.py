"""The help screen: every key, by screen."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Search (the box at the top)",
        [
            ("type", "search Arabic, French or an acronym, as `glossary lookup` does"),
            ("↓ / Enter", "go to the results, where the single keys below work"),
            ("Esc", "clear the search (empty: browse the whole glossary)"),
            ("/", "back to the search box"),
        ],
    ),
    (
        "Results",
        [
            ("Enter", "open the entry: forms, French, note, concordance"),
            ("f / s / o", "filter by kind / filter by status / sort (each key cycles)"),
            ("c", "clear filters"),
            ("t", "translate pane: paste Arabic, see its glossary terms"),
            ("Ctrl+T", "in the translate pane: translate, glossary enforced"),
            ("x", "export: CSV, TBX (.tbx) or OmegaT (.utf8)"),
        ],
    ),
    (
        "Review (results and entry)",
        [
            ("a / r", "approve / reject"),
            ("e", "edit the French: choose an alternative or type one"),
            ("k", "change the kind"),
            ("n", "add or change the note"),
        ],
    ),
    (
        "Entry",
        [
            ("↑ ↓", "move through the concordance"),
            ("Enter / o", "open the document at that sentence"),
            ("Esc", "back"),
        ],
    ),
    (
        "Everywhere",
        [
            ("d or F2", "right-to-left display on/off, remembered: on when Arabic shows reversed"),
            ("? or F1", "this help"),
            ("q or Ctrl+Q", "quit (Ctrl+Q also while typing)"),
        ],
    ),
]
NOTE = (
    "Decisions are written at once and kept by `glossary build`. Text you type "
    "(search, translate) is always shown in logical order."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark,f1", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Label("Keys · Esc closes", classes="section")
            for title, keys in KEYS:
                table = Table.grid(padding=(0, 2))
                table.add_column(style="bold cyan", no_wrap=True, width=12)
                table.add_column()
                for key, what in keys:
                    table.add_row(key, what)
                yield Label(title, classes="help-title")
                yield Static(table)
            yield Static(Text(NOTE, style="dim"), classes="help-note")

    def action_close(self) -> None:
        self.dismiss(None)
