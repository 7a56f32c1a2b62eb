"""Edit a flow's route: drag a segment sideways (it stays orthogonal; new bends are added at
the ends as needed). One `update_waypoints` on release."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF

from bpo_desktop.core.editing.routing import move_segment, nearest_segment
from bpo_desktop.core.editing.snapping import snap
from bpo_desktop.core.model import Point
from bpo_desktop.ui.canvas.items import FlowItem
from bpo_desktop.ui.canvas.tools.base import Gesture, Pointer

if TYPE_CHECKING:
    from bpo_desktop.ui.canvas.controller import CanvasController


class SegmentGesture(Gesture):
    def __init__(
        self, canvas: CanvasController, start: Pointer, flow_id: str, index: int | None = None
    ) -> None:
        super().__init__(canvas, start)
        item = canvas.scene.item_for(flow_id)
        assert isinstance(item, FlowItem)
        self.item = item
        self.flow_id = flow_id
        self.points = tuple(Point(p.x(), p.y()) for p in item.points)
        if index is None:
            index, _ = nearest_segment(self.points, Point(start.scene.x(), start.scene.y()))
        self.index = index
        self.result = self.points

    def move(self, p: Pointer) -> None:
        if not self.past_threshold(p) or len(self.points) < 2:
            return
        a = self.points[self.index]
        b = self.points[self.index + 1]
        horizontal = abs(a.y - b.y) <= abs(a.x - b.x)
        dx = snap(p.scene.x()) - a.x if not horizontal else 0.0
        dy = snap(p.scene.y()) - a.y if horizontal else 0.0
        self.result = move_segment(self.points, self.index, dx, dy)
        self.item.set_points([QPointF(pt.x, pt.y) for pt in self.result])
        self.canvas.overlays.handles = []
        self.canvas.update_overlays()

    def _restore(self) -> None:
        self.item.set_points([QPointF(pt.x, pt.y) for pt in self.points])
        self.canvas.refresh_chrome()

    def release(self, p: Pointer) -> None:
        result, changed = self.result, self.moved and self.result != self.points
        self._restore()
        self.finish()
        if changed:
            flow_id = self.flow_id
            self.canvas.run(lambda m: m.update_waypoints(flow_id, result))

    def cancel(self) -> None:
        self._restore()
        self.finish()
