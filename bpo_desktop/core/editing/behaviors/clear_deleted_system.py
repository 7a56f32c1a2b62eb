"""Invariant: a step's `system_id` names a system of the catalogue.

Chosen policy for system.delete: clear the references (undoably), rather than refuse the delete.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bpo_desktop.core.editing.command_stack import CommandEvent, CommandStack, EventBus
from bpo_desktop.core.editing.commands import (
    ELEMENT_UPDATE_PROPERTIES,
    SCENARIO_UPDATE,
    SYSTEM_DELETE,
    pre_execute,
)
from bpo_desktop.core.editing.contexts import (
    DeleteSystemContext,
    UpdatePropertiesContext,
    UpdateScenarioContext,
)
from bpo_desktop.core.model import Node, Process, Scenario, Workspace


def scenario_without_system(scenario: Scenario, system_id: str) -> dict[str, Any]:
    """The scenario.update changes that forget `system_id` (empty when it is not mentioned)."""
    overrides = {
        element_id: {k: v for k, v in fields.items() if not (k == "system_id" and v == system_id)}
        for element_id, fields in scenario.overrides.items()
    }
    added = tuple(
        replace(e, system_id=None) if isinstance(e, Node) and e.system_id == system_id else e
        for e in scenario.added
    )
    changes: dict[str, Any] = {}
    if overrides != scenario.overrides:
        changes["overrides"] = {k: v for k, v in overrides.items() if v}
    if added != scenario.added:
        changes["added"] = added
    return changes


class ClearDeletedSystemBehavior:
    """Before a system is deleted, steps (and scenario overrides) that use it lose it."""

    def __init__(self, workspace: Workspace, bus: EventBus, stack: CommandStack) -> None:
        self._workspace = workspace
        self._stack = stack
        bus.on(pre_execute(SYSTEM_DELETE), self._before_delete)

    def _before_delete(self, event: CommandEvent) -> None:
        system_id = event.context_as(DeleteSystemContext).system_id
        for process in list(self._workspace.processes.values()):
            self._clear_steps(process, system_id)
            self._clear_scenarios(process, system_id)

    def _clear_steps(self, process: Process, system_id: str) -> None:
        for node in list(process.nodes()):
            if node.system_id == system_id:
                update = UpdatePropertiesContext(process.id, node.id, {"system_id": None})
                self._stack.execute(ELEMENT_UPDATE_PROPERTIES, update)

    def _clear_scenarios(self, process: Process, system_id: str) -> None:
        for scenario in list(process.scenarios.values()):
            changes = scenario_without_system(scenario, system_id)
            if changes:
                update = UpdateScenarioContext(process.id, scenario.id, changes)
                self._stack.execute(SCENARIO_UPDATE, update)
