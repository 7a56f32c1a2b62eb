"""AssignLaneOnMoveBehavior: a step dragged into another lane belongs to it (PRODUCT M1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bpo_desktop.core.editing.behaviors.assign_lane_on_move import lane_at
from bpo_desktop.core.model import Bounds, Point, Process, ShapeLayout

if TYPE_CHECKING:
    from bpo_desktop.core.editing import Editor, Modeling

S4 = "Collect payment"


def box(process: Process, element_id: str) -> Bounds:
    layout = process.layout[element_id]
    assert isinstance(layout, ShapeLayout)
    return layout.bounds


def test_dragging_s4_into_sales_changes_its_lane(modeling: Modeling, onb: Process) -> None:
    s4 = onb.node_by_name(S4).id
    sales = onb.lane_by_name("Sales").id
    dy = box(onb, sales).center.y - box(onb, s4).center.y
    modeling.move_elements([s4], 0, dy)
    assert onb.node(s4).lane_id == sales


def test_a_step_dropped_outside_every_lane_keeps_its_lane(modeling: Modeling, onb: Process) -> None:
    s4 = onb.node_by_name(S4)
    modeling.move_elements([s4.id], 0, -10_000)
    assert onb.node(s4.id).lane_id == s4.lane_id


def test_the_innermost_lane_wins(modeling: Modeling, onb: Process) -> None:
    sales = onb.lane_by_name("Sales").id
    outer = box(onb, sales)
    inner_box = Bounds(outer.x + 10, outer.y + 10, 200, 100)
    inner = modeling.add_lane(onb.id, "Inside sales", inner_box, parent_id=sales)
    assert lane_at(onb, inner_box.center) == inner
    assert lane_at(onb, Point(outer.x + outer.width - 5, outer.center.y)) == sales


def test_one_undo_restores_position_and_lane(
    editor: Editor, modeling: Modeling, onb: Process
) -> None:
    before = editor.workspace.copy()
    s4 = onb.node_by_name(S4).id
    sales = onb.lane_by_name("Sales").id
    modeling.move_elements([s4], 0, box(onb, sales).center.y - box(onb, s4).center.y)
    editor.stack.undo()
    assert editor.workspace == before
