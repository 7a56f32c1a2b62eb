"""Domain objects ⇄ row dicts, keyed by (table, id) so saves can diff and write only changes."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import cache
from typing import Any

from bpo_desktop.core.model import (
    Annotation,
    Bounds,
    DataObject,
    EdgeLayout,
    Element,
    Flow,
    Group,
    Lane,
    Layout,
    Node,
    Point,
    Pool,
    Process,
    Record,
    Scenario,
    ShapeLayout,
    System,
    TextAnnotation,
    Verbatim,
    Workspace,
)
from bpo_desktop.core.storage.codec import RowError, decode, encode, encode_value

MESSAGE_KINDS = ("", "initiating", "non_initiating")
RowKey = tuple[str, str]
Rows = dict[RowKey, dict[str, Any]]

ETYPES: dict[type, str] = {
    Node: "node",
    Flow: "flow",
    Pool: "pool",
    Lane: "lane",
    TextAnnotation: "text_annotation",
    DataObject: "data_object",
    Group: "group",
}
CLASSES: dict[str, type] = {name: cls for cls, name in ETYPES.items()}


@cache
def _columns(table: str) -> tuple[str, ...]:
    """Column names of a table, for writing complete rows (writing imports SQLAlchemy anyway;
    reading must not, see reading.py)."""
    from bpo_desktop.core.storage.schema import ElementRow, LayoutRow

    cls = {"element": ElementRow, "layout": LayoutRow}[table]
    return tuple(c.name for c in cls.__table__.columns)


# -- domain → rows ---------------------------------------------------------------------------
def element_dict(element: Element) -> dict[str, Any]:
    return {"etype": ETYPES[type(element)], "id": element.id, **encode(element, skip=("id",))}


def layout_dict(layout: Layout) -> dict[str, Any]:
    row: dict[str, Any] = {}
    if isinstance(layout, ShapeLayout):
        b = layout.bounds
        row.update(x=b.x, y=b.y, width=b.width, height=b.height)
        if layout.fill:
            row["fill"] = layout.fill
        if not layout.marker_visible:
            row["marker_visible"] = 0
    else:
        row["waypoints"] = json.dumps([[p.x, p.y] for p in layout.waypoints])
        if layout.message_visible:
            row["message_visible"] = layout.message_visible
    if layout.stroke:
        row["stroke"] = layout.stroke
    if layout.label_colour:
        row["label_colour"] = layout.label_colour
    if layout.label_bounds is not None:
        lb = layout.label_bounds
        row.update(label_x=lb.x, label_y=lb.y, label_width=lb.width, label_height=lb.height)
    return row


def process_rows(process: Process, position: int) -> Rows:
    rows: Rows = {("process", process.id): _process_row(process, position)}
    for element in process.elements.values():
        rows.update(element_rows(process, element.id))
    # Layout rows in the layout's own order (rowid order on reading): an import keeps the
    # diagram's drawing order, which can differ from the order of the semantic elements.
    for element_id in process.layout:
        if ("layout", element_id) in rows:
            rows[("layout", element_id)] = rows.pop(("layout", element_id))
    for annotation in process.annotations.values():
        rows[("annotation", annotation.id)] = _annotation_row(process.id, annotation)
    for scenario in process.scenarios.values():
        rows[("scenario", scenario.id)] = _scenario_row(process.id, scenario)
    rows.update(verbatim_rows(process))
    return rows


def verbatim_rows(process: Process) -> Rows:
    """The process's kept BPMN content. Editing never changes it, so incremental saves write
    these only for a process reported as changed (an import reports its new processes)."""
    rows: Rows = {}
    for key, kept in process.verbatim.items():
        row_id = verbatim_id(process.id, key)
        rows[("verbatim", row_id)] = {
            "id": row_id,
            "process_id": process.id,
            "key": key,
            "body": json.dumps(_verbatim_body(kept), sort_keys=True, ensure_ascii=False),
        }
    return rows


def verbatim_id(process_id: str, key: str) -> str:
    return json.dumps([process_id, key], ensure_ascii=False)


def _verbatim_body(kept: Verbatim) -> dict[str, Any]:
    return {
        "tag": kept.tag,
        "attributes": [list(pair) for pair in kept.attributes],
        "children": list(kept.children),
        "extensions": list(kept.extensions),
        "shape": [list(pair) for pair in kept.shape],
        "label": [list(pair) for pair in kept.label],
        "parent": kept.parent,
    }


def element_rows(process: Process, element_id: str) -> Rows:
    element = process.elements[element_id]
    row = dict.fromkeys(_columns("element"))
    row.update(element_dict(element), process_id=process.id)
    rows: Rows = {("element", element_id): row}
    layout = process.layout.get(element_id)
    if layout is not None:
        layout_row = dict.fromkeys(_columns("layout"))
        layout_row.update(layout_dict(layout), element_id=element_id)
        rows[("layout", element_id)] = layout_row
    return rows


def workspace_rows(ws: Workspace) -> Rows:
    rows: Rows = {("workspace", ws.id): {"id": ws.id, "name": ws.name}}
    for system in ws.systems.values():
        rows[("system", system.id)] = encode(system)
    for position, process in enumerate(ws.processes.values()):
        rows.update(process_rows(process, position))
    for record in ws.records.values():
        rows[("record", record.id)] = record_row(record)
    return rows


def record_row(record: Record) -> dict[str, Any]:
    return {
        "id": record.id,
        "kind": record.kind,
        "process_id": record.process_id,
        "body": record.body_json(),
    }


def rows_for_ids(ws: Workspace, ids: Iterable[str]) -> Rows:
    """The rows the given ids map to now (a deleted id maps to none)."""
    rows: Rows = {}
    positions = {pid: i for i, pid in enumerate(ws.processes)}
    for element_id in ids:
        if element_id == ws.id:
            rows[("workspace", ws.id)] = {"id": ws.id, "name": ws.name}
        elif element_id in ws.systems:
            rows[("system", element_id)] = encode(ws.systems[element_id])
        elif element_id in ws.records:
            rows[("record", element_id)] = record_row(ws.records[element_id])
        elif element_id in ws.processes:
            process = ws.processes[element_id]
            rows[("process", element_id)] = _process_row(process, positions[element_id])
        elif (owner := ws.process_of(element_id)) is not None:
            rows.update(_owned_rows(owner, element_id))
    return rows


def _owned_rows(process: Process, element_id: str) -> Rows:
    if element_id in process.elements:
        return element_rows(process, element_id)
    if element_id in process.annotations:
        annotation = process.annotations[element_id]
        return {("annotation", element_id): _annotation_row(process.id, annotation)}
    scenario = process.scenarios[element_id]
    return {("scenario", element_id): _scenario_row(process.id, scenario)}


def _process_row(process: Process, position: int) -> dict[str, Any]:
    return {
        "id": process.id,
        "position": position,
        "name": process.name,
        "documentation": process.documentation,
        "owner": process.owner,
    }


def _annotation_row(process_id: str, annotation: Annotation) -> dict[str, Any]:
    row = encode(annotation)
    row["targets"] = json.dumps(list(annotation.targets))
    row["process_id"] = process_id
    return row


def _scenario_row(process_id: str, scenario: Scenario) -> dict[str, Any]:
    body = {
        "overrides": {
            eid: {k: encode_value(v) for k, v in changes.items()}
            for eid, changes in scenario.overrides.items()
        },
        "added": [element_dict(e) for e in scenario.added],
        "added_layout": {eid: layout_dict(lay) for eid, lay in scenario.added_layout.items()},
        "removed": sorted(scenario.removed),
    }
    return {
        "id": scenario.id,
        "process_id": process_id,
        "name": scenario.name,
        "kind": encode_value(scenario.kind),
        "description": scenario.description,
        "body": json.dumps(body, sort_keys=True),
    }


# -- rows → domain ---------------------------------------------------------------------------
def decode_element(row: dict[str, Any]) -> Element:
    cls = CLASSES.get(row.get("etype") or "")
    if cls is None:
        raise RowError(f"element {row.get('id')}: unknown element type {row.get('etype')!r}")
    element: Element = decode(cls, row)
    return element


def decode_layout(row: dict[str, Any]) -> Layout:
    label = None
    if row.get("label_x") is not None:
        label = Bounds(
            _num(row, "label_x"), _num(row, "label_y"),
            _num(row, "label_width"), _num(row, "label_height"),
        )  # fmt: skip
    if row.get("waypoints") is not None:
        points = _json(row, "waypoints")
        if not isinstance(points, list) or not all(_is_pair(p) for p in points):
            raise RowError(f"layout {row.get('element_id')}: waypoints are not a list of [x, y]")
        waypoints = tuple(Point(float(x), float(y)) for x, y in points)
        message = row.get("message_visible") or ""
        if message not in MESSAGE_KINDS:
            raise RowError(f"layout {row.get('element_id')}: message_visible is {message!r}")
        return EdgeLayout(
            waypoints,
            label,
            stroke=_colour(row, "stroke"),
            label_colour=_colour(row, "label_colour"),
            message_visible=message,
        )
    bounds = Bounds(_num(row, "x"), _num(row, "y"), _num(row, "width"), _num(row, "height"))
    marker = row.get("marker_visible")
    if marker not in (None, 0, 1):
        raise RowError(f"layout {row.get('element_id')}: marker_visible is not 0 or 1")
    return ShapeLayout(
        bounds,
        label,
        fill=_colour(row, "fill"),
        stroke=_colour(row, "stroke"),
        label_colour=_colour(row, "label_colour"),
        marker_visible=marker != 0,
    )


def _colour(row: dict[str, Any], column: str) -> str:
    value = row.get(column)
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > 64:
        raise RowError(f"layout {row.get('element_id')}: {column} is not a colour ({value!r})")
    return value


def decode_record(row: dict[str, Any]) -> Record:
    where = f"record {row.get('id')}"
    for column in ("id", "kind"):
        if not isinstance(row.get(column), str) or not row[column]:
            raise RowError(f"{where}: {column} is not text")
    process_id = row.get("process_id")
    if process_id is not None and not isinstance(process_id, str):
        raise RowError(f"{where}: process_id is not text")
    body = _json(row, "body")
    if not isinstance(body, dict):
        raise RowError(f"{where}: body is not an object")
    try:
        return Record(row["id"], row["kind"], process_id, body)
    except ValueError as exc:
        raise RowError(str(exc)) from None


def decode_annotation(row: dict[str, Any]) -> Annotation:
    targets = _json(row, "targets")
    if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
        raise RowError(f"annotation {row.get('id')}: targets are not a list of ids")
    annotation: Annotation = decode(Annotation, row, targets=tuple(targets))
    return annotation


def decode_scenario(row: dict[str, Any]) -> Scenario:
    body = _json(row, "body")
    where = f"scenario {row.get('id')}"
    if not isinstance(body, dict):
        raise RowError(f"{where}: body is not an object")
    overrides = body.get("overrides", {})
    if not isinstance(overrides, dict) or not all(isinstance(v, dict) for v in overrides.values()):
        raise RowError(f"{where}: overrides are not an object of objects")
    added_layout = body.get("added_layout", {})
    if not isinstance(added_layout, dict) or not all(
        isinstance(v, dict) for v in added_layout.values()
    ):
        raise RowError(f"{where}: added_layout is not an object of objects")
    added = _list(body, "added", where)
    if not all(isinstance(e, dict) for e in added):
        raise RowError(f"{where}: added elements are not objects")
    scenario: Scenario = decode(
        Scenario,
        row,
        overrides=overrides,
        added=tuple(decode_element(e) for e in added),
        added_layout={
            eid: decode_layout(dict(lay, element_id=eid)) for eid, lay in added_layout.items()
        },
        removed=frozenset(str(r) for r in _list(body, "removed", where)),
    )
    return scenario


def decode_verbatim(row: dict[str, Any]) -> tuple[str, Verbatim]:
    """The (key, record) of one `verbatim` row; any malformed part is a RowError."""
    where = f"verbatim {row.get('key')!r} of process {row.get('process_id')}"
    key = row.get("key")
    if not isinstance(key, str):
        raise RowError(f"{where}: key is not text")
    try:
        body = json.loads(row["body"])
    except (TypeError, ValueError):
        raise RowError(f"{where}: body is not valid JSON") from None
    if not isinstance(body, dict):
        raise RowError(f"{where}: body is not an object")

    def text(name: str) -> str:
        value = body.get(name, "")
        if not isinstance(value, str):
            raise RowError(f"{where}: {name} is not text")
        return value

    def texts(name: str) -> tuple[str, ...]:
        value = body.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RowError(f"{where}: {name} is not a list of text")
        return tuple(value)

    def pairs(name: str) -> tuple[tuple[str, str], ...]:
        value = body.get(name, [])
        if not isinstance(value, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(v, str) for v in p)
            for p in value
        ):
            raise RowError(f"{where}: {name} is not a list of [name, value] pairs")
        return tuple((p[0], p[1]) for p in value)

    kept = Verbatim(
        tag=text("tag"),
        attributes=pairs("attributes"),
        children=texts("children"),
        extensions=texts("extensions"),
        shape=pairs("shape"),
        label=pairs("label"),
        parent=text("parent"),
    )
    return key, kept


def decode_system(row: dict[str, Any]) -> System:
    system: System = decode(System, row)
    return system


def _json(row: dict[str, Any], column: str) -> Any:
    try:
        return json.loads(row[column])
    except (TypeError, ValueError):
        raise RowError(
            f"{row.get('id') or row.get('element_id')}: {column} is not valid JSON"
        ) from None


def _list(body: dict[str, Any], key: str, where: str) -> list[Any]:
    value = body.get(key, [])
    if not isinstance(value, list):
        raise RowError(f"{where}: {key} is not a list")
    return value


def _num(row: dict[str, Any], column: str) -> float:
    value: Any = row.get(column)
    if not _is_number(value):
        raise RowError(f"layout {row.get('element_id')}: {column} is not a number ({value!r})")
    return float(value)


def _is_pair(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and _is_number(value[0])
        and _is_number(value[1])
    )


def _is_number(value: Any) -> bool:
    """A finite int or float (JSON also gives NaN, Infinity and ints too big for a float)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False
