"""The Process aggregate: semantic elements, their layout, annotations and scenarios."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from bpo_desktop.core.model.annotations import Annotation
from bpo_desktop.core.model.elements import (
    DataObject,
    Element,
    Flow,
    Group,
    Lane,
    Node,
    Pool,
    TextAnnotation,
)
from bpo_desktop.core.model.enums import FlowKind
from bpo_desktop.core.model.layout import Layout
from bpo_desktop.core.model.scenario import Scenario
from bpo_desktop.core.model.verbatim import Verbatim


@dataclass(eq=True)
class Process:
    """One process diagram. Only command handlers and builders mutate it."""

    id: str
    name: str
    documentation: str = ""
    owner: str = ""
    elements: dict[str, Element] = field(default_factory=dict)
    layout: dict[str, Layout] = field(default_factory=dict)
    annotations: dict[str, Annotation] = field(default_factory=dict)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    #: BPMN content kept verbatim from an import, by element id or container key (not stored
    #: in `.bpo` files yet; see core/interchange/bpmn).
    verbatim: dict[str, Verbatim] = field(default_factory=dict)

    # -- lookups -------------------------------------------------------------------------
    def nodes(self) -> Iterator[Node]:
        return (e for e in self.elements.values() if isinstance(e, Node))

    def flows(self, kind: FlowKind | None = FlowKind.SEQUENCE) -> Iterator[Flow]:
        """Sequence flows by default; `kind=None` gives every connection."""
        return (
            e
            for e in self.elements.values()
            if isinstance(e, Flow) and (kind is None or e.kind is kind)
        )

    def lanes(self) -> list[Lane]:
        lanes = [e for e in self.elements.values() if isinstance(e, Lane)]
        return sorted(lanes, key=lambda lane: lane.position)

    def pools(self) -> list[Pool]:
        return [e for e in self.elements.values() if isinstance(e, Pool)]

    def text_annotations(self) -> list[TextAnnotation]:
        return [e for e in self.elements.values() if isinstance(e, TextAnnotation)]

    def data_objects(self) -> list[DataObject]:
        return [e for e in self.elements.values() if isinstance(e, DataObject)]

    def node(self, element_id: str) -> Node:
        element = self.elements[element_id]
        if not isinstance(element, Node):
            raise KeyError(f"{element_id} is not a flow node")
        return element

    def node_by_name(self, name: str) -> Node:
        for node in self.nodes():
            if node.name == name:
                return node
        raise KeyError(f"no step named {name!r} in {self.name!r}")

    def lane_by_name(self, name: str) -> Lane:
        for lane in self.lanes():
            if lane.name == name:
                return lane
        raise KeyError(f"no lane named {name!r} in {self.name!r}")

    def connections_of(self, element_id: str) -> list[Flow]:
        """Every flow that starts or ends at the element."""
        return [f for f in self.flows(kind=None) if element_id in (f.source, f.target)]

    def has_id(self, element_id: str) -> bool:
        return (
            element_id in self.elements
            or element_id in self.annotations
            or element_id in self.scenarios
        )

    def counts_by_kind(self) -> dict[str, int]:
        """Element counts keyed by node kind, flow kind or type name (for listings)."""
        counts: dict[str, int] = {}
        for element in self.elements.values():
            if isinstance(element, Node):
                key = str(element.kind)
            elif isinstance(element, Flow):
                key = f"{element.kind}_flow"
            else:
                key = {
                    Pool: "pool",
                    Lane: "lane",
                    TextAnnotation: "text_annotation",
                    DataObject: "data_object",
                    Group: "group",
                }[type(element)]
            counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items()))

    def copy(self) -> Process:
        """An independent snapshot (elements are immutable, so shallow dict copies suffice)."""
        return Process(
            id=self.id,
            name=self.name,
            documentation=self.documentation,
            owner=self.owner,
            elements=dict(self.elements),
            layout=dict(self.layout),
            annotations=dict(self.annotations),
            scenarios=dict(self.scenarios),
            verbatim=dict(self.verbatim),
        )
