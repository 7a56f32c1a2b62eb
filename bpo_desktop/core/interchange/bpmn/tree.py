"""The reader's second half: a parsed BPMN tree → `dto` records.

It structures what the model maps (containers, flow elements, lanes, participants, data
associations, diagrams) and serializes the rest, after the content-model check, as canonical
XML. It decides nothing about the model: that is the builder's job.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from bpo_desktop.core.interchange.bpmn.canonical import canonical
from bpo_desktop.core.interchange.bpmn.content_model import TypeInfo
from bpo_desktop.core.interchange.bpmn.dto import (
    Box,
    BpoItem,
    DiagramDTO,
    ElementDTO,
    Raw,
    ShapeDTO,
)
from bpo_desktop.core.interchange.bpmn.namespaces import (
    BPMN,
    BPO,
    DC,
    DI,
    OWN,
    bpmn,
    bpmndi,
    clark,
    split,
)
from bpo_desktop.core.interchange.bpmn.repair import Checker, display

TASKS = frozenset(
    {
        "task",
        "userTask",
        "manualTask",
        "serviceTask",
        "scriptTask",
        "sendTask",
        "receiveTask",
        "businessRuleTask",
    }
)
SUBPROCESSES = frozenset({"subProcess", "adHocSubProcess", "transaction"})
GATEWAYS = frozenset(
    {
        "exclusiveGateway",
        "parallelGateway",
        "inclusiveGateway",
        "eventBasedGateway",
        "complexGateway",
    }
)
EVENTS = frozenset(
    {
        "startEvent",
        "endEvent",
        "intermediateCatchEvent",
        "intermediateThrowEvent",
        "boundaryEvent",
        "implicitThrowEvent",
    }
)
FLOW_NODES = TASKS | SUBPROCESSES | GATEWAYS | EVENTS | {"callActivity"}
DATA = frozenset({"dataObject", "dataObjectReference", "dataStoreReference", "dataStore"})
ARTIFACTS = frozenset({"textAnnotation", "association", "group"})
_DATA_ASSOCIATIONS = frozenset({"dataInputAssociation", "dataOutputAssociation"})
#: Structured elements also serialized whole, for when the model cannot hold them.
_KEPT_WHOLE = _DATA_ASSOCIATIONS | {"association"}
_CONTAINER_CHILDREN = FLOW_NODES | DATA | ARTIFACTS | {"sequenceFlow"}
#: Which children each element gets structured (the rest is kept verbatim).
STRUCTURED: dict[str, frozenset[str]] = {
    "definitions": frozenset({"process", "collaboration", "dataStore"}),
    "process": _CONTAINER_CHILDREN | {"laneSet", "ioSpecification"},
    # a process's inputs and outputs are model data objects; an activity's stay verbatim
    "ioSpecification": frozenset({"dataInput", "dataOutput"}),
    "collaboration": frozenset({"participant", "messageFlow"}) | ARTIFACTS,
    "laneSet": frozenset({"lane"}),
    "childLaneSet": frozenset({"lane"}),
    "lane": frozenset({"childLaneSet"}),
    **{tag: _CONTAINER_CHILDREN | _DATA_ASSOCIATIONS for tag in SUBPROCESSES},
    **{tag: _DATA_ASSOCIATIONS for tag in (FLOW_NODES - SUBPROCESSES - GATEWAYS)},
}
REFERENCE_CHILDREN = frozenset({"flowNodeRef", "incoming", "outgoing", "sourceRef", "targetRef"})


def text_of(el: etree._Element) -> str:
    return "".join(el.itertext())


Warn = Callable[[int | None, str], None]


class TreeReader:
    def __init__(self, checker: Checker, warn: Warn) -> None:
        self.checker = checker
        self.model = checker.model
        self.warn = warn
        #: ids of elements the model will hold: their shapes need no verbatim copy
        self.structured: set[str] = set()

    # -- semantics ----------------------------------------------------------------------------
    def definitions(self, root: etree._Element) -> ElementDTO:
        info = self.model.element_type(bpmn("definitions"))
        assert info is not None
        return self.element(root, info, skip=frozenset({bpmndi("BPMNDiagram")}))

    def element(
        self, el: etree._Element, info: TypeInfo, skip: frozenset[str] = frozenset()
    ) -> ElementDTO:
        self.checker.attributes(el, info, strict=False)
        local = split(el.tag)[1]
        attributes = {k: v for k, v in el.attrib.items() if k != "id"}
        dto = ElementDTO(local, str(el.get("id") or ""), el.sourceline or 0, attributes)
        if dto.id and local not in _KEPT_WHOLE:
            self.structured.add(dto.id)
        docs: list[str] = []
        for child in el:
            if not isinstance(child.tag, str) or child.tag in skip:
                continue
            namespace, name = split(child.tag)
            if namespace != BPMN:
                self._stray(el, child, dto)
            elif name == "documentation":
                docs.append(text_of(child))
            elif name == "extensionElements":
                self._extensions(child, dto)
            elif name in REFERENCE_CHILDREN and len(child) == 0:
                dto.refs.setdefault(name, []).append((child.text or "").strip())
            elif name == "text" and local == "textAnnotation":
                dto.text = text_of(child)
            elif name in STRUCTURED.get(local, ()):
                child_info = self.model.child_type(info, child.tag)
                if child_info is not None:
                    dto.children.append(self.element(child, child_info))
            else:
                self._raw(el, info, child, dto)
        if docs:
            dto.documentation = "\n\n".join(docs)
        if local in _KEPT_WHOLE and self.checker.element(el, info):
            dto.xml = canonical(el)
        return dto

    def _raw(
        self, parent: etree._Element, info: TypeInfo, child: etree._Element, dto: ElementDTO
    ) -> None:
        rank = info.rank(child.tag, foreign=False)
        if rank is None:
            self.warn(
                child.sourceline,
                f"<{display(child.tag)}> not allowed in <{display(parent.tag)}>; dropped",
            )
            parent.remove(child)
            return
        child_info = self.model.child_type(info, child.tag)
        if child_info is None:  # simple content: text only
            ok = len(child) == 0 and not child.attrib
        else:
            ok = self.checker.element(child, child_info)
        if not ok:
            self.warn(child.sourceline, f"<{display(child.tag)}> dropped (invalid)")
            parent.remove(child)
            return
        text = (child.text or "") if len(child) == 0 else ""
        line, attributes = child.sourceline or 0, dict(child.attrib)
        dto.raw.append(Raw(child.tag, canonical(child), text, line, attributes))

    def _stray(self, parent: etree._Element, child: etree._Element, dto: ElementDTO) -> None:
        """A foreign element outside extensionElements: the schema wants it inside."""
        namespace = split(child.tag)[0]
        if namespace in OWN or namespace is None:
            self.warn(
                child.sourceline,
                f"<{display(child.tag)}> not allowed in <{display(parent.tag)}>; dropped",
            )
            return
        self.warn(child.sourceline, f"<{display(child.tag)}> moved into extensionElements")
        self._extension(child, dto)

    def _extensions(self, container: etree._Element, dto: ElementDTO) -> None:
        for child in container:
            if not isinstance(child.tag, str):
                continue
            namespace = split(child.tag)[0]
            if namespace in OWN or namespace is None:
                self.warn(
                    child.sourceline,
                    f"<{display(child.tag)}> not allowed in extensionElements; dropped",
                )
                continue
            if self.checker.lax(container, child):
                self._extension(child, dto)

    def _extension(self, child: etree._Element, dto: ElementDTO) -> None:
        if split(child.tag)[0] == BPO:
            dto.bpo.append(bpo_item(child))
        else:
            dto.extensions.append(canonical(child))

    # -- diagram interchange ------------------------------------------------------------------
    def diagrams(self, root: etree._Element) -> list[DiagramDTO]:
        out = []
        info = self.model.element_type(bpmndi("BPMNDiagram"))
        assert info is not None
        for index, diagram in enumerate(root.iter(bpmndi("BPMNDiagram"))):
            plane = diagram.find(bpmndi("BPMNPlane"))
            if plane is None:
                self.warn(diagram.sourceline, "a BPMNDiagram without a BPMNPlane was ignored")
                continue
            dto = self._diagram(diagram, plane)
            if index > 0 and self.checker.element(diagram, info):
                dto.xml = canonical(diagram)
            out.append(dto)
        return out

    def _diagram(self, diagram: etree._Element, plane: etree._Element) -> DiagramDTO:
        plane_attributes = {k: v for k, v in plane.attrib.items() if k != "bpmnElement"}
        kinds = (bpmndi("BPMNShape"), bpmndi("BPMNEdge"))
        shapes = [self._shape(child) for child in plane if child.tag in kinds]
        style_info = self.model.element_type(bpmndi("BPMNLabelStyle"))
        assert style_info is not None
        styles = [
            canonical(style)
            for style in diagram.findall(bpmndi("BPMNLabelStyle"))
            if self.checker.element(style, style_info)
        ]
        return DiagramDTO(
            attributes=dict(diagram.attrib),
            plane_element=_local_ref(plane.get("bpmnElement") or ""),
            plane_attributes=plane_attributes,
            shapes=shapes,
            styles=styles,
            xml="",
            line=diagram.sourceline or 0,
        )

    def _shape(self, el: etree._Element) -> ShapeDTO:
        is_edge = el.tag == bpmndi("BPMNEdge")
        info = self.model.element_type(el.tag)
        assert info is not None
        self.checker.attributes(el, info, strict=False)
        shape = ShapeDTO(
            element=_local_ref(el.get("bpmnElement") or ""),
            line=el.sourceline or 0,
            is_edge=is_edge,
            attributes={k: v for k, v in el.attrib.items() if k != "bpmnElement"},
        )
        if is_edge:
            shape.waypoints = tuple(
                p for p in (_point(w) for w in el.findall(clark(DI, "waypoint"))) if p
            )
        else:
            shape.bounds = _box(el.find(clark(DC, "Bounds")))
        label = el.find(bpmndi("BPMNLabel"))
        if label is not None:
            label_info = self.model.element_type(label.tag)
            assert label_info is not None
            self.checker.attributes(label, label_info, strict=False)
            shape.label_attributes = dict(label.attrib)
            shape.label_bounds = _box(label.find(clark(DC, "Bounds")))
        if shape.element not in self.structured and self.checker.element(el, info):
            shape.xml = canonical(el)
        return shape


def bpo_item(el: etree._Element) -> BpoItem:
    children = tuple(bpo_item(c) for c in el if isinstance(c.tag, str) and split(c.tag)[0] == BPO)
    text = (el.text or "") if not children else ""
    attributes = {k: v for k, v in el.attrib.items() if not k.startswith("{")}
    return BpoItem(split(el.tag)[1], attributes, text, children, el.sourceline or 0)


def _local_ref(value: str) -> str:
    return value.strip().rpartition(":")[2]


def _box(el: etree._Element | None) -> Box | None:
    if el is None:
        return None
    try:
        box = tuple(float(el.get(k, "")) for k in ("x", "y", "width", "height"))
    except ValueError:
        return None
    if any(v != v or v in (float("inf"), float("-inf")) for v in box):
        return None
    return (box[0], box[1], box[2], box[3])


def _point(el: etree._Element) -> tuple[float, float] | None:
    try:
        x, y = float(el.get("x", "")), float(el.get("y", ""))
    except ValueError:
        return None
    if any(v != v or v in (float("inf"), float("-inf")) for v in (x, y)):
        return None
    return (x, y)
