"""Lanes on the canvas (reorder by dragging the name band, resize by the bottom edge, add and
remove from the context pad) and auto-layout, each one undo step, with real events."""

from __future__ import annotations

import itertools
import random

from PySide6.QtCore import QPoint, Qt

from bpo_desktop.core.editing.containment import lane_at
from bpo_desktop.core.model import Bounds, Process, ShapeLayout
from bpo_desktop.ui.main_window import MainWindow


def _process(window: MainWindow) -> Process:
    process = window.current_process()
    assert process is not None
    return process


def _box(process: Process, element_id: str) -> Bounds:
    layout = process.layout[element_id]
    assert isinstance(layout, ShapeLayout)
    return layout.bounds


def _band_point(window: MainWindow, process: Process, lane_id: str) -> QPoint:
    box = _box(process, lane_id)
    return window.view.mapFromScene(box.x + 15, box.center.y)


def test_reorder_lanes_by_dragging_the_name_band(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    sales, finance = process.lane_by_name("Sales"), process.lane_by_name("Finance")
    s1 = process.node_by_name("Enter customer + contract in CRM").id
    editing.view.fit_to_contents()
    start = _band_point(editing, process, sales.id)
    finance_box = _box(process, finance.id)
    end = editing.view.mapFromScene(finance_box.x + 15, finance_box.y + finance_box.height - 10)
    driver.drag(start, end, steps=10, release=False)
    assert editing.canvas.overlays.insert_line is not None  # where the lane will go
    driver.release(end)
    assert [lane.name for lane in process.lanes()] == [
        "Customer Service",
        "Finance",
        "Sales",
        "Marketing",
    ]
    assert process.node(s1).lane_id == sales.id
    assert lane_at(process, _box(process, s1).center) == sales.id  # its steps went along
    assert editing.document.stack.undo_label == "Move lane"
    editing.action("edit.undo").trigger()
    assert process.lanes()[0].name == "Sales"
    editing.action("edit.redo").trigger()
    assert process.lanes()[2].name == "Sales"
    # The lane items follow the model.
    item = editing.scene.item_for(sales.id)
    assert item is not None and item.scene_rect().y() == _box(process, sales.id).y  # type: ignore[union-attr]


def test_move_lane_down_from_the_keyboard(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    marketing = process.lane_by_name("Marketing")
    editing.view.fit_to_contents()
    driver.click(_band_point(editing, process, marketing.id))
    assert editing.canvas.selected_ids() == [marketing.id]
    driver.key(Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [lane.name for lane in process.lanes()][2] == "Marketing"


def test_resize_a_lane_by_its_bottom_edge(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    cs = process.lane_by_name("Customer Service").id
    finance = process.lane_by_name("Finance").id
    finance_y = _box(process, finance).y
    driver.show(cs)
    driver.click(_band_point(editing, process, cs))
    handle = next(h for h in editing.canvas.overlays.handles if h.kind == "lane_height")
    start = editing.view.mapFromScene(handle.scene_pos)
    driver.drag(start, start + QPoint(0, 60))
    assert _box(process, cs).height == 220
    assert _box(process, finance).y == finance_y + 60
    assert editing.document.stack.undo_label == "Resize lane"


def test_add_and_remove_lanes_from_the_context_pad(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    finance = process.lane_by_name("Finance").id
    editing.view.fit_to_contents()
    driver.click(_band_point(editing, process, finance))
    driver.click(editing.canvas.context_pad.entry_rect("lane.add_below").center())
    names = [lane.name for lane in process.lanes()]
    assert names == ["Sales", "Customer Service", "Finance", "Lane", "Marketing"]
    new_lane = process.lanes()[3].id
    assert editing.canvas.selected_ids() == [new_lane]
    editing.canvas.label_editor.cancel()
    driver.key(Qt.Key.Key_Delete)
    assert new_lane not in process.elements
    assert [lane.name for lane in process.lanes()] == [
        "Sales",
        "Customer Service",
        "Finance",
        "Marketing",
    ]
    editing.action("edit.undo").trigger()
    assert new_lane in process.elements


def test_auto_layout_then_undo(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    rng = random.Random(5)
    document = editing.document
    with document.stack.transaction("Scramble"):
        for node in list(process.nodes()):
            document.modeling.move_elements(
                [node.id], rng.uniform(-200, 200), rng.uniform(-100, 100)
            )
    scrambled = editing.workspace.copy()
    driver.key(
        Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert editing.document.stack.undo_label == "Auto-layout"
    nodes = list(process.nodes())
    for node in nodes:
        assert lane_at(process, _box(process, node.id).center) == node.lane_id
        item = editing.scene.item_for(node.id)
        assert item.scene_rect().topLeft().x() == _box(process, node.id).x  # type: ignore[union-attr]
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            p, q = _box(process, a.id), _box(process, b.id)
            assert not (
                p.x < q.x + q.width
                and q.x < p.x + p.width
                and p.y < q.y + q.height
                and q.y < p.y + p.height
            )
    editing.action("edit.undo").trigger()
    assert editing.workspace == scrambled
    editing.action("edit.redo").trigger()
    assert editing.document.stack.undo_label == "Auto-layout"


def test_rename_a_lane_inline(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtTest import QTest

    process = _process(editing)
    finance = process.lane_by_name("Finance").id
    editing.view.fit_to_contents()
    driver.double_click(_band_point(editing, process, finance))
    editor = editing.canvas.label_editor.widget
    assert editor is not None and editor.toPlainText() == "Finance"
    QTest.keyClicks(editor, "Accounts")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert process.elements[finance].name == "Accounts"  # type: ignore[union-attr]
    assert editing.document.stack.undo_label == "Rename"


def test_align_and_distribute_from_the_arrange_menu(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    ids = [
        process.node_by_name(name).id
        for name in ("Enter customer + contract in CRM", "Assign account rep", "Collect payment")
    ]
    editing.canvas.select(ids)
    assert editing.action("arrange.align_left").isEnabled()
    editing.action("arrange.align_left").trigger()
    assert len({_box(process, i).x for i in ids}) == 1
    assert editing.document.stack.undo_label == "Align left"
    # Every flow still ends on its (moved) shape.
    for flow in process.flows():
        if flow.target in ids:
            end = process.layout[flow.id].waypoints[-1]  # type: ignore[union-attr]
            box = _box(process, flow.target)
            assert box.x <= end.x <= box.x + box.width
    editing.action("edit.undo").trigger()
    editing.document.modeling.move_elements([ids[2]], 0, 40)  # uneven gaps
    editing.canvas.select(ids)
    editing.action("arrange.distribute_vertically").trigger()
    assert editing.document.stack.undo_label == "Distribute vertically"
    boxes = sorted((_box(process, i) for i in ids), key=lambda b: b.y)
    gaps = [b.y - (a.y + a.height) for a, b in itertools.pairwise(boxes)]
    assert abs(gaps[0] - gaps[1]) < 1e-6
