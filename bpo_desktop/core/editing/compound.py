"""Edits made of several commands, each one undo step: create from the palette, append,
change type, annotate, paste, align, distribute, auto-layout (through `Modeling`)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bpo_desktop.core.editing import arrange, auto_place, clipboard, lanes
from bpo_desktop.core.editing.command_stack import CommandStack
from bpo_desktop.core.editing.containment import (
    child_lanes,
    connections,
    lane_at,
    pool_at,
    pool_of,
    shape_bounds,
)
from bpo_desktop.core.editing.geometry import label_below, rerouted, reshaped
from bpo_desktop.core.editing.layout import auto_layout
from bpo_desktop.core.editing.lookup import process_in, process_with_element
from bpo_desktop.core.editing.plane_toggle import toggle_layouts
from bpo_desktop.core.editing.routing import route
from bpo_desktop.core.editing.snapping import GRID, snap
from bpo_desktop.core.model import (
    Bounds,
    FlowKind,
    Layout,
    Node,
    Point,
    Process,
    ShapeLayout,
    TextAnnotation,
    Workspace,
)
from bpo_desktop.core.model.element_types import ElementType, element_type
from bpo_desktop.core.model.planes import CONTAINER_KINDS, is_collapsed_container, plane_of

if TYPE_CHECKING:
    from bpo_desktop.core.editing.modeling import Modeling


def centred(centre: Point, size: tuple[float, float]) -> Bounds:
    """A box of `size` around `centre`, the centre snapped to the grid."""
    x, y = snap(centre.x, GRID), snap(centre.y, GRID)
    return Bounds(x - size[0] / 2, y - size[1] / 2, size[0], size[1])


class CompoundEdits:
    def __init__(self, workspace: Workspace, stack: CommandStack, modeling: Modeling) -> None:
        self._workspace = workspace
        self._stack = stack
        self._modeling = modeling

    # -- creating -------------------------------------------------------------------------
    def create_typed(
        self,
        process_id: str,
        type_id: str,
        centre: Point,
        name: str = "",
        parent_id: str | None = None,
    ) -> str:
        """Create a palette type centred at `centre`: a step joins the lane under it, a lane
        goes into the pool under it, a pool comes with one lane. With `parent_id` (a collapsed
        container's plane) a step goes inside that container, in no lane."""
        kind = element_type(type_id)
        process = process_in(self._workspace, process_id)
        if parent_id is not None:
            return self._create_inside(process, kind.id, centre, name, parent_id)
        if kind.id == "pool":
            return self._modeling.lanes.add_pool(process_id, name, centred(centre, kind.size))
        if kind.id == "lane":
            return self._drop_lane(process, centre, name)
        bounds = centred(centre, kind.size)
        with self._stack.transaction(f"Create {kind.label.lower()}"):
            if kind.is_node:
                lane = lane_at(process, bounds.center)
                element = kind.make(name=name, lane_id=lane)
                assert isinstance(element, Node)
                new_id = self._modeling.create_node(
                    process_id, element.kind, name, bounds, lane_id=lane,
                    task_type=element.task_type, trigger=element.trigger,
                )  # fmt: skip
            else:
                new_id = self._modeling.create_shape(process_id, kind.make(name=name), bounds)
            self._fit_pool(process, new_id)
        return new_id

    def _create_inside(
        self, process: Process, type_id: str, centre: Point, name: str, parent_id: str
    ) -> str:
        kind = element_type(type_id)
        if not is_collapsed_container(process.elements.get(parent_id)):
            raise ValueError(f"{parent_id} is not a collapsed sub-process or call activity")
        if not kind.is_node:
            raise ValueError(f"a {kind.label.lower()} cannot go inside a sub-process")
        element = kind.make(name=name)
        assert isinstance(element, Node)
        with self._stack.transaction(f"Create {kind.label.lower()}"):
            return self._modeling.create_node(
                process.id, element.kind, name, centred(centre, kind.size), parent_id=parent_id,
                task_type=element.task_type, trigger=element.trigger,
            )  # fmt: skip

    def _drop_lane(self, process: Process, centre: Point, name: str) -> str:
        pool_id = pool_at(process, centre)
        if pool_id is None:
            pools = process.pools()
            if len(pools) != 1:
                raise ValueError("drop a lane onto a pool")
            pool_id = pools[0].id
        siblings = child_lanes(process, pool_id)
        index = sum(
            1
            for lane in siblings
            if (b := shape_bounds(process, lane.id)) is not None and b.center.y < centre.y
        )
        return self._modeling.lanes.insert_lane(process.id, pool_id, index, name)

    def append(self, source_id: str, type_id: str, name: str = "") -> str:
        """A new element right of the source, connected to it (bpmn-js "append")."""
        kind = element_type(type_id)
        if not kind.is_node:
            raise ValueError(f"cannot append a {kind.label.lower()}")
        process = process_with_element(self._workspace, source_id)
        source = process.elements[source_id]
        bounds = auto_place.next_to(process, source_id, kind.size)
        plane = plane_of(process, source_id)  # on a container's plane: inside it, no lane
        lane = None if plane else lane_at(process, bounds.center)
        if lane is None and isinstance(source, Node) and not plane:
            lane = source.lane_id
        element = kind.make(name=name, lane_id=lane)
        assert isinstance(element, Node)
        inside = {"parent_id": plane} if plane else {}
        with self._stack.transaction(f"Append {kind.label.lower()}"):
            new_id = self._modeling.create_node(
                process.id, element.kind, name, bounds, lane_id=lane,
                task_type=element.task_type, trigger=element.trigger, **inside,
            )  # fmt: skip
            self._modeling.connect(process.id, source_id, new_id)
            self._fit_pool(process, new_id)
        return new_id

    def annotate(self, element_id: str, text: str = "") -> str:
        """A text annotation beside the element, linked by an association."""
        process = process_with_element(self._workspace, element_id)
        kind = element_type("text_annotation")
        bounds = auto_place.annotation_place(process, element_id, kind.size)
        with self._stack.transaction("Add text annotation"):
            note = self._modeling.create_shape(process.id, TextAnnotation("", text), bounds)
            self._modeling.connect(process.id, note, element_id, kind=FlowKind.ASSOCIATION)
        return note

    def _fit_pool(self, process: Process, element_id: str) -> None:
        """Widen the pool when a new step sticks out on the right."""
        box = shape_bounds(process, element_id)
        pool_id = pool_of(process, element_id)
        if box is not None and pool_id is not None:
            layouts = lanes.fit_pool(process, pool_id, box)
            if layouts:
                self._modeling.update_layout(process.id, layouts)

    # -- changing -------------------------------------------------------------------------
    def change_type(self, element_id: str, type_id: str) -> None:
        """Turn a node into another type; it keeps its centre, flows are re-routed."""
        kind = element_type(type_id)
        process = process_with_element(self._workspace, element_id)
        node = process.elements[element_id]
        if not isinstance(node, Node) or not kind.is_node:
            raise ValueError("only events, activities and gateways change type")
        changes = {k: v for k, v in kind.node_changes().items() if getattr(node, k) != v}
        if not changes:
            return
        old = shape_bounds(process, element_id)
        with self._stack.transaction(f"Change to {kind.label.lower()}"):
            self._modeling.update_properties(element_id, **changes)
            shape = process.layout.get(element_id)
            hidden_x = isinstance(shape, ShapeLayout) and not shape.marker_visible
            if old is not None and ((old.width, old.height) != kind.size or hidden_x):
                self._resize_keeping_centre(process, element_id, old, kind)

    def set_expanded(self, element_id: str, expanded: bool) -> None:
        """Open a sub-process or call activity on the canvas (its contents come into the
        plane it sits on, inside it) or close it (they go to its own plane)."""
        process = process_with_element(self._workspace, element_id)
        node = process.elements[element_id]
        if not isinstance(node, Node) or node.kind not in CONTAINER_KINDS:
            raise ValueError("only sub-processes and call activities expand and collapse")
        if node.expanded == expanded:
            return
        layouts = toggle_layouts(process, element_id, expand=expanded)
        with self._stack.transaction("Expand" if expanded else "Collapse"):
            self._modeling.update_properties(element_id, expanded=expanded)
            if layouts:
                self._modeling.update_layout(process.id, layouts)

    def _resize_keeping_centre(
        self, process: Process, element_id: str, old: Bounds, kind: ElementType
    ) -> None:
        new = Bounds(old.center.x - kind.size[0] / 2, old.center.y - kind.size[1] / 2, *kind.size)
        activity = kind.kind is not None and kind.kind.is_activity
        label = None if activity else label_below(new)
        # The look stays, except an X hidden by an imported diagram: a new gateway shows it.
        look = process.layout.get(element_id)
        if isinstance(look, ShapeLayout):
            look = replace(look, marker_visible=True)
        layouts: dict[str, Layout] = {element_id: reshaped(look, new, label)}
        for flow in connections(process, {element_id}):
            ends = (flow.source, flow.target)
            boxes = [new if e == element_id else shape_bounds(process, e) for e in ends]
            if boxes[0] is not None and boxes[1] is not None:
                layouts[flow.id] = rerouted(process.layout.get(flow.id), route(boxes[0], boxes[1]))
        self._modeling.update_layout(process.id, layouts)

    # -- clipboard ------------------------------------------------------------------------
    def paste(
        self,
        process_id: str,
        fragment: clipboard.Fragment,
        dx: float,
        dy: float,
        parent_id: str | None = None,
    ) -> tuple[str, ...]:
        process = process_in(self._workspace, process_id)
        elements, layouts = clipboard.paste_fragment(fragment, self._workspace, process, dx, dy)
        if parent_id is not None:  # on a container's plane: the pasted steps go inside it
            if not is_collapsed_container(process.elements.get(parent_id)):
                raise ValueError(f"{parent_id} is not a collapsed sub-process or call activity")
            elements = tuple(
                replace(e, parent_id=parent_id, lane_id=None)
                if isinstance(e, Node) and e.parent_id is None
                else e
                for e in elements
            )
        return self._modeling.create_elements(process_id, elements, layouts, label="Paste")

    # -- arranging ------------------------------------------------------------------------
    def _boxes(self, element_ids: list[str]) -> tuple[Process, dict[str, Bounds]]:
        process = process_with_element(self._workspace, element_ids[0])
        boxes = {}
        for element_id in element_ids:
            box = shape_bounds(process, element_id)
            if box is not None and isinstance(
                process.elements.get(element_id), Node | TextAnnotation
            ):
                boxes[element_id] = box
        return process, boxes

    def _move_each(self, label: str, moves: dict[str, tuple[float, float]]) -> None:
        if not moves:
            return
        with self._stack.transaction(label):
            for element_id, (dx, dy) in moves.items():
                self._modeling.move_elements([element_id], dx, dy)

    def align(self, element_ids: list[str], edge: arrange.Edge | str) -> None:
        edge = arrange.Edge(edge)
        _, boxes = self._boxes(element_ids)
        self._move_each(f"Align {edge.value}", arrange.align(boxes, edge))

    def distribute(self, element_ids: list[str], *, horizontal: bool) -> None:
        _, boxes = self._boxes(element_ids)
        way = "horizontally" if horizontal else "vertically"
        self._move_each(f"Distribute {way}", arrange.distribute(boxes, horizontal))

    def auto_layout(self, process_id: str) -> None:
        process = process_in(self._workspace, process_id)
        layouts = {
            element_id: layout
            for element_id, layout in auto_layout(process).items()
            if process.layout.get(element_id) != layout
        }
        if layouts:
            self._modeling.update_layout(process_id, layouts, label="Auto-layout")
