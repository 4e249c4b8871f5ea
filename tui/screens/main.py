"""The main screen: search as you type, browse with filters and sorts, review."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Input, Static

from glossary.store import Store
from tui.data import BROWSE_LIMIT, Filters, SearchOutcome, count_entries, search_entries
from tui.screens.base import COMMON_KEYS, REVIEW_KEYS, ReviewScreen
from tui.screens.entry import EntryScreen
from tui.screens.translate import TranslateScreen
from tui.session import Session
from tui.widgets.results import ResultsTable

PLACEHOLDER = "Search in Arabic, French or by acronym: DGST, الأمن الوطني, sûreté…"


class SearchInput(Input):
    """The search box; ↓ and Enter go to the results, Esc clears."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "screen.focus_results", "Results"),
        Binding("escape", "clear", "Clear", show=False),
    ]

    def action_clear(self) -> None:
        if self.value:
            self.value = ""
        else:
            self.screen.focus_next()


class MainScreen(ReviewScreen):
    """Search box, status line, results table, footer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *REVIEW_KEYS,
        Binding("slash", "focus_search", "Search", show=False),
        Binding("f", "filter_kind", "Kind filter", show=False),
        Binding("s", "filter_status", "Status filter", show=False),
        Binding("o", "sort", "Sort", show=False),
        Binding("c", "clear_filters", "Clear filters", show=False),
        Binding("t", "translate", "Translate", show=False),
        Binding("x", "app.export", "Export", show=False),
        *COMMON_KEYS,
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.filters = Filters()
        self.outcome: SearchOutcome | None = None
        self._keep: int | None = None
        self._total = 0

    def compose(self) -> ComposeResult:
        yield Static(id="status-line")
        yield SearchInput(placeholder=PLACEHOLDER, id="search")
        yield ResultsTable(rtl=self.session.rtl, id="results")
        yield Static(id="message")
        yield Footer()

    def on_mount(self) -> None:
        self._total = count_entries(self.session.store)
        self._show_status()
        self.search()
        self.query_one(SearchInput).focus()

    # --- searching -----------------------------------------------------------------
    @on(Input.Changed, "#search")
    def typed(self) -> None:
        self.search()

    @on(Input.Submitted, "#search")
    def submitted(self) -> None:
        self.action_focus_results()

    @work(exclusive=True, group="search")
    async def search(self) -> None:
        """Look the query up on the search thread; a newer keystroke cancels this one."""
        query = self.query_one(SearchInput).value
        run = partial(_search, query=query, filters=self.filters)
        outcome = await self.session.searcher.run(run)
        self.outcome = outcome
        self.query_one(ResultsTable).show(outcome.rows, keep=self._keep)
        self._keep = None
        self._show_status()

    def _show_status(self) -> None:
        outcome = self.outcome
        if outcome is None:
            found = "searching…"
        elif outcome.query:
            found = f"{len(outcome.rows)} found"
        else:
            found = f"{len(outcome.rows)} of {self._total} entries"
        rtl = "RTL on" if self.session.rtl else "RTL off"
        self.query_one("#status-line", Static).update(
            f"{found} · {self.filters.describe()} · {rtl}"
        )
        message = outcome.message if outcome else ""
        if outcome and not outcome.query and len(outcome.rows) >= BROWSE_LIMIT:
            message = f"first {BROWSE_LIMIT} shown: type to search the rest"
        self.query_one("#message", Static).update(message)

    # --- ReviewScreen --------------------------------------------------------------
    def current_entry_id(self) -> int | None:
        return self.query_one(ResultsTable).current_entry_id()

    def reload(self, advance: bool = False) -> None:
        table = self.query_one(ResultsTable)
        rows = table.entry_rows
        if advance and table.cursor_row + 1 < len(rows):
            self._keep = rows[table.cursor_row + 1].id
        self._total = count_entries(self.session.store)
        self.search()

    def apply_rtl(self) -> None:
        super().apply_rtl()
        self.query_one(ResultsTable).set_rtl(self.session.rtl)
        self._show_status()

    def on_screen_resume(self) -> None:
        # Back from the entry, a dialog or another screen: decisions, or another program
        # (glossary build, import), may have changed rows.
        self._total = count_entries(self.session.store)
        self.search()

    # --- actions -------------------------------------------------------------------
    @on(DataTable.RowSelected, "#results")
    def open_entry(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is None:
            return
        self.app.push_screen(EntryScreen(self.session, int(event.row_key.value)))

    def action_focus_search(self) -> None:
        self.query_one(SearchInput).focus()

    def action_focus_results(self) -> None:
        self.query_one(ResultsTable).focus()

    def _refilter(self, filters: Filters) -> None:
        self.filters = filters
        self._show_status()
        self.search()

    def action_filter_kind(self) -> None:
        self._refilter(self.filters.next_kind())

    def action_filter_status(self) -> None:
        self._refilter(self.filters.next_status())

    def action_sort(self) -> None:
        self._refilter(self.filters.next_sort())

    def action_clear_filters(self) -> None:
        self._refilter(Filters())

    def action_translate(self) -> None:
        self.app.push_screen(TranslateScreen(self.session))


def _search(store: Store, query: str, filters: Filters) -> SearchOutcome:
    return search_entries(store, query, filters)
