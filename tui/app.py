"""`glossary tui`: the Textual application for searching, reading and reviewing the glossary.

The app opens the db, or explains why it cannot (missing, empty, unusable) and offers to
build it from the seed corpus; then shows the main screen. It owns what every screen
shares: help, the RTL toggle, CSV export and quitting.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType

from glossary.build import BuildReport, build
from glossary.export import Selection
from glossary.formats import write_export
from glossary.store import Store, StoreError
from tui.data import count_entries
from tui.screens.base import GlossaryScreen
from tui.screens.entry import EntryScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.modals import ExportDialog, ExportRequest
from tui.screens.startup import StartupScreen
from tui.session import Session
from tui.settings import Settings, load_settings, save_settings

SEEDS = Path("seeds")
# How often the app asks SQLite whether another program wrote to the db (a cheap read).
CHANGE_CHECK_SECONDS = 1.0


class GlossaryApp(App[None]):
    """The glossary TUI for one db."""

    CSS_PATH = "app.tcss"
    TITLE = "ar-fr glossary"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        # Same action strings as the screens' ?, d and q: the footer shows one of each.
        Binding("f1", "app.help", "Help"),
        Binding("f2", "app.toggle_rtl", "RTL"),
        Binding("ctrl+q", "app.quit", "Quit", priority=True),
    ]

    def __init__(self, db_path: Path, seeds: Path = SEEDS) -> None:
        super().__init__()
        self.db_path = db_path
        self.seeds = seeds
        self.settings = Settings()
        self.session: Session | None = None

    def on_mount(self) -> None:
        self.settings = load_settings()
        self.open_glossary()
        self.set_interval(CHANGE_CHECK_SECONDS, self.check_for_changes)

    def on_unmount(self) -> None:
        self.close_session()

    def close_session(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None

    # --- opening -------------------------------------------------------------------
    def open_glossary(self) -> None:
        """Show the main screen, or the reason there is nothing to show."""
        try:
            store = Store(self.db_path, create=False)
        except StoreError as exc:
            missing = not self.db_path.exists()
            problem = f"There is no glossary at {self.db_path} yet." if missing else str(exc)
            self._show_startup(problem, can_build=missing)
            return
        if count_entries(store) == 0:
            store.close()
            self._show_startup(
                f"The glossary at {self.db_path} is empty: no entries yet.", can_build=True
            )
            return
        self.session = Session(self.db_path, store, self.settings)
        self._show(MainScreen(self.session))

    def check_for_changes(self) -> None:
        """Show what another program (`glossary build`, `import`, `edit`) wrote meanwhile.

        The screen in front is reloaded (the results keep their cursor on the same entry);
        the main screen, when behind another one, searches again when it comes back."""
        if self.session is None or not self.session.changed_elsewhere():
            return
        if isinstance(self.screen, MainScreen | EntryScreen):
            self.screen.reload()
        self.notify("Glossary updated by another program: results refreshed", timeout=4)

    def _show_startup(self, problem: str, can_build: bool) -> None:
        seeds = f"{self.seeds}/"
        if can_build and self.seeds.is_dir():
            offer = (
                f"Press b to build it now from {seeds} (the sample corpus), or q to quit "
                "and run `glossary build FOLDER` on your own files."
            )
        elif can_build:
            offer = (
                f"There is no {seeds} folder here to build it from: run "
                f"`glossary build FOLDER --db {self.db_path}` on your corpus, then open it "
                "again. Press q to quit."
            )
        else:
            offer = "Press q to quit."
        self._show(StartupScreen(problem, offer, can_build and self.seeds.is_dir()))

    def _show(self, screen: MainScreen | StartupScreen) -> None:
        if isinstance(self.screen, StartupScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    @on(StartupScreen.BuildRequested)
    def build_requested(self, event: StartupScreen.BuildRequested) -> None:
        self.build_glossary(event.startup)

    @work(thread=True, exclusive=True, group="build")
    def build_glossary(self, screen: StartupScreen) -> None:
        """Build the db from the seed corpus on a thread, reporting progress."""

        def progress(stage: str, done: int, total: int) -> None:
            self.call_from_thread(screen.building, stage, done, total)

        try:
            store = Store(self.db_path)
            try:
                report = build([self.seeds], store, progress)
            finally:
                store.close()
        except Exception as exc:  # noqa: BLE001 - any failure is shown, the db is unchanged
            self.call_from_thread(screen.failed, f"The build failed: {exc}")
            return
        self.call_from_thread(self._built, report)

    def _built(self, report: BuildReport) -> None:
        self.notify(
            f"Built: {report.entries} entries from {report.documents_read} documents",
            timeout=4,
        )
        self.open_glossary()

    # --- actions for every screen --------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_rtl(self) -> None:
        if self.session is not None:
            rtl = self.session.toggle_rtl()
            self.settings = self.session.settings
        else:
            self.settings = Settings(rtl=not self.settings.rtl)
            save_settings(self.settings)
            rtl = self.settings.rtl
        for screen in self.screen_stack:
            if isinstance(screen, GlossaryScreen):
                screen.apply_rtl()
        self.notify(f"Right-to-left display {'on' if rtl else 'off'}", timeout=2)

    def action_export(self) -> None:
        if self.session is None:
            self.bell()
            return

        def done(request: ExportRequest | None) -> None:
            if request is not None:
                self.export_file(request)

        self.push_screen(ExportDialog(), done)

    @work(thread=True, exclusive=True, group="export")
    def export_file(self, request: ExportRequest) -> None:
        """Write the export on a thread (own Store), through a temporary file.

        The file name says the format: .tbx is TBX-Basic, .utf8/.txt an OmegaT glossary,
        anything else our CSV."""
        suffix = request.path.suffix.lower()
        fmt = "tbx" if suffix == ".tbx" else "omegat" if suffix in (".utf8", ".txt") else "csv"
        partial = request.path.with_name(request.path.name + ".part")
        try:
            store = Store(self.db_path, create=False)
            try:
                with partial.open("w", encoding="utf-8", newline="") as out:
                    count = write_export(
                        store,
                        out,
                        fmt,
                        Selection(include_candidates=request.include_candidates),
                        bom=request.bom and fmt == "csv",
                    )
            finally:
                store.close()
            partial.replace(request.path)
        except (OSError, StoreError) as exc:
            partial.unlink(missing_ok=True)
            self.call_from_thread(self.notify, f"Export failed: {exc}", severity="error")
            return
        self.call_from_thread(self.notify, f"Wrote {count} entries to {request.path}")


def run(db_path: Path) -> None:
    """Open the TUI on `db_path` (called by `glossary tui`)."""
    GlossaryApp(db_path).run()
