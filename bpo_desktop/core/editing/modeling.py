"""The Modeling facade: the edit API the UI, the CLI and tests call (ARCHITECTURE §7.2).

Each method turns ids and values into a typed context and executes one command; the methods
that create something return the new id. Errors in the user's input are ValueErrors.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from bpo_desktop.core.editing import commands as cmd
from bpo_desktop.core.editing.clipboard import Fragment
from bpo_desktop.core.editing.clone import clone_process
from bpo_desktop.core.editing.command_stack import CommandStack
from bpo_desktop.core.editing.compound import CompoundEdits
from bpo_desktop.core.editing.contexts import (
    CreateAnnotationContext,
    CreateConnectionContext,
    CreateElementsContext,
    CreateProcessContext,
    CreateScenarioContext,
    CreateShapeContext,
    CreateSystemContext,
    DeleteAnnotationContext,
    DeleteElementsContext,
    DeleteProcessContext,
    DeleteRecordContext,
    DeleteScenarioContext,
    DeleteSystemContext,
    MoveElementsContext,
    PutRecordContext,
    ReconnectContext,
    ResizeShapeContext,
    UpdateAnnotationContext,
    UpdateLayoutContext,
    UpdateProcessContext,
    UpdatePropertiesContext,
    UpdateScenarioContext,
    UpdateSystemContext,
    UpdateWaypointsContext,
    UpdateWorkspaceContext,
)
from bpo_desktop.core.editing.geometry import default_waypoints, label_below
from bpo_desktop.core.editing.lane_edits import LaneEdits
from bpo_desktop.core.editing.lookup import (
    element_in,
    flow_in,
    process_in,
    process_with_annotation,
    process_with_element,
    process_with_scenario,
)
from bpo_desktop.core.editing.routing import route
from bpo_desktop.core.editing.values import coerce_scenario_fields
from bpo_desktop.core.model import (
    Annotation,
    AnnotationKind,
    Bounds,
    EdgeLayout,
    Element,
    Flow,
    Lane,
    Layout,
    Node,
    NodeKind,
    Point,
    Process,
    Record,
    Scenario,
    ScenarioKind,
    ShapeLayout,
    System,
    SystemKind,
    Workspace,
    id_prefix,
)
from bpo_desktop.core.model.coerce import coerce_fields


class Modeling:
    def __init__(self, workspace: Workspace, stack: CommandStack) -> None:
        self._workspace = workspace
        self._stack = stack
        self.lanes = LaneEdits(workspace, stack, self)  # add, remove, reorder, resize lanes
        self._compound = CompoundEdits(workspace, stack, self)

    # -- workspace and processes ----------------------------------------------------------
    def rename_workspace(self, name: str) -> None:
        self._stack.execute(cmd.WORKSPACE_UPDATE, UpdateWorkspaceContext({"name": name}))

    def create_process(self, name: str, *, documentation: str = "", owner: str = "") -> str:
        process_id = self._workspace.new_id("Process")
        process = Process(process_id, name, documentation=documentation, owner=owner)
        self._stack.execute(cmd.PROCESS_CREATE, CreateProcessContext(process))
        return process_id

    def duplicate_process(self, process_id: str, name: str) -> str:
        """A copy of the process, with fresh ids for everything in it. Returns the new id."""
        copy = clone_process(process_in(self._workspace, process_id), self._workspace, name)
        context = CreateProcessContext(copy)
        context.label = "Duplicate process"
        self._stack.execute(cmd.PROCESS_CREATE, context)
        return copy.id

    def import_processes(
        self,
        processes: Sequence[Process],
        systems: Sequence[System] = (),
        *,
        label: str = "Import BPMN",
    ) -> tuple[str, ...]:
        """Add ready-made processes (a BPMN import) and the systems they use that the workspace
        lacks, as one undo step. A process whose top-level steps have no diagram is laid out.
        The ids must be new (`import_bpmn(..., workspace=...)` renames clashing ones)."""
        with self._stack.transaction(label):
            for system in systems:
                if system.id not in self._workspace.systems:
                    self._stack.execute(cmd.SYSTEM_CREATE, CreateSystemContext(system))
            for process in processes:
                self._stack.execute(cmd.PROCESS_CREATE, CreateProcessContext(process))
                if _lacks_diagram(process):
                    self.auto_layout(process.id)
        return tuple(process.id for process in processes)

    def delete_process(self, process_id: str) -> None:
        self._stack.execute(cmd.PROCESS_DELETE, DeleteProcessContext(process_id))

    def rename_process(self, process_id: str, name: str) -> None:
        self.update_process(process_id, name=name)

    def update_process(self, process_id: str, **changes: Any) -> None:
        """Name, documentation and owner."""
        self._stack.execute(cmd.PROCESS_UPDATE, UpdateProcessContext(process_id, changes))

    # -- shapes ---------------------------------------------------------------------------
    def create_shape(
        self,
        process_id: str,
        element: Element,
        bounds: Bounds,
        *,
        label_bounds: Bounds | None = None,
    ) -> str:
        """Add a non-flow element; an empty `element.id` gets a fresh one. Returns the id."""
        if not element.id:
            element = replace(element, id=self._workspace.new_id(id_prefix(element)))
        layout = ShapeLayout(bounds, label_bounds)
        self._stack.execute(cmd.SHAPE_CREATE, CreateShapeContext(process_id, element, layout))
        return element.id

    def create_node(
        self,
        process_id: str,
        kind: NodeKind | str,
        name: str,
        bounds: Bounds,
        *,
        lane_id: str | None = None,
        **attrs: Any,
    ) -> str:
        """Add an event, activity or gateway; events and gateways get their label below."""
        values = coerce_fields(Node, {"kind": kind, "name": name, "lane_id": lane_id, **attrs})
        node = Node(id="", **values)
        label = None if node.kind.is_activity else label_below(bounds)
        return self.create_shape(process_id, node, bounds, label_bounds=label)

    def add_lane(
        self,
        process_id: str,
        name: str,
        bounds: Bounds,
        *,
        parent_id: str | None = None,
        **attrs: Any,
    ) -> str:
        """Add a lane under `parent_id` (default: the process's first pool), after its siblings."""
        process = process_in(self._workspace, process_id)
        if parent_id is None:
            parent_id = next((pool.id for pool in process.pools()), None)
        siblings = [lane for lane in process.lanes() if lane.parent_id == parent_id]
        attrs.setdefault("position", max((s.position for s in siblings), default=-1) + 1)
        values = coerce_fields(Lane, {"name": name, "parent_id": parent_id, **attrs})
        return self.create_shape(process_id, Lane(id="", **values), bounds)

    def move_elements(self, element_ids: Iterable[str], dx: float, dy: float) -> None:
        """Shift shapes (and what they contain); attached flows follow."""
        process_id, ids = self._selection(element_ids)
        self._stack.execute(cmd.ELEMENTS_MOVE, MoveElementsContext(process_id, ids, dx, dy))

    def resize_shape(self, element_id: str, bounds: Bounds) -> None:
        process = process_with_element(self._workspace, element_id)
        context = ResizeShapeContext(process.id, element_id, bounds)
        self._stack.execute(cmd.SHAPE_RESIZE, context)

    def delete_elements(self, element_ids: Iterable[str]) -> None:
        """Delete elements of one process, with their contents and connected flows."""
        process_id, ids = self._selection(element_ids)
        self._stack.execute(cmd.ELEMENTS_DELETE, DeleteElementsContext(process_id, ids))

    def create_elements(
        self,
        process_id: str,
        elements: Sequence[Element],
        layouts: dict[str, Layout],
        *,
        label: str = "Paste",
    ) -> tuple[str, ...]:
        """Add ready-made elements (ids set, references among them resolved) at once."""
        context = CreateElementsContext(process_id, tuple(elements), dict(layouts), label)
        self._stack.execute(cmd.ELEMENTS_CREATE, context)
        return tuple(e.id for e in elements)

    def update_layout(
        self, process_id: str, layouts: dict[str, Layout], *, label: str = "Edit layout"
    ) -> None:
        """New bounds or waypoints for many elements as one command (no behaviours run)."""
        context = UpdateLayoutContext(process_id, dict(layouts), label)
        self._stack.execute(cmd.LAYOUT_UPDATE, context)

    # -- compound edits (each one undo step) ----------------------------------------------
    def create_typed(
        self,
        process_id: str,
        type_id: str,
        centre: Point,
        name: str = "",
        *,
        parent_id: str | None = None,
    ) -> str:
        """Create an `element_types` entry centred at `centre` (palette drop or click);
        `parent_id`: inside that collapsed container, on its own plane."""
        return self._compound.create_typed(process_id, type_id, centre, name, parent_id)

    def append(self, source_id: str, type_id: str, name: str = "") -> str:
        """A new node right of `source_id`, connected to it. Returns its id."""
        return self._compound.append(source_id, type_id, name)

    def set_expanded(self, element_id: str, expanded: bool) -> None:
        """Expand or collapse a sub-process or call activity, moving its contents."""
        self._compound.set_expanded(element_id, expanded)

    def change_type(self, element_id: str, type_id: str) -> None:
        self._compound.change_type(element_id, type_id)

    def annotate(self, element_id: str, text: str = "") -> str:
        return self._compound.annotate(element_id, text)

    def paste(
        self,
        process_id: str,
        fragment: Fragment,
        dx: float,
        dy: float,
        *,
        parent_id: str | None = None,
    ) -> tuple[str, ...]:
        """Paste a copied fragment moved by (dx, dy), with new ids (`parent_id`: on that
        collapsed container's plane, inside it). Returns the new ids."""
        return self._compound.paste(process_id, fragment, dx, dy, parent_id)

    def align(self, element_ids: Sequence[str], edge: str) -> None:
        self._compound.align(list(element_ids), edge)

    def distribute(self, element_ids: Sequence[str], *, horizontal: bool) -> None:
        self._compound.distribute(list(element_ids), horizontal=horizontal)

    def auto_layout(self, process_id: str) -> None:
        """Lay the whole process out left to right, lane by lane, as one undo step."""
        self._compound.auto_layout(process_id)

    # -- connections ----------------------------------------------------------------------
    def connect(
        self,
        process_id: str,
        source: str,
        target: str,
        waypoints: Sequence[Point] | None = None,
        **attrs: Any,
    ) -> str:
        """Add a flow (sequence by default; `kind=` for others). Returns the new flow's id."""
        process = process_in(self._workspace, process_id)
        values = coerce_fields(Flow, {"source": source, "target": target, **attrs})
        flow = Flow(id=self._workspace.new_id("Flow"), **values)
        points = self._route(process, source, target) if waypoints is None else tuple(waypoints)
        context = CreateConnectionContext(process_id, flow, EdgeLayout(points))
        self._stack.execute(cmd.CONNECTION_CREATE, context)
        return flow.id

    def reconnect(
        self,
        flow_id: str,
        *,
        source: str | None = None,
        target: str | None = None,
        waypoints: Sequence[Point] | None = None,
    ) -> None:
        """Move a flow's source and/or target; without waypoints it is routed afresh."""
        process = process_with_element(self._workspace, flow_id)
        flow = flow_in(process, flow_id)
        if waypoints is None:
            points = self._route(process, source or flow.source, target or flow.target)
        else:
            points = tuple(waypoints)
        context = ReconnectContext(process.id, flow_id, source, target, points)
        self._stack.execute(cmd.CONNECTION_RECONNECT, context)

    def update_waypoints(self, flow_id: str, waypoints: Sequence[Point]) -> None:
        process = process_with_element(self._workspace, flow_id)
        context = UpdateWaypointsContext(process.id, flow_id, tuple(waypoints))
        self._stack.execute(cmd.CONNECTION_UPDATE_WAYPOINTS, context)

    # -- properties -----------------------------------------------------------------------
    def update_properties(self, element_id: str, **changes: Any) -> None:
        """Typed field updates of any element, e.g. `update_properties(step, touch_min=20)`."""
        process = process_with_element(self._workspace, element_id)
        if changes.get("conditional") is False and isinstance(process.elements[element_id], Flow):
            changes.setdefault("condition", "")  # a plain flow keeps no condition text
        context = UpdatePropertiesContext(process.id, element_id, changes)
        self._stack.execute(cmd.ELEMENT_UPDATE_PROPERTIES, context)

    # -- business annotations -------------------------------------------------------------
    def add_annotation(
        self, process_id: str, kind: AnnotationKind | str, text: str = "", **attrs: Any
    ) -> str:
        """Add a goal, constraint, strength, weakness, note… (`targets=` links it to steps)."""
        values = coerce_fields(Annotation, {"kind": kind, "text": text, **attrs})
        annotation = Annotation(id=self._workspace.new_id("Annotation"), **values)
        context = CreateAnnotationContext(process_id, annotation)
        self._stack.execute(cmd.ANNOTATION_CREATE, context)
        return annotation.id

    def add_existing_annotation(self, process_id: str, annotation: Annotation) -> None:
        """Add an annotation as it is, id included (notes merged from another copy of the file,
        so merging the same copy again finds them and adds nothing)."""
        self._stack.execute(cmd.ANNOTATION_CREATE, CreateAnnotationContext(process_id, annotation))

    def update_annotation(self, annotation_id: str, **changes: Any) -> None:
        process = process_with_annotation(self._workspace, annotation_id)
        context = UpdateAnnotationContext(process.id, annotation_id, changes)
        self._stack.execute(cmd.ANNOTATION_UPDATE, context)

    def delete_annotation(self, annotation_id: str) -> None:
        process = process_with_annotation(self._workspace, annotation_id)
        context = DeleteAnnotationContext(process.id, annotation_id)
        self._stack.execute(cmd.ANNOTATION_DELETE, context)

    # -- scenarios ------------------------------------------------------------------------
    def create_scenario(
        self,
        process_id: str,
        name: str,
        kind: ScenarioKind | str = ScenarioKind.TO_BE,
        **attrs: Any,
    ) -> str:
        """Add a variant (`overrides=`, `added=`, `added_layout=`, `removed=`, `description=`)."""
        values = coerce_scenario_fields({"name": name, "kind": kind, **attrs})
        scenario = Scenario(id=self._workspace.new_id("Scenario"), **values)
        self._stack.execute(cmd.SCENARIO_CREATE, CreateScenarioContext(process_id, scenario))
        return scenario.id

    def update_scenario(self, scenario_id: str, **changes: Any) -> None:
        process = process_with_scenario(self._workspace, scenario_id)
        context = UpdateScenarioContext(process.id, scenario_id, changes)
        self._stack.execute(cmd.SCENARIO_UPDATE, context)

    def delete_scenario(self, scenario_id: str) -> None:
        process = process_with_scenario(self._workspace, scenario_id)
        context = DeleteScenarioContext(process.id, scenario_id)
        self._stack.execute(cmd.SCENARIO_DELETE, context)

    # -- system catalogue -----------------------------------------------------------------
    def add_system(
        self,
        name: str,
        kind: SystemKind | str = SystemKind.IT,
        *,
        is_system_of_record: bool = False,
    ) -> str:
        values = coerce_fields(
            System, {"name": name, "kind": kind, "is_system_of_record": is_system_of_record}
        )
        system = System(id=self._workspace.new_id("System"), **values)
        self._stack.execute(cmd.SYSTEM_CREATE, CreateSystemContext(system))
        return system.id

    def update_system(self, system_id: str, **changes: Any) -> None:
        self._stack.execute(cmd.SYSTEM_UPDATE, UpdateSystemContext(system_id, changes))

    def delete_system(self, system_id: str) -> None:
        """Steps that used the system keep their place but lose the system (one undo step)."""
        self._stack.execute(cmd.SYSTEM_DELETE, DeleteSystemContext(system_id))

    # -- workspace records (see core.model.records) ---------------------------------------
    def put_record(self, record: Record, label: str = "Update record") -> None:
        """Add the record, or replace the one with its id (same kind and process)."""
        self._stack.execute(cmd.RECORD_PUT, PutRecordContext(record, label))

    def remove_record(self, record_id: str, label: str = "Delete record") -> None:
        self._stack.execute(cmd.RECORD_DELETE, DeleteRecordContext(record_id, label))

    # -- helpers --------------------------------------------------------------------------
    def _selection(self, element_ids: Iterable[str]) -> tuple[str, tuple[str, ...]]:
        """The one process holding all the ids, and the ids without repeats."""
        ids = tuple(dict.fromkeys(element_ids))
        if not ids:
            raise ValueError("no elements selected")
        process = process_with_element(self._workspace, ids[0])
        for element_id in ids:
            element_in(process, element_id)  # all in the same process
        return process.id, ids

    def _route(self, process: Process, source: str, target: str) -> tuple[Point, ...]:
        a, b = _anchor(process, source), _anchor(process, target)
        return route(a, b) if a.width > 0 and b.width > 0 else default_waypoints(a, b)


def _lacks_diagram(process: Process) -> bool:
    return any(
        node.parent_id is None and node.attached_to is None and node.id not in process.layout
        for node in process.nodes()
    )


def _anchor(process: Process, element_id: str) -> Bounds:
    """Where a route attaches: a shape's box, or the middle of a flow (for associations)."""
    element_in(process, element_id)
    layout = process.layout.get(element_id)
    if isinstance(layout, ShapeLayout):
        return layout.bounds
    if isinstance(layout, EdgeLayout) and layout.waypoints:
        middle = layout.waypoints[len(layout.waypoints) // 2]
        return Bounds(middle.x, middle.y, 0.0, 0.0)
    raise ValueError(f"{element_id!r} is not on the diagram; pass waypoints explicitly")
