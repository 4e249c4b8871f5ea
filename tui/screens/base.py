"""What every screen of an open glossary shares: help, RTL, quit; and review decisions."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from textual.binding import Binding, BindingType
from textual.screen import Screen

from glossary.review import (
    EntryDetail,
    ReviewError,
    choose_equivalent,
    entry_detail,
    set_french,
    set_kind,
    set_note,
    set_status,
)
from glossary.store import StoreError
from tui.direction import visual
from tui.screens.modals import FrenchChoice, FrenchDialog, KindDialog, NoteDialog
from tui.session import Session
from tui.widgets.bidi_text import BidiText

# Each screen lists its own keys first, then these: the footer shows them in that order.
# The app binds F1, F2 and Ctrl+Q to the same actions, so while a text box takes the
# letter keys the footer shows those instead.
COMMON_KEYS: list[BindingType] = [
    Binding("question_mark", "app.help", "Help"),
    Binding("d", "app.toggle_rtl", "RTL"),
    Binding("q", "app.quit", "Quit"),
]
REVIEW_KEYS: list[BindingType] = [
    Binding("a", "approve", "Approve"),
    Binding("r", "reject", "Reject"),
    Binding("e", "edit_french", "French"),
    Binding("k", "change_kind", "Kind"),
    Binding("n", "add_note", "Note"),
]


class GlossaryScreen(Screen[None]):
    """A screen of the open glossary. Subclasses list COMMON_KEYS in their BINDINGS."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def apply_rtl(self) -> None:
        """Redraw Arabic after the RTL toggle; screens with tables extend this."""
        for widget in self.query(BidiText):
            widget.set_rtl(self.session.rtl)

    def show_ar(self, text: str) -> str:
        """A one-line Arabic string as it should be printed (for labels, toasts)."""
        return visual(text, self.session.rtl)


class ReviewScreen(GlossaryScreen):
    """A screen showing one current entry, on which single keys take review decisions.

    Subclasses list REVIEW_KEYS in their BINDINGS. Every decision is written at once through glossary.review, which marks it as a
    person's, so `glossary build` keeps it.
    """

    def current_entry_id(self) -> int | None:
        """The entry the review keys act on."""
        return None

    def reload(self, advance: bool = False) -> None:
        """Show the glossary again after a decision (`advance`: move to the next entry)."""

    def _entry(self) -> int | None:
        entry_id = self.current_entry_id()
        if entry_id is None:
            self.app.bell()
            self.notify("No entry selected", severity="warning")
        return entry_id

    def _detail(self, entry_id: int) -> EntryDetail | None:
        """The entry as it is now; None (and a message) if a build removed it meanwhile."""
        try:
            return entry_detail(self.session.store, entry_id)
        except ReviewError as exc:
            self.notify(str(exc), severity="error")
            self.reload()
            return None

    def _decide(self, change: Callable[[], object], message: str, advance: bool = False) -> None:
        try:
            change()
        except (ReviewError, StoreError, sqlite3.Error) as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.reload(advance)
        self.notify(message)

    def _label(self, entry_id: int) -> str:
        rows = self.session.store.rows("SELECT ar FROM entries WHERE id = ?", [entry_id])
        return self.show_ar(str(rows[0][0])) if rows else str(entry_id)

    def action_approve(self) -> None:
        self._set_status("approved")

    def action_reject(self) -> None:
        self._set_status("rejected")

    def _set_status(self, status: str) -> None:
        entry_id = self._entry()
        if entry_id is None:
            return
        self._decide(
            lambda: set_status(self.session.store, entry_id, status),
            f"{status.capitalize()}: {self._label(entry_id)}",
            advance=True,
        )

    def action_edit_french(self) -> None:
        entry_id = self._entry()
        if entry_id is None:
            return
        store = self.session.store
        detail = self._detail(entry_id)
        if detail is None:
            return

        def done(choice: FrenchChoice | None) -> None:
            if choice is None:
                return
            if choice.equivalent_id is not None:
                equivalent_id = choice.equivalent_id
                self._decide(
                    lambda: choose_equivalent(store, entry_id, equivalent_id),
                    "French chosen",
                )
            else:
                self._decide(
                    lambda: set_french(store, entry_id, choice.fr, choice.acronym),
                    f"French set: {choice.fr}",
                )

        self.app.push_screen(FrenchDialog(detail, self.session.rtl), done)

    def action_change_kind(self) -> None:
        entry_id = self._entry()
        if entry_id is None:
            return
        detail = self._detail(entry_id)
        if detail is None:
            return
        current = detail.kind

        def done(kind: str | None) -> None:
            if kind is not None and kind != current:
                self._decide(lambda: set_kind(self.session.store, entry_id, kind), f"Kind: {kind}")

        self.app.push_screen(KindDialog(current), done)

    def action_add_note(self) -> None:
        entry_id = self._entry()
        if entry_id is None:
            return
        detail = self._detail(entry_id)
        if detail is None:
            return
        current = detail.note

        def done(note: str | None) -> None:
            if note is not None and note.strip() != current:
                self._decide(
                    lambda: set_note(self.session.store, entry_id, note),
                    "Note saved" if note.strip() else "Note cleared",
                )

        self.app.push_screen(NoteDialog(current), done)
