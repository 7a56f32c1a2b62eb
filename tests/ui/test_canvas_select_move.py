"""Select, move (grid and alignment snapping, flows follow), rubber band, delete and undo,
with real mouse and keyboard events on the canvas."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from bpo_desktop.core.editing.routing import is_orthogonal
from bpo_desktop.core.model import Bounds, EdgeLayout, Process, ShapeLayout
from bpo_desktop.ui.main_window import MainWindow

S1 = "Enter customer + contract in CRM"
S3, S4, S5 = "Assign account rep", "Collect payment", "Send welcome kit"


def _process(window: MainWindow) -> Process:
    process = window.current_process()
    assert process is not None
    return process


def _bounds(process: Process, element_id: str) -> Bounds:
    layout = process.layout[element_id]
    assert isinstance(layout, ShapeLayout)
    return layout.bounds


def test_click_and_shift_click_select(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s3, s4 = process.node_by_name(S3).id, process.node_by_name(S4).id
    driver.show(s3, s4)
    driver.click(driver.centre(s3))
    assert editing.canvas.selected_ids() == [s3]
    assert editing.inspector.element_id == s3
    driver.click(driver.centre(s4), Qt.KeyboardModifier.ShiftModifier)
    assert set(editing.canvas.selected_ids()) == {s3, s4}
    driver.click(driver.centre(s3), Qt.KeyboardModifier.ShiftModifier)
    assert editing.canvas.selected_ids() == [s4]
    assert not editing.document.stack.can_undo  # selecting is not an edit


def test_drag_moves_with_snapping_and_flows_follow(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s3 = process.node_by_name(S3).id
    before = _bounds(process, s3)
    driver.show(s3)
    start = driver.centre(s3)
    driver.drag(start, start + QPoint(63, 37))  # 100 % zoom: scene units = pixels
    after = _bounds(process, s3)
    # The centre lands on the 10-unit grid (or lines up with another shape's edge/centre).
    assert after != before
    assert abs(after.x - before.x - 63) <= 7 and abs(after.y - before.y - 37) <= 7
    assert (after.center.x % 10 == 0) or any(
        after.center.x in (b.x, b.center.x, b.x + b.width)
        for i, b in ((i, _bounds(process, i)) for i in process.layout if i != s3)
        if isinstance(process.layout[i], ShapeLayout)
    )
    for flow in process.connections_of(s3):
        layout = process.layout[flow.id]
        assert isinstance(layout, EdgeLayout) and is_orthogonal(layout.waypoints)
        end = layout.waypoints[-1] if flow.target == s3 else layout.waypoints[0]
        assert after.x <= end.x <= after.x + after.width
        assert after.y <= end.y <= after.y + after.height
    stack = editing.document.stack
    assert stack.undo_label == "Move 1 element"
    assert editing.windowTitle().startswith("sample.bpo*")
    editing.action("edit.undo").trigger()
    assert _bounds(process, s3) == before
    assert editing.scene.item_for(s3).scenePos().x() == before.x
    editing.action("edit.redo").trigger()
    assert _bounds(process, s3) == after


def test_moving_a_step_into_another_lane_sets_its_role(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s4 = process.node_by_name(S4).id
    sales = process.lane_by_name("Sales").id
    driver.show(s4)
    start = driver.centre(s4)
    target = driver.at(_bounds(process, s4).center.x, _bounds(process, sales).center.y)
    editing.view.centerOn(editing.view.mapToScene(editing.view.viewport().rect().center()))
    driver.drag(start, target, steps=12)
    assert process.node(s4).lane_id == sales
    assert editing.document.stack.undo_label == "Move 1 element"
    editing.action("edit.undo").trigger()
    assert process.node(s4).lane_id == process.lane_by_name("Finance").id


def test_escape_cancels_a_drag(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s3 = process.node_by_name(S3).id
    before = _bounds(process, s3)
    driver.show(s3)
    start = driver.centre(s3)
    driver.drag(start, start + QPoint(80, 60), release=False)
    assert editing.scene.item_for(s3).scenePos().x() != before.x  # previewing
    driver.key(Qt.Key.Key_Escape)
    driver.release(start + QPoint(80, 60))
    assert _bounds(process, s3) == before
    assert editing.scene.item_for(s3).scenePos().x() == before.x
    assert not editing.document.stack.can_undo


def test_rubber_band_then_delete_then_undo(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    ids = [process.node_by_name(n).id for n in (S3, S4, S5)]
    driver.show(*ids)
    boxes = [_bounds(process, i) for i in ids]
    top_left = driver.at(min(b.x for b in boxes) - 20, min(b.y for b in boxes) - 20)
    right = max(b.x + b.width for b in boxes)
    bottom_right = driver.at(right + 20, max(b.y + b.height for b in boxes) + 20)
    driver.drag(top_left, bottom_right)  # starts on a lane's body: a rubber band, not a move
    assert set(editing.canvas.selected_ids()) == set(ids)
    before = editing.workspace.copy()
    flows = {f.id for f in process.flows() if {f.source, f.target} & set(ids)}
    driver.key(Qt.Key.Key_Delete)
    assert not set(ids) & process.elements.keys()
    assert not flows & process.elements.keys()
    assert all(editing.scene.item_for(i) is None for i in ids)
    assert editing.document.stack.undo_label == "Delete 3 elements"
    driver.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editing.workspace == before
    assert all(editing.scene.item_for(i) is not None for i in [*ids, *flows])
    assert editing.scene.element_ids() == frozenset(
        i for i in process.elements if i in process.layout
    )


def test_select_all_and_arrow_nudge(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s1 = process.node_by_name(S1).id
    driver.show(s1)
    driver.click(driver.centre(s1))
    before = _bounds(process, s1)
    driver.key(Qt.Key.Key_Right)
    assert _bounds(process, s1).x == before.x + 10
    driver.key(Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert _bounds(process, s1).y == before.y + 1
    driver.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert set(editing.canvas.selected_ids()) == set(editing.scene.element_ids())
