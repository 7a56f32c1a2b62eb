"""Creating from the palette (drag and drop, click to place) and connecting (context pad drag,
click-to-connect, the rules' feedback, reconnect, route editing), with real events."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from bpo_desktop.core.model import EdgeLayout, Flow, NodeKind, Process, ShapeLayout
from bpo_desktop.ui.canvas.palette import PaletteButton
from bpo_desktop.ui.main_window import MainWindow

NO_MODIFIER = Qt.KeyboardModifier.NoModifier

S3, S4, S5 = "Assign account rep", "Collect payment", "Send welcome kit"


def _process(window: MainWindow) -> Process:
    process = window.current_process()
    assert process is not None
    return process


def _new_ids(process: Process, before: set[str]) -> set[str]:
    return set(process.elements) - before


def test_drag_from_the_palette_drops_into_the_lane_under_the_pointer(
    editing: MainWindow, driver
) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    finance = process.lane_by_name("Finance")
    lane_box = process.layout[finance.id].bounds  # type: ignore[union-attr]
    editing.view.centerOn(lane_box.x + 400, lane_box.center.y)
    button = editing.findChild(PaletteButton, "palette.task")
    assert button is not None
    drop_scene = (lane_box.x + 250, lane_box.center.y)
    drop = editing.view.viewport().mapToGlobal(driver.at(*drop_scene))
    before = set(process.elements)
    grip = QPoint(20, 20)
    origin = button.mapToGlobal(grip)
    QTest.mousePress(button, Qt.MouseButton.LeftButton, NO_MODIFIER, grip)
    for i in range(1, 11):  # the button holds the mouse grab while the pointer crosses over
        QTest.mouseMove(button, button.mapFromGlobal(origin + (drop - origin) * (i / 10)))
    assert editing.canvas.overlays.ghost is not None  # the preview follows the pointer
    QTest.mouseRelease(button, Qt.MouseButton.LeftButton, NO_MODIFIER, button.mapFromGlobal(drop))
    (new_id,) = _new_ids(process, before)
    node = process.node(new_id)
    assert node.kind is NodeKind.TASK and node.lane_id == finance.id
    bounds = process.layout[new_id].bounds  # type: ignore[union-attr]
    assert abs(bounds.center.x - drop_scene[0]) <= 5 and abs(bounds.center.y - drop_scene[1]) <= 5
    assert editing.canvas.selected_ids() == [new_id]
    assert editing.action("edit.undo").text() == "&Undo Create task"
    editing.action("edit.undo").trigger()
    assert new_id not in process.elements and editing.scene.item_for(new_id) is None
    editing.action("edit.redo").trigger()
    assert process.node(new_id).lane_id == finance.id


def test_click_a_palette_entry_then_the_canvas(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    sales = process.lane_by_name("Sales")
    box = process.layout[sales.id].bounds  # type: ignore[union-attr]
    editing.view.centerOn(box.x + 300, box.center.y)
    button = editing.findChild(PaletteButton, "palette.exclusive_gateway")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert editing.canvas.tool_name == "create:exclusive_gateway"
    before = set(process.elements)
    driver.move(driver.at(box.x + 120, box.y + 40))
    driver.click(driver.at(box.x + 120, box.y + 40))
    (new_id,) = _new_ids(process, before)
    assert process.node(new_id).kind is NodeKind.EXCLUSIVE_GATEWAY
    assert process.node(new_id).lane_id == sales.id
    assert editing.canvas.tool_name == "select"


def test_connect_two_tasks_by_dragging_from_the_context_pad(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s3, s5 = process.node_by_name(S3).id, process.node_by_name(S5).id
    driver.show(s3, s5)
    driver.click(driver.centre(s3))
    rect = editing.canvas.context_pad.entry_rect("connect")
    assert rect is not None
    before = set(process.elements)
    driver.drag(rect.center(), driver.centre(s5), steps=10)
    (flow_id,) = _new_ids(process, before)
    flow = process.elements[flow_id]
    assert isinstance(flow, Flow) and (flow.source, flow.target) == (s3, s5)
    layout = process.layout[flow_id]
    assert isinstance(layout, EdgeLayout) and len(layout.waypoints) >= 2
    assert editing.scene.item_for(flow_id) is not None
    editing.action("edit.undo").trigger()
    assert flow_id not in process.elements
    editing.action("edit.redo").trigger()
    assert flow_id in process.elements


def test_a_forbidden_connection_shows_why_and_creates_nothing(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s3 = process.node_by_name(S3).id
    start = next(n.id for n in process.nodes() if n.kind is NodeKind.START_EVENT)
    driver.show(s3, start)
    driver.click(driver.centre(s3))
    rect = editing.canvas.context_pad.entry_rect("connect")
    driver.drag(rect.center(), driver.centre(start), steps=10, release=False)
    target = editing.canvas.overlays.target
    assert target is not None and target[1] is False  # red
    assert editing.canvas.overlays.message is not None
    assert "start event" in editing.canvas.overlays.message[0]
    before = editing.workspace.copy()
    driver.release(driver.centre(start))
    assert editing.workspace == before
    assert "start event" in editing.statusBar().currentMessage()


def test_click_to_connect_with_the_keyboard_c(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s4, s5 = process.node_by_name(S4).id, process.node_by_name(S5).id
    driver.show(s4, s5)
    driver.click(driver.centre(s4))
    driver.key(Qt.Key.Key_C)
    before = set(process.elements)
    driver.move(driver.centre(s5))
    driver.click(driver.centre(s5))
    (flow_id,) = _new_ids(process, before)
    assert (process.elements[flow_id].source, process.elements[flow_id].target) == (s4, s5)  # type: ignore[union-attr]


def test_reconnect_a_flow_end_by_dragging_it(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s4, s5 = process.node_by_name(S4).id, process.node_by_name(S5).id
    flow = next(f for f in process.flows() if f.source == s4)
    driver.show(s4, s5)
    driver.click(driver.at(*_mid_of_segment(process, flow.id)))
    assert editing.canvas.selected_ids() == [flow.id]
    end = next(h for h in editing.canvas.overlays.handles if h.kind == "flow_end")
    driver.drag(editing.view.mapFromScene(end.scene_pos), driver.centre(s5), steps=10)
    assert process.elements[flow.id].target == s5  # type: ignore[union-attr]
    assert editing.document.stack.undo_label == "Reconnect"
    editing.action("edit.undo").trigger()
    assert process.elements[flow.id].target == flow.target  # type: ignore[union-attr]


def test_drag_a_segment_of_a_route(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s4 = process.node_by_name(S4).id
    flow = next(f for f in process.flows() if f.source == s4)
    layout = process.layout[flow.id]
    assert isinstance(layout, EdgeLayout) and len(layout.waypoints) == 4
    vertical_x = layout.waypoints[1].x
    driver.show(s4)
    driver.click(driver.at(*_mid_of_segment(process, flow.id, index=0)))  # its own first segment
    assert editing.canvas.selected_ids() == [flow.id]
    # The middle segment is shared with the other branches' routes: grab it by its handle.
    handles = editing.canvas.overlays.handles
    handle = next(h for h in handles if h.kind == "segment" and h.index == 1)
    mid = (handle.scene_pos.x(), handle.scene_pos.y())
    driver.drag(driver.at(*mid), driver.at(mid[0] + 40, mid[1]), steps=6)
    new = process.layout[flow.id]
    assert isinstance(new, EdgeLayout)
    moved_x = new.waypoints[1].x
    assert new.waypoints[2].x == moved_x and moved_x % 10 == 0  # stays vertical, on the grid
    assert abs(moved_x - (vertical_x + 40)) <= 5
    assert new.waypoints[0] == layout.waypoints[0] and new.waypoints[-1] == layout.waypoints[-1]
    assert editing.document.stack.undo_label == "Edit waypoints"


def _mid_of_segment(process: Process, flow_id: str, index: int = 0) -> tuple[float, float]:
    layout = process.layout[flow_id]
    assert isinstance(layout, EdgeLayout)
    a, b = layout.waypoints[index], layout.waypoints[index + 1]
    return ((a.x + b.x) / 2, (a.y + b.y) / 2)


def test_resize_a_task_by_its_corner(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s3 = process.node_by_name(S3).id
    driver.show(s3)
    driver.click(driver.centre(s3))
    before = process.layout[s3].bounds  # type: ignore[union-attr]
    corner = next(h for h in editing.canvas.overlays.handles if h.kind == "resize" and h.index == 2)
    start = editing.view.mapFromScene(corner.scene_pos)
    driver.drag(start, start + QPoint(40, 30))
    layout = process.layout[s3]
    assert isinstance(layout, ShapeLayout)
    after = layout.bounds
    assert (after.x, after.y) == (before.x, before.y)  # the opposite corner stays put
    right, bottom = after.x + after.width, after.y + after.height
    assert right % 10 == 0 and bottom % 10 == 0  # the dragged corner snaps to the grid
    assert abs(right - (before.x + before.width + 40)) <= 5
    assert abs(bottom - (before.y + before.height + 30)) <= 5
    assert editing.document.stack.undo_label == "Resize"


def test_escape_cancels_a_connection_in_progress(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s3, s5 = process.node_by_name(S3).id, process.node_by_name(S5).id
    driver.show(s3, s5)
    driver.click(driver.centre(s3))
    rect = editing.canvas.context_pad.entry_rect("connect")
    driver.drag(rect.center(), driver.centre(s5), steps=8, release=False)
    assert editing.canvas.overlays.target is not None and editing.canvas.overlays.target[1]
    driver.key(Qt.Key.Key_Escape)
    assert editing.canvas.overlays.line == [] and editing.canvas.overlays.target is None
    before = editing.workspace.copy()
    driver.release(driver.centre(s5))
    assert editing.workspace == before and not editing.document.stack.can_undo
