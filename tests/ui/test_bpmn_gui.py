"""File > Import BPMN... and File > Export BPMN... in the main window (dialogs patched)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from bpo_desktop.core.interchange.bpmn import import_bpmn
from bpo_desktop.core.model import Workspace
from bpo_desktop.core.storage import read_workspace
from bpo_desktop.ui.main_window import MainWindow

NO_DIAGRAM = b"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D1" targetNamespace="x">
  <process id="P1" name="No diagram">
    <startEvent id="S1"/>
    <task id="T1" name="Check">
      <extensionElements><foo:bar xmlns:foo="http://example.com/foo">kept</foo:bar></extensionElements>
    </task>
    <endEvent id="E1"/>
    <sequenceFlow id="F1" sourceRef="S1" targetRef="T1"/>
    <sequenceFlow id="F2" sourceRef="T1" targetRef="E1"/>
    <sequenceFlow id="F3" sourceRef="T1" targetRef="Nowhere"/>
  </process>
</definitions>
"""


class Boxes:
    """Records QMessageBox.critical calls and the warning boxes shown with exec()."""

    def __init__(self) -> None:
        self.critical: list[tuple[str, str]] = []
        self.shown: list[QMessageBox] = []

    def record_critical(self, parent: Any, title: str, text: str, *args: Any) -> Any:
        self.critical.append((title, text))
        return QMessageBox.StandardButton.Ok

    def record_exec(self, box: QMessageBox) -> int:
        self.shown.append(box)
        return int(QMessageBox.StandardButton.Ok.value)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    recorder = Boxes()
    monkeypatch.setattr(QMessageBox, "critical", recorder.record_critical)
    # a plain function, so Qt's box arrives as its argument (a bound method would not get it)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: recorder.record_exec(box))
    return recorder


@pytest.fixture
def opened(window: MainWindow, sample_file: Path) -> MainWindow:
    assert window.open_file(sample_file)
    return window


def choose_to_open(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def choose_to_save(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def test_menu_has_import_and_export(opened: MainWindow) -> None:
    file_menu = next(a.menu() for a in opened.menuBar().actions() if a.text() == "&File")
    assert isinstance(file_menu, QMenu)
    names = [a.objectName() for a in file_menu.actions()]
    assert names.index("file.import_bpmn") < names.index("file.export_bpmn")
    assert names.index("file.export_bpmn") < names.index("file.quit")
    assert opened.action("file.import_bpmn").isEnabled()
    assert opened.action("file.export_bpmn").isEnabled()


def test_import_without_diagram_is_one_undo_step_laid_out_with_warnings(
    opened: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: Boxes
) -> None:
    source = tmp_path / "no-diagram.bpmn"
    source.write_bytes(NO_DIAGRAM)
    document = opened.document
    assert document is not None
    before = document.workspace.copy()
    choose_to_open(monkeypatch, source)
    opened.action("file.import_bpmn").trigger()

    assert boxes.critical == []
    imported = [p for p in document.workspace.processes.values() if p.name == "No diagram"]
    assert len(imported) == 1
    process = imported[0]
    shown = opened.current_process()
    assert shown is not None and shown.id == process.id
    # auto-layout gave every step and flow a place
    assert {n.id for n in process.nodes()} <= set(process.layout)
    assert all(opened.scene.item_for(n.id) is not None for n in process.nodes())
    # the warnings were shown in one dialog, all of them in its details
    (box,) = boxes.shown
    assert box.objectName() == "bpmn.import_warnings"
    assert "2 warning(s)" in box.text()
    assert "F3 skipped" in box.detailedText()
    # one undo step takes it all back
    assert document.stack.undo_label == "Import BPMN"
    document.stack.undo()
    assert document.workspace == before
    document.stack.redo()
    assert process.id in document.workspace.processes


def test_imported_foreign_content_is_saved_in_the_bpo(
    opened: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: Boxes
) -> None:
    source = tmp_path / "no-diagram.bpmn"
    source.write_bytes(NO_DIAGRAM)
    choose_to_open(monkeypatch, source)
    opened.action("file.import_bpmn").trigger()
    document = opened.document
    assert document is not None and document.path is not None
    assert opened.files.save()
    stored = read_workspace(document.path)
    process = next(p for p in stored.processes.values() if p.name == "No diagram")
    assert any("kept" in x for v in process.verbatim.values() for x in v.extensions)
    assert stored == document.workspace


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"<not-xml", "line"),
        (b"<?xml version='1.0'?><html/>", "definitions"),
    ],
    ids=["not-xml", "not-bpmn"],
)
def test_a_bad_file_is_one_message_and_changes_nothing(
    opened: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    boxes: Boxes,
    content: bytes,
    phrase: str,
) -> None:
    source = tmp_path / "bad.bpmn"
    source.write_bytes(content)
    document = opened.document
    assert document is not None
    before: Workspace = document.workspace.copy()
    label = document.stack.undo_label
    choose_to_open(monkeypatch, source)
    opened.action("file.import_bpmn").trigger()
    assert len(boxes.critical) == 1
    title, text = boxes.critical[0]
    assert title == "Cannot import BPMN"
    assert phrase in text and "bad.bpmn" in text
    assert document.workspace == before
    assert document.stack.undo_label == label
    assert boxes.shown == []


def test_a_missing_file_is_one_message(
    opened: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: Boxes
) -> None:
    choose_to_open(monkeypatch, tmp_path / "gone.bpmn")
    opened.action("file.import_bpmn").trigger()
    assert [title for title, _ in boxes.critical] == ["Cannot import BPMN"]
    assert "cannot read" in boxes.critical[0][1]


def test_cancelled_import_does_nothing(
    opened: MainWindow, monkeypatch: pytest.MonkeyPatch, boxes: Boxes
) -> None:
    document = opened.document
    assert document is not None
    before = document.workspace.copy()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    opened.action("file.import_bpmn").trigger()
    assert document.workspace == before and boxes.critical == []


def test_export_writes_the_current_process(
    opened: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: Boxes
) -> None:
    process = opened.current_process()
    assert process is not None
    target = tmp_path / "exported"  # no suffix: .bpmn is added
    choose_to_save(monkeypatch, target)
    opened.action("file.export_bpmn").trigger()
    written = tmp_path / "exported.bpmn"
    assert boxes.critical == []
    assert written.is_file()
    result = import_bpmn(written.read_bytes(), source=str(written))
    (again,) = result.processes
    assert again.name == process.name
    assert {e.id for e in again.elements.values()} == set(process.elements)
    assert again.layout == process.layout


def test_export_to_an_unwritable_place_is_one_message(
    opened: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: Boxes
) -> None:
    choose_to_save(monkeypatch, tmp_path / "no-such-folder" / "x.bpmn")
    opened.action("file.export_bpmn").trigger()
    assert [title for title, _ in boxes.critical] == ["Cannot export BPMN"]
    assert "could not write" in boxes.critical[0][1]
