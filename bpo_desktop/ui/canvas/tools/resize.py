"""Resize: a shape by a corner handle, a lane by its bottom edge, a pool by its right edge.
The item previews its new size; one command on release."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF

from bpo_desktop.core.editing.snapping import snap
from bpo_desktop.core.model import Bounds
from bpo_desktop.ui.canvas.items import ShapeItem
from bpo_desktop.ui.canvas.tools.base import Gesture, Pointer

if TYPE_CHECKING:
    from bpo_desktop.ui.canvas.controller import CanvasController

MIN_SIZE = 20.0


class _ItemResize(Gesture):
    """Shared preview/restore of one shape item's rect."""

    def __init__(self, canvas: CanvasController, start: Pointer, element_id: str) -> None:
        super().__init__(canvas, start)
        self.element_id = element_id
        item = canvas.scene.item_for(element_id)
        assert isinstance(item, ShapeItem)
        self.item = item
        self.original = item.scene_rect()
        self.current = QRectF(self.original)

    def _show(self, rect: QRectF) -> None:
        self.current = rect
        self.item.setPos(rect.topLeft())
        self.item.setRect(QRectF(0, 0, rect.width(), rect.height()))
        self.canvas.overlays.handles = []
        self.canvas.update_overlays()

    def _restore(self) -> None:
        self._show(self.original)
        self.canvas.refresh_chrome()

    def cancel(self) -> None:
        self._restore()
        self.finish()

    def release(self, p: Pointer) -> None:
        rect, changed = self.current, self.moved and self.current != self.original
        self._restore()
        self.finish()
        if changed:
            self.commit(rect)

    def commit(self, rect: QRectF) -> None:
        raise NotImplementedError


class ResizeGesture(_ItemResize):
    def __init__(
        self, canvas: CanvasController, start: Pointer, element_id: str, corner: int
    ) -> None:
        super().__init__(canvas, start, element_id)
        self.corner = corner  # 0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left

    def move(self, p: Pointer) -> None:
        if not self.past_threshold(p):
            return
        r = QRectF(self.original)
        x, y = snap(p.scene.x()), snap(p.scene.y())
        if self.corner in (0, 3):
            r.setLeft(min(x, r.right() - MIN_SIZE))
        else:
            r.setRight(max(x, r.left() + MIN_SIZE))
        if self.corner in (0, 1):
            r.setTop(min(y, r.bottom() - MIN_SIZE))
        else:
            r.setBottom(max(y, r.top() + MIN_SIZE))
        self._show(r)

    def commit(self, rect: QRectF) -> None:
        """The dragged corner is on the grid already; the opposite one stays where it was."""
        bounds = Bounds(rect.x(), rect.y(), rect.width(), rect.height())
        element_id = self.element_id
        self.canvas.run(lambda m: m.resize_shape(element_id, bounds))


class LaneResizeGesture(_ItemResize):
    """Drag a lane's bottom edge: the lanes below move with it (restacked on release)."""

    def move(self, p: Pointer) -> None:
        if not self.past_threshold(p):
            return
        r = QRectF(self.original)
        r.setBottom(max(snap(p.scene.y()), r.top() + 60))
        self._show(r)

    def commit(self, rect: QRectF) -> None:
        lane_id, height = self.element_id, rect.height()
        self.canvas.run(lambda m: m.lanes.resize_lane(lane_id, height))


class PoolResizeGesture(_ItemResize):
    """Drag a pool's right edge: the pool and all its lanes get wider or narrower."""

    def move(self, p: Pointer) -> None:
        if not self.past_threshold(p):
            return
        r = QRectF(self.original)
        r.setRight(max(snap(p.scene.x()), r.left() + 200))
        self._show(r)

    def commit(self, rect: QRectF) -> None:
        pool_id, right = self.element_id, rect.right()
        self.canvas.run(lambda m: m.lanes.resize_pool(pool_id, right))


def handle_points(rect: QRectF) -> list[QPointF]:
    return [rect.topLeft(), rect.topRight(), rect.bottomRight(), rect.bottomLeft()]
