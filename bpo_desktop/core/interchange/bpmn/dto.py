"""Plain records between the reader (XML syntax) and the builder (our model).

The reader turns a BPMN document into these without deciding what the model makes of it; the
builder maps them to model elements and keeps the rest verbatim. No XML objects cross over:
content the reader does not structure travels as canonical XML strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Pairs = tuple[tuple[str, str], ...]
Box = tuple[float, float, float, float]  # x, y, width, height


@dataclass(frozen=True, slots=True)
class Raw:
    """A child element the reader does not structure, serialized as canonical XML."""

    tag: str  # Clark name
    xml: str
    text: str  # its own text, for simple elements such as `targetRef` or an expression
    line: int
    attributes: dict[str, str] = field(default_factory=dict)  # its own, e.g. `isSequential`


@dataclass(frozen=True, slots=True)
class BpoItem:
    """An element of our extension namespace."""

    name: str  # local name
    attributes: dict[str, str]
    text: str
    children: tuple[BpoItem, ...]
    line: int


@dataclass(slots=True)
class ElementDTO:
    """A BPMN element the reader structures (flow elements, containers, lanes, participants)."""

    tag: str  # local name in the BPMN namespace
    id: str
    line: int
    #: every attribute but `id`: unqualified ones by name, qualified ones in Clark notation
    attributes: dict[str, str] = field(default_factory=dict)
    documentation: str | None = None
    text: str | None = None  # a text annotation's text
    #: reference children by name: flowNodeRef, sourceRef, targetRef, incoming, outgoing
    refs: dict[str, list[str]] = field(default_factory=dict)
    children: list[ElementDTO] = field(default_factory=list)
    raw: list[Raw] = field(default_factory=list)
    extensions: list[str] = field(default_factory=list)
    bpo: list[BpoItem] = field(default_factory=list)
    xml: str = ""  # data associations only: the element, in case the model cannot map it


@dataclass(slots=True)
class ShapeDTO:
    """A BPMNShape or BPMNEdge."""

    element: str  # the bpmnElement id ("" when missing)
    line: int
    is_edge: bool
    attributes: dict[str, str]  # all but bpmnElement
    bounds: Box | None = None
    waypoints: tuple[tuple[float, float], ...] = ()
    label_bounds: Box | None = None
    label_attributes: dict[str, str] | None = None  # None: no BPMNLabel
    xml: str = ""  # the whole element, for shapes of elements the model does not hold


@dataclass(slots=True)
class DiagramDTO:
    attributes: dict[str, str]
    plane_element: str
    plane_attributes: dict[str, str]
    shapes: list[ShapeDTO]
    styles: list[str]  # BPMNLabelStyle elements
    xml: str  # the whole diagram, for the ones after the first
    line: int


@dataclass(slots=True)
class DocumentDTO:
    definitions: ElementDTO  # children: processes, collaborations, data stores; raw: the rest
    namespaces: Pairs  # (prefix or "", uri) declared anywhere in the document, first binding wins
    diagrams: list[DiagramDTO]
    warnings: list[str]
    renamed: dict[str, str]  # ids the reader changed throughout (invalid or already taken)
    ids: frozenset[str] = frozenset()  # every id the document declares (after renaming)
    dropped: frozenset[str] = frozenset()  # ids of elements the reader dropped as invalid
    #: categoryValue id → its value: the label of the groups that refer to it
    category_values: dict[str, str] = field(default_factory=dict)
