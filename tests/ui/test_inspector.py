"""The property inspector: every attribute of the selection; validated; one undo step each."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

from bpo_desktop.core.model import Process, TaskType, VAClass
from bpo_desktop.ui.main_window import MainWindow

S1 = "Enter customer + contract in CRM"


def _process(window: MainWindow) -> Process:
    process = window.current_process()
    assert process is not None
    return process


def _field(window: MainWindow, name: str):  # type: ignore[no-untyped-def]
    return window.inspector.editor(name).widget


def _type_into(line: QLineEdit, text: str) -> None:
    line.setFocus()
    line.selectAll()
    QTest.keyClicks(line, text)
    QTest.keyClick(line, Qt.Key.Key_Return)


def test_shows_every_attribute_of_the_selected_step(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s1 = process.node(process.node_by_name(S1).id)
    driver.show(s1.id)
    driver.click(driver.centre(s1.id))
    assert editing.inspector.element_id == s1.id
    assert _field(editing, "name").text() == S1
    assert _field(editing, "touch_min").text() == "20"
    assert _field(editing, "lane_id").currentText() == "Sales"
    assert _field(editing, "system_id").currentText() == "CRM"
    assert _field(editing, "va_class").currentData() == VAClass.NNVA
    assert _field(editing, "type").currentText() == "User task"
    for name in ("wait_min", "cost_per_use", "owner_role", "manual_trigger", "documentation"):
        assert _field(editing, name) is not None


def test_a_number_edit_is_one_undo_step_and_bad_input_is_refused(
    editing: MainWindow, driver
) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s1 = process.node_by_name(S1).id
    editing.canvas.select([s1])
    touch = _field(editing, "touch_min")
    assert isinstance(touch, QLineEdit)
    _type_into(touch, "35")
    assert process.node(s1).touch_min == 35
    assert editing.document.stack.undo_label == "Edit touch min"
    _type_into(touch, "-5")
    error = editing.inspector.error
    assert error.isVisible() and "negative" in error.text()
    assert process.node(s1).touch_min == 35
    _type_into(touch, "abc")
    assert "not a number" in error.text()
    editing.action("edit.undo").trigger()
    assert process.node(s1).touch_min == 20
    assert touch.text() == "20"


def test_choices_checkboxes_and_documentation(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s1 = process.node_by_name(S1).id
    editing.canvas.select([s1])
    lane = _field(editing, "lane_id")
    assert isinstance(lane, QComboBox)
    finance = process.lane_by_name("Finance").id
    lane.activated.emit(lane.findData(finance))
    assert process.node(s1).lane_id == finance
    kind = _field(editing, "type")
    kind.activated.emit(kind.findData("service_task"))
    assert process.node(s1).task_type is TaskType.SERVICE
    assert editing.document.stack.undo_label == "Change to service task"
    memory = _field(editing, "manual_trigger")
    assert isinstance(memory, QCheckBox)
    memory.setFocus()
    QTest.keyClick(memory, Qt.Key.Key_Space)
    assert process.node(s1).manual_trigger is True
    docs = _field(editing, "documentation")
    assert isinstance(docs, QPlainTextEdit)
    docs.setFocus()
    QTest.keyClicks(docs, "Checked by sales ops")
    _field(editing, "name").setFocus()  # leaving the field commits it
    assert process.node(s1).documentation == "Checked by sales ops"
    assert editing.document.stack.undo_label == "Edit documentation"


def test_nothing_selected_shows_the_process(editing: MainWindow) -> None:
    process = _process(editing)
    editing.canvas.select([])
    name = _field(editing, "name")
    assert name.text() == process.name
    _type_into(name, "Onboarding")
    assert process.name == "Onboarding"
    assert editing.process_panel.currentItem().text(0) == "Onboarding"
    editing.action("edit.undo").trigger()
    assert name.text() == process.name != "Onboarding"


def test_a_flow_probability_in_percent(editing: MainWindow) -> None:
    process = _process(editing)
    flow = next(iter(process.flows()))
    editing.canvas.select([flow.id])
    probability = _field(editing, "probability")
    _type_into(probability, "60")
    assert process.elements[flow.id].probability == 0.6  # type: ignore[union-attr]
    _type_into(probability, "150")
    assert "at most 100" in editing.inspector.error.text()


def test_a_flow_out_of_a_step_made_conditional_gets_its_diamond_and_undo_removes_it(
    editing: MainWindow, driver
) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s1 = process.node_by_name(S1).id
    flow = next(f for f in process.flows() if f.source == s1)
    assert not flow.conditional
    editing.canvas.select([flow.id])
    box = _field(editing, "conditional")
    assert isinstance(box, QCheckBox) and not box.isChecked()
    box.click()  # as a user ticks it: a conditional flow with no condition text yet
    edited = process.elements[flow.id]
    assert edited.conditional and edited.condition == ""  # type: ignore[union-attr]
    item = editing.scene.item_for(flow.id)
    assert item is not None and item.element == edited  # type: ignore[attr-defined]
    assert item.from_activity  # type: ignore[attr-defined]  # so the painter draws the diamond
    _type_into(_field(editing, "condition"), "complete")
    assert process.elements[flow.id].condition == "complete"  # type: ignore[union-attr]
    box.click()  # unticked: a plain flow again, its condition text goes with it
    assert process.elements[flow.id] == flow
    editing.action("edit.undo").trigger()
    assert process.elements[flow.id].condition == "complete"  # type: ignore[union-attr]
    assert box.isChecked()
