"""The context pad: quick actions beside the selected element (bpmn-js's ContextPadProvider).

Append a task, gateway or end event (placed to the right and connected), connect, annotate,
change type, delete; for lanes, add a lane above or below. Entries are drawn by the overlays
and hit-tested in view pixels; clicking acts at once, dragging "connect" draws a flow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect

from bpo_desktop.core.model import (
    DataObject,
    Element,
    Flow,
    Group,
    Lane,
    Node,
    NodeKind,
    Pool,
    TextAnnotation,
)
from bpo_desktop.core.model.planes import CONTAINER_KINDS
from bpo_desktop.ui.canvas import theme
from bpo_desktop.ui.canvas.icons import action_icon, element_icon
from bpo_desktop.ui.canvas.items import FlowItem, ShapeItem
from bpo_desktop.ui.canvas.overlays import PadEntry
from bpo_desktop.ui.canvas.tools.base import Pointer
from bpo_desktop.ui.canvas.tools.connect import ConnectGesture

if TYPE_CHECKING:
    from bpo_desktop.ui.canvas.controller import CanvasController

_APPEND = (
    ("append.task", "task", "Append task (T)"),
    ("append.exclusive_gateway", "exclusive_gateway", "Append gateway (G)"),
    ("append.end_event", "end_event", "Append end event (E)"),
    ("append.intermediate_event", "intermediate_event", "Append intermediate event"),
)


def _icon_entry(entry_id: str, tip: str, type_id: str) -> PadEntry:
    return PadEntry(entry_id, tip, element_icon(type_id, theme.DARK))


def _action_entry(entry_id: str, tip: str, glyph: str) -> PadEntry:
    return PadEntry(entry_id, tip, action_icon(glyph, theme.DARK))


def entries_for(element: Element) -> list[PadEntry]:
    delete = _action_entry("delete", "Delete (Del)", "delete")
    if isinstance(element, Flow | Group):
        return [delete]
    if isinstance(element, Lane):
        return [
            _icon_entry("lane.add_above", "Add lane above", "lane"),
            _icon_entry("lane.add_below", "Add lane below", "lane"),
            delete,
        ]
    if isinstance(element, Pool):
        return [_icon_entry("lane.add_below", "Add lane", "lane"), delete]
    connect = _action_entry("connect", "Connect (C): click or drag to the target", "connect")
    if isinstance(element, TextAnnotation | DataObject):
        return [connect, delete]
    assert isinstance(element, Node)
    entries = []
    if element.kind is not NodeKind.END_EVENT:
        entries += [_icon_entry(i, tip, type_id) for i, type_id, tip in _APPEND]
        entries.append(connect)
    entries.append(_icon_entry("annotate", "Add text annotation (N)", "text_annotation"))
    entries.append(_action_entry("replace", "Change type (R)", "replace"))
    entries.append(delete)
    return entries


class ContextPad:
    def __init__(self, canvas: CanvasController) -> None:
        self.canvas = canvas
        self.element_id: str | None = None

    @property
    def visible(self) -> bool:
        return self.canvas.overlays.pad_origin is not None

    def update_for(self, ids: list[str]) -> None:
        process = self.canvas.process()
        element = process.elements.get(ids[0]) if process and len(ids) == 1 else None
        item = self.canvas.item(ids[0]) if len(ids) == 1 else None
        if element is None or item is None:
            self.hide()
            return
        overlays = self.canvas.overlays
        self.element_id = ids[0]
        overlays.pad_entries = entries_for(element)
        if isinstance(element, Node) and element.kind in CONTAINER_KINDS:  # before "delete"
            tip = "Collapse: the inside to its own plane" if element.expanded else "Expand here"
            glyph = "collapse" if element.expanded else "expand"
            overlays.pad_entries.insert(-1, _action_entry("toggle_expanded", tip, glyph))
        if self.canvas.scene.drilldown_button(ids[0]) is not None:
            tip = "Open: show what is inside (drill down)"
            overlays.pad_entries.insert(-1, _action_entry("open", tip, "drilldown"))
        overlays.pad_above = False
        if isinstance(item, FlowItem) and len(item.points) >= 2:
            # Above the middle of the flow's longest segment, away from the shapes it joins.
            pairs = list(zip(item.points, item.points[1:], strict=False))
            a, b = max(
                pairs, key=lambda ab: abs(ab[1].x() - ab[0].x()) + abs(ab[1].y() - ab[0].y())
            )
            overlays.pad_origin = (a + b) / 2
            overlays.pad_above = True
        elif isinstance(item, ShapeItem):
            overlays.pad_origin = item.scene_rect().topRight()
        else:
            self.hide()

    def hide(self) -> None:
        overlays = self.canvas.overlays
        overlays.pad_entries, overlays.pad_origin, overlays.pad_hover = [], None, None
        self.element_id = None

    def entry_rect(self, entry_id: str) -> QRect | None:
        """Where an entry is on screen, in viewport pixels (tests click there)."""
        for entry, rect in self.canvas.overlays.pad_rects(self.canvas.to_view):
            if entry.id == entry_id:
                return rect
        return None

    def hover(self, p: Pointer) -> None:
        entry = self.canvas.overlays.pad_entry_at(p.view, self.canvas.to_view)
        hovered = entry.id if entry else None
        if hovered != self.canvas.overlays.pad_hover:
            self.canvas.overlays.pad_hover = hovered
            self.canvas.view.setToolTip(entry.tip if entry else "")
            self.canvas.update_overlays()

    def press(self, p: Pointer) -> bool:
        """Act on the entry under the pointer; False when the press is not on the pad."""
        entry = self.canvas.overlays.pad_entry_at(p.view, self.canvas.to_view)
        if entry is None or self.element_id is None:
            return False
        element_id = self.element_id
        if entry.id == "connect":
            self.canvas.begin(ConnectGesture(self.canvas, p, element_id))
        else:
            self.act(entry.id, element_id)
        return True

    def act(self, entry_id: str, element_id: str) -> None:
        edits = self.canvas.edits
        if entry_id.startswith("append."):
            edits.append(entry_id.split(".", 1)[1], source=element_id)
        elif entry_id == "annotate":
            edits.annotate(element_id)
        elif entry_id == "replace":
            edits.show_replace_menu(element_id)
        elif entry_id == "delete":
            edits.delete([element_id])
        elif entry_id == "open":
            self.canvas.planes.show(element_id)
        elif entry_id == "toggle_expanded":
            node = self.canvas.process().elements.get(element_id)  # type: ignore[union-attr]
            if isinstance(node, Node):
                self.canvas.run(lambda m: m.set_expanded(element_id, not node.expanded))
        elif entry_id in ("lane.add_above", "lane.add_below"):
            edits.add_lane_next_to(element_id, below=entry_id.endswith("below"))
