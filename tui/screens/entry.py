"""One entry: its forms, French equivalents, decisions, and where the corpus uses it."""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Label, ListItem, ListView, Static

from glossary.review import EntryDetail, OccurrenceView, ReviewError, entry_detail
from tui.screens.base import COMMON_KEYS, REVIEW_KEYS, ReviewScreen
from tui.screens.document import DocumentScreen
from tui.screens.modals import equivalent_label
from tui.session import Session
from tui.widgets.bidi_text import BidiText, highlighted

KIND_STYLE = "bold cyan"
STATUS_STYLE = {"approved": "bold green", "rejected": "bold red", "candidate": "dim"}


def document_name(path: str) -> str:
    """A document as shown to people: its file name (the folder is noise, and private)."""
    return PurePath(path).name or path


class EntryScreen(ReviewScreen):
    """Entry detail and concordance; review keys act on this entry."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "back", "Back"),
        *REVIEW_KEYS,
        Binding("o", "open_document", "Document", show=False),
        *COMMON_KEYS,
    ]

    def __init__(self, session: Session, entry_id: int) -> None:
        super().__init__(session)
        self.entry_id = entry_id
        self.detail: EntryDetail | None = None
        self._load()

    def _load(self) -> None:
        try:
            self.detail = entry_detail(self.session.store, self.entry_id)
        except ReviewError:
            self.detail = None

    def compose(self) -> ComposeResult:
        detail = self.detail
        if detail is None:
            yield Static(f"Entry {self.entry_id} is no longer in the glossary.", id="entry-title")
            yield Footer()
            return
        rtl = self.session.rtl
        with Vertical(id="entry-head"):
            yield BidiText(Text(detail.ar, style="bold"), rtl=rtl, id="entry-title")
            yield Static(_facts(detail), id="entry-facts")
            variants = [f for f in detail.forms if f != detail.ar]
            if variants:
                with Horizontal(classes="field"):
                    yield Label("Forms", classes="field-label")
                    yield BidiText("، ".join(variants), rtl=rtl, classes="field-value")
            with Horizontal(classes="field"):
                yield Label("French", classes="field-label")
                yield Static(_equivalents(detail), classes="field-value", id="entry-french")
            with Horizontal(classes="field"):
                yield Label("Note", classes="field-label")
                yield BidiText(
                    detail.note or Text("— (n adds one)", style="dim"),
                    rtl=rtl,
                    classes="field-value",
                    id="entry-note",
                )
        count = len(detail.occurrences)
        heading = f"Concordance · {count} sentence{'s' if count != 1 else ''}"
        if count < detail.frequency:
            heading += f" of {detail.frequency}"
        yield Label(heading + " · Enter opens the document there", classes="section")
        yield ListView(*[_occurrence_item(o, rtl) for o in detail.occurrences], id="concordance")
        yield Footer()

    def on_mount(self) -> None:
        if self.detail is not None and self.detail.occurrences:
            self.query_one("#concordance", ListView).focus()

    # --- ReviewScreen --------------------------------------------------------------
    def current_entry_id(self) -> int | None:
        return self.entry_id if self.detail is not None else None

    def reload(self, advance: bool = False) -> None:
        index = self._selected_index()
        self._load()

        def restore() -> None:
            views = self.query("#concordance").results(ListView)
            for view in views:
                view.focus()
                if index is not None and index < len(view.children):
                    view.index = index

        self.refresh(recompose=True)
        self.call_after_refresh(restore)

    def apply_rtl(self) -> None:
        self.reload()

    # --- actions -------------------------------------------------------------------
    def _selected_index(self) -> int | None:
        lists = self.query("#concordance").results(ListView)
        for view in lists:
            return view.index
        return None

    def action_back(self) -> None:
        self.dismiss(None)

    def action_open_document(self) -> None:
        index = self._selected_index()
        if self.detail is None or index is None or index >= len(self.detail.occurrences):
            self.app.bell()
            return
        self.app.push_screen(DocumentScreen(self.session, self.detail.occurrences[index]))

    @on(ListView.Selected, "#concordance")
    def selected(self) -> None:
        self.action_open_document()


def _facts(detail: EntryDetail) -> Text:
    text = Text.assemble(
        (detail.kind, KIND_STYLE),
        " · ",
        (detail.status, STATUS_STYLE.get(detail.status, "")),
        f" · {detail.frequency} occurrence{'s' if detail.frequency != 1 else ''}"
        f" in {detail.documents} document{'s' if detail.documents != 1 else ''}",
    )
    if not detail.in_glossary:
        text.append(" · ranked candidate", style="dim")
    if not detail.attested:
        text.append(" · no longer in the corpus", style="yellow")
    return text


def _equivalents(detail: EntryDetail) -> Text:
    if not detail.equivalents:
        return Text("— (e adds one)", style="dim")
    return Text("\n").join(equivalent_label(eq) for eq in detail.equivalents)


def _occurrence_item(occurrence: OccurrenceView, rtl: bool) -> ListItem:
    return ListItem(
        BidiText(
            highlighted(occurrence.sentence, occurrence.start, occurrence.end),
            rtl=rtl,
            classes="sentence",
        ),
        Label(
            f"{document_name(occurrence.document)} · sentence {occurrence.sentence_index + 1}",
            classes="source",
        ),
    )
