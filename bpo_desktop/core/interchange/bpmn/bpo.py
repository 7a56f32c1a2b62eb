"""Our extension namespace: what BPMN cannot say about a step, lane, flow or process.

Everything here is written under `extensionElements` as `bpo:*` elements (see `namespaces.BPO`)
and read back exactly: step attributes (`bpo:properties`), the systems catalogue entries a
process uses, annotations and scenarios. Encoding and decoding are symmetric and go through
`BpoItem` records, so the writer and the builder share one definition of the format.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields
from typing import Any

from bpo_desktop.core.interchange.bpmn.dto import BpoItem
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
    Scenario,
    ShapeLayout,
    System,
    TextAnnotation,
)
from bpo_desktop.core.model.coerce import coerce_fields

Warn = Callable[[int | None, str], None]

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
#: Fields whose values are element ids (renamed together with the elements on import).
REFERENCE_FIELDS = ("lane_id", "parent_id", "attached_to", "source", "target", "system_id")


# -- values -----------------------------------------------------------------------------------
def encode_value(value: Any) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, tuple):
        return " ".join(str(v) for v in value)
    return str(value)


def non_default(obj: Any, skip: Iterable[str] = ()) -> dict[str, str]:
    """The dataclass's fields that differ from their defaults, encoded (`id` never)."""
    skipped = {"id", *skip}
    out = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if f.name in skipped or value is None:
            continue
        if (f.default is not value and f.default != value) or _required(f):
            out[f.name] = encode_value(value)
    return out


def _required(f: Any) -> bool:
    from dataclasses import MISSING

    return f.default is MISSING and f.default_factory is MISSING


def decode_fields(
    cls: type, attributes: Mapping[str, str], line: int, warn: Warn
) -> dict[str, Any]:
    """Typed field values from encoded attributes; bad ones are dropped with a warning."""
    out: dict[str, Any] = {}
    for name, raw in attributes.items():
        value: Any = tuple(raw.split()) if name == "targets" else raw
        try:
            out.update(coerce_fields(cls, {name: value}))
        except ValueError as exc:
            warn(line, f"bpo:{cls.__name__.lower()} {name} ignored ({exc})")
    return out


# -- element properties -----------------------------------------------------------------------
def properties_item(values: Mapping[str, str]) -> BpoItem | None:
    return BpoItem("properties", dict(values), "", (), 0) if values else None


# -- process-level content --------------------------------------------------------------------
def process_items(
    owner: str,
    systems: Iterable[System],
    annotations: Iterable[Annotation],
    scenarios: Iterable[Scenario],
) -> list[BpoItem]:
    items = [BpoItem("process", {"owner": owner}, "", (), 0)] if owner else []
    items.extend(
        BpoItem("system", {"id": system.id, **non_default(system)}, "", (), 0) for system in systems
    )
    items.extend(
        BpoItem("annotation", {"id": annotation.id, **non_default(annotation)}, "", (), 0)
        for annotation in annotations
    )
    items.extend(_scenario_item(s) for s in scenarios)
    return items


def _scenario_item(scenario: Scenario) -> BpoItem:
    children: list[BpoItem] = []
    for element_id, changes in scenario.overrides.items():
        text = json.dumps(dict(changes), sort_keys=True, default=_json_default)
        children.append(BpoItem("override", {"element": element_id}, text, (), 0))
    for element in scenario.added:
        attributes = {"type": ETYPES[type(element)], "id": element.id, **non_default(element)}
        children.append(BpoItem("added", attributes, "", (), 0))
    for element_id, layout in scenario.added_layout.items():
        children.append(
            BpoItem("layout", {"element": element_id, **layout_attributes(layout)}, "", (), 0)
        )
    children.extend(
        BpoItem("removed", {"element": element_id}, "", (), 0)
        for element_id in sorted(scenario.removed)
    )
    attributes = {"id": scenario.id, "name": scenario.name, "kind": encode_value(scenario.kind)}
    if scenario.description:
        attributes["description"] = scenario.description
    return BpoItem("scenario", attributes, "", tuple(children), 0)


def _json_default(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(f"cannot write {value!r} in a scenario override")


def layout_attributes(layout: Layout) -> dict[str, str]:
    if isinstance(layout, ShapeLayout):
        b = layout.bounds
        out = {"x": repr(b.x), "y": repr(b.y), "width": repr(b.width), "height": repr(b.height)}
    else:
        out = {"waypoints": " ".join(f"{p.x!r},{p.y!r}" for p in layout.waypoints)}
    if layout.label_bounds is not None:
        lb = layout.label_bounds
        out.update(
            label_x=repr(lb.x),
            label_y=repr(lb.y),
            label_width=repr(lb.width),
            label_height=repr(lb.height),
        )
    colours = {"fill": getattr(layout, "fill", ""), "stroke": layout.stroke}
    out.update({k: v for k, v in colours.items() if v})
    return out


def decode_layout(attributes: Mapping[str, str]) -> Layout:
    """A layout from `layout_attributes`; raises ValueError when it does not parse."""
    label = None
    if "label_x" in attributes:
        label = Bounds(*(float(attributes[f"label_{k}"]) for k in ("x", "y", "width", "height")))
    if "waypoints" in attributes:
        points = []
        for pair in attributes["waypoints"].split():
            x, y = pair.split(",")
            points.append(Point(float(x), float(y)))
        return EdgeLayout(tuple(points), label, attributes.get("stroke", ""))
    return ShapeLayout(
        Bounds(*(float(attributes[k]) for k in ("x", "y", "width", "height"))),
        label,
        attributes.get("fill", ""),
        attributes.get("stroke", ""),
    )


class ProcessExtras:
    """Process-level content read back from `bpo:*` items."""

    def __init__(self, warn: Warn, renamed: Mapping[str, str]) -> None:
        self.warn = warn
        self.renamed = renamed
        self.owner = ""
        self.systems: list[System] = []
        self.annotations: list[Annotation] = []
        self.scenarios: list[Scenario] = []

    def read(self, items: Iterable[BpoItem]) -> list[BpoItem]:
        """Consume the process-level items; returns the ones it does not know."""
        unknown = []
        for item in items:
            reader = {
                "process": self._process,
                "system": self._system,
                "annotation": self._annotation,
                "scenario": self._scenario,
            }.get(item.name)
            if reader is None:
                unknown.append(item)
            else:
                reader(item)
        return unknown

    def _process(self, item: BpoItem) -> None:
        self.owner = item.attributes.get("owner", "")

    def _system(self, item: BpoItem) -> None:
        values = decode_fields(System, _without(item.attributes, "id"), item.line, self.warn)
        if "id" in item.attributes and "name" in values:
            self.systems.append(System(id=item.attributes["id"], **values))

    def _annotation(self, item: BpoItem) -> None:
        values = decode_fields(Annotation, _without(item.attributes, "id"), item.line, self.warn)
        if "id" not in item.attributes or "kind" not in values:
            self.warn(item.line, "bpo:annotation without id or kind ignored")
            return
        self.annotations.append(Annotation(id=item.attributes["id"], **values))

    def _scenario(self, item: BpoItem) -> None:
        attributes = item.attributes
        if "id" not in attributes:
            self.warn(item.line, "bpo:scenario without id ignored")
            return
        overrides: dict[str, dict[str, Any]] = {}
        added: list[Element] = []
        added_layout: dict[str, Layout] = {}
        removed: set[str] = set()
        for child in item.children:
            try:
                if child.name == "override":
                    overrides[child.attributes["element"]] = self._override(child)
                elif child.name == "added":
                    added.append(self._added(child))
                elif child.name == "layout":
                    added_layout[child.attributes["element"]] = decode_layout(child.attributes)
                elif child.name == "removed":
                    removed.add(child.attributes["element"])
            except (KeyError, ValueError, TypeError) as exc:
                self.warn(child.line, f"bpo:{child.name} ignored ({exc})")
        header = decode_fields(Scenario, _without(attributes, "id"), item.line, self.warn)
        self.scenarios.append(
            Scenario(
                id=attributes["id"],
                name=header.pop("name", ""),
                **header,
                overrides=overrides,
                added=tuple(added),
                added_layout=added_layout,
                removed=frozenset(removed),
            )
        )

    def _override(self, item: BpoItem) -> dict[str, Any]:
        changes = json.loads(item.text)
        if not isinstance(changes, dict):
            raise ValueError("not a JSON object")
        for name in REFERENCE_FIELDS:
            value = changes.get(name)
            if isinstance(value, str) and value in self.renamed:
                changes[name] = self.renamed[value]
        return changes

    def _added(self, item: BpoItem) -> Element:
        cls = CLASSES[item.attributes["type"]]
        raw = _without(item.attributes, "type", "id")
        element: Element = cls(
            id=item.attributes["id"], **decode_fields(cls, raw, item.line, self.warn)
        )
        return element


def _without(attributes: Mapping[str, str], *names: str) -> dict[str, str]:
    return {k: v for k, v in attributes.items() if k not in names}
