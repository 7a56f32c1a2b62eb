"""The Document bridge: bus events become Qt signals, ids accumulate for an incremental save,
and a model that came without diagram information is laid out on open."""

from __future__ import annotations

from pathlib import Path

from bpo_desktop.core.editing import ChangeKind, ChangeSet
from bpo_desktop.core.model import NodeKind, ShapeLayout
from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.storage import save_workspace_as
from bpo_desktop.ui.document import Document


def test_bus_events_come_out_as_signals_and_ids_accumulate(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.bpo"
    save_workspace_as(sample_workspace(), path)
    document = Document.open(path)
    changes: list[ChangeSet] = []
    stacks: list[bool] = []
    document.elements_changed.connect(changes.append)
    document.stack_changed.connect(lambda: stacks.append(document.is_modified))
    process = next(iter(document.workspace.processes.values()))
    step = next(n.id for n in process.nodes() if n.kind is NodeKind.TASK)
    document.modeling.update_properties(step, name="X")
    document.stack.undo()
    assert [c.kind for c in changes] == [ChangeKind.EXECUTE, ChangeKind.UNDO]
    assert stacks == [True, False]
    assert step in document.unsaved_ids  # undone, but still to be compared on save
    document.save()
    assert document.unsaved_ids == set() and not document.is_modified


def test_a_model_without_diagram_information_is_laid_out_on_open(qapp) -> None:  # type: ignore[no-untyped-def]
    workspace = sample_workspace()
    process = next(iter(workspace.processes.values()))
    nodes = [n.id for n in process.nodes()]
    for element_id in [*nodes, *(f.id for f in process.flows())]:
        del process.layout[element_id]
    document = Document(workspace)
    assert all(isinstance(process.layout[n], ShapeLayout) for n in nodes)
    assert set(nodes) <= document.unsaved_ids  # written by the next save
    assert not document.is_modified and not document.stack.can_undo  # opening is not an edit
