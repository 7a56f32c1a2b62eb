"""The select tool: click, Shift-click, rubber band; drags move shapes, edit routes, reorder
lanes; handles resize and reconnect; the context pad's entries act; double-click renames."""

from __future__ import annotations

from PySide6.QtCore import Qt

from bpo_desktop.core.model import Lane, Pool
from bpo_desktop.ui.canvas import theme
from bpo_desktop.ui.canvas.items import ElementItem, FlowItem, ShapeItem
from bpo_desktop.ui.canvas.tools.base import Pointer, Tool
from bpo_desktop.ui.canvas.tools.bendpoint import SegmentGesture
from bpo_desktop.ui.canvas.tools.connect import ReconnectGesture
from bpo_desktop.ui.canvas.tools.lane_drag import LaneDragGesture
from bpo_desktop.ui.canvas.tools.move import MoveGesture
from bpo_desktop.ui.canvas.tools.resize import (
    LaneResizeGesture,
    PoolResizeGesture,
    ResizeGesture,
)
from bpo_desktop.ui.canvas.tools.rubber_band import RubberBandGesture


def in_band(item: ShapeItem, p: Pointer) -> bool:
    """Is the pointer on the vertical name band of a lane or pool?"""
    rect = item.scene_rect()
    return rect.left() <= p.scene.x() <= rect.left() + theme.BAND


class SelectTool(Tool):
    name = "select"

    def press(self, p: Pointer) -> None:
        canvas = self.canvas
        if p.button != Qt.MouseButton.LeftButton:
            return
        if canvas.context_pad.press(p):
            return
        handle = canvas.overlays.handle_at(p.view, canvas.to_view)
        if handle is not None:
            self._grab(handle.kind, handle.element_id, handle.index, p)
            return
        item = canvas.scene.element_at(p.scene)
        if item is None:
            if not p.shift:
                canvas.select([])
            canvas.begin(RubberBandGesture(canvas, p, None))
            return
        self._press_on(item, p)

    def _press_on(self, item: ElementItem, p: Pointer) -> None:
        canvas = self.canvas
        element_id = item.element_id
        container = isinstance(item, ShapeItem) and isinstance(item.element, Lane | Pool)
        if container and isinstance(item, ShapeItem) and not in_band(item, p):
            canvas.begin(RubberBandGesture(canvas, p, element_id))  # a lane's body is background
            return
        if p.shift:
            canvas.toggle(element_id)
            return
        if element_id not in canvas.selected_ids():
            canvas.select([element_id])
        if isinstance(item, FlowItem):
            canvas.begin(SegmentGesture(canvas, p, element_id))
        elif isinstance(item, ShapeItem) and isinstance(item.element, Lane):
            canvas.begin(LaneDragGesture(canvas, p, element_id))
        else:
            ids = [i for i in canvas.selected_ids() if not isinstance(canvas.item(i), FlowItem)]
            canvas.begin(MoveGesture(canvas, p, ids, element_id))

    def _grab(self, kind: str, element_id: str, index: int, p: Pointer) -> None:
        canvas = self.canvas
        if kind == "resize":
            canvas.begin(ResizeGesture(canvas, p, element_id, index))
        elif kind == "lane_height":
            canvas.begin(LaneResizeGesture(canvas, p, element_id))
        elif kind == "pool_width":
            canvas.begin(PoolResizeGesture(canvas, p, element_id))
        elif kind in ("flow_start", "flow_end"):
            end = "source" if kind == "flow_start" else "target"
            canvas.begin(ReconnectGesture(canvas, p, element_id, end))
        elif kind == "segment":
            canvas.begin(SegmentGesture(canvas, p, element_id, index))

    def move(self, p: Pointer) -> None:
        canvas = self.canvas
        if p.buttons == Qt.MouseButton.NoButton:
            canvas.context_pad.hover(p)
            handle = canvas.overlays.handle_at(p.view, canvas.to_view)
            canvas.view.viewport().setCursor(_cursor_for(handle.kind if handle else None))

    def double_click(self, p: Pointer) -> None:
        item = self.canvas.scene.element_at(p.scene)
        if item is not None:
            self.canvas.select([item.element_id])
            self.canvas.edit_label(item.element_id)

    def cancel(self) -> None:
        self.canvas.select([])


def _cursor_for(kind: str | None) -> Qt.CursorShape:
    return {
        "resize": Qt.CursorShape.SizeFDiagCursor,
        "lane_height": Qt.CursorShape.SizeVerCursor,
        "pool_width": Qt.CursorShape.SizeHorCursor,
        "flow_start": Qt.CursorShape.CrossCursor,
        "flow_end": Qt.CursorShape.CrossCursor,
        "segment": Qt.CursorShape.SizeAllCursor,
    }.get(kind or "", Qt.CursorShape.ArrowCursor)
