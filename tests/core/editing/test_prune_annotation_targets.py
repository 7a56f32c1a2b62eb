"""PruneAnnotationTargetsBehavior: annotations never point at deleted elements."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bpo_desktop.core.model import Process

if TYPE_CHECKING:
    from bpo_desktop.core.editing import Editor, Modeling

S2 = "Email CS, Finance, Marketing"


def test_deleting_a_step_unlinks_its_annotations(modeling: Modeling, onb: Process) -> None:
    s2 = onb.node_by_name(S2).id
    linked = [a.id for a in onb.annotations.values() if s2 in a.targets]
    assert len(linked) == 2  # P1 and I1
    modeling.delete_elements([s2])
    assert all(onb.annotations[a].targets == () for a in linked)


def test_other_targets_are_kept(modeling: Modeling, onb: Process) -> None:
    s1, s2 = onb.node_by_name("Enter customer + contract in CRM").id, onb.node_by_name(S2).id
    note = modeling.add_annotation(onb.id, "question", "Who?", targets=[s1, s2])
    modeling.delete_elements([s2])
    assert onb.annotations[note].targets == (s1,)


def test_deleted_flows_are_unlinked_too(modeling: Modeling, onb: Process) -> None:
    s2 = onb.node_by_name(S2).id
    flow = onb.connections_of(s2)[0].id
    note = modeling.add_annotation(onb.id, "risk", "Lost email", targets=[flow])
    modeling.delete_elements([s2])  # the flow goes as a nested delete
    assert onb.annotations[note].targets == ()


def test_one_undo_restores_the_links(editor: Editor, modeling: Modeling, onb: Process) -> None:
    before = editor.workspace.copy()
    modeling.delete_elements([onb.node_by_name(S2).id])
    editor.stack.undo()
    assert editor.workspace == before
