"""Lane edits: reorder, resize, insert, remove, pools; each one undo step; steps keep lanes."""

from __future__ import annotations

import itertools

from bpo_desktop.core.editing import Editor, Modeling
from bpo_desktop.core.editing.containment import lane_at, shape_bounds
from bpo_desktop.core.model import Bounds, NodeKind, Point, Process, ShapeLayout

from .conftest import Triad


def _order(process: Process) -> list[str]:
    return [lane.name for lane in process.lanes()]


def _box(process: Process, element_id: str) -> Bounds:
    box = shape_bounds(process, element_id)
    assert box is not None
    return box


def _assert_stacked(process: Process) -> None:
    """Lanes touch, top to bottom in position order, and fill their pool."""
    lanes = process.lanes()
    boxes = [_box(process, lane.id) for lane in lanes]
    for upper, lower in itertools.pairwise(boxes):
        assert upper.y + upper.height == lower.y
    pool = _box(process, process.pools()[0].id)
    assert boxes[0].y == pool.y and boxes[-1].y + boxes[-1].height == pool.y + pool.height


def _steps_inside_their_lanes(process: Process) -> None:
    for node in process.nodes():
        if node.lane_id is not None:
            assert lane_at(process, _box(process, node.id).center) == node.lane_id, node.name


def test_move_lane_reorders_and_carries_its_steps(
    triad: Triad, modeling: Modeling, onb: Process
) -> None:
    sales = onb.lane_by_name("Sales").id
    s1 = onb.node_by_name("Enter customer + contract in CRM").id
    before = _box(onb, s1)
    _, change = triad.execute(lambda: modeling.lanes.move_lane(sales, 2))
    assert _order(onb) == ["Customer Service", "Finance", "Sales", "Marketing"]
    assert _box(onb, s1).y == before.y + 2 * 160
    assert {sales, s1} <= change.ids
    _assert_stacked(onb)
    _steps_inside_their_lanes(onb)
    triad.undo()
    assert _order(onb)[0] == "Sales"
    triad.redo()


def test_moving_a_lane_to_its_own_place_is_no_edit(editor: Editor, onb: Process) -> None:
    sales = onb.lane_by_name("Sales").id
    editor.modeling.lanes.move_lane(sales, 0)
    assert not editor.stack.can_undo


def test_resize_lane_pushes_the_lanes_below(triad: Triad, modeling: Modeling, onb: Process) -> None:
    cs = onb.lane_by_name("Customer Service").id
    finance_before = _box(onb, onb.lane_by_name("Finance").id)
    triad.execute(lambda: modeling.lanes.resize_lane(cs, 260))
    assert _box(onb, cs).height == 260
    assert _box(onb, onb.lane_by_name("Finance").id).y == finance_before.y + 100
    _assert_stacked(onb)
    _steps_inside_their_lanes(onb)
    triad.undo()


def test_a_lane_does_not_shrink_below_its_steps(modeling: Modeling, onb: Process) -> None:
    cs = onb.lane_by_name("Customer Service").id
    modeling.lanes.resize_lane(cs, 10)
    assert _box(onb, cs).height >= 60
    _steps_inside_their_lanes(onb)


def test_insert_lane_in_the_middle(triad: Triad, modeling: Modeling, onb: Process) -> None:
    pool = onb.pools()[0].id
    lane_id, _ = triad.execute(lambda: modeling.lanes.insert_lane(onb.id, pool, 1, "Legal"))
    assert _order(onb) == ["Sales", "Legal", "Customer Service", "Finance", "Marketing"]
    _assert_stacked(onb)
    _steps_inside_their_lanes(onb)
    triad.undo()
    assert lane_id not in onb.elements


def test_remove_lane_gives_its_space_and_steps_to_the_neighbour(
    triad: Triad, modeling: Modeling, onb: Process
) -> None:
    finance = onb.lane_by_name("Finance").id
    cs = onb.lane_by_name("Customer Service").id
    s4 = onb.node_by_name("Collect payment").id
    triad.execute(lambda: modeling.lanes.remove_lane(finance))
    assert finance not in onb.elements and onb.node(s4).lane_id == cs
    assert _box(onb, cs).height == 320
    _assert_stacked(onb)
    triad.undo()
    assert onb.node(s4).lane_id == finance


def test_a_new_pool_comes_with_a_lane_and_drops_join_it(editor: Editor) -> None:
    modeling = editor.modeling
    process_id = modeling.create_process("Fresh")
    pool = modeling.create_typed(process_id, "pool", Point(400, 200), "Company")
    process = editor.workspace.processes[process_id]
    lane = process.lanes()[0]
    assert lane.parent_id == pool
    task = modeling.create_typed(process_id, "task", Point(300, 200))
    assert process.node(task).lane_id == lane.id
    second = modeling.create_typed(process_id, "lane", Point(300, 400), "Second")
    assert [x.id for x in process.lanes()] == [lane.id, second]
    assert editor.stack.undo_label == "Add lane"
    _assert_stacked(process)
    # Appending past the pool's right edge keeps the lane and widens the pool and its lanes.
    edge = modeling.create_typed(process_id, "task", Point(720, 200))
    far = modeling.append(edge, "task")
    assert process.node(far).lane_id == lane.id
    right = _box(process, pool).x + _box(process, pool).width
    assert right >= _box(process, far).x + 110
    assert _box(process, lane.id).x + _box(process, lane.id).width == right
    assert process.node(far).kind is NodeKind.TASK
    assert isinstance(process.layout[second], ShapeLayout)
