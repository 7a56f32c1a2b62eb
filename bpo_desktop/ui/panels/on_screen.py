"""Refresh a dock's content only while someone can see it, and catch up when it is shown.

Docks tabbed behind another one (Workshop, Simulation, Planning behind Problems) used to
rebuild their widgets on every edit and on every open. `WhenShown` runs the refresh at once
while its widget is on screen; otherwise it remembers that the refresh is due and runs it when
the dock becomes visible (its tab raised, or the dock opened), so a dock always shows current
data when the user looks at it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget, QWidget


def on_screen(widget: QWidget) -> bool:
    """Can the user see `widget`? A dock behind another dock's tab stays "visible" to Qt but
    is moved off-screen, so its visible region is empty. A window that is not shown at all
    (scripts and tests preparing one) counts as showing everything: nothing is put off."""
    if not widget.window().isVisible():
        return True
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


class WhenShown(QObject):
    """`request()` refreshes `widget` now when it is on screen, else when `dock` shows it."""

    def __init__(self, widget: QWidget, refresh: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._refresh = refresh
        self.due = False  # a refresh was put off while the widget could not be seen

    def watch(self, dock: QDockWidget) -> None:
        dock.visibilityChanged.connect(self._visibility_changed)

    def request(self) -> None:
        if on_screen(self._widget):
            self.run()
        else:
            self.due = True

    def run(self) -> None:
        self.due = False
        self._refresh()

    def _visibility_changed(self, visible: bool) -> None:
        if visible and self.due:
            self.run()
