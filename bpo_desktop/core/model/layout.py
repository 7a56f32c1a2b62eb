"""Diagram layout (BPMN DI), kept apart from the semantic elements."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Bounds:
    x: float
    y: float
    width: float
    height: float

    @property
    def center(self) -> Point:
        return Point(self.x + self.width / 2, self.y + self.height / 2)

    def moved(self, dx: float, dy: float) -> Bounds:
        return replace(self, x=self.x + dx, y=self.y + dy)

    def contains(self, p: Point) -> bool:
        return self.x <= p.x <= self.x + self.width and self.y <= p.y <= self.y + self.height


@dataclass(frozen=True, slots=True)
class ShapeLayout:
    bounds: Bounds
    label_bounds: Bounds | None = None
    fill: str = ""  # CSS colour from the diagram (bpmn.io colours), "" = theme default
    stroke: str = ""
    label_colour: str = ""  # the label's own text colour (bpmn.io `color:color` on BPMNLabel)
    # Exclusive gateways: draw the X (BPMNShape isMarkerVisible). New gateways show it; an
    # imported shape without the attribute hides it, as the BPMN spec's default says.
    marker_visible: bool = True

    def moved(self, dx: float, dy: float) -> ShapeLayout:
        label = self.label_bounds.moved(dx, dy) if self.label_bounds else None
        return replace(self, bounds=self.bounds.moved(dx, dy), label_bounds=label)


@dataclass(frozen=True, slots=True)
class EdgeLayout:
    waypoints: tuple[Point, ...]
    label_bounds: Bounds | None = None
    stroke: str = ""  # CSS colour from the diagram, "" = theme default
    label_colour: str = ""
    # Message flows: the envelope at the middle (BPMNEdge messageVisibleKind), "" = none.
    message_visible: str = ""  # "initiating" (white) | "non_initiating" (grey)

    def moved(self, dx: float, dy: float) -> EdgeLayout:
        points = tuple(Point(p.x + dx, p.y + dy) for p in self.waypoints)
        label = self.label_bounds.moved(dx, dy) if self.label_bounds else None
        return replace(self, waypoints=points, label_bounds=label)


Layout = ShapeLayout | EdgeLayout
