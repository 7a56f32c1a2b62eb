"""Drilling into a collapsed sub-process or call activity, and coming back (bpmn-js planes).

MIWG C.5.0 draws the process its collapsed call activity "Check for connected clients" calls
in a second diagram: the window shows the main plane, a button on the call activity opens the
called process's plane, and breadcrumbs lead back.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from support.corpus import CORPUS, unavailable

from bpo_desktop.core.interchange.bpmn import import_bpmn
from bpo_desktop.core.model import Node, NodeKind, new_workspace
from bpo_desktop.core.storage import save_workspace_as
from bpo_desktop.ui.canvas.drilldown import button_rect
from bpo_desktop.ui.canvas.items import ShapeItem
from bpo_desktop.ui.canvas.palette import PaletteButton
from bpo_desktop.ui.main_window import MainWindow

C50 = CORPUS / "miwg-reference" / "C.5.0.bpmn"
CALLER = "_b9338c62-a257-47dd-8c2e-88b80b73c330"  # "Check for connected clients"
DI = "{http://www.omg.org/spec/BPMN/20100524/DI}"
DC = "{http://www.omg.org/spec/DD/20100524/DC}"


def _second_diagram_centres(data: bytes) -> dict[str, QPointF]:
    diagram = etree.fromstring(data).findall(f"{DI}BPMNDiagram")[1]
    centres = {}
    for shape in diagram.iter(f"{DI}BPMNShape"):
        box = shape.find(f"{DC}Bounds")
        assert box is not None
        x, y, w, h = (float(box.get(key, "0")) for key in ("x", "y", "width", "height"))
        centres[shape.get("bpmnElement", "")] = QPointF(x + w / 2, y + h / 2)
    return centres


def _open_c50(window: MainWindow, tmp_path: Path) -> bytes:
    if not C50.is_file():
        unavailable(f"MIWG C.5.0 not found at {C50} (set BPO_BPMN_CORPUS)")
    data = C50.read_bytes()
    workspace = new_workspace()
    import_bpmn(data, source="C.5.0.bpmn").add_to(workspace)
    path = tmp_path / "c50.bpo"
    save_workspace_as(workspace, path)
    assert window.open_file(path)
    window.view.zoom_actual()
    return data


def _button_point(window: MainWindow, container_id: str) -> QPoint:
    button = window.scene.drilldown_button(container_id)
    assert button is not None, f"no drill-down button on {container_id}"
    window.view.centerOn(button.scene_rect().center())
    return window.view.mapFromScene(button.scene_rect().center())


def test_c50_drills_into_the_call_activity_and_back_by_the_breadcrumbs(
    qtbot, driver, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = driver.window
    data = _open_c50(window, tmp_path)
    inside = _second_diagram_centres(data)
    assert len(inside) >= 4
    assert window.canvas.planes.current is None
    assert all(window.scene.item_for(element_id) is None for element_id in inside)
    assert not window.canvas.planes.breadcrumbs.isVisible()

    driver.click(_button_point(window, CALLER))

    assert window.canvas.planes.current == CALLER
    for element_id, centre in inside.items():
        item = window.scene.item_for(element_id)
        assert isinstance(item, ShapeItem), element_id
        drawn = item.scene_rect().center()
        assert abs(drawn.x() - centre.x()) <= 1 and abs(drawn.y() - centre.y()) <= 1
    assert window.scene.item_for(CALLER) is None  # the main plane is not drawn
    crumbs = window.canvas.planes.breadcrumbs
    assert crumbs.isVisible() and crumbs.path == [None, CALLER]
    back = crumbs.link(0)
    assert back is not None and back.text() == window.canvas.process().name  # type: ignore[union-attr]

    QTest.mouseClick(back, Qt.MouseButton.LeftButton)

    assert window.canvas.planes.current is None
    assert not crumbs.isVisible()
    assert all(window.scene.item_for(element_id) is None for element_id in inside)
    assert window.canvas.selected_ids() == [CALLER]  # where the user came out


def test_keys_and_the_marker_open_and_leave_a_plane(qtbot, driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = driver.window
    _open_c50(window, tmp_path)
    item = window.scene.item_for(CALLER)
    assert isinstance(item, ShapeItem)
    window.view.centerOn(item.scene_rect().center())
    rect = item.scene_rect()
    marker = window.view.mapFromScene(QPointF(rect.center().x(), rect.bottom() - 10))
    driver.double_click(marker)  # on the [+] marker
    assert window.canvas.planes.current == CALLER
    driver.key(Qt.Key.Key_Escape)  # nothing selected: Backspace is not "delete"
    driver.key(Qt.Key.Key_Backspace)
    assert window.canvas.planes.current is None
    window.canvas.select([CALLER])
    pad = window.canvas.context_pad.entry_rect("open")
    assert pad is not None
    driver.click(pad.center())
    assert window.canvas.planes.current == CALLER
    driver.key(Qt.Key.Key_Escape)
    driver.key(Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.canvas.planes.current is None


def test_a_step_added_on_a_plane_goes_inside_and_undo_works_from_anywhere(qtbot, driver) -> None:  # type: ignore[no-untyped-def]
    """A new collapsed sub-process has an (empty) plane: the user opens it and adds a task."""
    window = driver.window
    process = window.canvas.process()
    assert process is not None
    empty_spot = window.view.mapToScene(window.view.viewport().rect().bottomLeft())
    spot = QPointF(empty_spot.x() + 120, empty_spot.y() - 80)
    QTest.mouseClick(
        window.findChild(PaletteButton, "palette.subprocess"), Qt.MouseButton.LeftButton
    )
    driver.move(driver.at(spot.x(), spot.y()))
    driver.click(driver.at(spot.x(), spot.y()))
    (sub_id,) = window.canvas.selected_ids()
    sub = process.elements[sub_id]
    assert isinstance(sub, Node) and sub.kind is NodeKind.SUBPROCESS and not sub.expanded
    button = window.scene.drilldown_button(sub_id)
    assert button is not None and button.empty  # drawn faint: nothing inside yet
    driver.click(_button_point(window, sub_id))
    assert window.canvas.planes.current == sub_id
    assert not window.scene.has_elements()

    QTest.mouseClick(window.findChild(PaletteButton, "palette.task"), Qt.MouseButton.LeftButton)
    centre = window.view.viewport().rect().center()
    driver.move(centre)
    driver.click(centre)
    (task_id,) = window.canvas.selected_ids()
    task = process.elements[task_id]
    assert isinstance(task, Node) and task.parent_id == sub_id and task.lane_id is None
    assert window.scene.item_for(task_id) is not None

    driver.key(Qt.Key.Key_Escape)
    driver.key(Qt.Key.Key_Backspace)  # back on the main plane: the task is not drawn there
    assert window.scene.item_for(task_id) is None
    button = window.scene.drilldown_button(sub_id)
    assert button is not None and not button.empty
    window.action("edit.undo").trigger()  # undoes the task, on the plane not shown
    assert task_id not in process.elements
    button = window.scene.drilldown_button(sub_id)
    assert button is not None and button.empty

    window.canvas.planes.show(sub_id)
    window.action("edit.undo").trigger()  # the sub-process itself goes: back to the main plane
    assert sub_id not in process.elements
    assert window.canvas.planes.current is None
    assert not window.canvas.planes.breadcrumbs.isVisible()
    main_steps = [node.id for node in process.nodes() if node.parent_id is None]
    assert main_steps and all(window.scene.item_for(i) is not None for i in main_steps)


def test_expanding_from_the_context_pad_shows_the_inside_in_the_box(
    qtbot, driver, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = driver.window
    data = _open_c50(window, tmp_path)
    inside = _second_diagram_centres(data)
    window.canvas.select([CALLER])
    entry = window.canvas.context_pad.entry_rect("toggle_expanded")
    assert entry is not None
    driver.click(entry.center())

    process = window.canvas.process()
    assert process is not None
    caller = process.elements[CALLER]
    assert isinstance(caller, Node) and caller.expanded
    assert window.scene.drilldown_button(CALLER) is None
    box = window.scene.item_for(CALLER)
    assert isinstance(box, ShapeItem)
    for element_id in inside:
        item = window.scene.item_for(element_id)
        assert isinstance(item, ShapeItem), element_id
        assert box.scene_rect().contains(item.scene_rect().center()), element_id

    window.action("edit.undo").trigger()  # collapsed again: the inside is off the main plane
    assert all(window.scene.item_for(element_id) is None for element_id in inside)
    assert window.scene.drilldown_button(CALLER) is not None


def test_the_button_hides_during_a_drag_and_follows_the_box(qtbot, driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = driver.window
    _open_c50(window, tmp_path)
    driver.show(CALLER)
    start = driver.centre(CALLER)
    before = window.scene.item_for(CALLER).scene_rect().center().y()  # type: ignore[union-attr]
    driver.drag(start, start + QPoint(0, 60), release=False)
    button = window.scene.drilldown_button(CALLER)
    assert button is not None and not button.isVisible()
    driver.release(start + QPoint(0, 60))
    item = window.scene.item_for(CALLER)
    button = window.scene.drilldown_button(CALLER)
    assert isinstance(item, ShapeItem) and button is not None and button.isVisible()
    assert item.scene_rect().center().y() > before + 30  # it moved
    assert button.scene_rect() == button_rect(item.scene_rect())
    assert item.scene_rect().contains(button.scene_rect())


def test_a_problem_inside_a_plane_opens_that_plane(qtbot, driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """C.5.0's called process ends in an unnamed end event: its finding leads into the plane."""
    window = driver.window
    _open_c50(window, tmp_path)
    problems = window.problems  # type: ignore[attr-defined]
    unnamed_end = "_f7ce4bda-22c2-4ef9-aad9-5203dff18538"
    qtbot.waitUntil(lambda: problems.report is not None and not problems.busy, timeout=10_000)
    tree = problems.tree
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    mine = [r for r in rows if r is not None and r.data(0, Qt.ItemDataRole.UserRole) == unnamed_end]
    assert mine
    window.docks["problems"].raise_()
    tree.scrollToItem(mine[0])
    rect = tree.visualItemRect(mine[0])
    QTest.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center()
    )
    assert window.canvas.planes.current == CALLER
    assert window.canvas.selected_ids() == [unnamed_end]
