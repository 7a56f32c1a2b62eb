"""Document handling: new, save (incremental), save as, the unsaved-changes title and prompt,
undo/redo naming the action, and the processes of a file (add, rename, duplicate, delete)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from bpo_desktop.core.model import NodeKind
from bpo_desktop.core.storage import BpoFile, read_workspace
from bpo_desktop.ui.main_window import MainWindow

from .conftest import Dialogs, show_active

S1 = "Enter customer + contract in CRM"


def test_new_file_is_clean_with_a_start_event(window: MainWindow) -> None:
    window.action("file.new").trigger()
    assert window.windowTitle() == "Untitled — BPO Desktop"
    process = window.current_process()
    assert process is not None and [n.kind for n in process.nodes()] == [NodeKind.START_EVENT]
    assert not window.document.is_modified and not window.action("edit.undo").isEnabled()


def test_title_shows_unsaved_changes_and_undo_names_the_action(
    window: MainWindow, sample_file: Path
) -> None:
    window.open_file(sample_file)
    process = window.current_process()
    s1 = process.node_by_name(S1).id
    window.document.modeling.move_elements([s1], 10, 0)
    assert window.windowTitle() == "sample.bpo* — BPO Desktop"
    assert window.action("edit.undo").text() == "&Undo Move 1 element"
    window.action("edit.undo").trigger()
    assert window.windowTitle() == "sample.bpo — BPO Desktop"
    assert window.action("edit.redo").text() == "&Redo Move 1 element"
    assert window.action("edit.redo").isEnabled() and not window.action("edit.undo").isEnabled()


def test_save_writes_only_the_changed_ids_and_marks_clean(
    window: MainWindow, sample_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_file(sample_file)
    process = window.current_process()
    s1 = process.node_by_name(S1).id
    window.document.modeling.update_properties(s1, name="Enter in CRM")
    window.document.modeling.move_elements([s1], 20, 0)
    passed: list[set[str]] = []
    original = BpoFile.save

    def spy(self, workspace, changed_ids=None):  # type: ignore[no-untyped-def]
        passed.append(set(changed_ids))
        return original(self, workspace, changed_ids)

    monkeypatch.setattr(BpoFile, "save", spy)
    window.action("file.save").trigger()
    assert s1 in passed[0] and len(passed[0]) < 10  # the step and its flows, not everything
    assert not window.document.is_modified and window.document.unsaved_ids == set()
    assert window.windowTitle() == "sample.bpo — BPO Desktop"
    reread = read_workspace(sample_file).processes[process.id]
    assert reread.node(s1).name == "Enter in CRM"
    assert reread.layout[s1] == process.layout[s1]


def test_save_as_a_new_file(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.action("file.new").trigger()
    target = tmp_path / "mine"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.document.modeling.append(next(window.current_process().nodes()).id, "task", "Do")
    window.action("file.save").trigger()  # no file yet: Save asks where
    saved = tmp_path / "mine.bpo"
    assert saved.is_file() and window.path == saved
    assert window.windowTitle() == "mine.bpo — BPO Desktop"
    names = {n.name for p in read_workspace(saved).processes.values() for n in p.nodes()}
    assert "Do" in names
    assert window.recent.paths()[0] == saved.resolve()


def test_closing_with_unsaved_changes_asks(
    qtbot, window: MainWindow, sample_file: Path, dialogs: Dialogs
) -> None:  # type: ignore[no-untyped-def]
    window.open_file(sample_file)
    show_active(qtbot, window)
    window.document.modeling.rename_process(window.current_process().id, "Renamed")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert dialogs.asked == ["Unsaved Changes"] and window.isVisible()
    dialogs.answer = QMessageBox.StandardButton.Save
    assert window.close()
    assert read_workspace(sample_file).processes[window.current_process().id].name == "Renamed"


def test_opening_another_file_asks_first(
    window: MainWindow, sample_file: Path, tmp_path: Path, dialogs: Dialogs
) -> None:
    other = tmp_path / "other.bpo"
    other.write_bytes(sample_file.read_bytes())
    window.open_file(sample_file)
    window.document.modeling.rename_workspace("Changed")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.open_file(other)
    assert window.path == sample_file and dialogs.asked == ["Unsaved Changes"]
    dialogs.answer = QMessageBox.StandardButton.Discard
    assert window.open_file(other)
    assert window.path == other and window.workspace.name != "Changed"


def test_processes_add_rename_duplicate_delete(
    qtbot, window: MainWindow, sample_file: Path, dialogs: Dialogs
) -> None:  # type: ignore[no-untyped-def]
    window.open_file(sample_file)
    show_active(qtbot, window)
    panel = window.process_panel
    window.action("process.add").trigger()
    assert panel.topLevelItemCount() == 4
    added = window.current_process()
    assert added.name == "New process" and len(list(added.nodes())) == 1
    assert window.document.stack.undo_label == "Add process"
    # Rename in the list: F2, type, Enter.
    panel.setFocus()
    QTest.keyClick(panel, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)  # the list's in-place editor
    editor.selectAll()
    QTest.keyClicks(editor, "Returns")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: added.name == "Returns")  # the list commits its editor queued
    assert added.name == "Returns" and panel.currentItem().text(0) == "Returns"
    window.action("process.duplicate").trigger()
    copy = window.current_process()
    assert copy.name == "Returns (copy)" and copy.id != added.id
    assert panel.topLevelItemCount() == 5
    dialogs.answer = QMessageBox.StandardButton.Yes
    window.action("process.delete").trigger()
    assert copy.id not in window.workspace.processes and panel.topLevelItemCount() == 4
    assert window.current_process() is not None
    window.action("edit.undo").trigger()
    assert copy.id in window.workspace.processes and panel.topLevelItemCount() == 5


def test_undo_shows_the_process_it_changes(window: MainWindow, sample_file: Path) -> None:
    window.open_file(sample_file)
    first = window.current_process()
    step = first.node_by_name(S1).id
    window.document.modeling.update_properties(step, name="Changed")
    window.process_panel.setCurrentItem(window.process_panel.topLevelItem(2))
    assert window.current_process() is not first
    window.action("edit.undo").trigger()
    assert window.current_process() is first
    assert first.node(step).name == S1
