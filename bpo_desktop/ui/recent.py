"""The recently used files, kept in QSettings (UI state, never in the document)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY_RECENT = "files/recent"
KEY_LAST = "files/last"
MAX_RECENT = 10


class RecentFiles:
    """Most recent first. Without a QSettings (screenshots, tests) it lives in memory only."""

    def __init__(self, settings: QSettings | None) -> None:
        self._settings = settings
        self._memory: list[str] = []

    def paths(self) -> list[Path]:
        return [Path(p) for p in self._load()]

    def last(self) -> Path | None:
        if self._settings is None:
            return Path(self._memory[0]) if self._memory else None
        value = self._settings.value(KEY_LAST, "")
        return Path(str(value)) if value else None

    def add(self, path: Path) -> None:
        text = str(Path(path).resolve())
        entries = [text, *(p for p in self._load() if p != text)][:MAX_RECENT]
        self._store(entries)
        if self._settings is not None:
            self._settings.setValue(KEY_LAST, text)
            self._settings.sync()

    def clear(self) -> None:
        self._store([])

    def _load(self) -> list[str]:
        if self._settings is None:
            return list(self._memory)
        value = self._settings.value(KEY_RECENT, [])
        # INI files hand back a bare string for a one-element list, and None for an empty one.
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value] if isinstance(value, list) else []

    def _store(self, entries: list[str]) -> None:
        if self._settings is None:
            self._memory = entries
            return
        self._settings.setValue(KEY_RECENT, entries)
        self._settings.sync()
