"""Modeling.import_processes: an import (processes + new systems) is one undoable step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bpo_desktop.core.model import (
    Bounds,
    Flow,
    Node,
    NodeKind,
    Process,
    ShapeLayout,
    System,
    Verbatim,
    Workspace,
)

if TYPE_CHECKING:
    from conftest import Refused, Triad

    from bpo_desktop.core.editing import Editor, Modeling


def _imported(with_diagram: bool) -> tuple[Process, System]:
    system = System(id="System_imported", name="Imported ERP")
    process = Process(id="Process_imported", name="Imported")
    start = Node("Event_imp_start", NodeKind.START_EVENT)
    task = Node("Activity_imp", NodeKind.TASK, name="Book", system_id=system.id)
    process.elements.update(
        {
            start.id: start,
            task.id: task,
            "Flow_imp": Flow("Flow_imp", start.id, task.id),
        }
    )
    process.verbatim["Activity_imp"] = Verbatim(tag="task", extensions=("<x:y xmlns:x='z'/>",))
    if with_diagram:
        process.layout[start.id] = ShapeLayout(Bounds(100, 100, 36, 36))
        process.layout[task.id] = ShapeLayout(Bounds(200, 78, 100, 80))
    return process, system


class TestImportProcesses:
    def test_execute_adds_process_and_system_in_one_step(
        self, triad: Triad, editor: Editor, modeling: Modeling, workspace: Workspace
    ) -> None:
        process, system = _imported(with_diagram=True)
        layout = dict(process.layout)
        ids, change = triad.execute(lambda: modeling.import_processes([process], [system]))
        assert ids == (process.id,)
        assert workspace.processes[process.id] is process
        assert workspace.systems[system.id] == system
        assert process.id in change.ids and system.id in change.ids
        assert process.layout == layout  # the file's diagram is kept as it is
        assert editor.stack.undo_label == "Import BPMN"

    def test_undo_removes_everything(
        self, triad: Triad, modeling: Modeling, workspace: Workspace
    ) -> None:
        process, system = _imported(with_diagram=True)
        triad.execute(lambda: modeling.import_processes([process], [system]))
        change = triad.undo()  # asserts the workspace equals the one before
        assert process.id in change.ids
        assert process.id not in workspace.processes
        assert system.id not in workspace.systems

    def test_redo_restores_it_with_its_verbatim(
        self, triad: Triad, modeling: Modeling, workspace: Workspace
    ) -> None:
        process, system = _imported(with_diagram=True)
        triad.execute(lambda: modeling.import_processes([process], [system]))
        triad.undo()
        triad.redo()  # asserts the workspace equals the one after execute
        assert workspace.processes[process.id].verbatim["Activity_imp"].extensions

    def test_a_process_without_diagram_is_laid_out_in_the_same_step(
        self, triad: Triad, modeling: Modeling, workspace: Workspace
    ) -> None:
        process, system = _imported(with_diagram=False)
        triad.execute(lambda: modeling.import_processes([process], [system]))
        laid_out = workspace.processes[process.id].layout
        assert {"Event_imp_start", "Activity_imp", "Flow_imp"} <= set(laid_out)
        triad.undo()
        assert process.id not in workspace.processes
        triad.redo()
        assert set(workspace.processes[process.id].layout) >= {"Event_imp_start", "Activity_imp"}

    def test_a_system_the_workspace_has_is_not_added_again(
        self, triad: Triad, modeling: Modeling, workspace: Workspace
    ) -> None:
        existing = next(iter(workspace.systems.values()))
        process, _ = _imported(with_diagram=True)
        task = process.elements["Activity_imp"]
        assert isinstance(task, Node)
        process.elements[task.id] = Node(task.id, task.kind, name=task.name, system_id=existing.id)
        systems_before = dict(workspace.systems)
        triad.execute(lambda: modeling.import_processes([process], [existing]))
        assert workspace.systems == systems_before

    def test_a_clashing_id_is_refused_and_leaves_no_trace(
        self, refused: Refused, modeling: Modeling, workspace: Workspace
    ) -> None:
        process, system = _imported(with_diagram=True)
        clash = next(iter(workspace.processes))
        process = Process(id=clash, name="Clash", elements=process.elements)
        refused(lambda: modeling.import_processes([process], [system]), clash)
