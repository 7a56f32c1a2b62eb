"""Reorder lanes: drag a lane by its name band; a line shows where it will go."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bpo_desktop.core.editing.containment import child_lanes, shape_bounds
from bpo_desktop.core.model import Lane
from bpo_desktop.ui.canvas.tools.base import Gesture, Pointer

if TYPE_CHECKING:
    from bpo_desktop.ui.canvas.controller import CanvasController


class LaneDragGesture(Gesture):
    def __init__(self, canvas: CanvasController, start: Pointer, lane_id: str) -> None:
        super().__init__(canvas, start)
        self.lane_id = lane_id
        self.index: int | None = None

    def _siblings(self) -> list[str]:
        process = self.canvas.process()
        lane = process.elements.get(self.lane_id) if process else None
        if process is None or not isinstance(lane, Lane):
            return []
        return [other.id for other in child_lanes(process, lane.parent_id)]

    def move(self, p: Pointer) -> None:
        if not self.past_threshold(p):
            return
        process = self.canvas.process()
        siblings = self._siblings()
        if process is None or not siblings:
            return
        boxes = [b for i in siblings if (b := shape_bounds(process, i)) is not None]
        slot = sum(1 for b in boxes if b.center.y < p.scene.y())  # insertion slot 0..n
        current = siblings.index(self.lane_id)
        self.index = slot if slot <= current else slot - 1  # index once it is taken out
        edge = boxes[slot - 1].y + boxes[slot - 1].height if slot > 0 else boxes[0].y
        self.canvas.overlays.insert_line = (edge, boxes[0].x, boxes[0].x + boxes[0].width)
        self.canvas.update_overlays()

    def release(self, p: Pointer) -> None:
        index, lane_id = self.index, self.lane_id
        self.cancel()
        siblings = self._siblings()
        if self.moved and index is not None and siblings and siblings.index(lane_id) != index:
            self.canvas.run(lambda m: m.lanes.move_lane(lane_id, index))

    def cancel(self) -> None:
        self.canvas.overlays.insert_line = None
        self.canvas.update_overlays()
        self.finish()
