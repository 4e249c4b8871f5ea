"""Small typed dialogs: each dismisses with the person's answer, or None when cancelled."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from glossary.lexicon import KINDS
from glossary.review import EntryDetail, EquivalentView
from tui.direction import visual

DEFAULT_EXPORT = "glossary.csv"


@dataclass(frozen=True, slots=True)
class FrenchChoice:
    """Either one of the entry's existing equivalents, or a French (and acronym) typed in."""

    equivalent_id: int | None = None
    fr: str = ""
    acronym: str | None = None


@dataclass(frozen=True, slots=True)
class ExportRequest:
    path: Path
    include_candidates: bool
    bom: bool


def equivalent_label(eq: EquivalentView) -> Text:
    """★ French (ACRONYM) · origin 0.95 · by a person"""
    text = Text("★ " if eq.preferred else "  ", style="bold yellow")
    text.append(eq.fr or "—", style="bold" if eq.preferred else "")
    if eq.acronym:
        text.append(f" ({eq.acronym})")
    text.append(f"  {eq.origin} {eq.confidence:.2f}", style="dim")
    if eq.human:
        text.append(" · person", style="green")
    return text


class FrenchDialog(ModalScreen[FrenchChoice | None]):
    """Edit the French: pick an alternative, or type a new French and acronym."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, detail: EntryDetail, rtl: bool) -> None:
        super().__init__()
        self.detail = detail
        self.rtl = rtl

    def compose(self) -> ComposeResult:
        preferred = self.detail.preferred
        with Vertical(classes="dialog", id="french-dialog"):
            yield Label(Text.assemble("French for ", (visual(self.detail.ar, self.rtl), "bold")))
            if self.detail.equivalents:
                yield Label("Alternatives (Enter chooses one):", classes="hint")
                yield OptionList(
                    *[
                        Option(equivalent_label(eq), id=str(eq.id))
                        for eq in self.detail.equivalents
                    ],
                    id="alternatives",
                )
            yield Label("Or type the French (Enter saves):", classes="hint")
            yield Input(preferred.fr if preferred else "", placeholder="French", id="fr")
            yield Input(
                preferred.acronym if preferred else "",
                placeholder="acronym (optional)",
                id="acronym",
            )
            yield Label("Tab moves · Esc cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#fr", Input).focus()

    @on(OptionList.OptionSelected, "#alternatives")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(FrenchChoice(equivalent_id=int(event.option.id)))

    @on(Input.Submitted)
    def typed(self) -> None:
        fr = self.query_one("#fr", Input).value.strip()
        acronym = self.query_one("#acronym", Input).value.strip()
        if not fr and not acronym:
            self.notify("Type a French equivalent or an acronym", severity="warning")
            return
        self.dismiss(FrenchChoice(fr=fr, acronym=acronym))

    def action_cancel(self) -> None:
        self.dismiss(None)


class KindDialog(ModalScreen[str | None]):
    """Choose the entry's kind (organisation, person, place, event, term)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="kind-dialog"):
            yield Label("Kind of this entry:")
            yield OptionList(*[Option(f"{i}  {k}", id=k) for i, k in enumerate(KINDS, 1)])
            yield Label("↑↓ Enter, or a digit · Esc cancels", classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = KINDS.index(self.current) if self.current in KINDS else 0
        options.focus()

    def on_key(self, event: events.Key) -> None:
        if event.key.isdigit() and 1 <= int(event.key) <= len(KINDS):
            event.stop()
            self.dismiss(KINDS[int(event.key) - 1])

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoteDialog(ModalScreen[str | None]):
    """Write or change the entry's note (empty clears it)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, note: str) -> None:
        super().__init__()
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="note-dialog"):
            yield Label("Note for translators:")
            yield Input(self.note, placeholder="e.g. use the acronym after first mention")
            yield Label("Enter saves · Esc cancels", classes="hint")

    @on(Input.Submitted)
    def saved(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Ask where to write the export (its extension picks the format), and what to put in it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, default: str = DEFAULT_EXPORT) -> None:
        super().__init__()
        self.default = default
        self._warned: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label("Export to (.csv, .tbx for TBX, .utf8 for OmegaT):")
            yield Input(self.default, id="path")
            yield Checkbox("include ranked candidates", id="candidates")
            yield Checkbox("byte order mark (for Excel)", id="bom")
            yield Static("", id="export-warning", classes="warning")
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="export")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#export")
    def export(self) -> None:
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self.query_one("#export-warning", Static).update("Type a file name.")
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            self.query_one("#export-warning", Static).update(f"{raw} is a folder.")
            return
        if path.exists() and self._warned != path:
            self._warned = path
            self.query_one("#export-warning", Static).update(
                f"{raw} exists: Export again to replace it."
            )
            return
        self.dismiss(
            ExportRequest(
                path,
                self.query_one("#candidates", Checkbox).value,
                self.query_one("#bom", Checkbox).value,
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
