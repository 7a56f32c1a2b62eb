"""ActionRegistry: every command of the window as a named QAction (id → text, shortcut,
callback, enabled predicate). Menus, toolbars, the keyboard dialog and tests use the ids
(objectNames such as "edit.undo", the Orange `action_by_name` idea)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Shortcut = QKeySequence.StandardKey | str | QKeySequence
# Dedicated keys of some keyboards (a "Copy" key…): bound, but not worth listing.
_APPLICATION_KEYS = {
    Qt.Key.Key_New, Qt.Key.Key_Open, Qt.Key.Key_Save, Qt.Key.Key_Undo, Qt.Key.Key_Redo,
    Qt.Key.Key_Cut, Qt.Key.Key_Copy, Qt.Key.Key_Paste, Qt.Key.Key_Find, Qt.Key.Key_ZoomIn,
    Qt.Key.Key_ZoomOut,
}  # fmt: skip


@dataclass(slots=True)
class _Entry:
    action: QAction
    enabled: Callable[[], bool] | None
    group: str
    title: str  # the text at registration (Undo's text later names the action)


class ActionRegistry:
    """Owns the window's actions. `canvas=True` actions only fire while the canvas has focus
    (single-letter keys, Delete, arrows), so typing in a panel never edits the diagram."""

    def __init__(self, window: QWidget, canvas: QWidget) -> None:
        self._window = window
        self._canvas = canvas
        self._entries: dict[str, _Entry] = {}

    def add(
        self,
        action_id: str,
        text: str,
        callback: Callable[[], object],
        *,
        shortcut: Shortcut | Sequence[Shortcut] | None = None,
        enabled: Callable[[], bool] | None = None,
        tip: str = "",
        checkable: bool = False,
        canvas: bool = False,
        group: str = "",
    ) -> QAction:
        if action_id in self._entries:
            raise ValueError(f"action {action_id!r} is registered twice")
        action = QAction(text, self._window)
        action.setObjectName(action_id)
        action.setCheckable(checkable)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if shortcut is not None:
            shortcuts: list[Shortcut] = (
                list(shortcut) if isinstance(shortcut, list | tuple) else [shortcut]  # type: ignore[list-item]
            )
            keys: list[QKeySequence] = []
            for one in shortcuts:
                if isinstance(one, QKeySequence.StandardKey):
                    keys.extend(QKeySequence.keyBindings(one))
                else:
                    keys.append(QKeySequence(one))
            # The same key twice (a platform's standard key may equal an extra one) would make
            # the shortcut ambiguous, and an ambiguous shortcut never fires.
            unique = {k.toString(): k for k in keys if not k.isEmpty()}
            action.setShortcuts(list(unique.values()))
        if canvas:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self._canvas.addAction(action)
        else:
            self._window.addAction(action)
        if checkable:
            action.toggled.connect(lambda _checked: callback())
        else:
            action.triggered.connect(lambda _checked=False: callback())
        group = group or action_id.split(".")[0]
        self._entries[action_id] = _Entry(action, enabled, group, text)
        return action

    def action(self, action_id: str) -> QAction:
        try:
            return self._entries[action_id].action
        except KeyError:
            raise KeyError(f"no action {action_id!r}") from None

    def __contains__(self, action_id: object) -> bool:
        return action_id in self._entries

    def __iter__(self) -> Iterator[QAction]:
        return (entry.action for entry in self._entries.values())

    def refresh(self) -> None:
        """Re-evaluate every enabled predicate (after an edit, a selection change, …)."""
        for entry in self._entries.values():
            if entry.enabled is not None:
                entry.action.setEnabled(bool(entry.enabled()))

    def shortcut_table(self) -> list[tuple[str, str, str]]:
        """(group, action text, shortcuts in the platform's notation) for every bound key."""
        rows = []
        for entry in self._entries.values():
            keys = [k for k in entry.action.shortcuts() if k[0].key() not in _APPLICATION_KEYS]
            if keys:
                text = entry.title.replace("&", "").rstrip("…").strip()
                native = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
                rows.append((entry.group, text, native))
        return rows
