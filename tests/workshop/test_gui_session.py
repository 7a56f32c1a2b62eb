"""Workshop > New Session… with real typing (W1, W15) and the agenda timer (W2)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QSpinBox
from ui.conftest import show_active

from bpo_desktop.core.workshop import store
from bpo_desktop.ui.main_window import MainWindow


def _type_cell(table, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Double-click the cell, type, press Enter, as a user edits a table cell."""
    rect = table.visualRect(table.model().index(row, column))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not table, editor
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)


def test_new_session_with_participants_and_an_agenda_over_the_slot(
    qtbot, window: MainWindow, sample_file: Path
) -> None:  # type: ignore[no-untyped-def]
    assert window.open_file(sample_file)
    show_active(qtbot, window)
    window.registry.action("workshop.new_session").trigger()
    dialog = window.workshop.session_dialog  # type: ignore[attr-defined]
    assert dialog is not None and dialog.isVisible()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.title.selectAll()
    QTest.keyClicks(dialog.title, "Brown paper")
    QTest.keyClicks(dialog.place, "Room 4")
    QTest.keyClicks(dialog.facilitator, "Fran")
    for name, role in (("Ann", "Sales"), ("Bob", "Finance")):
        qtbot.mouseClick(
            dialog.findChild(QPushButton, "session.participants.add"),
            Qt.MouseButton.LeftButton,
        )
        row = dialog.participants.rowCount() - 1
        _type_cell(dialog.participants, row, 0, name)
        _type_cell(dialog.participants, row, 1, role)
    dialog.slot.setValue(180)
    for minutes in (30, 40, 60, 30, 30):
        dialog.add_agenda_item(f"Item {minutes}", minutes)
    assert "agenda exceeds slot by 10 min" in dialog.total.text()
    spin = dialog.agenda.cellWidget(0, 1)
    assert isinstance(spin, QSpinBox)
    spin.setValue(20)
    assert "exceeds" not in dialog.total.text()
    spin.setValue(30)
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )

    (session,) = store.sessions(window.workspace)  # type: ignore[arg-type]
    assert session.title == "Brown paper" and session.place == "Room 4"
    assert [(p.name, p.role) for p in session.participants] == [
        ("Ann", "Sales"),
        ("Bob", "Finance"),
    ]
    assert session.overrun_min == 10 and len(session.agenda) == 5
    assert set(session.baseline_ids) == {"Annotation_onb28", "Annotation_onb29"}
    panel = window.workshop.panel  # type: ignore[attr-defined]
    assert "agenda exceeds slot by 10 min" in panel.agenda.summary.text()
    window.document.stack.undo()  # type: ignore[union-attr]
    assert store.sessions(window.workspace) == []  # type: ignore[arg-type]


def test_agenda_template_fills_180_minutes(qtbot, window: MainWindow, sample_file: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_file(sample_file)
    dialog = window.workshop.new_session()  # type: ignore[attr-defined]
    index = dialog.template.findText("As-is brown paper (3 h)")
    dialog.template.setCurrentIndex(index)
    dialog.template.activated.emit(index)
    session = dialog.session()
    assert [a.planned_min for a in session.agenda] == [15, 20, 60, 30, 15, 15, 15, 10]
    assert session.slot_min == 180 and "exceeds" not in dialog.total.text()
    dialog.reject()


def test_timer_amber_red_extend_and_planned_vs_actual(qtbot, in_session: MainWindow, clock) -> None:  # type: ignore[no-untyped-def]
    tab = in_session.workshop.panel.agenda  # type: ignore[attr-defined]
    tab.select("Agenda_2")
    qtbot.mouseClick(tab.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.start.text() == "Pause")
    clock.advance(17)
    tab._show_clock()
    assert tab.timer_frame.property("timer_state") == "normal" and tab.clock.text() == "3:00"
    clock.advance(1)
    tab._show_clock()
    assert tab.timer_frame.property("timer_state") == "amber"
    assert "#f9a825" in tab.timer_frame.styleSheet()
    clock.advance(2)
    tab._show_clock()
    assert tab.timer_frame.property("timer_state") == "red"
    qtbot.mouseClick(tab.extend, Qt.MouseButton.LeftButton)  # +5 min (the default)
    qtbot.waitUntil(lambda: tab.timer_frame.property("timer_state") == "normal")
    clock.advance(5)
    qtbot.mouseClick(tab.start, Qt.MouseButton.LeftButton)  # pause
    qtbot.waitUntil(lambda: tab.start.text() == "Start")
    (session,) = store.sessions(in_session.workspace)  # type: ignore[arg-type]
    item = session.agenda[1]
    assert item.actual_s == 25 * 60 and item.extensions_min == (5,) and not item.started_at
    assert "planned 20 / actual 25 (extended once)" in tab.item_title.text()


def test_delete_session_removes_its_records_in_one_undo_step(
    qtbot, in_session: MainWindow, dialogs
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from bpo_desktop.core.workshop.model import ActionItem

    workshop = in_session.workshop  # type: ignore[attr-defined]
    session = workshop.session()
    workshop.put(ActionItem("Action_1", session.id, "Write it up", "Ann"), "Action")
    count = len(in_session.workspace.records)  # type: ignore[union-attr]
    dialogs.answer = QMessageBox.StandardButton.No
    in_session.registry.action("workshop.delete_session").trigger()
    assert len(in_session.workspace.records) == count  # type: ignore[union-attr]
    dialogs.answer = QMessageBox.StandardButton.Yes
    in_session.registry.action("workshop.delete_session").trigger()
    assert store.sessions(in_session.workspace) == []  # type: ignore[arg-type]
    assert store.actions(in_session.workspace) == []  # type: ignore[arg-type]
    assert dialogs.asked == ["Delete Session", "Delete Session"]
    in_session.document.stack.undo()  # type: ignore[union-attr]
    assert [a.what for a in store.actions(in_session.workspace)] == ["Write it up"]  # type: ignore[arg-type]
