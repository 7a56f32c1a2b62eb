"""Builder, part 2: connections (sequence and message flows, associations, data associations).

They run after every node and data object exists, because references may point forward.
"""

from __future__ import annotations

from dataclasses import replace

from bpo_desktop.core.interchange.bpmn.build_elements import (
    Context,
    flow_element,
    local_ref,
    properties,
    record,
)
from bpo_desktop.core.interchange.bpmn.defaults import placeholder_id
from bpo_desktop.core.interchange.bpmn.dto import ElementDTO
from bpo_desktop.core.interchange.bpmn.fit import child_tag
from bpo_desktop.core.interchange.bpmn.namespaces import bpmn, split
from bpo_desktop.core.interchange.bpmn.tree import FLOW_NODES, SUBPROCESSES
from bpo_desktop.core.model import DataObject, Flow


class FlowBuilder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def connections(self, container: ElementDTO, container_key: str) -> None:
        for dto in container.children:
            if dto.tag == "sequenceFlow":
                self.sequence_flow(dto)
            elif dto.tag == "association":
                self.association(dto, container_key)
            elif dto.tag in FLOW_NODES and dto.id in self.ctx.process.elements:
                for child in dto.children:
                    if child.tag in ("dataInputAssociation", "dataOutputAssociation"):
                        self.data_association(child, dto.id)
                if dto.tag in SUBPROCESSES:
                    self.connections(dto, dto.id)

    def _ends(self, dto: ElementDTO, kind: str) -> tuple[str, str] | None:
        source = local_ref(dto.attributes.get("sourceRef"))
        target = local_ref(dto.attributes.get("targetRef"))
        elements = self.ctx.process.elements
        for end, value in (("sourceRef", source), ("targetRef", target)):
            if value not in elements:
                problem = (
                    f"{end} {value!r} is not an element of the diagram" if value else (f"no {end}")
                )
                self.ctx.warn(dto.line, f"{kind} {dto.id or '(no id)'} skipped: {problem}")
                self.ctx.skipped.add(dto.id)
                return None
        return source, target

    def sequence_flow(self, dto: ElementDTO) -> None:
        ends = self._ends(dto, "sequence flow")
        if ends is None:
            return
        flow_id = self.ctx.id_of(dto, "Flow")
        expression = next((r for r in dto.raw if split(r.tag)[1] == "conditionExpression"), None)
        condition = expression.text if expression is not None else ""
        source_dto = self.ctx.by_id.get(ends[0])
        is_default = (
            source_dto is not None and local_ref(source_dto.attributes.get("default")) == flow_id
        )
        flow = flow_element(
            dto,
            flow_id,
            *ends,
            condition=condition,
            conditional=expression is not None,
            is_default=is_default,
        )
        self.ctx.add(replace(flow, **properties(self.ctx, dto, Flow)), record(dto))

    def message_flow(self, dto: ElementDTO) -> None:
        ends = self._ends(dto, "message flow")
        if ends is None:
            return
        flow = flow_element(dto, self.ctx.id_of(dto, "Flow"), *ends)
        self.ctx.add(replace(flow, **properties(self.ctx, dto, Flow)), record(dto))

    def association(self, dto: ElementDTO, container_key: str) -> None:
        source = local_ref(dto.attributes.get("sourceRef"))
        target = local_ref(dto.attributes.get("targetRef"))
        elements = self.ctx.process.elements
        if source not in elements or target not in elements:
            self._keep(dto, container_key, "an end is not an element of the diagram")
            return
        flow = flow_element(dto, self.ctx.id_of(dto, "Association"), source, target)
        flow = replace(flow, **properties(self.ctx, dto, Flow))
        self.ctx.add(flow, record(dto, parent=container_key))

    def data_association(self, dto: ElementDTO, node_id: str) -> None:
        """`dataInputAssociation`: data object → node; `dataOutputAssociation`: node → data."""
        is_input = dto.tag == "dataInputAssociation"
        data_refs = dto.refs.get("sourceRef" if is_input else "targetRef", [])
        other_refs = dto.refs.get("targetRef" if is_input else "sourceRef", [])
        elements = self.ctx.process.elements
        data = [local_ref(r) for r in data_refs]
        if len(data) != 1 or not isinstance(elements.get(data[0]), DataObject):
            self._keep(dto, node_id, "its data end is not a data object of the diagram")
            return
        flow_id = self.ctx.id_of(dto, "DataAssociation")
        ends = (data[0], node_id) if is_input else (node_id, data[0])
        flow = replace(flow_element(dto, flow_id, *ends), **properties(self.ctx, dto, Flow))
        other_ids = " ".join(local_ref(r) for r in other_refs if local_ref(r) in self.ctx.taken)
        if is_input and other_ids == placeholder_id(flow_id):
            other_ids = ""  # the writer's own placeholder: it makes it again
            self._drop_placeholder(node_id, placeholder_id(flow_id))
        extra = {"targetRef": other_ids} if is_input else {"sourceRef": other_ids}
        self.ctx.add(flow, record(dto, extra=extra))

    def _drop_placeholder(self, node_id: str, property_id: str) -> None:
        kept = self.ctx.process.verbatim.get(node_id)
        if kept is None:
            return
        marker = f'id="{property_id}"'
        children = tuple(
            xml
            for xml in kept.children
            if not (child_tag(xml) == bpmn("property") and marker in xml)
        )
        self.ctx.process.verbatim[node_id] = replace(kept, children=children)

    def _keep(self, dto: ElementDTO, container_key: str, why: str) -> None:
        """A connection the model cannot hold: keep it verbatim in its container."""
        if not dto.xml:
            self.ctx.warn(dto.line, f"<{dto.tag}> {dto.id} dropped: {why}")
            self.ctx.skipped.add(dto.id)
            return
        verbatim = self.ctx.process.verbatim
        holder = container_key if container_key in verbatim else f"process:{container_key}"
        if holder not in verbatim:
            self.ctx.warn(dto.line, f"<{dto.tag}> {dto.id} dropped: {why}")
            self.ctx.skipped.add(dto.id)
            return
        kept = self.ctx.process.verbatim[holder]
        self.ctx.process.verbatim[holder] = replace(kept, children=(*kept.children, dto.xml))
        self.ctx.warn(dto.line, f"<{dto.tag}> {dto.id} kept for export only: {why}")
