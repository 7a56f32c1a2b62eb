"""Invariant: a scenario only refers to elements its base process still has."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bpo_desktop.core.editing.behaviors.after_delete import AfterDeleteBehavior
from bpo_desktop.core.editing.commands import SCENARIO_UPDATE
from bpo_desktop.core.editing.contexts import UpdateScenarioContext
from bpo_desktop.core.model import Process, Scenario

# Override fields whose value is an element id of the same process.
REFERENCE_FIELDS = frozenset({"lane_id", "parent_id", "attached_to", "source", "target"})


def pruned_changes(scenario: Scenario, gone: frozenset[str]) -> dict[str, Any]:
    """The scenario.update changes that drop every mention of `gone` (empty when none)."""
    added_ids = {e.id for e in scenario.added}
    overrides = _pruned_overrides(scenario.overrides, gone)
    removed = scenario.removed - gone
    layouts = {k: v for k, v in scenario.added_layout.items() if k not in gone or k in added_ids}
    changes: dict[str, Any] = {}
    if overrides != scenario.overrides:
        changes["overrides"] = overrides
    if removed != scenario.removed:
        changes["removed"] = removed
    if layouts != scenario.added_layout:
        changes["added_layout"] = layouts
    return changes


def _pruned_overrides(
    overrides: Mapping[str, Mapping[str, Any]], gone: frozenset[str]
) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = {}
    for element_id, fields in overrides.items():
        if element_id in gone:
            continue
        kept = {
            name: value
            for name, value in fields.items()
            if not (name in REFERENCE_FIELDS and value in gone)
        }
        if kept:
            result[element_id] = kept
    return result


class PruneScenarioRefsBehavior(AfterDeleteBehavior):
    """After base elements are deleted, scenarios drop their overrides, removals, moved layouts
    and override references to them, so every scenario still applies to its base."""

    def after_delete(self, process: Process, gone: frozenset[str]) -> None:
        for scenario in list(process.scenarios.values()):
            changes = pruned_changes(scenario, gone)
            if changes:
                update = UpdateScenarioContext(process.id, scenario.id, changes)
                self._stack.execute(SCENARIO_UPDATE, update)
