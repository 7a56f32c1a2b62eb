"""Rubber band: drag on the background (or a lane's body) to select what the band encloses;
Shift adds to the selection. A click without a drag selects what was under the pointer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

from bpo_desktop.ui.canvas.items import FlowItem, ShapeItem
from bpo_desktop.ui.canvas.tools.base import Gesture, Pointer

if TYPE_CHECKING:
    from bpo_desktop.ui.canvas.controller import CanvasController


def _inside(item: object, rect: QRectF) -> bool:
    if isinstance(item, ShapeItem):
        return rect.contains(item.scene_rect())
    return isinstance(item, FlowItem) and rect.contains(item.path().boundingRect())


class RubberBandGesture(Gesture):
    def __init__(self, canvas: CanvasController, start: Pointer, clicked: str | None) -> None:
        super().__init__(canvas, start)
        self.clicked = clicked  # the lane or pool under the press, selected on a plain click

    def _rect(self, p: Pointer) -> QRectF:
        return QRectF(self.start.scene, p.scene).normalized()

    def move(self, p: Pointer) -> None:
        if not self.past_threshold(p):
            return
        self.canvas.overlays.band = self._rect(p)
        self.canvas.update_overlays()

    def release(self, p: Pointer) -> None:
        rect = self._rect(p)
        self.canvas.overlays.band = None
        self.canvas.update_overlays()
        self.finish()
        if not self.moved:
            self.canvas.select([self.clicked] if self.clicked else [], add=p.shift)
            return
        chosen = [
            item.element_id  # type: ignore[attr-defined]
            for item in self.canvas.scene.items(rect)
            if _inside(item, rect)
        ]
        self.canvas.select(chosen, add=p.shift)

    def cancel(self) -> None:
        self.canvas.overlays.band = None
        self.canvas.update_overlays()
        self.finish()
