"""Move: the selection follows the pointer (snapped to the grid and to other shapes' edges
and centres, with guides); attached flows follow; one `move_elements` on release."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF

from bpo_desktop.core.editing.containment import moving_shapes
from bpo_desktop.core.editing.routing import follow_route
from bpo_desktop.core.editing.snapping import TOLERANCE, AlignmentIndex, Guide
from bpo_desktop.core.model import (
    Bounds,
    DataObject,
    EdgeLayout,
    Node,
    Point,
    ShapeLayout,
    TextAnnotation,
)
from bpo_desktop.ui.canvas.items import FlowItem, ShapeItem
from bpo_desktop.ui.canvas.tools.base import Gesture, Pointer

if TYPE_CHECKING:
    from bpo_desktop.ui.canvas.controller import CanvasController

SNAP_NEIGHBOURHOOD = 1500.0  # shapes this far around the visible area are snap targets


def _innermost(lanes: list[tuple[str, Bounds]], point: Point) -> str | None:
    """The smallest lane containing the point (as `containment.lane_at`, on cached boxes)."""
    inside = [(b.width * b.height, lane_id) for lane_id, b in lanes if b.contains(point)]
    return min(inside)[1] if inside else None


def _bounds(rect: QRectF) -> Bounds:
    return Bounds(rect.x(), rect.y(), rect.width(), rect.height())


class MoveGesture(Gesture):
    def __init__(self, canvas: CanvasController, start: Pointer, ids: list[str], primary: str):
        super().__init__(canvas, start)
        process = canvas.process()
        assert process is not None
        self.ids = ids
        self.primary = primary
        self.shapes = moving_shapes(process, ids)
        scene = canvas.scene
        self.origins: dict[str, QPointF] = {}
        for shape_id in self.shapes:
            item = scene.item_for(shape_id)
            if isinstance(item, ShapeItem):
                self.origins[shape_id] = item.pos()
                if item.label is not None:
                    self.origins[f"{shape_id}#label"] = item.label.pos()
        moving = set(self.shapes)
        self.flows: dict[str, tuple[bool, bool, tuple[Point, ...]]] = {}
        for flow_id in scene.flows_of(moving):
            layout = process.layout.get(flow_id)
            ends = scene.flow_ends(flow_id)
            if isinstance(layout, EdgeLayout) and ends is not None:
                self.flows[flow_id] = (ends[0] in moving, ends[1] in moving, layout.waypoints)
        self.primary_bounds = self._layout_bounds(primary)
        self.index = self._snap_index(moving)
        # Lanes are few: their boxes once, so each step finds the lane without a model scan.
        self.lanes = [
            (lane.id, box)
            for lane in process.lanes()
            if lane.id not in moving and (box := self._layout_bounds(lane.id)) is not None
        ]
        self.delta = QPointF()

    def _layout_bounds(self, element_id: str) -> Bounds | None:
        process = self.canvas.process()
        layout = process.layout.get(element_id) if process else None
        return layout.bounds if isinstance(layout, ShapeLayout) else None

    def _snap_index(self, moving: set[str]) -> AlignmentIndex:
        """Edges and centres of steps and artifacts near the visible area (not the moving)."""
        area = self.canvas.view.visible_scene_rect().adjusted(
            -SNAP_NEIGHBOURHOOD, -SNAP_NEIGHBOURHOOD, SNAP_NEIGHBOURHOOD, SNAP_NEIGHBOURHOOD
        )
        return AlignmentIndex(
            _bounds(item.scene_rect())
            for item in self.canvas.scene.items(area)
            if isinstance(item, ShapeItem)
            and item.element_id not in moving
            and isinstance(item.element, Node | TextAnnotation | DataObject)
        )

    def move(self, p: Pointer) -> None:
        if not self.past_threshold(p):
            return
        delta = p.scene - self.start.scene
        guides: tuple[Guide, ...] = ()
        if self.primary_bounds is not None and not p.alt:  # Alt moves freely
            moved = self.primary_bounds.moved(delta.x(), delta.y())
            snapped = self.index.snap_move(moved, TOLERANCE / max(self.canvas.view.zoom(), 1e-6))
            delta += QPointF(snapped.dx, snapped.dy)
            guides = snapped.guides
        self.delta = delta
        self._preview(delta)
        self.canvas.overlays.guides = guides
        self._show_lane_target(delta)
        self.canvas.update_overlays()

    def _preview(self, delta: QPointF) -> None:
        scene = self.canvas.scene
        for key, origin in self.origins.items():
            shape_id, _, label = key.partition("#")
            item = scene.item_for(shape_id)
            if isinstance(item, ShapeItem):
                moved = item.label if label and item.label is not None else item
                moved.setPos(origin + delta)
        for flow_id, (start, end, points) in self.flows.items():
            item = scene.item_for(flow_id)
            if isinstance(item, FlowItem):
                ends = scene.flow_ends(flow_id)
                source = self._preview_bounds(ends[0]) if ends else None
                target = self._preview_bounds(ends[1]) if ends else None
                new = follow_route(
                    points, delta.x(), delta.y(), start=start, end=end, source=source, target=target
                )
                item.set_points([QPointF(pt.x, pt.y) for pt in new])

    def _preview_bounds(self, element_id: str) -> Bounds | None:
        item = self.canvas.scene.item_for(element_id)
        return _bounds(item.scene_rect()) if isinstance(item, ShapeItem) else None

    def _show_lane_target(self, delta: QPointF) -> None:
        """Highlight the lane the pressed step would join (its role changes)."""
        process = self.canvas.process()
        element = process.elements.get(self.primary) if process else None
        if process is None or not isinstance(element, Node) or self.primary_bounds is None:
            return
        centre = self.primary_bounds.moved(delta.x(), delta.y()).center
        lane = _innermost(self.lanes, centre)
        target = self._layout_bounds(lane) if lane is not None and lane != element.lane_id else None
        self.canvas.overlays.target = (
            (QRectF(target.x, target.y, target.width, target.height), True) if target else None
        )

    def release(self, p: Pointer) -> None:
        delta, ids = self.delta, self.ids
        moved = self.moved and (delta.x() or delta.y())
        self._restore()
        self.finish()
        if moved:
            self.canvas.run(lambda m: m.move_elements(ids, delta.x(), delta.y()))

    def cancel(self) -> None:
        self._restore()
        self.finish()

    def _restore(self) -> None:
        """Put every previewed item back; the commit (if any) then reconciles from the model."""
        self._preview(QPointF())
        self.canvas.overlays.clear_feedback()
        self.canvas.update_overlays()
