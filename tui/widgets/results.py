"""The results table of the main screen: one row per entry, columns sized to the screen."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from tui.data import EntryRow
from tui.direction import fit, is_rtl_paragraph, visual

KIND_LABELS = {"organisation": "org"}
STATUS_STYLES = {
    "approved": "bold green",
    "rejected": "red",
    "proposed": "",
    "candidate": "dim",
}
# Fixed columns: acronym, kind, status, frequency; Arabic and French share the rest.
FIXED = {"acronym": 7, "kind": 6, "status": 9, "freq": 4}
CELL_PADDING = 1


class ResultsTable(DataTable[Text]):
    """Entries as rows keyed by entry id; Arabic reordered when RTL display is on."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "Open")]

    def __init__(self, *, rtl: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, cell_padding=CELL_PADDING)
        self._rows: list[EntryRow] = []
        self._rtl = rtl
        self._widths: tuple[int, int] = (0, 0)

    @property
    def entry_rows(self) -> list[EntryRow]:
        return self._rows

    def show(self, rows: Sequence[EntryRow], keep: int | None = None) -> None:
        """Replace the rows, keeping the cursor on entry `keep` (or the current one)."""
        if keep is None:
            keep = self.current_entry_id()
        self._rows = list(rows)
        self._fill(keep)

    def set_rtl(self, rtl: bool) -> None:
        if rtl != self._rtl:
            self._rtl = rtl
            self._fill(self.current_entry_id())

    def current_entry_id(self) -> int | None:
        if not self._rows or not 0 <= self.cursor_row < len(self._rows):
            return None
        return self._rows[self.cursor_row].id

    def on_resize(self, event: events.Resize) -> None:
        if self._column_widths() != self._widths:
            self._fill(self.current_entry_id())

    def _column_widths(self) -> tuple[int, int]:
        """Widths of the Arabic and French columns for the table's current width."""
        columns = len(FIXED) + 2
        spare = self.size.width - sum(FIXED.values()) - 2 * CELL_PADDING * columns - 2
        spare = max(spare, 20)
        arabic = spare // 2
        return arabic, spare - arabic

    def _fill(self, keep: int | None) -> None:
        self._widths = ar_width, fr_width = self._column_widths()
        self.clear(columns=True)
        self.add_column(_header("Arabic", ar_width, self._rtl), width=ar_width, key="ar")
        self.add_column(Text("French"), width=fr_width, key="fr")
        self.add_column(Text("acronym"), width=FIXED["acronym"], key="acronym")
        self.add_column(Text("kind"), width=FIXED["kind"], key="kind")
        self.add_column(Text("status"), width=FIXED["status"], key="status")
        self.add_column(Text("freq", justify="right"), width=FIXED["freq"], key="freq")
        for row in self._rows:
            self.add_row(
                _arabic_cell(row.ar, ar_width, self._rtl),
                Text(fit(row.fr, fr_width)),
                Text(fit(row.acronym, FIXED["acronym"])),
                Text(KIND_LABELS.get(row.kind, row.kind)),
                Text(row.status, style=STATUS_STYLES.get(row.status, "")),
                Text(str(row.frequency), justify="right"),
                key=str(row.id),
            )
        index = next((i for i, r in enumerate(self._rows) if r.id == keep), 0)
        if self._rows:
            self.move_cursor(row=index, animate=False)


def _arabic_cell(text: str, width: int, rtl: bool) -> Text:
    cut = fit(text, width)
    if rtl:
        return Text(visual(cut), justify="right" if is_rtl_paragraph(cut) else "left")
    return Text(cut)


def _header(label: str, width: int, rtl: bool) -> Text:
    return Text(label, justify="right" if rtl else "left")
