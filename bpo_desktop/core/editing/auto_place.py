"""Where an appended element goes: right of its source, in a free spot (bpmn-js auto-place)."""

from __future__ import annotations

from bpo_desktop.core.editing.snapping import GRID, snap
from bpo_desktop.core.model import Bounds, Node, Process, ShapeLayout, TextAnnotation

DISTANCE = 60.0  # horizontal gap between the source and the new element
ROW_GAP = 30.0


def _overlaps(a: Bounds, b: Bounds, pad: float = 10.0) -> bool:
    return (
        a.x < b.x + b.width + pad
        and b.x < a.x + a.width + pad
        and a.y < b.y + b.height + pad
        and b.y < a.y + a.height + pad
    )


def _obstacles(process: Process, ignore: str) -> list[Bounds]:
    out = []
    for element_id, layout in process.layout.items():
        element = process.elements.get(element_id)
        solid = isinstance(element, TextAnnotation) or (
            isinstance(element, Node) and not element.expanded
        )
        if element_id != ignore and solid and isinstance(layout, ShapeLayout):
            out.append(layout.bounds)
    return out


def next_to(process: Process, source_id: str, size: tuple[float, float]) -> Bounds:
    """Bounds of `size` right of the source, centred on its row; when taken, the next free
    row below, then above, alternating (so branches of a gateway fan out)."""
    layout = process.layout.get(source_id)
    if not isinstance(layout, ShapeLayout):
        raise ValueError(f"{source_id!r} is not on the diagram")
    source = layout.bounds
    width, height = size
    centre_x = snap(source.x + source.width + DISTANCE + width / 2, GRID)
    centre_y = source.center.y
    obstacles = _obstacles(process, source_id)
    step = max(height, 50.0) + ROW_GAP
    for attempt in range(40):
        # 0, then below before above: +step, -step, +2 step, -2 step, …
        offset = ((attempt + 1) // 2) * step * (1 if attempt % 2 else -1)
        candidate = Bounds(centre_x - width / 2, centre_y + offset - height / 2, width, height)
        if not any(_overlaps(candidate, other) for other in obstacles):
            return candidate
    return Bounds(centre_x - width / 2, centre_y - height / 2, width, height)


def annotation_place(process: Process, target_id: str, size: tuple[float, float]) -> Bounds:
    """Above and to the right of the target, where bpmn-js puts a new text annotation."""
    layout = process.layout.get(target_id)
    if not isinstance(layout, ShapeLayout):
        raise ValueError(f"{target_id!r} is not on the diagram")
    box = layout.bounds
    width, height = size
    x, y = box.x + box.width + 30, box.y - height - 30
    obstacles = _obstacles(process, target_id)
    for _ in range(20):
        candidate = Bounds(x, y, width, height)
        if not any(_overlaps(candidate, other) for other in obstacles):
            return candidate
        y -= height + 10
    return Bounds(x, y, width, height)
