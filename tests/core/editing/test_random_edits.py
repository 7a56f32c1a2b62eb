"""Property: any sequence of edits through Modeling undoes to the original and redoes to the end.

Hypothesis draws the sequence of operations (shrinkable) and a seed for their arguments. Random
arguments are often invalid on purpose: those edits must raise ValueError and change nothing.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bpo_desktop.core.editing import ELEMENTS_CHANGED, STACK_CHANGED, Editor, create_editor
from bpo_desktop.core.model import (
    AnnotationKind,
    Bounds,
    Flow,
    Lane,
    Node,
    NodeKind,
    Point,
    Pool,
    Process,
    Workspace,
    apply_scenario,
)
from bpo_desktop.core.samples import sample_workspace

STEPS = 500
Op = Callable[[Editor, random.Random], None]


# -- picking things ---------------------------------------------------------------------------
def _process(ed: Editor, rng: random.Random) -> Process:
    processes = list(ed.workspace.processes.values())
    return rng.choice(processes) if processes else Process("Process_none", "none")


def _element(process: Process, rng: random.Random, kind: type | None = None) -> str:
    """Mostly an existing element (of `kind`), sometimes an id that does not exist."""
    pool = [e.id for e in process.elements.values() if kind is None or isinstance(e, kind)]
    if not pool or rng.random() < 0.05:
        return "Missing_1"
    return rng.choice(pool)


def _some(process: Process, rng: random.Random, most: int = 3) -> list[str]:
    return [_element(process, rng) for _ in range(rng.randint(1, most))]


def _bounds(rng: random.Random) -> Bounds:
    width = rng.choice([0.0, 36.0, 110.0, 300.0]) if rng.random() < 0.1 else 110.0
    return Bounds(rng.uniform(0, 1500), rng.uniform(0, 900), width, rng.choice([36.0, 80.0]))


def _points(rng: random.Random) -> list[Point]:
    return [Point(rng.uniform(0, 1500), rng.uniform(0, 900)) for _ in range(rng.randint(1, 4))]


def _annotation(ed: Editor, rng: random.Random) -> tuple[str, Process]:
    """An annotation id (sometimes a missing one) and the process it belongs to."""
    owned = [(a, p) for p in ed.workspace.processes.values() for a in p.annotations]
    return rng.choice(owned) if owned and rng.random() > 0.05 else ("Missing_2", _process(ed, rng))


def _scenario(ed: Editor, rng: random.Random) -> tuple[str, Process]:
    """A scenario id (sometimes a missing one) and the process it belongs to."""
    owned = [(s, p) for p in ed.workspace.processes.values() for s in p.scenarios]
    return rng.choice(owned) if owned and rng.random() > 0.05 else ("Missing_3", _process(ed, rng))


def _system(ed: Editor, rng: random.Random) -> str:
    ids = list(ed.workspace.systems)
    return rng.choice(ids) if ids and rng.random() > 0.05 else "Missing_4"


# -- operations -------------------------------------------------------------------------------
def create_node(ed: Editor, rng: random.Random) -> None:
    process = _process(ed, rng)
    kind = rng.choice([*NodeKind, "blob"])
    lane = rng.choice([None, _element(process, rng, Lane)])
    ed.modeling.create_node(
        process.id, kind, f"Step {rng.randint(1, 99)}", _bounds(rng), lane_id=lane
    )


def add_lane(ed: Editor, rng: random.Random) -> None:
    process = _process(ed, rng)
    parent = rng.choice([None, _element(process, rng, Pool), _element(process, rng, Lane)])
    ed.modeling.add_lane(process.id, rng.choice(["Ops", "IT", ""]), _bounds(rng), parent_id=parent)


def connect(ed: Editor, rng: random.Random) -> None:
    process = _process(ed, rng)
    waypoints = _points(rng) if rng.random() < 0.3 else None
    source, target = _element(process, rng), _element(process, rng)
    ed.modeling.connect(process.id, source, target, waypoints, name=rng.choice(["", "yes"]))


def reconnect(ed: Editor, rng: random.Random) -> None:
    process = _process(ed, rng)
    end = rng.choice(["source", "target"])
    waypoints = _points(rng) if rng.random() < 0.5 else None
    new_end = {end: _element(process, rng)}
    ed.modeling.reconnect(_element(process, rng, Flow), waypoints=waypoints, **new_end)


def update_waypoints(ed: Editor, rng: random.Random) -> None:
    ed.modeling.update_waypoints(_element(_process(ed, rng), rng, Flow), _points(rng))


def move(ed: Editor, rng: random.Random) -> None:
    ids = _some(_process(ed, rng), rng)
    ed.modeling.move_elements(ids, rng.randint(-200, 200), rng.randint(-200, 200))


def resize(ed: Editor, rng: random.Random) -> None:
    ed.modeling.resize_shape(_element(_process(ed, rng), rng), _bounds(rng))


def delete(ed: Editor, rng: random.Random) -> None:
    ed.modeling.delete_elements(_some(_process(ed, rng), rng, most=2))


def _property_change(process: Process, element_id: str, rng: random.Random) -> dict[str, Any]:
    element = process.elements.get(element_id)
    choices: list[tuple[str, Any]] = [("name", "Renamed"), ("documentation", 3), ("nope", 1)]
    if isinstance(element, Node):
        choices += [
            ("touch_min", rng.choice([5, "7.5", "soon"])),
            ("va_class", rng.choice(["VA", "NVA", "bad"])),
            ("lane_id", rng.choice([None, _element(process, rng, Lane)])),
            ("system_id", rng.choice([None, "System_email", "System_x"])),
            ("parent_id", rng.choice([None, _element(process, rng, Node)])),
            ("attached_to", rng.choice([None, _element(process, rng, Node)])),
            ("kind", rng.choice(list(NodeKind))),
        ]
    elif isinstance(element, Flow):
        choices += [("probability", rng.choice([0.2, None, "x"])), ("target", "Missing_5")]
    elif isinstance(element, Lane):
        choices += [("parent_id", _element(process, rng)), ("kind", rng.choice(["system", "x"]))]
    name, value = rng.choice(choices)
    return {name: value}


def update_properties(ed: Editor, rng: random.Random) -> None:
    process = _process(ed, rng)
    element_id = _element(process, rng)
    ed.modeling.update_properties(element_id, **_property_change(process, element_id, rng))


def add_annotation(ed: Editor, rng: random.Random) -> None:
    process = _process(ed, rng)
    kind = rng.choice(list(AnnotationKind))
    strategy = rng.choice([None, None, "preserve", "eliminate"])
    targets = _some(process, rng, most=2) if rng.random() < 0.7 else []
    ed.modeling.add_annotation(process.id, kind, "note", strategy=strategy, targets=targets)


def update_annotation(ed: Editor, rng: random.Random) -> None:
    annotation_id, process = _annotation(ed, rng)
    change: dict[str, Any] = rng.choice(
        [
            {"text": "changed"},
            {"severity": rng.choice([1, 3, 5])},
            {"strategy": rng.choice(["mitigate", "enhance"])},
            {"targets": _some(process, rng, most=2)},
        ]
    )
    ed.modeling.update_annotation(annotation_id, **change)


def delete_annotation(ed: Editor, rng: random.Random) -> None:
    ed.modeling.delete_annotation(_annotation(ed, rng)[0])


def create_scenario(ed: Editor, rng: random.Random) -> None:
    process = _process(ed, rng)
    element = _element(process, rng)
    variant: dict[str, Any] = rng.choice(
        [{"overrides": {element: {"name": "Variant"}}}, {"removed": [element]}, {}]
    )
    ed.modeling.create_scenario(process.id, rng.choice(["To-be", "Lean", "Automate S2"]), **variant)


def update_scenario(ed: Editor, rng: random.Random) -> None:
    scenario_id, process = _scenario(ed, rng)
    element = _element(process, rng, Node)
    change: dict[str, Any] = rng.choice(
        [
            {"name": rng.choice(["Renamed", ""])},
            {"overrides": {element: {"touch_min": rng.choice([1, "x"])}}},
            {"removed": [element]},
            {"kind": rng.choice(["as_is", "nope"])},
        ]
    )
    ed.modeling.update_scenario(scenario_id, **change)


def delete_scenario(ed: Editor, rng: random.Random) -> None:
    ed.modeling.delete_scenario(_scenario(ed, rng)[0])


def add_system(ed: Editor, rng: random.Random) -> None:
    ed.modeling.add_system(rng.choice(["SAP", "CRM", "Fax"]), rng.choice(["it", "paper", "?"]))


def update_system(ed: Editor, rng: random.Random) -> None:
    change: dict[str, Any] = rng.choice(
        [{"name": rng.choice(["Renamed", "Email"])}, {"is_system_of_record": 1}]
    )
    ed.modeling.update_system(_system(ed, rng), **change)


def delete_system(ed: Editor, rng: random.Random) -> None:
    ed.modeling.delete_system(_system(ed, rng))


def processes(ed: Editor, rng: random.Random) -> None:
    process = _process(ed, rng)
    action = rng.choice(["create", "rename", "delete", "workspace"])
    if action == "create":
        ed.modeling.create_process(rng.choice(["New", " "]))
    elif action == "rename":
        ed.modeling.rename_process(process.id, rng.choice(["Renamed", ""]))
    elif action == "delete" and rng.random() < 0.3:  # rare: it takes a lot with it
        ed.modeling.delete_process(process.id)
    else:
        ed.modeling.rename_workspace(rng.choice(["Acme", ""]))


EDITS: list[Op] = [
    create_node,
    add_lane,
    connect,
    reconnect,
    update_waypoints,
    move,
    move,
    resize,
    delete,
    update_properties,
    update_properties,
    add_annotation,
    update_annotation,
    delete_annotation,
    create_scenario,
    update_scenario,
    delete_scenario,
    add_system,
    update_system,
    delete_system,
    processes,
]


def grouped(ed: Editor, rng: random.Random) -> None:
    """Two or three edits in one transaction: all succeed, or the first failure undoes all."""
    with ed.stack.transaction("Grouped edits"):
        for _ in range(rng.randint(2, 3)):
            rng.choice(EDITS)(ed, rng)


def undo(ed: Editor, _rng: random.Random) -> None:
    ed.stack.undo()


def redo(ed: Editor, _rng: random.Random) -> None:
    ed.stack.redo()


OPERATIONS: list[Op] = [*EDITS, grouped, undo, redo]


# -- invariants -------------------------------------------------------------------------------
def assert_consistent(ws: Workspace) -> None:
    """Every reference the editing layer promises to keep valid is valid."""
    for process in ws.processes.values():
        elements = process.elements
        assert set(process.layout) <= set(elements)
        for e in elements.values():
            if isinstance(e, Flow):
                assert {e.source, e.target} <= set(elements)
            elif isinstance(e, Node):
                assert e.lane_id is None or isinstance(elements.get(e.lane_id), Lane)
                assert e.system_id is None or e.system_id in ws.systems
                parent = elements.get(e.parent_id or "")
                assert e.parent_id is None or getattr(parent, "kind", None) is NodeKind.SUBPROCESS
                host = elements.get(e.attached_to or "")
                if e.attached_to is not None:
                    assert e.kind is NodeKind.BOUNDARY_EVENT
                    assert isinstance(host, Node) and host.kind.is_activity
            elif isinstance(e, Lane):
                assert e.parent_id is None or isinstance(elements.get(e.parent_id), Pool | Lane)
        for annotation in process.annotations.values():
            assert set(annotation.targets) <= set(elements)
        for scenario in process.scenarios.values():
            assert scenario.removed <= set(elements)
            apply_scenario(process, scenario)


def _run_step(ed: Editor, op: Op, rng: random.Random, events: list[str]) -> None:
    """One operation: a refused edit leaves no trace, anything else notifies exactly once."""
    before = ed.workspace.copy()
    nothing_to_replay = (op is undo and not ed.stack.can_undo) or (
        op is redo and not ed.stack.can_redo
    )
    events.clear()
    try:
        op(ed, rng)
    except ValueError:
        assert ed.workspace == before, f"{op.__name__} failed but changed the model"
        assert events == [], f"{op.__name__} failed but notified"
        return
    expected = [] if nothing_to_replay else [ELEMENTS_CHANGED, STACK_CHANGED]
    assert events == expected, f"{op.__name__}: {events}"
    assert_consistent(ed.workspace)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    ops=st.lists(st.sampled_from(OPERATIONS), min_size=STEPS, max_size=STEPS),
    seed=st.integers(0, 2**32 - 1),
)
def test_random_edits_undo_to_the_original_and_redo_to_the_end(ops: list[Op], seed: int) -> None:
    workspace = sample_workspace()
    original = workspace.copy()
    ed = create_editor(workspace)
    events: list[str] = []
    ed.bus.on(ELEMENTS_CHANGED, lambda _p: events.append(ELEMENTS_CHANGED))
    ed.bus.on(STACK_CHANGED, lambda _p: events.append(STACK_CHANGED))
    rng = random.Random(seed)

    for op in ops:
        _run_step(ed, op, rng, events)
    final = workspace.copy()

    undone = 0
    while ed.stack.can_undo:
        ed.stack.undo()
        undone += 1
    assert workspace == original
    for _ in range(undone):
        ed.stack.redo()
    assert workspace == final
