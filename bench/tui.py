"""Keystroke-to-results latency of the TUI, driven by Textual's pilot (headless).

The main screen searches on every change of the search box: a worker runs
tui.data.search_entries on the search thread, then calls ResultsTable.show with the
rows. We time, for each key pressed, from just before pilot.press to the moment
ResultsTable.show returns with the rows for the box's new value ("table updated"), and
to the app's next idle moment after that ("settled": the screen recomposed). Each key
waits for its results before the next is pressed, so no search is cancelled. Headless:
no terminal output is included.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SIZE = (100, 30)
KEY_TIMEOUT = 30.0  # seconds; a key whose results never come fails the run loudly
KEY_NAMES = {" ": "space"}


@dataclass(frozen=True, slots=True)
class KeyTiming:
    query: str  # the search box after the key
    updated: float  # seconds from the key to the table holding its rows
    painted: float  # seconds from the key to the next rendered screen update after that
    rows: int


async def _type_queries(db_path: Path, queries: Sequence[str]) -> list[KeyTiming]:
    from tui.app import GlossaryApp
    from tui.screens.main import MainScreen, SearchInput
    from tui.widgets.results import ResultsTable

    app = GlossaryApp(db_path)
    timings: list[KeyTiming] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        if not isinstance(screen, MainScreen):
            raise TypeError(f"the TUI opened {type(screen).__name__}, not the main screen")
        table = screen.query_one(ResultsTable)
        box = screen.query_one(SearchInput)
        shown: list[tuple[float, str, int]] = []
        arrived = asyncio.Event()
        original: Callable[..., Any] = table.show

        def show(rows: Sequence[Any], keep: int | None = None) -> None:
            original(rows, keep=keep)
            outcome = screen.outcome
            shown.append(
                (time.perf_counter(), outcome.query if outcome else "", len(table.entry_rows))
            )
            arrived.set()

        table.show = show  # type: ignore[method-assign]
        displayed: list[float] = []
        display: Callable[..., Any] = app._display

        def display_and_time(target: Any, renderable: Any) -> None:
            display(target, renderable)
            if renderable is not None:
                displayed.append(time.perf_counter())

        app._display = display_and_time  # type: ignore[method-assign,assignment]

        async def press(key: str, expect: str) -> tuple[float, float, int]:
            arrived.clear()
            count = len(shown)
            started = time.perf_counter()
            await pilot.press(key)
            deadline = started + KEY_TIMEOUT
            while not (len(shown) > count and shown[-1][1] == expect):
                remaining = deadline - time.perf_counter()
                if remaining <= 0:
                    raise TimeoutError(f"no results for {expect!r} after {KEY_TIMEOUT} s")
                arrived.clear()
                try:
                    await asyncio.wait_for(arrived.wait(), remaining)
                except TimeoutError:
                    continue
            done = shown[-1][0]
            while not (displayed and displayed[-1] > done):
                if time.perf_counter() > deadline:
                    raise TimeoutError(f"no screen update for {expect!r} after {KEY_TIMEOUT} s")
                await asyncio.sleep(0.0005)
            return done - started, displayed[-1] - started, shown[-1][2]

        for query in queries:
            for i, char in enumerate(query):
                value = query[: i + 1]
                updated, painted, rows = await press(KEY_NAMES.get(char, char), value.strip())
                if box.value != value:
                    raise RuntimeError(f"the search box holds {box.value!r}, not {value!r}")
                timings.append(KeyTiming(value, updated, painted, rows))
            await press("escape", "")  # clear the box: back to browsing (not timed)
    return timings


def keystroke_latencies(db_path: Path, queries: Sequence[str]) -> list[KeyTiming]:
    """Type each query key by key into a fresh app on `db_path`; one timing per key."""
    with tempfile.TemporaryDirectory() as config:
        previous = os.environ.get("XDG_CONFIG_HOME")
        os.environ["XDG_CONFIG_HOME"] = config  # never read or write the user's settings
        try:
            return asyncio.run(_type_queries(db_path, queries))
        finally:
            if previous is None:
                del os.environ["XDG_CONFIG_HOME"]
            else:
                os.environ["XDG_CONFIG_HOME"] = previous


def search_thread_share(db_path: Path, queries: Sequence[str]) -> float:
    """Median seconds of tui.data.search_entries alone for every prefix typed."""
    from glossary.store import Store
    from tui.data import Filters, search_entries

    store = Store(db_path, create=False)
    try:
        times = []
        for query in queries:
            for i in range(len(query)):
                started = time.perf_counter()
                search_entries(store, query[: i + 1], Filters())
                times.append(time.perf_counter() - started)
    finally:
        store.close()
    return statistics.median(times)
