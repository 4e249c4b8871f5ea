"""A corpus document, sentence by sentence, opened at the line where a term occurs."""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Label, ListItem, ListView

from glossary.review import OccurrenceView, document_sentences
from tui.screens.base import COMMON_KEYS, GlossaryScreen
from tui.session import Session
from tui.widgets.bidi_text import BidiText, highlighted


class DocumentScreen(GlossaryScreen):
    """The document's clean sentences; the occurrence's sentence is selected and marked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "back", "Back"),
        *COMMON_KEYS,
    ]

    def __init__(self, session: Session, occurrence: OccurrenceView) -> None:
        super().__init__(session)
        self.occurrence = occurrence
        self.sentences = document_sentences(session.store, occurrence.document_id)

    def compose(self) -> ComposeResult:
        name = PurePath(self.occurrence.document).name or self.occurrence.document
        yield Label(
            f"{name} · sentence {self.occurrence.sentence_index + 1} of {len(self.sentences)}",
            classes="section",
        )
        rtl = self.session.rtl
        items = []
        for index, sentence in enumerate(self.sentences):
            if index == self.occurrence.sentence_index:
                text = highlighted(sentence, self.occurrence.start, self.occurrence.end)
                classes = "sentence target"
            else:
                text, classes = Text(sentence), "sentence"
            items.append(ListItem(BidiText(text, rtl=rtl), classes=classes))
        yield ListView(*items, id="document")
        yield Footer()

    def on_mount(self) -> None:
        view = self.query_one("#document", ListView)
        view.focus()
        target = self.occurrence.sentence_index
        if 0 <= target < len(self.sentences):

            def go() -> None:
                view.index = target
                view.scroll_to_widget(view.children[target], center=True, animate=False)

            self.call_after_refresh(go)

    def action_back(self) -> None:
        self.dismiss(None)
