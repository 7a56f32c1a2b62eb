"""Copy/paste (also between two windows), duplicate, inline label editing, the context pad
(append, change type, annotate) and mapping a 10-step process from the keyboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit

from bpo_desktop.core.model import Flow, FlowKind, Node, NodeKind, Process, TextAnnotation
from bpo_desktop.ui.main_window import MainWindow

from .conftest import show_active

S1 = "Enter customer + contract in CRM"
S3 = "Assign account rep"


def _process(window: MainWindow) -> Process:
    process = window.current_process()
    assert process is not None
    return process


def _editor(window: MainWindow) -> QPlainTextEdit:
    editor = window.canvas.label_editor.widget
    assert editor is not None and editor.isVisible()
    assert editor.objectName() == "canvas.label_editor"
    return editor


def test_copy_then_paste_at_the_pointer(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s1 = process.node_by_name(S1).id
    driver.show(s1)
    driver.click(driver.centre(s1))
    driver.key(Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    below = driver.centre(s1) + QPoint(0, 260)  # over the Finance lane
    QTest.mouseMove(editing.view.viewport(), below)
    before = set(process.elements)
    driver.key(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    (new_id,) = set(process.elements) - before
    node = process.node(new_id)
    assert node.name == S1 and node.lane_id == process.lane_by_name("Finance").id
    assert editing.canvas.selected_ids() == [new_id]
    assert editing.document.stack.undo_label == "Paste"
    editing.action("edit.undo").trigger()
    assert new_id not in process.elements
    editing.action("edit.redo").trigger()
    assert new_id in process.elements


def test_cut_removes_and_duplicate_copies_with_flows(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s1, s3 = process.node_by_name(S1).id, process.node_by_name(S3).id
    driver.show(s3)
    driver.click(driver.centre(s3))
    driver.key(Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert s3 not in process.elements
    editing.action("edit.undo").trigger()
    second = process.node_by_name("Email CS, Finance, Marketing").id
    editing.canvas.select([s1, second])
    before = set(process.elements)
    driver.key(Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    new = set(process.elements) - before
    assert len(new) == 3  # two steps and the flow between them
    assert sum(isinstance(process.elements[i], Flow) for i in new) == 1
    assert set(editing.canvas.selected_ids()) == new


def test_paste_into_another_open_file(
    qtbot, editing: MainWindow, driver, settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s1 = process.node_by_name(S1).id
    driver.show(s1)
    driver.click(driver.centre(s1))
    driver.key(Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    editing.action("file.new_window").trigger()
    other = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w is not editing
    )
    assert other.windowTitle() == "Untitled — BPO Desktop"
    show_active(qtbot, other)  # window shortcuts go to the active window
    target = other.current_process()
    assert target is not None
    before = set(target.elements)
    other.view.setFocus()
    QTest.keyClick(other.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    (new_id,) = set(target.elements) - before
    assert target.node(new_id).name == S1 and new_id not in process.elements
    assert other.document.stack.undo_label == "Paste" and not editing.document.is_modified
    other.document.stack.mark_clean()
    other.close()  # deleted on close: later tests must not find it among the top-level windows
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not [
        w for w in QApplication.topLevelWidgets() if w is not editing and isinstance(w, MainWindow)
    ]


def test_double_click_renames_inline(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s3 = process.node_by_name(S3).id
    driver.show(s3)
    driver.double_click(driver.centre(s3))
    editor = _editor(editing)
    assert editor.toPlainText() == S3
    QTest.keyClicks(editor, "Assign a rep")  # replaces the selected text
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert process.node(s3).name == "Assign a rep"
    assert editing.document.stack.undo_label == "Rename"
    assert editing.canvas.label_editor.widget is None  # closed
    editing.action("edit.undo").trigger()
    assert process.node(s3).name == S3


def test_f2_renames_and_escape_cancels(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    gateway = next(n for n in process.nodes() if n.kind is NodeKind.PARALLEL_GATEWAY)
    driver.show(gateway.id)
    driver.click(driver.centre(gateway.id))
    driver.key(Qt.Key.Key_F2)
    editor = _editor(editing)
    QTest.keyClicks(editor, "Split")
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert process.node(gateway.id).name == "" and not editing.document.stack.can_undo
    driver.key(Qt.Key.Key_F2)
    QTest.keyClicks(_editor(editing), "All at once")
    QTest.keyClick(_editor(editing), Qt.Key.Key_Enter)
    assert process.node(gateway.id).name == "All at once"
    assert editing.scene.item_for(gateway.id).label.text == "All at once"  # type: ignore[union-attr]


def test_context_pad_append_change_type_and_annotate(editing: MainWindow, driver) -> None:  # type: ignore[no-untyped-def]
    process = _process(editing)
    s3 = process.node_by_name(S3).id
    driver.show(s3)
    driver.click(driver.centre(s3))
    before = set(process.elements)
    driver.click(editing.canvas.context_pad.entry_rect("append.task").center())
    new = set(process.elements) - before
    task = next(i for i in new if isinstance(process.elements[i], Node))
    flow = next(process.elements[i] for i in new if isinstance(process.elements[i], Flow))
    assert (flow.source, flow.target) == (s3, task)  # type: ignore[union-attr]
    assert process.layout[task].bounds.x > process.layout[s3].bounds.x  # type: ignore[union-attr]
    QTest.keyClicks(_editor(editing), "Welcome call")
    QTest.keyClick(_editor(editing), Qt.Key.Key_Return)
    assert process.node(task).name == "Welcome call"
    # Change type from the pad's menu.
    driver.click(editing.canvas.context_pad.entry_rect("replace").center())
    menu = editing.canvas.edits.replace_menu
    assert isinstance(menu, QMenu) and menu.isVisible()
    menu.findChild(type(menu.actions()[0]), "replace.user_task").trigger()
    menu.close()
    assert process.node(task).task_type.value == "user"
    # Annotate: a text annotation linked to the task, its text typed straight away.
    driver.click(driver.centre(task))
    driver.click(editing.canvas.context_pad.entry_rect("annotate").center())
    note = editing.canvas.selected_ids()[0]
    QTest.keyClicks(_editor(editing), "Call within a day")
    QTest.keyClick(_editor(editing), Qt.Key.Key_Return)
    assert isinstance(process.elements[note], TextAnnotation)
    assert process.elements[note].text == "Call within a day"  # type: ignore[union-attr]
    assert any(
        f.source == note and f.target == task for f in process.flows(kind=FlowKind.ASSOCIATION)
    )


def test_map_a_ten_step_process_with_keyboard_and_context_pad(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.files.new_file()
    show_active(qtbot, window)
    process = window.current_process()
    assert process is not None
    view = window.view
    start = next(iter(process.nodes()))
    window.canvas.select([start.id])
    view.setFocus()

    def step(key: Qt.Key, name: str) -> str:
        before = set(process.nodes())
        QTest.keyClick(view, key)
        editor = _editor(window)
        QTest.keyClicks(editor, name)
        QTest.keyClick(editor, Qt.Key.Key_Return)
        (node,) = set(process.nodes()) - before
        return node.id

    for i in range(1, 4):
        step(Qt.Key.Key_T, f"Step {i}")
    gateway = step(Qt.Key.Key_G, "Approved?")
    yes = [step(Qt.Key.Key_T, "Ship"), step(Qt.Key.Key_T, "Invoice")]
    end = step(Qt.Key.Key_E, "Done")
    QTest.keyClick(view, Qt.Key.Key_Tab)  # cycle the selection back to the gateway
    while window.canvas.selected_ids() != [gateway]:
        QTest.keyClick(view, Qt.Key.Key_Tab)
    no = [step(Qt.Key.Key_T, "Explain refusal"), step(Qt.Key.Key_T, "Archive")]
    # Join the "no" branch to the end event: the pad's connect entry, then click the target.
    pad = window.canvas.context_pad.entry_rect("connect")
    assert pad is not None
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pad.center()
    )
    item = window.scene.item_for(end)
    target = view.mapFromScene(item.scene_rect().center())  # type: ignore[union-attr]
    QTest.mouseMove(view.viewport(), target)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target
    )
    names = sorted(n.name for n in process.nodes() if n.kind is NodeKind.TASK)
    assert names == sorted(
        ["Step 1", "Step 2", "Step 3", "Ship", "Invoice", "Explain refusal", "Archive"]
    )
    assert len([n for n in process.nodes()]) == 10
    flows = {(f.source, f.target) for f in process.flows()}
    assert (gateway, yes[0]) in flows and (gateway, no[0]) in flows and (no[1], end) in flows
    assert len(flows) == 10
    # Every step is where auto-place put it: to the right of its predecessor, no overlaps.
    boxes = [process.layout[n.id].bounds for n in process.nodes()]  # type: ignore[union-attr]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (
                a.x < b.x + b.width
                and b.x < a.x + a.width
                and a.y < b.y + b.height
                and b.y < a.y + a.height
            )
