"""Find things by id for handlers and the facade; a missing id is a ValueError with a clear text."""

from __future__ import annotations

from bpo_desktop.core.model import (
    Annotation,
    EdgeLayout,
    Element,
    Flow,
    Process,
    Scenario,
    ShapeLayout,
    System,
    Workspace,
)
from bpo_desktop.core.model.ids import is_ncname


def process_in(workspace: Workspace, process_id: str) -> Process:
    try:
        return workspace.processes[process_id]
    except KeyError:
        raise ValueError(f"no process {process_id!r}") from None


def element_in(process: Process, element_id: str) -> Element:
    try:
        return process.elements[element_id]
    except KeyError:
        raise ValueError(f"no element {element_id!r} in process {process.name!r}") from None


def flow_in(process: Process, flow_id: str) -> Flow:
    element = element_in(process, flow_id)
    if not isinstance(element, Flow):
        raise ValueError(f"{flow_id!r} is not a flow")
    return element


def shape_layout_in(process: Process, element_id: str) -> ShapeLayout:
    layout = process.layout.get(element_id)
    if not isinstance(layout, ShapeLayout):
        raise ValueError(f"{element_id!r} has no shape on the diagram")
    return layout


def edge_layout_in(process: Process, flow_id: str) -> EdgeLayout | None:
    layout = process.layout.get(flow_id)
    return layout if isinstance(layout, EdgeLayout) else None


def annotation_in(process: Process, annotation_id: str) -> Annotation:
    try:
        return process.annotations[annotation_id]
    except KeyError:
        raise ValueError(f"no annotation {annotation_id!r} in process {process.name!r}") from None


def scenario_in(process: Process, scenario_id: str) -> Scenario:
    try:
        return process.scenarios[scenario_id]
    except KeyError:
        raise ValueError(f"no scenario {scenario_id!r} in process {process.name!r}") from None


def system_in(workspace: Workspace, system_id: str) -> System:
    try:
        return workspace.systems[system_id]
    except KeyError:
        raise ValueError(f"no system {system_id!r}") from None


def process_with_element(workspace: Workspace, element_id: str) -> Process:
    for process in workspace.processes.values():
        if element_id in process.elements:
            return process
    raise ValueError(f"no element {element_id!r} in any process")


def process_with_annotation(workspace: Workspace, annotation_id: str) -> Process:
    for process in workspace.processes.values():
        if annotation_id in process.annotations:
            return process
    raise ValueError(f"no annotation {annotation_id!r} in any process")


def process_with_scenario(workspace: Workspace, scenario_id: str) -> Process:
    for process in workspace.processes.values():
        if scenario_id in process.scenarios:
            return process
    raise ValueError(f"no scenario {scenario_id!r} in any process")


def require_new_id(workspace: Workspace, new_id: str) -> None:
    """Ids are unique across the whole workspace and must be XML NCNames (BPMN xsd:ID)."""
    if not is_ncname(new_id):
        raise ValueError(f"{new_id!r} is not a valid id (an XML NCName)")
    if workspace.has_id(new_id):
        raise ValueError(f"id {new_id!r} is already used")


def require_name(name: object, what: str) -> None:
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{what} needs a non-empty name")
