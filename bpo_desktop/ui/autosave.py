"""Autosave: a timer that snapshots the window's unsaved document into the recovery area.

Never the user's file: snapshots go to `RecoveryArea` (core/storage/recovery.py). A save or a
clean close removes the document's snapshot; a crash leaves it for the next start, which
offers it back (`ui/dialogs/recovery.py`). The interval is a preference (Edit > Preferences…,
QSettings key `autosave/interval_seconds`, 0 turns autosave off).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from bpo_desktop.core.storage import BpoFileError
from bpo_desktop.core.storage.recovery import RecoveryArea, Snapshot
from bpo_desktop.ui.document import Document

if TYPE_CHECKING:
    from bpo_desktop.ui.main_window import MainWindow

INTERVAL_KEY = "autosave/interval_seconds"
DEFAULT_INTERVAL_S = 60


def autosave_interval(settings: QSettings | None) -> int:
    """Seconds between snapshots (0: off), from the preferences."""
    if settings is None:
        return DEFAULT_INTERVAL_S
    try:
        value = int(settings.value(INTERVAL_KEY, DEFAULT_INTERVAL_S))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return DEFAULT_INTERVAL_S
    return max(0, value)


class Autosaver(QObject):
    """Snapshots `window.document` every interval while it has unsaved changes."""

    snapshot_written = Signal(object)  # the Snapshot

    def __init__(self, window: MainWindow, area: RecoveryArea | None) -> None:
        super().__init__(window)
        self.window = window
        self.area = area
        self._document: Document | None = None
        self._snapshot_generation: int | None = None  # document.generation at the last snapshot
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.snapshot_now)
        self.apply_interval(autosave_interval(window.settings))
        window.document_changed.connect(self._on_document_changed)

    def apply_interval(self, seconds: int) -> None:
        self.timer.stop()
        if seconds > 0 and self.area is not None:
            self.timer.start(seconds * 1000)

    def snapshot_now(self) -> Snapshot | None:
        """Write a snapshot if the document has changes not yet snapshotted."""
        document = self.window.document
        if self.area is None or document is None or not document.is_modified:
            return None
        if self._snapshot_generation == document.generation:
            return None
        try:
            snapshot = self.area.write(document.recovery_key, document.workspace, document.path)
        except (BpoFileError, OSError) as exc:  # a full disk must not interrupt the user
            self.window.statusBar().showMessage(f"Autosave failed: {exc}", 10000)
            return None
        self._snapshot_generation = document.generation
        self.snapshot_written.emit(snapshot)
        return snapshot

    def forget(self) -> None:
        """The document is closing cleanly (saved, or the user chose to discard)."""
        if self._document is not None and self.area is not None:
            self.area.remove(self._document.recovery_key)
        self._snapshot_generation = None

    # -- document lifecycle ----------------------------------------------------------------
    def _on_document_changed(self) -> None:
        if self._document is not None and self._document is not self.window.document:
            self.forget()  # the window dropped it after the unsaved-changes prompt
        self._document = self.window.document
        self._snapshot_generation = None
        if self._document is not None:
            self._document.stack_changed.connect(self._on_stack_changed)

    def _on_stack_changed(self) -> None:
        document = self._document
        if document is not None and not document.is_modified:  # saved (or undone to the save)
            self.forget()


def install_preferences_action(window: MainWindow) -> QAction:
    """Edit > Preferences… (the application menu's Preferences on macOS)."""
    from bpo_desktop.ui.dialogs.preferences import PreferencesDialog

    def show() -> None:
        dialog = PreferencesDialog(window.settings, window)
        if dialog.exec():
            window.autosaver.apply_interval(dialog.interval_seconds())

    action = window.registry.add(
        "edit.preferences", "&Preferences…", show, tip="Autosave interval and other settings"
    )
    action.setMenuRole(QAction.MenuRole.PreferencesRole)
    for entry in window.menuBar().actions():
        menu = entry.menu()
        if isinstance(menu, QMenu) and window.registry.action("edit.undo") in menu.actions():
            menu.addSeparator()
            menu.addAction(action)
            break
    return action
