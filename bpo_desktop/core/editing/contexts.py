"""One typed context per command: inputs first, then the state `execute` records for `revert`.

Recorded fields are not constructor arguments. `execute` overwrites them every time it runs, so
redo records afresh. `label` is the undo/redo menu text of a top-level command.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from bpo_desktop.core.editing.slots import Slot
from bpo_desktop.core.model import (
    Annotation,
    Bounds,
    EdgeLayout,
    Element,
    Flow,
    Layout,
    Node,
    Point,
    Process,
    Record,
    Scenario,
    ShapeLayout,
    System,
)

T = TypeVar("T")


def recorded(value: T | None) -> T:
    """The state `execute` recorded; reverting a context that never executed is a bug."""
    if value is None:
        raise RuntimeError("revert called on a context that was never executed")
    return value


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _changes_label(changes: dict[str, Any], what: str) -> str:
    if set(changes) == {"name"}:
        return f"Rename {what}"
    return f"Edit {what}"


# -- workspace and processes ------------------------------------------------------------------
@dataclass(slots=True)
class UpdateWorkspaceContext:
    changes: dict[str, Any]
    old: dict[str, Any] = field(default_factory=dict, init=False)

    @property
    def label(self) -> str:
        return _changes_label(self.changes, "workspace")


@dataclass(slots=True)
class CreateProcessContext:
    process: Process
    label: str = field(default="Create process", init=False)


@dataclass(slots=True)
class DeleteProcessContext:
    process_id: str
    slot: Slot[str, Process] | None = field(default=None, init=False)
    #: the process's records, taken with it (in workspace order)
    record_slots: list[Slot[str, Record]] = field(default_factory=list, init=False)
    label: str = field(default="Delete process", init=False)


@dataclass(slots=True)
class UpdateProcessContext:
    process_id: str
    changes: dict[str, Any]
    old: dict[str, Any] = field(default_factory=dict, init=False)

    @property
    def label(self) -> str:
        return _changes_label(self.changes, "process")


# -- shapes and elements ------------------------------------------------------------------------
@dataclass(slots=True)
class CreateShapeContext:
    process_id: str
    element: Element
    layout: ShapeLayout

    @property
    def label(self) -> str:
        if isinstance(self.element, Node):
            return f"Create {self.element.kind.value.replace('_', ' ')}"
        return f"Create {type(self.element).__name__.lower()}"


@dataclass(slots=True)
class ResizeShapeContext:
    process_id: str
    element_id: str
    bounds: Bounds
    old_layout: ShapeLayout | None = field(default=None, init=False)
    label: str = field(default="Resize", init=False)


@dataclass(slots=True)
class MoveElementsContext:
    process_id: str
    element_ids: tuple[str, ...]
    dx: float
    dy: float
    # Every shape that moved (the given ones plus what they contain), with its old layout.
    old_layouts: dict[str, ShapeLayout] = field(default_factory=dict, init=False)

    @property
    def label(self) -> str:
        return f"Move {_count(len(self.element_ids), 'element')}"


@dataclass(slots=True)
class DeleteElementsContext:
    """`cascade=False` deletes exactly these ids: the nested deletes a cascading delete runs for
    contents and flows, whose closure the outer delete has already computed."""

    process_id: str
    element_ids: tuple[str, ...]
    cascade: bool = True
    removed_elements: list[Slot[str, Element]] = field(default_factory=list, init=False)
    removed_layouts: list[Slot[str, Layout]] = field(default_factory=list, init=False)

    @property
    def label(self) -> str:
        return f"Delete {_count(len(self.element_ids), 'element')}"


@dataclass(slots=True)
class CreateElementsContext:
    """Several elements at once (paste, duplicate): shapes and the flows among them.

    Elements are added in order; references may point at earlier elements of the same batch.
    """

    process_id: str
    elements: tuple[Element, ...]
    layouts: dict[str, Layout]
    label: str = "Paste"


@dataclass(slots=True)
class UpdateLayoutContext:
    """New layouts (bounds, waypoints) for many elements at once: auto-layout, lane restacks.

    An element that had no layout (imported without diagram information) gets one; undo
    removes it again.
    """

    process_id: str
    layouts: dict[str, Layout]
    label: str = "Edit layout"
    old_layouts: dict[str, Layout | None] = field(default_factory=dict, init=False)


@dataclass(slots=True)
class UpdatePropertiesContext:
    process_id: str
    element_id: str
    changes: dict[str, Any]
    old_element: Element | None = field(default=None, init=False)

    @property
    def label(self) -> str:
        names = sorted(self.changes)
        if names == ["name"]:
            return "Rename"
        if len(names) == 1:
            return f"Edit {_FIELD_WORDS.get(names[0], names[0].replace('_', ' '))}"
        return f"Edit {len(names)} properties"


#: Field names that read badly in the Edit menu ("Undo Edit io").
_FIELD_WORDS = {"io": "role"}


# -- connections --------------------------------------------------------------------------------
@dataclass(slots=True)
class CreateConnectionContext:
    process_id: str
    flow: Flow
    layout: EdgeLayout
    label: str = field(default="Connect", init=False)


@dataclass(slots=True)
class ReconnectContext:
    """Moves one or both ends of a flow; `None` keeps that end."""

    process_id: str
    flow_id: str
    source: str | None
    target: str | None
    waypoints: tuple[Point, ...]
    old_flow: Flow | None = field(default=None, init=False)
    old_layout: Layout | None = field(default=None, init=False)
    label: str = field(default="Reconnect", init=False)


@dataclass(slots=True)
class UpdateWaypointsContext:
    process_id: str
    flow_id: str
    waypoints: tuple[Point, ...]
    old_layout: Layout | None = field(default=None, init=False)
    label: str = field(default="Edit waypoints", init=False)


# -- business annotations ---------------------------------------------------------------------
@dataclass(slots=True)
class CreateAnnotationContext:
    process_id: str
    annotation: Annotation

    @property
    def label(self) -> str:
        return f"Add {self.annotation.kind.value.replace('_', ' ')}"


@dataclass(slots=True)
class UpdateAnnotationContext:
    process_id: str
    annotation_id: str
    changes: dict[str, Any]
    old: Annotation | None = field(default=None, init=False)
    label: str = field(default="Edit annotation", init=False)


@dataclass(slots=True)
class DeleteAnnotationContext:
    process_id: str
    annotation_id: str
    slot: Slot[str, Annotation] | None = field(default=None, init=False)
    label: str = field(default="Delete annotation", init=False)


# -- scenarios ----------------------------------------------------------------------------------
@dataclass(slots=True)
class CreateScenarioContext:
    process_id: str
    scenario: Scenario
    label: str = field(default="Create scenario", init=False)


@dataclass(slots=True)
class UpdateScenarioContext:
    process_id: str
    scenario_id: str
    changes: dict[str, Any]
    old: Scenario | None = field(default=None, init=False)

    @property
    def label(self) -> str:
        return _changes_label(self.changes, "scenario")


@dataclass(slots=True)
class DeleteScenarioContext:
    process_id: str
    scenario_id: str
    slot: Slot[str, Scenario] | None = field(default=None, init=False)
    label: str = field(default="Delete scenario", init=False)


# -- system catalogue ---------------------------------------------------------------------------
@dataclass(slots=True)
class CreateSystemContext:
    system: System
    label: str = field(default="Add system", init=False)


@dataclass(slots=True)
class UpdateSystemContext:
    system_id: str
    changes: dict[str, Any]
    old: System | None = field(default=None, init=False)

    @property
    def label(self) -> str:
        return _changes_label(self.changes, "system")


@dataclass(slots=True)
class DeleteSystemContext:
    system_id: str
    slot: Slot[str, System] | None = field(default=None, init=False)
    label: str = field(default="Delete system", init=False)


# -- workspace records ---------------------------------------------------------------------------
@dataclass(slots=True)
class PutRecordContext:
    record: Record
    label: str = "Update record"
    old: Record | None = field(default=None, init=False)


@dataclass(slots=True)
class DeleteRecordContext:
    record_id: str
    label: str = "Delete record"
    slot: Slot[str, Record] | None = field(default=None, init=False)
