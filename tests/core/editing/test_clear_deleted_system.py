"""ClearDeletedSystemBehavior: deleting a system in use clears the steps' system_id."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bpo_desktop.core.model import Node, NodeKind, Process, Workspace, apply_scenario

if TYPE_CHECKING:
    from conftest import Triad

    from bpo_desktop.core.editing import Editor, Modeling


def test_steps_and_scenarios_lose_the_deleted_system(
    triad: Triad, modeling: Modeling, workspace: Workspace, onb: Process
) -> None:
    crm = workspace.system_by_name("CRM")
    workflow = workspace.system_by_name("Workflow")  # used only by the Automate S2 override
    assert crm is not None and workflow is not None
    users = {n.id for p in workspace.processes.values() for n in p.nodes() if n.system_id == crm.id}
    assert len(users) >= 3  # steps in all three sample processes
    _, change = triad.execute(lambda: modeling.delete_system(crm.id))
    assert change.ids == {crm.id} | users
    assert all(n.system_id != crm.id for p in workspace.processes.values() for n in p.nodes())

    modeling.delete_system(workflow.id)
    scenario = next(iter(onb.scenarios.values()))
    assert all("system_id" not in fields for fields in scenario.overrides.values())
    assert (
        apply_scenario(onb, scenario)
        .node_by_name("Notify CS, Finance, Marketing (workflow)")
        .system_id
        == onb.node_by_name("Email CS, Finance, Marketing").system_id
    )


def test_scenario_added_steps_lose_it_too(modeling: Modeling, onb: Process) -> None:
    fax = modeling.add_system("Fax")
    step = Node("Activity_fax", NodeKind.TASK, name="Fax it", system_id=fax)
    scenario = modeling.create_scenario(onb.id, "Fax", added=[step])
    modeling.delete_system(fax)
    added = onb.scenarios[scenario].added
    assert isinstance(added[0], Node) and added[0].system_id is None


def test_one_undo_restores_system_and_references(
    editor: Editor, modeling: Modeling, workspace: Workspace
) -> None:
    before = workspace.copy()
    crm = workspace.system_by_name("CRM")
    assert crm is not None
    modeling.delete_system(crm.id)
    editor.stack.undo()
    assert workspace == before
    assert not editor.stack.can_undo
