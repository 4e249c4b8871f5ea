"""The TUI's per-user settings: a small JSON file in the user's config folder.

Nothing is read or created at import time; the folder is created only when a setting
is saved.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

APP_FOLDER = "ar-fr-glossary"
SETTINGS_FILE = "tui.json"


@dataclass(frozen=True, slots=True)
class Settings:
    rtl: bool = False  # reorder Arabic for terminals that print logical order


def config_directory(create: bool = True) -> Path:
    """$XDG_CONFIG_HOME/ar-fr-glossary, or ~/.config/ar-fr-glossary; created when asked."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    # The XDG spec says a relative value is invalid and must be ignored.
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".config"
    folder = root / APP_FOLDER
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def load_settings() -> Settings:
    """The saved settings, or the defaults when there are none or the file is damaged."""
    path = config_directory(create=False) / SETTINGS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    return Settings(rtl=bool(data.get("rtl", False)))


def save_settings(settings: Settings) -> Path:
    """Write the settings (atomically: a crash never leaves half a file); returns the path."""
    path = config_directory() / SETTINGS_FILE
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(asdict(settings), indent=2) + "\n", encoding="utf-8")
    partial.replace(path)
    return path
