"""Builder, part 1: BPMN elements (records from the reader) → model elements plus verbatim."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from bpo_desktop.core.interchange.bpmn.bpo import decode_fields
from bpo_desktop.core.interchange.bpmn.defaults import lane_set_id
from bpo_desktop.core.interchange.bpmn.dto import ElementDTO
from bpo_desktop.core.interchange.bpmn.fit import fit_attributes, fit_children
from bpo_desktop.core.interchange.bpmn.mapping import (
    DATA_TAGS,
    NODE_KINDS,
    TASK_TYPES,
    TRIGGERS,
    data_fits,
    data_tag,
    node_fits,
    node_tag,
)
from bpo_desktop.core.interchange.bpmn.namespaces import split
from bpo_desktop.core.interchange.bpmn.tree import FLOW_NODES, SUBPROCESSES, TASKS
from bpo_desktop.core.model import (
    DataObject,
    Element,
    EventTrigger,
    Flow,
    FlowKind,
    Group,
    Lane,
    LoopKind,
    Node,
    NodeKind,
    Pool,
    Process,
    TaskType,
    TextAnnotation,
    Verbatim,
)
from bpo_desktop.core.model.ids import new_id

Warn = Callable[[int | None, str], None]
COLLABORATION = "#collaboration"
#: Attributes every model element maps (never kept verbatim).
_MAPPED = {"name", "default"}
_MAPPED_BY_TAG = {
    "boundaryEvent": {"attachedToRef", "cancelActivity"},
    "startEvent": {"isInterrupting"},
    "sequenceFlow": {"sourceRef", "targetRef"},
    "messageFlow": {"sourceRef", "targetRef"},
    "association": {"sourceRef", "targetRef"},
    **{tag: {"isForCompensation"} for tag in (*TASKS, "callActivity")},
    **{tag: {"isForCompensation", "triggeredByEvent"} for tag in SUBPROCESSES},
}


@dataclass
class Context:
    process: Process
    warn: Warn
    taken: set[str]
    workspace: Container[str]
    by_id: dict[str, ElementDTO] = field(default_factory=dict)
    lane_of: dict[str, str] = field(default_factory=dict)  # node id → innermost lane
    pool_of: dict[str, str] = field(default_factory=dict)  # BPMN process id → pool id
    generated: set[str] = field(default_factory=set)  # data objects our writer made up
    category_values: dict[str, str] = field(default_factory=dict)  # id → a group's label
    skipped: set[str] = field(default_factory=set)

    def add(self, element: Element, record: Verbatim) -> None:
        self.process.elements[element.id] = element
        self.process.verbatim[element.id] = record

    def fresh(self, prefix: str) -> str:
        value = new_id(prefix, taken=_Either(self.taken, self.workspace))
        self.taken.add(value)
        return value

    def id_of(self, dto: ElementDTO, prefix: str) -> str:
        if not dto.id:
            dto.id = self.fresh(prefix)
            self.warn(dto.line, f"<{dto.tag}> without an id: given {dto.id!r}")
        return dto.id


class _Either:
    def __init__(self, a: Container[str], b: Container[str]) -> None:
        self.a, self.b = a, b

    def __contains__(self, item: object) -> bool:
        return item in self.a or item in self.b


def walk(dto: ElementDTO) -> Iterator[ElementDTO]:
    yield dto
    for child in dto.children:
        yield from walk(child)


def local_ref(value: str | None) -> str:
    return (value or "").strip().rpartition(":")[2]


def record(
    dto: ElementDTO,
    tag: str | None = None,
    parent: str = "",
    *,
    keep_name: bool = False,
    extra: dict[str, str] | None = None,
) -> Verbatim:
    """The verbatim part of an element: what the model does not map.

    `extra` holds content the writer rebuilds as child elements (documentation of containers,
    the unmapped end of a data association); it is kept as `#name` pseudo-attributes.
    """
    skip = _MAPPED | _MAPPED_BY_TAG.get(dto.tag, set())
    if keep_name:
        skip = skip - {"name"}
    attributes = [(k, v) for k, v in dto.attributes.items() if k not in skip]
    attributes.extend((f"#{k}", v) for k, v in (extra or {}).items() if v)
    written = tag or dto.tag
    pairs = tuple(attributes)
    children = tuple(r.xml for r in dto.raw)
    if written != dto.tag:  # the model changed its type: keep what the new type allows
        pairs, children = fit_attributes(pairs, written), fit_children(children, written)
    return Verbatim(
        tag=written,
        attributes=tuple(sorted(pairs)),
        children=children,
        extensions=tuple(dto.extensions),
        parent=parent,
    )


def properties(ctx: Context, dto: ElementDTO, cls: type) -> dict[str, Any]:
    """Field values from the element's `bpo:properties` (what BPMN cannot say)."""
    values: dict[str, Any] = {}
    for item in dto.bpo:
        if item.name == "properties":
            values.update(decode_fields(cls, item.attributes, item.line, ctx.warn))
        elif item.name != "generated":
            ctx.warn(item.line, f"unknown extension element bpo:{item.name} ignored")
    values.pop("id", None)
    return values


class ElementBuilder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # -- participants and lanes ---------------------------------------------------------------
    def pool(self, dto: ElementDTO) -> None:
        pool_id = self.ctx.id_of(dto, "Participant")
        pool = Pool(pool_id, dto.attributes.get("name", ""), dto.documentation or "")
        pool = replace(pool, **properties(self.ctx, dto, Pool))
        process_ref = local_ref(dto.attributes.get("processRef"))
        target = self.ctx.by_id.get(process_ref)
        if process_ref and (target is None or target.tag != "process"):
            self.ctx.warn(
                dto.line,
                f"participant {pool_id}: processRef {process_ref!r} is not a "
                "process of the file; dropped",
            )
            dto.attributes.pop("processRef", None)
        elif process_ref:
            self.ctx.pool_of.setdefault(process_ref, pool_id)
        self.ctx.add(pool, record(dto))

    def lanes(self, process_id: str, lane_sets: list[ElementDTO]) -> None:
        pool = self.ctx.pool_of.get(process_id)
        for index, lane_set in enumerate(lane_sets):
            if index == 0:
                self._lane_set_record(process_id, lane_set)
            else:
                self.ctx.warn(lane_set.line, "a second lane set was merged into the first")
            for position, lane in enumerate(lane_set.children):
                self._lane(lane, pool, position, "" if pool else process_id)

    def _lane_set_record(self, owner: str, dto: ElementDTO) -> None:
        if dto.id and dto.id != lane_set_id(owner):
            dto.attributes["id"] = dto.id
        self.ctx.process.verbatim[f"laneSet:{owner}"] = record(
            dto, extra={"documentation": dto.documentation or ""}
        )

    def _lane(self, dto: ElementDTO, parent: str | None, position: int, container: str) -> None:
        lane_id = self.ctx.id_of(dto, "Lane")
        lane = Lane(
            lane_id,
            dto.attributes.get("name", ""),
            parent,
            position=position,
            documentation=dto.documentation or "",
        )
        lane = replace(lane, **properties(self.ctx, dto, Lane), parent_id=parent)
        self.ctx.add(lane, record(dto, parent=container))
        for ref in dto.refs.get("flowNodeRef", []):
            self.ctx.lane_of[local_ref(ref)] = lane_id  # children come later: innermost wins
        for child_set in dto.children:
            self._lane_set_record(lane_id, child_set)
            for child_position, child in enumerate(child_set.children):
                self._lane(child, lane_id, child_position, "")

    # -- flow nodes, data and annotations (first pass) ----------------------------------------
    def contents(self, container: ElementDTO, container_key: str, parent: Node | None) -> None:
        """Nodes, data objects and text annotations of a process or sub-process."""
        for dto in container.children:
            if dto.tag in FLOW_NODES:
                self.node(dto, container_key, parent)
            elif dto.tag in DATA_TAGS:
                self.data(dto, container_key)
            elif dto.tag == "textAnnotation":
                self.text_annotation(dto, container_key)
            elif dto.tag == "group":
                self.group(dto, container_key)

    def node(self, dto: ElementDTO, container_key: str, parent: Node | None) -> None:
        node_id = self.ctx.id_of(dto, "Activity")
        node = Node(
            node_id,
            NODE_KINDS[dto.tag],
            name=dto.attributes.get("name", ""),
            lane_id=self.ctx.lane_of.get(node_id),
            parent_id=parent.id if parent else None,
            task_type=TASK_TYPES.get(dto.tag, TaskType.NONE),
            trigger=self._trigger(dto),
            attached_to=self._host(dto),
            documentation=dto.documentation or "",
            loop=_loop(dto),
            interrupting=_interrupting(dto),
            triggered_by_event=dto.tag in SUBPROCESSES and _flag(dto, "triggeredByEvent"),
            compensation=_flag(dto, "isForCompensation"),
            ad_hoc=dto.tag == "adHocSubProcess",
        )
        if node.kind is NodeKind.BOUNDARY_EVENT and node.attached_to is None:
            node = replace(node, kind=NodeKind.INTERMEDIATE_EVENT)  # no host: not a boundary
        node = replace(node, **properties(self.ctx, dto, Node))
        tag = dto.tag if node_fits(dto.tag, node) else node_tag(node)
        if tag != dto.tag:
            self.ctx.warn(dto.line, f"<{dto.tag}> {node_id} imported as <{tag}>")
        self.ctx.add(node, record(dto, tag, parent="" if parent else container_key))
        if node.kind is NodeKind.SUBPROCESS:
            self.contents(dto, node_id, node)

    def _trigger(self, dto: ElementDTO) -> EventTrigger:
        found = [TRIGGERS[split(r.tag)[1]] for r in dto.raw if split(r.tag)[1] in TRIGGERS]
        if len(found) > 1:
            self.ctx.warn(
                dto.line,
                f"{dto.id} has {len(found)} event definitions; the model "
                f"shows the first ({found[0]}), all are kept",
            )
        return found[0] if found else EventTrigger.NONE

    def _host(self, dto: ElementDTO) -> str | None:
        if dto.tag != "boundaryEvent":
            return None
        host = local_ref(dto.attributes.get("attachedToRef"))
        target = self.ctx.by_id.get(host)
        if target is None or target.tag not in FLOW_NODES:
            what = f"attachedToRef {host!r} is not an activity" if host else "no attachedToRef"
            self.ctx.warn(dto.line, f"boundary event {dto.id} has {what}")
            return None
        return host

    def data(self, dto: ElementDTO, container_key: str) -> None:
        if any(item.name == "generated" for item in dto.bpo):
            self.ctx.generated.add(dto.id)  # our writer's twin of a data object reference
            return
        data_id = self.ctx.id_of(dto, "DataObject")
        data = DataObject(
            data_id, dto.attributes.get("name", ""), DATA_TAGS[dto.tag], dto.documentation or ""
        )
        data = replace(data, **properties(self.ctx, dto, DataObject))
        tag = dto.tag if data_fits(dto.tag, data) else data_tag(data)
        if tag == "dataStore" and container_key:
            self.ctx.warn(
                dto.line,
                f"data store {data_id} moved to the top level (BPMN does "
                "not allow it inside a process)",
            )
        self.ctx.add(data, record(dto, tag, parent="" if dto.tag == "dataStore" else container_key))

    def text_annotation(self, dto: ElementDTO, container_key: str) -> None:
        annotation_id = self.ctx.id_of(dto, "TextAnnotation")
        annotation = TextAnnotation(annotation_id, dto.text or "")
        annotation = replace(annotation, **properties(self.ctx, dto, TextAnnotation))
        self.ctx.add(
            annotation,
            record(dto, parent=container_key, extra={"documentation": dto.documentation or ""}),
        )

    def group(self, dto: ElementDTO, container_key: str) -> None:
        """A group; its label is the value of the category value it refers to."""
        group_id = self.ctx.id_of(dto, "Group")
        value = local_ref(dto.attributes.get("categoryValueRef"))
        group = Group(group_id, self.ctx.category_values.get(value, ""), dto.documentation or "")
        group = replace(group, **properties(self.ctx, dto, Group))
        self.ctx.add(group, record(dto, parent=container_key))

    def tidy_data_references(self) -> None:
        """A reference keeps `dataObjectRef`/`dataStoreRef` only to a data object of the model.

        The writer makes up the data object of a reference that has none, so references to our
        writer's made-up ones need no record, and dangling ones are dropped.
        """
        elements = self.ctx.process.elements
        for key, kept in list(self.ctx.process.verbatim.items()):
            if kept.tag not in ("dataObjectReference", "dataStoreReference"):
                continue
            pairs = []
            for name, value in kept.attributes:
                target = local_ref(value)
                if name in ("dataObjectRef", "dataStoreRef") and not isinstance(
                    elements.get(target), DataObject
                ):
                    if target not in self.ctx.generated:
                        self.ctx.warn(None, f"{key}: {name} {target!r} is not a data object")
                    continue
                pairs.append((name, value))
            if tuple(pairs) != kept.attributes:
                self.ctx.process.verbatim[key] = replace(kept, attributes=tuple(pairs))


def _flag(dto: ElementDTO, name: str, default: bool = False) -> bool:
    """An xsd:boolean attribute ("true"/"1", "false"/"0", padded or not)."""
    value = dto.attributes.get(name)
    return default if value is None else value.strip() in ("true", "1")


def _interrupting(dto: ElementDTO) -> bool:
    if dto.tag == "boundaryEvent":
        return _flag(dto, "cancelActivity", default=True)
    return dto.tag != "startEvent" or _flag(dto, "isInterrupting", default=True)


def _loop(dto: ElementDTO) -> LoopKind:
    """The loop marker from the element's loop characteristics (kept as they are)."""
    for raw in dto.raw:
        local = split(raw.tag)[1]
        if local == "standardLoopCharacteristics":
            return LoopKind.STANDARD
        if local == "multiInstanceLoopCharacteristics":
            sequential = raw.attributes.get("isSequential", "").strip() in ("true", "1")
            return LoopKind.MI_SEQUENTIAL if sequential else LoopKind.MI_PARALLEL
    return LoopKind.NONE


def kind_of_flow(tag: str) -> FlowKind:
    return {
        "sequenceFlow": FlowKind.SEQUENCE,
        "messageFlow": FlowKind.MESSAGE,
        "association": FlowKind.ASSOCIATION,
    }.get(tag, FlowKind.DATA_ASSOCIATION)


def flow_element(dto: ElementDTO, flow_id: str, source: str, target: str, **extra: Any) -> Flow:
    return Flow(
        flow_id,
        source,
        target,
        kind_of_flow(dto.tag),
        name=dto.attributes.get("name", ""),
        documentation=dto.documentation or "",
        **extra,
    )
