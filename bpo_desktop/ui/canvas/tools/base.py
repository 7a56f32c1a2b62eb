"""The tool protocol: a base tool (select, create, connect, hand) that may start a gesture
(move, resize, rubber band, …) which owns the mouse until release or Esc."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt

if TYPE_CHECKING:
    from bpo_desktop.ui.canvas.controller import CanvasController

DRAG_THRESHOLD_PX = 4


@dataclass(frozen=True, slots=True)
class Pointer:
    scene: QPointF
    view: QPoint
    button: Qt.MouseButton
    buttons: Qt.MouseButton
    modifiers: Qt.KeyboardModifier

    @property
    def shift(self) -> bool:
        return bool(self.modifiers & Qt.KeyboardModifier.ShiftModifier)

    @property
    def alt(self) -> bool:
        return bool(self.modifiers & Qt.KeyboardModifier.AltModifier)


class Tool:
    """A base tool: gets every event no gesture has taken."""

    name = ""
    cursor = Qt.CursorShape.ArrowCursor

    def __init__(self, canvas: CanvasController) -> None:
        self.canvas = canvas

    def press(self, p: Pointer) -> None:
        """A button went down."""

    def move(self, p: Pointer) -> None:
        """The mouse moved (with or without buttons)."""

    def release(self, p: Pointer) -> None:
        """A button came up."""

    def double_click(self, p: Pointer) -> None:
        """A left double-click."""

    def cancel(self) -> None:
        """Esc: drop whatever is half done."""

    def deactivate(self) -> None:
        """Another tool takes over."""


class Gesture(Tool):
    """A press-drag-release interaction started by a tool. `moved` is set once the pointer
    travelled past the drag threshold, so a click is not mistaken for a drag."""

    def __init__(self, canvas: CanvasController, start: Pointer) -> None:
        super().__init__(canvas)
        self.start = start
        self.moved = False

    def past_threshold(self, p: Pointer) -> bool:
        if not self.moved:
            d = p.view - self.start.view
            self.moved = abs(d.x()) + abs(d.y()) >= DRAG_THRESHOLD_PX
        return self.moved

    def finish(self) -> None:
        """End the gesture: the base tool gets events again."""
        self.canvas.end_gesture(self)
