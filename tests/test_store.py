"""The glossary db's schema version.

(Bad db files: test_bad_input; decisions across rebuilds: test_decisions; failed or
interrupted writes: test_atomic; two programs at once: test_concurrency.)
"""

from __future__ import annotations

from pathlib import Path

from glossary.schema import LATEST, MIGRATIONS
from glossary.store import Store


def test_schema_version_is_recorded(tmp_path: Path) -> None:
    store = Store(tmp_path / "g.db")
    assert store.schema_version() == LATEST == len(MIGRATIONS)
