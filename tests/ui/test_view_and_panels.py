"""Zoom, pan, scroll bars, the minimap, Find, the keyboard dialog and the colour scheme."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from bpo_desktop.ui.canvas import theme
from bpo_desktop.ui.main_window import MainWindow


def test_zoom_keys_fit_and_actual_size(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    view = editing.view
    assert view.zoom() == pytest.approx(1.0)
    driver.key(Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.2)
    driver.key(Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    driver.key(Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1 / 1.2)
    driver.key(Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    visible = view.visible_scene_rect()
    assert visible.contains(editing.scene.content_rect())
    driver.key(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.0)
    assert editing.findChild(type(editing._zoom_label), "status.zoom").text() == "100%"


def test_pan_with_space_drag_middle_drag_and_scroll_bars(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    view = editing.view
    bars = (view.horizontalScrollBar(), view.verticalScrollBar())
    assert bars[0].isVisible() and bars[0].maximum() > 0
    before = (bars[0].value(), bars[1].value())
    centre = view.viewport().rect().center()
    QTest.keyPress(view, Qt.Key.Key_Space)
    driver.drag(centre, centre + QPoint(-120, -80), steps=4)
    QTest.keyRelease(view, Qt.Key.Key_Space)
    assert (bars[0].value(), bars[1].value()) == (before[0] + 120, before[1] + 80)
    assert not editing.canvas.selected_ids() and not editing.document.stack.can_undo
    QTest.mousePress(
        view.viewport(), Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, centre
    )
    QTest.mouseMove(view.viewport(), centre + QPoint(50, 0))
    QTest.mouseRelease(
        view.viewport(),
        Qt.MouseButton.MiddleButton,
        Qt.KeyboardModifier.NoModifier,
        centre + QPoint(50, 0),
    )
    assert bars[0].value() == before[0] + 70
    top = view.visible_scene_rect().top()
    bars[1].setValue(bars[1].value() + 30)  # the scroll bars pan too
    assert view.visible_scene_rect().top() == pytest.approx(top + 30)


def test_hand_tool_pans(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    view = editing.view
    driver.key(Qt.Key.Key_H)
    assert editing.canvas.tool_name == "hand"
    before = view.horizontalScrollBar().value()
    centre = view.viewport().rect().center()
    driver.drag(centre, centre + QPoint(-60, 0), steps=3)
    assert view.horizontalScrollBar().value() == before + 60
    driver.key(Qt.Key.Key_Escape)
    assert editing.canvas.tool_name == "select"


def test_minimap_click_moves_the_view(editing: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    minimap = editing.minimap
    minimap.render_now()
    assert minimap._pixmap is not None
    target = minimap._target
    point = QPoint(int(target.right() - 5), int(target.center().y()))
    QTest.mouseClick(minimap, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    visible = editing.view.visible_scene_rect()
    content = editing.scene.content_rect()
    assert visible.center().x() > content.center().x()  # now looking at the right end


def test_find_selects_and_reveals(editing: MainWindow, driver, qtbot) -> None:  # type: ignore[no-untyped-def]
    process = editing.current_process()
    driver.key(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = editing.find_dialog  # type: ignore[attr-defined]
    assert dialog.isVisible()
    QTest.keyClicks(dialog.query, "welcome")
    assert dialog.results.count() == 1
    QTest.keyClick(dialog.query, Qt.Key.Key_Return)
    kit = process.node_by_name("Send welcome kit").id
    assert editing.canvas.selected_ids() == [kit]
    item = editing.scene.item_for(kit)
    assert editing.view.visible_scene_rect().contains(item.scene_rect())  # type: ignore[union-attr]
    dialog.close()


def test_keyboard_dialog_lists_the_shortcuts(editing: MainWindow) -> None:
    editing.action("help.keyboard").trigger()
    table = editing.keyboard_dialog.table  # type: ignore[attr-defined]
    rows = {table.item(r, 1).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert rows["Undo"] and rows["Append Task"] == "T" and rows["Rename"] == "F2"
    assert rows["Find Element"] and rows["Auto-Layout Process"]
    editing.keyboard_dialog.close()  # type: ignore[attr-defined]


def test_the_canvas_follows_a_dark_colour_scheme(editing: MainWindow) -> None:
    try:
        editing.apply_colour_scheme(True)
        image = editing.view.viewport().grab().toImage()
        corner = QColor(image.pixel(3, 3))
        assert corner.lightness() < 60  # the dark background
        assert theme.DARK
    finally:
        editing.apply_colour_scheme(False)
    image = editing.view.viewport().grab().toImage()
    assert QColor(image.pixel(3, 3)).lightness() > 200
