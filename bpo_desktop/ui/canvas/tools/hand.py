"""The hand tool (H): dragging pans the view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt

from bpo_desktop.ui.canvas.tools.base import Pointer, Tool

if TYPE_CHECKING:
    from bpo_desktop.ui.canvas.controller import CanvasController


class HandTool(Tool):
    name = "hand"
    cursor = Qt.CursorShape.OpenHandCursor

    def __init__(self, canvas: CanvasController) -> None:
        super().__init__(canvas)
        self._last: QPoint | None = None

    def press(self, p: Pointer) -> None:
        if p.button == Qt.MouseButton.LeftButton:
            self._last = p.view
            self.canvas.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def move(self, p: Pointer) -> None:
        if self._last is not None:
            self.canvas.view.pan_by(p.view - self._last)
            self._last = p.view

    def release(self, p: Pointer) -> None:
        self._last = None
        self.canvas.view.viewport().setCursor(self.cursor)

    def cancel(self) -> None:
        """Esc leaves the hand tool."""
        self._last = None
        self.canvas.set_tool("select")
