"""Auto-layout (M11): left to right, steps stay in their lanes, no overlaps, one undo step."""

from __future__ import annotations

import random

from bpo_desktop.core.editing import Editor, Modeling, create_editor
from bpo_desktop.core.editing.containment import lane_at, shape_bounds
from bpo_desktop.core.editing.layout import auto_layout, layout_missing
from bpo_desktop.core.editing.routing import is_orthogonal
from bpo_desktop.core.model import Bounds, EdgeLayout, NodeKind, Process, ShapeLayout
from bpo_desktop.core.samples import ONBOARDING_REWORK
from bpo_desktop.core.samples.generated import generated_workspace

from .conftest import Triad


def _box(process: Process, element_id: str) -> Bounds:
    box = shape_bounds(process, element_id)
    assert box is not None
    return box


def _overlap(a: Bounds, b: Bounds) -> bool:
    return (
        a.x < b.x + b.width
        and b.x < a.x + a.width
        and a.y < b.y + b.height
        and b.y < a.y + a.height
    )


def _assert_tidy(process: Process) -> None:
    nodes = [n for n in process.nodes() if n.parent_id is None]
    for i, a in enumerate(nodes):
        if a.lane_id is not None:
            assert lane_at(process, _box(process, a.id).center) == a.lane_id, a.name
        for b in nodes[i + 1 :]:
            assert not _overlap(_box(process, a.id), _box(process, b.id)), (a.name, b.name)
    for flow in process.flows():
        layout = process.layout[flow.id]
        assert isinstance(layout, EdgeLayout) and is_orthogonal(layout.waypoints)


def _scramble(process: Process, seed: int = 3) -> None:
    rng = random.Random(seed)
    for node in process.nodes():
        layout = process.layout[node.id]
        assert isinstance(layout, ShapeLayout)
        process.layout[node.id] = layout.moved(rng.uniform(-400, 400), rng.uniform(-300, 300))


def test_tidy_a_scrambled_process(triad: Triad, modeling: Modeling, onb: Process) -> None:
    _scramble(onb)
    triad.execute(lambda: modeling.auto_layout(onb.id))
    _assert_tidy(onb)
    start = next(n for n in onb.nodes() if n.kind is NodeKind.START_EVENT)
    end = next(n for n in onb.nodes() if n.kind is NodeKind.END_EVENT)
    assert _box(onb, start.id).x < _box(onb, onb.node_by_name("Collect payment").id).x
    assert _box(onb, onb.node_by_name("Collect payment").id).x < _box(onb, end.id).x
    # Successors are right of their predecessors (the graph has no loop here).
    for flow in onb.flows():
        assert _box(onb, flow.source).x < _box(onb, flow.target).x
    triad.undo()
    triad.redo()


def test_a_loop_is_laid_out_and_routed(editor: Editor) -> None:
    rework = editor.workspace.process_by_name(ONBOARDING_REWORK)
    _scramble(rework, seed=8)
    editor.modeling.auto_layout(rework.id)
    _assert_tidy(rework)
    assert editor.stack.undo_label == "Auto-layout"


def test_a_model_without_diagram_information_gets_one(onb: Process) -> None:
    for node in onb.nodes():
        del onb.layout[node.id]
    for flow in onb.flows():
        del onb.layout[flow.id]
    layouts = auto_layout(onb)
    assert all(n.id in layouts for n in onb.nodes())
    onb.layout.update(layouts)
    _assert_tidy(onb)
    gateway = next(n for n in onb.nodes() if n.kind is NodeKind.PARALLEL_GATEWAY)
    assert isinstance(onb.layout[gateway.id], ShapeLayout)
    assert onb.layout[gateway.id].label_bounds is not None  # type: ignore[union-attr]


def test_lanes_grow_for_stacked_steps(modeling: Modeling, onb: Process) -> None:
    split = next(n for n in onb.nodes() if n.kind is NodeKind.PARALLEL_GATEWAY)
    sales = onb.lane_by_name("Sales").id
    for name in ("A", "B", "C"):  # three more branches in the Sales lane, same column
        step = modeling.create_node(onb.id, "task", name, Bounds(0, 0, 110, 80), lane_id=sales)
        modeling.connect(onb.id, split.id, step)
    modeling.auto_layout(onb.id)
    _assert_tidy(onb)
    assert _box(onb, sales).height > 160


def test_a_large_generated_process() -> None:
    workspace = generated_workspace(1000)
    process = next(iter(workspace.processes.values()))
    editor = create_editor(workspace)
    _scramble(process)
    editor.modeling.auto_layout(process.id)
    _assert_tidy(process)


def test_a_diagram_missing_one_shape_keeps_every_other_position(onb: Process) -> None:
    lost = onb.node_by_name("Send welcome kit")
    flows = {f.id for f in onb.connections_of(lost.id)}
    kept = {k: v for k, v in onb.layout.items() if k != lost.id and k not in flows}
    for element_id in (lost.id, *flows):
        del onb.layout[element_id]
    layouts = layout_missing(onb)
    assert set(layouts) == {lost.id, *flows}  # nothing that had a place is moved
    onb.layout.update(layouts)
    assert {k: onb.layout[k] for k in kept} == kept
    below = max(
        lay.bounds.y + lay.bounds.height for lay in kept.values() if isinstance(lay, ShapeLayout)
    )
    assert _box(onb, lost.id).y > below  # in a row under the diagram, overlapping nothing
    for flow_id in flows:
        assert isinstance(onb.layout[flow_id], EdgeLayout)


def test_a_model_without_any_diagram_gets_a_full_layout(onb: Process) -> None:
    onb.layout.clear()
    layouts = layout_missing(onb)
    assert all(n.id in layouts for n in onb.nodes() if n.parent_id is None)
    onb.layout.update(layouts)
    _assert_tidy(onb)
    assert layout_missing(onb) == {}  # complete: nothing more to do
