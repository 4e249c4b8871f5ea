"""One open glossary for the life of the app: the db, its search thread, the settings.

SQLite connections belong to the thread that opened them, so searches run on one
dedicated thread with its own Store, while review decisions (short writes) use the
main thread's Store. The db is in WAL mode: the search thread sees each decision as
soon as it is committed, and what another program commits; `changed_elsewhere` tells
the app when that happened, so that it can show it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from glossary.store import Store
from tui.data import data_version
from tui.settings import Settings, save_settings

T = TypeVar("T")


class Searcher:
    """Runs read-only functions of a Store on one background thread."""

    def __init__(self, db_path: Path) -> None:
        self._db_path = db_path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="glossary-search")
        self._store: Store | None = None  # touched only on the executor's thread

    def _thread_store(self) -> Store:
        if self._store is None:
            self._store = Store(self._db_path, create=False)
        return self._store

    async def run(self, fn: Callable[[Store], T]) -> T:
        """Run `fn(store)` on the search thread. A cancelled await drops a queued call."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: fn(self._thread_store()))

    def close(self) -> None:
        def close_store() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        self._executor.submit(close_store)
        self._executor.shutdown(wait=True, cancel_futures=False)


class Session:
    """The open glossary shared by every screen."""

    def __init__(self, db_path: Path, store: Store, settings: Settings) -> None:
        self.db_path = db_path
        self.store = store
        self.settings = settings
        self.searcher = Searcher(db_path)
        self._seen_version = data_version(store)

    def changed_elsewhere(self) -> bool:
        """Whether another program (`glossary build`, `import`, `edit`) has written to
        the db since the last call; the TUI's own decisions do not count."""
        version = data_version(self.store)
        if version == self._seen_version:
            return False
        self._seen_version = version
        return True

    @property
    def rtl(self) -> bool:
        return self.settings.rtl

    def toggle_rtl(self) -> bool:
        """Flip right-to-left display and remember it for the next run."""
        self.settings = replace(self.settings, rtl=not self.settings.rtl)
        save_settings(self.settings)
        return self.settings.rtl

    def close(self) -> None:
        self.searcher.close()
        self.store.close()
