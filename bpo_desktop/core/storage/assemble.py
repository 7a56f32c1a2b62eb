"""Assemble a Workspace from the rows of a `.bpo` file, checking every cross-reference."""

from __future__ import annotations

from typing import Any

from bpo_desktop.core.model import Flow, Lane, Node, Process, Workspace
from bpo_desktop.core.storage.codec import RowError, decode
from bpo_desktop.core.storage.mapping import (
    decode_annotation,
    decode_element,
    decode_layout,
    decode_record,
    decode_scenario,
    decode_system,
    decode_verbatim,
)

TableRows = dict[str, list[dict[str, Any]]]


def build_workspace(tables: TableRows) -> Workspace:
    workspaces = tables["workspace"]
    if len(workspaces) != 1:
        raise RowError(f"expected one workspace row, found {len(workspaces)}")
    ws_row = workspaces[0]
    ws = Workspace(id=str(ws_row["id"]), name=str(ws_row["name"]), systems={})
    for row in tables["system"]:
        system = decode_system(row)
        ws.systems[system.id] = system
    processes = [(_position(row), decode(Process, row)) for row in tables["process"]]
    for _, process in sorted(processes, key=lambda p: (p[0], p[1].id)):
        ws.processes[process.id] = process
    _add_children(ws, tables)
    for process in ws.processes.values():
        check_references(process, ws)
    for row in tables["record"]:
        record = decode_record(row)
        if record.process_id is not None and record.process_id not in ws.processes:
            raise RowError(f"record {record.id} belongs to unknown process {record.process_id}")
        ws.records[record.id] = record
    return ws


def _add_children(ws: Workspace, tables: TableRows) -> None:
    owner: dict[str, Process] = {}
    for row in tables["element"]:
        process = _process(ws, row)
        element = decode_element(row)
        process.elements[element.id] = element
        owner[element.id] = process
    for row in tables["layout"]:
        element_id = row["element_id"]
        if element_id not in owner:
            raise RowError(f"layout for unknown element {element_id}")
        owner[element_id].layout[element_id] = decode_layout(row)
    for row in tables["annotation"]:
        annotation = decode_annotation(row)
        _process(ws, row).annotations[annotation.id] = annotation
    for row in tables["scenario"]:
        scenario = decode_scenario(row)
        _process(ws, row).scenarios[scenario.id] = scenario
    for row in tables["verbatim"]:
        key, kept = decode_verbatim(row)
        _process(ws, row).verbatim[key] = kept


def _position(row: dict[str, Any]) -> int:
    position = row["position"]
    if isinstance(position, bool) or not isinstance(position, int):
        raise RowError(f"process {row['id']}: position is not a whole number ({position!r})")
    return position


def _process(ws: Workspace, row: dict[str, Any]) -> Process:
    process = ws.processes.get(row["process_id"])
    if process is None:
        raise RowError(f"{row['id']} belongs to unknown process {row['process_id']}")
    return process


def check_references(process: Process, ws: Workspace) -> None:
    """Every reference points at an element of the same process (or a known system)."""
    elements = process.elements

    def expect(owner: str, ref: str | None, what: str, kinds: tuple[type, ...] = ()) -> None:
        if ref is None:
            return
        target = elements.get(ref)
        if target is None or (kinds and not isinstance(target, kinds)):
            raise RowError(f"{owner} refers to {what} {ref}, which is not in {process.name!r}")

    for element in elements.values():
        if isinstance(element, Node):
            expect(element.id, element.lane_id, "lane", (Lane,))
            expect(element.id, element.parent_id, "parent")
            expect(element.id, element.attached_to, "activity", (Node,))
            if element.system_id is not None and element.system_id not in ws.systems:
                raise RowError(f"{element.id} refers to unknown system {element.system_id}")
        elif isinstance(element, Flow):
            expect(element.id, element.source, "source")
            expect(element.id, element.target, "target")
        elif isinstance(element, Lane):
            expect(element.id, element.parent_id, "parent")
    for annotation in process.annotations.values():
        for target in annotation.targets:
            expect(annotation.id, target, "target")
