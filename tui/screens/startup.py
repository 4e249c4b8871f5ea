"""Shown instead of the glossary when the db is missing, empty or unusable."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, ProgressBar, Static


class StartupScreen(Screen[None]):
    """Says what is wrong with the db; offers to build it from the seed corpus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "build", "Build from seeds/"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, problem: str, offer: str, can_build: bool) -> None:
        super().__init__()
        self.problem = problem
        self.offer = offer
        self.can_build = can_build

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="startup", classes="dialog"):
            yield Label("ar-fr glossary", classes="section")
            yield Static(self.problem, id="problem")
            yield Static(self.offer, id="offer")
            yield ProgressBar(id="build-progress", show_eta=False)
            yield Static("", id="build-stage")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False

    class BuildRequested(Message):
        """The person asked to build the glossary from the seed corpus."""

        def __init__(self, startup: StartupScreen) -> None:
            super().__init__()
            self.startup = startup

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "build":
            return self.can_build
        return True

    def action_build(self) -> None:
        self.can_build = False  # one build at a time
        self.refresh_bindings()
        self.post_message(self.BuildRequested(self))

    def building(self, stage: str, done: int, total: int) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=max(total, 1), progress=done)
        self.query_one("#build-stage", Static).update(f"{stage}…")

    def failed(self, message: str) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one("#build-stage", Static).update(message)
