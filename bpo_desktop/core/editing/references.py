"""Reference checks: a field that names another element must name one that exists and fits.

Only the fields an edit sets are checked, so an edit never fails because of an unrelated,
pre-existing problem (e.g. in an imported file).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bpo_desktop.core.model import Element, Flow, Lane, Node, NodeKind, Pool, Process, Workspace
from bpo_desktop.core.model.planes import CONTAINER_KINDS

_Check = Callable[[Workspace, Process, Element, str], None]


def check_references(
    workspace: Workspace, process: Process, element: Element, names: Iterable[str]
) -> None:
    """Raise ValueError when one of `names` on `element` refers to something invalid."""
    for name in names:
        check = _CHECKS.get((type(element), name))
        value = getattr(element, name, None)
        if check is not None and value is not None:
            try:
                check(workspace, process, element, value)
            except ValueError as exc:
                raise ValueError(f"{name}: {exc}") from None


def check_dependants(workspace: Workspace, process: Process, updated: Element) -> None:
    """Elements that refer to `updated` must still accept it, e.g. when a sub-process with
    children, or an activity with boundary events, would become a task or a gateway."""
    trial = Process(process.id, process.name, elements={**process.elements, updated.id: updated})
    for element in process.elements.values():
        names = [n for n in reference_fields(type(element)) if getattr(element, n) == updated.id]
        try:
            check_references(workspace, trial, element, names)
        except ValueError as exc:
            raise ValueError(f"{element.id!r} refers to {updated.id!r}: {exc}") from None


#: Reference checks that also depend on the element's own kind.
KIND_DEPENDENT_FIELDS = ("attached_to",)


def reference_fields(element_type: type[Element]) -> tuple[str, ...]:
    return tuple(name for (kind, name) in _CHECKS if kind is element_type)


def _lane(_ws: Workspace, process: Process, _element: Element, value: str) -> None:
    if not isinstance(process.elements.get(value), Lane):
        raise ValueError(f"no lane {value!r} in process {process.name!r}")


def _system(workspace: Workspace, _process: Process, _element: Element, value: str) -> None:
    if value not in workspace.systems:
        raise ValueError(f"no system {value!r} in the catalogue")


def _subprocess(_ws: Workspace, process: Process, element: Element, value: str) -> None:
    parent = process.elements.get(value)
    if not isinstance(parent, Node) or parent.kind not in CONTAINER_KINDS:
        raise ValueError(f"no sub-process {value!r} in process {process.name!r}")
    if parent.kind is NodeKind.CALL_ACTIVITY and not any(
        isinstance(e, Node) and e.parent_id == value and e.id != element.id
        for e in process.elements.values()
    ):  # BPMN writes those steps into the process it calls, which only an import gives
        raise ValueError(f"call activity {value!r} shows no called process to hold steps")
    _refuse_cycle(process, element.id, value)


def _lane_parent(_ws: Workspace, process: Process, element: Element, value: str) -> None:
    if not isinstance(process.elements.get(value), Pool | Lane):
        raise ValueError(f"no pool or lane {value!r} in process {process.name!r}")
    _refuse_cycle(process, element.id, value)


def _host(_ws: Workspace, process: Process, element: Element, value: str) -> None:
    if not isinstance(element, Node) or element.kind is not NodeKind.BOUNDARY_EVENT:
        raise ValueError("only boundary events are attached to an activity")
    host = process.elements.get(value)
    if not isinstance(host, Node) or not host.kind.is_activity:
        raise ValueError(f"no activity {value!r} to attach to in process {process.name!r}")


def _endpoint(_ws: Workspace, process: Process, element: Element, value: str) -> None:
    if value not in process.elements or value == element.id:
        raise ValueError(f"no element {value!r} to connect in process {process.name!r}")


def _refuse_cycle(process: Process, element_id: str, parent_id: str | None) -> None:
    """Walk up from the new parent; meeting the element itself would make it its own ancestor."""
    seen: set[str] = set()
    while parent_id is not None and parent_id not in seen:
        if parent_id == element_id:
            raise ValueError(f"{element_id!r} cannot be placed inside itself")
        seen.add(parent_id)
        parent = process.elements.get(parent_id)
        parent_id = parent.parent_id if isinstance(parent, Node | Lane) else None


_CHECKS: dict[tuple[type, str], _Check] = {
    (Node, "lane_id"): _lane,
    (Node, "system_id"): _system,
    (Node, "parent_id"): _subprocess,
    (Node, "attached_to"): _host,
    (Lane, "parent_id"): _lane_parent,
    (Flow, "source"): _endpoint,
    (Flow, "target"): _endpoint,
}
