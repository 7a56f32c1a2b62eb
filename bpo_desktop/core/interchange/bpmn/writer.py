"""A model `Process` → BPMN 2.0 XML bytes with BPMNDI. Pure: same input, same bytes.

The semantic part comes from the model, our extension carries what BPMN cannot say, and
content kept verbatim from an import is written back where it was. A last pass makes sure the
document is schema-valid even when edits left kept content pointing at deleted elements.
"""

from __future__ import annotations

from lxml import etree

from bpo_desktop import __version__
from bpo_desktop.core.interchange.bpmn import defaults
from bpo_desktop.core.interchange.bpmn.bpo import process_items
from bpo_desktop.core.interchange.bpmn.builder import DEFINITIONS
from bpo_desktop.core.interchange.bpmn.content_model import content_model
from bpo_desktop.core.interchange.bpmn.dto import BpoItem
from bpo_desktop.core.interchange.bpmn.namespaces import (
    COLOURS,
    OWN,
    PREFIXES,
    bpmn,
    bpmndi,
    split,
)
from bpo_desktop.core.interchange.bpmn.plan import (
    COLLAB,
    ROOT,
    Plan,
    attribute,
    lanes_of_process,
    make_plan,
)
from bpo_desktop.core.interchange.bpmn.repair import Checker
from bpo_desktop.core.interchange.bpmn.write_di import write_diagrams
from bpo_desktop.core.interchange.bpmn.write_io import write_io_specification
from bpo_desktop.core.interchange.bpmn.write_semantic import SemanticWriter
from bpo_desktop.core.interchange.bpmn.xmlout import order_children
from bpo_desktop.core.model import (
    DataObject,
    Flow,
    FlowKind,
    Node,
    Pool,
    Process,
    ShapeLayout,
    System,
    Workspace,
)

EXPORTER = "BPO Desktop"
_DI_REFERENCES = ("sourceElement", "targetElement", "labelStyle")


def write_process(process: Process, workspace: Workspace) -> bytes:
    root = _Writer(process, workspace).document()
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


class _Writer:
    def __init__(self, process: Process, workspace: Workspace) -> None:
        self.process = process
        self.workspace = workspace
        self.plan: Plan = make_plan(process)
        self.semantic = SemanticWriter(self.plan)

    def document(self) -> etree._Element:
        process, plan = self.process, self.plan
        kept = process.verbatim.get(DEFINITIONS)
        nsmap = _namespaces(kept.attributes if kept else ())
        if _uses_colours(process):
            for prefix, uri in COLOURS.items():
                _declare(nsmap, prefix, uri)
        root = etree.Element(bpmn("definitions"), nsmap=nsmap)
        root.set("id", attribute(kept, "id") or self._definitions_id())
        for key, value in kept.attributes if kept else ():
            if key not in ("id",) and not key.startswith(("xmlns", "#")):
                root.set(key, value)
        if root.get("targetNamespace") is None:
            root.set("targetNamespace", defaults.target_namespace(process.id))
        if not (plan.has_collaboration or plan.processes):
            root.set("name", process.name)  # nothing else carries the process's name
        root.set("exporter", EXPORTER)
        root.set("exporterVersion", __version__)
        to_check = self.semantic.to_check
        for xml in kept.children if kept else ():
            to_check.append(etree.fromstring(xml))
            root.append(to_check[-1])
        self.semantic.category_values = {
            str(value.get("id")): value.get("value") or ""
            for value in root.iter(bpmn("categoryValue"))
        }
        for element in plan.contents(ROOT):
            if isinstance(element, DataObject):
                self.semantic.data(root, element)
        if plan.has_collaboration:
            self._collaboration(root)
        for process_id in list(plan.processes):
            self._process(root, process_id)
        for twin in self.semantic.generated_roots:
            root.append(twin)
        to_check.extend(write_diagrams(root, plan))
        order_children(root)
        _finish(root, to_check)
        return root

    def _definitions_id(self) -> str:
        has_main = self.plan.has_collaboration or bool(self.plan.processes)
        return defaults.definitions_id(self.process.id) if has_main else self.process.id

    def _collaboration(self, root: etree._Element) -> None:
        process = self.process
        kept = process.verbatim.get("#collaboration")
        el = self.semantic.base(
            root,
            "collaboration",
            process.id,
            kept,
            name=process.name,
            documentation=process.documentation,
            bpo_items=self._process_items(),
        )
        for element in process.elements.values():
            if isinstance(element, Pool):
                self.semantic.participant(el, element)
        for element in process.elements.values():
            if isinstance(element, Flow) and element.kind is FlowKind.MESSAGE:
                self.semantic.message_flow(el, element)
        for element in self.plan.contents(COLLAB):
            self.semantic.artifact(el, element)
        order_children(el)

    def _process(self, root: etree._Element, process_id: str) -> None:
        plan, process = self.plan, self.process
        kept = process.verbatim.get(f"process:{process_id}")
        is_main = not plan.has_collaboration and process_id == plan.main_process
        el = self.semantic.base(
            root,
            "process",
            process_id,
            kept,
            name=process.name if is_main else attribute(kept, "name") or "",
            documentation=process.documentation if is_main else "",
            bpo_items=self._process_items() if is_main else (),
        )
        if kept is None:
            el.set("isExecutable", "false")
        lanes = lanes_of_process(plan, process_id)
        if lanes or f"laneSet:{process_id}" in process.verbatim:
            self.semantic.lane_set(el, process_id, lanes)
        write_io_specification(self.semantic, el, process_id)
        self.semantic.contents(el, ("process", process_id))
        order_children(el)

    def _process_items(self) -> list[BpoItem]:
        process = self.process
        return process_items(
            process.owner,
            self._systems(),
            process.annotations.values(),
            process.scenarios.values(),
        )

    def _systems(self) -> list[System]:
        """The catalogue entries this process refers to, so another workspace can add them."""
        wanted: dict[str, None] = {}
        for element in self.process.elements.values():
            if isinstance(element, Node) and element.system_id:
                wanted[element.system_id] = None
        for scenario in self.process.scenarios.values():
            for changes in scenario.overrides.values():
                if isinstance(changes.get("system_id"), str):
                    wanted[changes["system_id"]] = None
            for added in scenario.added:
                if isinstance(added, Node) and added.system_id:
                    wanted[added.system_id] = None
        systems = self.workspace.systems
        return [systems[s] for s in wanted if s in systems]


def _namespaces(attributes: tuple[tuple[str, str], ...]) -> dict[str | None, str]:
    """Our standard prefixes first (kept XML uses them), then the imported file's others."""
    recorded: dict[str, str] = {}
    for key, uri in attributes:
        if key.startswith("xmlns:") and _usable(key[6:], uri):
            recorded.setdefault(key[6:], uri)
    declared: dict[str | None, str] = {}
    for prefix, uri in PREFIXES.items():
        if prefix == "xsd":
            continue
        if recorded.get(prefix, uri) == uri:
            declared[prefix] = uri
        elif uri not in recorded.values():
            n = 2
            while f"{prefix}{n}" in recorded:
                n += 1
            declared[f"{prefix}{n}"] = uri
    for prefix, uri in recorded.items():
        declared.setdefault(prefix, uri)
    return declared


def _uses_colours(process: Process) -> bool:
    """Whether the export has colour attributes (from the layout, or kept on a shape or a
    label): their namespaces are declared on the root, not invented per element."""
    for layout in process.layout.values():
        if (
            layout.stroke
            or layout.label_colour
            or (isinstance(layout, ShapeLayout) and layout.fill)
        ):
            return True
    marks = tuple(f"{{{uri}}}" for uri in COLOURS.values())
    return any(
        key.startswith(marks)
        for kept in process.verbatim.values()
        for key, _value in (*kept.shape, *kept.label, *kept.attributes)
    )


def _declare(nsmap: dict[str | None, str], prefix: str, uri: str) -> None:
    """Declare `uri` under `prefix` (or `prefix2`…) unless it is declared already."""
    if uri in nsmap.values():
        return
    candidate, n = prefix, 1
    while candidate in nsmap:
        n += 1
        candidate = f"{prefix}{n}"
    nsmap[candidate] = uri


def _usable(prefix: str | None, uri: str) -> bool:
    try:
        etree.Element("probe", nsmap={prefix: uri})
    except ValueError:
        return False
    return True


def _finish(root: etree._Element, kept: list[etree._Element]) -> None:
    """Unique ids, no dangling diagram references, and schema-valid kept content.

    What the writer builds from the model is valid by construction (the corpus tests validate
    every export); `kept` are the elements that carry imported content, checked again here
    because edits may have removed what they point at.
    """
    seen: set[str] = set()
    for el in root.iter():
        if not isinstance(el.tag, str) or split(el.tag)[0] not in OWN:
            continue
        element_id = el.get("id")
        if element_id is None:
            continue
        candidate, n = element_id, 1
        while candidate in seen:
            n += 1
            candidate = f"{element_id}_{n}"
        if candidate != element_id:
            el.set("id", candidate)
        seen.add(candidate)
    for shape in [*root.iter(bpmndi("BPMNShape")), *root.iter(bpmndi("BPMNEdge"))]:
        target = (shape.get("bpmnElement") or "").rpartition(":")[2]
        if target not in seen:
            parent = shape.getparent()
            if parent is not None:
                parent.remove(shape)
            continue
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name in _DI_REFERENCES:
            value = el.get(name)
            if value is not None and value.rpartition(":")[2] not in seen:
                del el.attrib[name]
    model = content_model()
    checker = Checker(model, seen, lambda line, message: None)
    for el in kept:
        parent = el.getparent()
        if parent is None:
            continue  # removed above with its dangling shape
        info = model.element_type(el.tag)
        if info is not None and not checker.element(el, info):
            parent.remove(el)
