"""Writer, part 2: model elements → BPMN semantic XML (processes, collaboration, lanes, flows)."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from bpo_desktop.core.interchange.bpmn import defaults
from bpo_desktop.core.interchange.bpmn.bpo import properties_item
from bpo_desktop.core.interchange.bpmn.content_model import content_model
from bpo_desktop.core.interchange.bpmn.dto import BpoItem
from bpo_desktop.core.interchange.bpmn.expressed import extra_properties
from bpo_desktop.core.interchange.bpmn.fit import fit_attributes, fit_children
from bpo_desktop.core.interchange.bpmn.mapping import (
    DEFINITION_TAGS,
    TRIGGERS,
    data_fits,
    data_tag,
    flow_fits,
    node_fits,
    node_tag,
)
from bpo_desktop.core.interchange.bpmn.namespaces import XSI, bpmn, bpo, split
from bpo_desktop.core.interchange.bpmn.plan import Container, Plan, attribute, local_ref
from bpo_desktop.core.interchange.bpmn.write_flags import group_label, write_flags, write_loop
from bpo_desktop.core.interchange.bpmn.xmlout import (
    bpo_element,
    expression_text,
    fragment,
    order_children,
)
from bpo_desktop.core.model import (
    DataObject,
    Element,
    EventTrigger,
    Flow,
    FlowKind,
    Group,
    Lane,
    Node,
    NodeKind,
    Pool,
    TextAnnotation,
    Verbatim,
)

_FLOW_ELEMENT_ORDER = (Node, DataObject, Flow)  # nodes and data before the flows between them


class SemanticWriter:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.process = plan.process
        self.elements = plan.process.elements
        self.kept = plan.process.verbatim
        self.generated_roots: list[etree._Element] = []  # data stores made up for references
        #: categoryValue id → value, of the categories kept from an import (group labels)
        self.category_values: dict[str, str] = {}
        #: Elements carrying kept content, for the writer's last schema check.
        self.to_check: list[etree._Element] = []
        self.incoming: dict[str, list[str]] = {}
        self.outgoing: dict[str, list[str]] = {}
        self.default_flow: dict[str, str] = {}
        for flow in self.elements.values():
            if isinstance(flow, Flow) and flow.kind is FlowKind.SEQUENCE:
                self.incoming.setdefault(flow.target, []).append(flow.id)
                self.outgoing.setdefault(flow.source, []).append(flow.id)
                if flow.is_default:
                    self.default_flow.setdefault(flow.source, flow.id)

    # -- shared pieces ------------------------------------------------------------------------
    def base(
        self,
        parent: etree._Element,
        tag: str,
        element_id: str,
        kept: Verbatim | None,
        *,
        name: str = "",
        documentation: str = "",
        bpo_items: Iterable[BpoItem] = (),
    ) -> etree._Element:
        """An element with id, name, kept attributes and children, docs and extensions."""
        el = etree.SubElement(parent, bpmn(tag))
        el.set("id", element_id)
        if name:
            el.set("name", name)
        pairs = fit_attributes(kept.attributes, tag) if kept else ()
        for key, value in pairs:
            if not key.startswith("#") and key not in ("id", "name"):
                el.set(key, value)
        documentation = documentation or (attribute(kept, "#documentation") or "")
        if documentation:
            etree.SubElement(el, bpmn("documentation")).text = documentation
        self.extensions(el, kept, bpo_items)
        for xml in fit_children(kept.children, tag) if kept else ():
            el.append(fragment(xml))
        if kept is not None and (kept.attributes or kept.children):
            self.to_check.append(el)
        return el

    def extensions(
        self, el: etree._Element, kept: Verbatim | None, items: Iterable[BpoItem]
    ) -> None:
        foreign = kept.extensions if kept else ()
        items = list(items)
        if not foreign and not items:
            return
        holder = etree.SubElement(el, bpmn("extensionElements"))
        for xml in foreign:
            holder.append(fragment(xml))
        for item in items:
            holder.append(bpo_element(item))

    # -- containers ---------------------------------------------------------------------------
    def contents(self, parent: etree._Element, container: Container) -> None:
        members = self.plan.contents(container)
        for kind in _FLOW_ELEMENT_ORDER:
            for element in members:
                if isinstance(element, kind) and not _is_artifact(element):
                    self.flow_element(parent, element)
        for element in members:
            if _is_artifact(element):
                self.artifact(parent, element)

    def flow_element(self, parent: etree._Element, element: Element) -> None:
        if isinstance(element, Node):
            self.node(parent, element)
        elif isinstance(element, DataObject):
            self.data(parent, element)
        elif isinstance(element, Flow) and element.kind is FlowKind.SEQUENCE:
            self.sequence_flow(parent, element)

    # -- flow nodes ---------------------------------------------------------------------------
    def node(self, parent: etree._Element, node: Node) -> None:
        kept = self.kept.get(node.id)
        tag = kept.tag if kept and node_fits(kept.tag, node) else node_tag(node)
        props = properties_item(extra_properties(self.process, node))
        el = self.base(
            parent,
            tag,
            node.id,
            kept,
            name=node.name,
            documentation=node.documentation,
            bpo_items=[props] if props else [],
        )
        if node.kind is NodeKind.BOUNDARY_EVENT and node.attached_to:
            el.set("attachedToRef", node.attached_to)
        info = content_model().element_type(bpmn(tag))
        write_flags(el, node, info.attributes if info is not None else ())
        if node.kind.is_activity:
            write_loop(el, node)
        default = self.default_flow.get(node.id)
        if default and info is not None and "default" in info.attributes:
            el.set("default", default)
        for flow_id in self.incoming.get(node.id, []):
            etree.SubElement(el, bpmn("incoming")).text = flow_id
        for flow_id in self.outgoing.get(node.id, []):
            etree.SubElement(el, bpmn("outgoing")).text = flow_id
        if node.kind.is_event:
            self._event_definitions(el, node)
        for flow in self.plan.data_associations.get(node.id, []):
            self.data_association(el, node, flow)
        if node.kind is NodeKind.SUBPROCESS:
            self.contents(el, ("sub", node.id))
        order_children(el)

    def _event_definitions(self, el: etree._Element, node: Node) -> None:
        kept = [c for c in el if isinstance(c.tag, str) and split(c.tag)[1] in TRIGGERS]
        matches = any(TRIGGERS[split(c.tag)[1]] is node.trigger for c in kept)
        if node.trigger is EventTrigger.NONE or not matches:
            for child in kept:
                el.remove(child)
        if node.trigger is EventTrigger.NONE or matches:
            return
        definition = etree.SubElement(el, bpmn(DEFINITION_TAGS[node.trigger]))
        definition.set("id", defaults.event_definition_id(node.id))
        if node.trigger is EventTrigger.CONDITIONAL:
            etree.SubElement(definition, bpmn("condition")).set(
                f"{{{XSI}}}type", "bpmn:tFormalExpression"
            )
        elif node.trigger is EventTrigger.LINK:
            definition.set("name", node.name)

    def data_association(self, el: etree._Element, node: Node, flow: Flow) -> None:
        is_input = flow.target == node.id
        tag = "dataInputAssociation" if is_input else "dataOutputAssociation"
        kept = self.kept.get(flow.id)
        kept = kept if kept is not None and kept.tag == tag else None
        props = properties_item(extra_properties(self.process, flow))
        assoc = self.base(el, tag, flow.id, kept, bpo_items=[props] if props else [])
        other = attribute(kept, "#targetRef" if is_input else "#sourceRef")
        data_end = flow.source if is_input else flow.target
        if is_input:
            etree.SubElement(assoc, bpmn("sourceRef")).text = data_end
            if not other:  # the schema wants a target: a placeholder property, as bpmn-js does
                other = defaults.placeholder_id(flow.id)
                prop = etree.SubElement(el, bpmn("property"))
                prop.set("id", other)
                prop.set("name", "__targetRef_placeholder")
            for ref in other.split()[:1]:
                etree.SubElement(assoc, bpmn("targetRef")).text = ref
        else:
            for ref in (other or "").split():
                etree.SubElement(assoc, bpmn("sourceRef")).text = ref
            etree.SubElement(assoc, bpmn("targetRef")).text = data_end
        order_children(assoc)
        self.to_check.append(assoc)  # its other end is a kept id

    # -- data, flows, artifacts ---------------------------------------------------------------
    def data(self, parent: etree._Element, data: DataObject) -> None:
        kept = self.kept.get(data.id)
        tag = kept.tag if kept and data_fits(kept.tag, data) else data_tag(data)
        props = properties_item(extra_properties(self.process, data))
        el = self.base(
            parent,
            tag,
            data.id,
            kept,
            name=data.name,
            documentation=data.documentation,
            bpo_items=[props] if props else [],
        )
        if tag in ("dataObjectReference", "dataStoreReference"):
            self._twin(parent, el, tag, data)
        order_children(el)

    def _twin(self, parent: etree._Element, el: etree._Element, tag: str, data: DataObject) -> None:
        """A reference points at a data object (or store): make one up if it has none."""
        ref_name = "dataObjectRef" if tag == "dataObjectReference" else "dataStoreRef"
        target = self.elements.get(local_ref(el.get(ref_name)))
        if isinstance(target, DataObject) and target.id != data.id:
            return
        twin_id = defaults.data_twin_id(data.id)
        el.set(ref_name, twin_id)
        twin_tag = "dataObject" if tag == "dataObjectReference" else "dataStore"
        twin = etree.Element(bpmn(twin_tag))
        twin.set("id", twin_id)
        if data.name:
            twin.set("name", data.name)
        holder = etree.SubElement(twin, bpmn("extensionElements"))
        etree.SubElement(holder, bpo("generated"))
        if twin_tag == "dataStore":
            self.generated_roots.append(twin)
        else:
            el.addprevious(twin)

    def sequence_flow(self, parent: etree._Element, flow: Flow) -> None:
        kept = self.kept.get(flow.id)
        kept = kept if kept is not None and flow_fits(kept.tag, flow) else None
        props = properties_item(extra_properties(self.process, flow))
        el = self.base(
            parent,
            "sequenceFlow",
            flow.id,
            kept,
            name=flow.name,
            documentation=flow.documentation,
            bpo_items=[props] if props else [],
        )
        el.set("sourceRef", flow.source)
        el.set("targetRef", flow.target)
        existing = el.find(bpmn("conditionExpression"))
        if existing is not None and (
            not flow.conditional or expression_text(existing) != flow.condition
        ):
            if flow.conditional and not len(existing):
                existing.text = flow.condition or None  # keeps its language and type
            else:
                el.remove(existing)
                existing = None
        if flow.conditional and existing is None:
            expression = etree.SubElement(el, bpmn("conditionExpression"))
            expression.set(f"{{{XSI}}}type", "bpmn:tFormalExpression")
            expression.text = flow.condition or None
        order_children(el)

    def simple(
        self, parent: etree._Element, tag: str, element: Element, *, name: str = ""
    ) -> etree._Element:
        """`base` for an element whose kept content is reused only under the same tag, with
        our extra properties as its bpo: extension."""
        kept = self.kept.get(element.id)
        kept = kept if kept is not None and kept.tag == tag else None
        props = properties_item(extra_properties(self.process, element))
        return self.base(
            parent,
            tag,
            element.id,
            kept,
            name=name,
            documentation=getattr(element, "documentation", ""),
            bpo_items=[props] if props else [],
        )

    def connection(self, parent: etree._Element, tag: str, flow: Flow, *, name: str) -> None:
        el = self.simple(parent, tag, flow, name=name)
        el.set("sourceRef", flow.source)
        el.set("targetRef", flow.target)
        order_children(el)

    def artifact(self, parent: etree._Element, element: Element) -> None:
        if isinstance(element, Group):
            self.group(parent, element)
            return
        if isinstance(element, TextAnnotation):
            el = self.simple(parent, "textAnnotation", element)
            if element.text:
                etree.SubElement(el, bpmn("text")).text = element.text
            order_children(el)
            return
        assert isinstance(element, Flow)
        self.connection(parent, "association", element, name="")

    def group(self, parent: etree._Element, group: Group) -> None:
        el = self.simple(parent, "group", group)
        category = group_label(el, group, self.category_values)
        if category is not None:
            self.generated_roots.append(category)
        order_children(el)

    # -- collaboration pieces -----------------------------------------------------------------
    def participant(self, parent: etree._Element, pool: Pool) -> None:
        el = self.simple(parent, "participant", pool, name=pool.name)
        process_id = self.plan.pool_process.get(pool.id)
        if process_id and el.get("processRef") is None:
            el.set("processRef", process_id)
        order_children(el)

    def message_flow(self, parent: etree._Element, flow: Flow) -> None:
        self.connection(parent, "messageFlow", flow, name=flow.name)

    def lane_set(self, parent: etree._Element, owner: str, lanes: list[Lane]) -> None:
        kept = self.kept.get(f"laneSet:{owner}")
        lane_set_id = attribute(kept, "id") or defaults.lane_set_id(owner)
        tag = "laneSet" if parent.tag != bpmn("lane") else "childLaneSet"
        el = etree.SubElement(parent, bpmn(tag))
        el.set("id", lane_set_id)
        for key, value in fit_attributes(kept.attributes, "laneSet") if kept else ():
            if not key.startswith("#") and key != "id":
                el.set(key, value)
        documentation = attribute(kept, "#documentation")
        if documentation:
            etree.SubElement(el, bpmn("documentation")).text = documentation
        for lane in lanes:
            self.lane(el, lane)
        order_children(el)

    def lane(self, parent: etree._Element, lane: Lane) -> None:
        kept = self.kept.get(lane.id)
        kept = kept if kept is not None and kept.tag == "lane" else None
        props = properties_item(extra_properties(self.process, lane))
        el = self.base(
            parent,
            "lane",
            lane.id,
            kept,
            name=lane.name,
            documentation=lane.documentation,
            bpo_items=[props] if props else [],
        )
        for node in self.elements.values():
            if isinstance(node, Node) and node.lane_id == lane.id:
                etree.SubElement(el, bpmn("flowNodeRef")).text = node.id
        children = [
            e for e in self.elements.values() if isinstance(e, Lane) and e.parent_id == lane.id
        ]
        if children or f"laneSet:{lane.id}" in self.kept:
            self.lane_set(el, lane.id, sorted(children, key=lambda c: c.position))
        order_children(el)


def _is_artifact(element: Element) -> bool:
    return isinstance(element, TextAnnotation | Group) or (
        isinstance(element, Flow) and element.kind is FlowKind.ASSOCIATION
    )
