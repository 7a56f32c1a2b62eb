"""The things a workshop talks about: stickies and weaknesses of a process, with labels."""

from __future__ import annotations

from dataclasses import dataclass

from bpo_desktop.core.model import Annotation, Node, Process, ShapeLayout, Workspace
from bpo_desktop.core.workshop.model import RANKABLE_KINDS, STICKY_KINDS

KIND_TITLES: dict[str, str] = {
    "pain_point": "Pain point",
    "idea": "Idea",
    "question": "Question",
    "risk": "Risk",
    "weakness": "Weakness",
    "constraint": "Constraint",
    "goal": "Goal",
    "strength": "Strength",
}


@dataclass(frozen=True)
class ItemRef:
    """An annotation seen from the workshop: what it says, who said it, which steps."""

    id: str
    kind: str
    text: str
    author: str
    ref: str
    step_ids: tuple[str, ...]
    step_names: tuple[str, ...]

    @property
    def label(self) -> str:
        where = f" ({', '.join(self.step_names)})" if self.step_names else ""
        ref = f"{self.ref} " if self.ref else ""
        return f"{ref}{self.text or '(no text)'}{where}"

    @property
    def kind_title(self) -> str:
        return KIND_TITLES.get(self.kind, self.kind)


def item_ref(process: Process, annotation: Annotation) -> ItemRef:
    names = tuple(_element_name(process, t) for t in annotation.targets)
    return ItemRef(
        annotation.id,
        str(annotation.kind),
        annotation.text,
        annotation.author,
        annotation.ref,
        annotation.targets,
        names,
    )


def rankable_items(
    workspace: Workspace, process_id: str | None, kinds: tuple[str, ...] = RANKABLE_KINDS
) -> list[ItemRef]:
    """Stickies and weaknesses of the process (of every process when None), in file order."""
    processes = _processes(workspace, process_id)
    return [
        item_ref(p, a) for p in processes for a in p.annotations.values() if str(a.kind) in kinds
    ]


def find_item(workspace: Workspace, item_id: str) -> ItemRef | None:
    for process in workspace.processes.values():
        annotation = process.annotations.get(item_id)
        if annotation is not None:
            return item_ref(process, annotation)
    return None


def link_label(workspace: Workspace, link: str) -> str:
    """What a link id names: a step's name or an annotation's label; "" for no link."""
    if not link:
        return ""
    item = find_item(workspace, link)
    if item is not None:
        return f"{item.kind_title}: {item.label}"
    for process in workspace.processes.values():
        element = process.elements.get(link)
        if isinstance(element, Node):
            return f"Step: {element.name or link}"
    return link


def steps_in_order(process: Process) -> list[Node]:
    """Activities and events left to right, top to bottom, as people read the diagram."""

    def position(node: Node) -> tuple[float, float]:
        layout = process.layout.get(node.id)
        if isinstance(layout, ShapeLayout):
            return (layout.bounds.x, layout.bounds.y)
        return (float("inf"), 0.0)

    return sorted(process.nodes(), key=position)


def stickies_by_step(
    process: Process, kinds: tuple[str, ...] = STICKY_KINDS
) -> list[tuple[str, list[ItemRef]]]:
    """(step name, its stickies) in reading order; stickies on no step come last as "Process"."""
    stickies = [item_ref(process, a) for a in process.annotations.values() if str(a.kind) in kinds]
    groups: list[tuple[str, list[ItemRef]]] = []
    for node in steps_in_order(process):
        on_step = [s for s in stickies if node.id in s.step_ids]
        if on_step:
            groups.append((node.name or node.id, on_step))
    # Notes on a lane or data object, then on nothing (or on something since deleted).
    on_steps = {n.id for n in process.nodes()}
    placed = {s.id for s in stickies if on_steps & set(s.step_ids)}
    others: dict[str, list[ItemRef]] = {}
    for sticky in stickies:
        if sticky.id in placed:
            continue
        where = next((t for t in sticky.step_ids if t in process.elements), None)
        name = _element_name(process, where) if where else "Whole process"
        others.setdefault(name, []).append(sticky)
    groups.extend(sorted(others.items(), key=lambda kv: kv[0] == "Whole process"))
    return groups


def _element_name(process: Process, element_id: str) -> str:
    element = process.elements.get(element_id)
    return (getattr(element, "name", "") or element_id) if element is not None else element_id


def _processes(workspace: Workspace, process_id: str | None) -> list[Process]:
    if process_id is None:
        return list(workspace.processes.values())
    process = workspace.processes.get(process_id)
    return [process] if process is not None else []
