"""Process inputs and outputs on the canvas and in the inspector.

An input draws bpmn.io's hollow arrow in its top-left corner, an output the filled one, a
plain data object none. The inspector offers a data object's role (not a data store's); the
change is one undo step.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox
from support.corpus import CORPUS, unavailable
from support.scene_pixels import SCALE, render

from bpo_desktop.core.interchange.bpmn import import_bpmn
from bpo_desktop.core.model import (
    Bounds,
    DataIO,
    DataObject,
    Process,
    ShapeLayout,
    new_workspace,
)
from bpo_desktop.core.storage import save_workspace_as
from bpo_desktop.ui.canvas.data_io import io_marker_polygon

C80 = CORPUS / "miwg-reference" / "C.8.0.bpmn"
REASON = "dataOutputdataOutput_dac8ee76-f637-4fd9-8357-6a87fd11ef41"


def _dark(image: QImage, points: list[QPointF]) -> list[bool]:
    return [image.pixelColor(int(p.x() * SCALE), int(p.y() * SCALE)).lightness() < 120
            for p in points]  # fmt: skip


def test_inputs_and_outputs_draw_different_arrows(qtbot) -> None:  # type: ignore[no-untyped-def]
    process = Process(id="P", name="data")
    boxes = {DataIO.NONE: Bounds(20, 20, 36, 50), DataIO.INPUT: Bounds(80, 20, 36, 50),
             DataIO.OUTPUT: Bounds(140, 20, 36, 50)}  # fmt: skip
    for io, bounds in boxes.items():
        process.elements[str(io)] = DataObject(str(io), io=io)
        process.layout[str(io)] = ShapeLayout(bounds)
    image = render(process, QRectF(0, 0, 200, 100))
    for io, bounds in boxes.items():
        rect = QRectF(bounds.x, bounds.y, bounds.width, bounds.height)
        arrow = io_marker_polygon(rect)
        outline = [arrow.at(i) for i in range(arrow.count())]
        # inside the arrow's shaft and head, clear of its outline
        inside = [QPointF(rect.left() + x, rect.top() + y) for x, y in
                  ((7.5, 11.0), (10.0, 11.0), (12.0, 11.0), (15.5, 11.0))]  # fmt: skip
        corners_inked = sum(_dark(image, outline))
        filled = _dark(image, inside)
        if io is DataIO.NONE:
            assert corners_inked == 0 and not any(filled), "a plain data object has no arrow"
        elif io is DataIO.INPUT:
            assert corners_inked >= 5, "the input's arrow outline is drawn"
            assert not any(filled), "an input's arrow is hollow"
        else:
            assert corners_inked >= 5
            assert all(filled), "an output's arrow is filled"


def _open_c80(qtbot, window, tmp_path: Path):  # type: ignore[no-untyped-def]
    if not C80.is_file():
        unavailable(f"MIWG C.8.0 not found at {C80} (set BPO_BPMN_CORPUS)")
    workspace = new_workspace()
    import_bpmn(C80.read_bytes(), source="C.8.0.bpmn").add_to(workspace)
    path = tmp_path / "c80.bpo"
    save_workspace_as(workspace, path)
    assert window.open_file(path)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.view.zoom_actual()
    return window.current_process()


def test_the_inspector_changes_a_data_objects_role_as_one_undo_step(
    qtbot, window, driver, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    process = _open_c80(qtbot, window, tmp_path)
    driver.show(REASON)
    driver.click(driver.centre(REASON))
    assert window.inspector.element_id == REASON
    role = window.inspector.editor("io").widget
    assert isinstance(role, QComboBox) and role.isVisible()
    assert [role.itemText(i) for i in range(role.count())] == [
        "Data object", "Process input", "Process output"]  # fmt: skip
    assert role.currentText() == "Process output"
    role.setFocus()
    QTest.keyClick(role, Qt.Key.Key_Up)  # the closed combo steps to "Process input"
    assert process.elements[REASON].io is DataIO.INPUT
    assert role.currentText() == "Process input"
    assert window.document.stack.undo_label == "Edit role"
    window.action("edit.undo").trigger()
    assert process.elements[REASON].io is DataIO.OUTPUT
    assert role.currentText() == "Process output"
    window.action("edit.redo").trigger()
    assert process.elements[REASON].io is DataIO.INPUT


def test_a_data_store_offers_no_role(qtbot, window, driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    process = _open_c80(qtbot, window, tmp_path)
    driver.show(REASON)
    driver.click(driver.centre(REASON))
    store = window.inspector.editor("is_store").widget
    role = window.inspector.editor("io").widget
    assert isinstance(store, QCheckBox)
    store.setFocus()
    QTest.keyClick(store, Qt.Key.Key_Space)
    assert process.elements[REASON].is_store
    assert not role.isVisible()
    window.action("edit.undo").trigger()
    assert not process.elements[REASON].is_store
    assert role.isVisible() and role.currentText() == "Process output"
