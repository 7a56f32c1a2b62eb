"""scenario.create / scenario.update / scenario.delete: as-is and to-be variants of a process."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from bpo_desktop.core.editing.contexts import (
    CreateScenarioContext,
    DeleteScenarioContext,
    UpdateScenarioContext,
    recorded,
)
from bpo_desktop.core.editing.handlers.base import Handler
from bpo_desktop.core.editing.lookup import (
    process_in,
    require_name,
    require_new_id,
    scenario_in,
)
from bpo_desktop.core.editing.slots import put_back, take
from bpo_desktop.core.editing.values import coerce_scenario_fields
from bpo_desktop.core.model import Process, Scenario, apply_scenario


def check_scenario(process: Process, scenario: Scenario) -> None:
    """A scenario must have a unique name and apply cleanly to its base process."""
    require_name(scenario.name, "a scenario")
    for other in process.scenarios.values():
        if other.id != scenario.id and other.name == scenario.name:
            raise ValueError(f"process {process.name!r} already has a scenario {scenario.name!r}")
    unknown = sorted(scenario.removed - process.elements.keys())
    if unknown:
        raise ValueError(f"removed: no element {', '.join(map(repr, unknown))} in the process")
    clashing = sorted(e.id for e in scenario.added if e.id in process.elements)
    if clashing:
        raise ValueError(f"added: {', '.join(map(repr, clashing))} already in the process")
    apply_scenario(process, scenario)  # ScenarioError is a ValueError with a readable reason


class CreateScenarioHandler(Handler[CreateScenarioContext]):
    def validate(self, ctx: CreateScenarioContext) -> None:
        process = process_in(self.workspace, ctx.process_id)
        require_new_id(self.workspace, ctx.scenario.id)
        check_scenario(process, ctx.scenario)

    def execute(self, ctx: CreateScenarioContext) -> Iterable[str]:
        self.validate(ctx)
        process_in(self.workspace, ctx.process_id).scenarios[ctx.scenario.id] = ctx.scenario
        return (ctx.scenario.id,)

    def revert(self, ctx: CreateScenarioContext) -> Iterable[str]:
        del process_in(self.workspace, ctx.process_id).scenarios[ctx.scenario.id]
        return (ctx.scenario.id,)


class UpdateScenarioHandler(Handler[UpdateScenarioContext]):
    """Name, kind and description, and the variant itself: overrides, added, removed."""

    def _updated(self, ctx: UpdateScenarioContext) -> Scenario:
        process = process_in(self.workspace, ctx.process_id)
        old = scenario_in(process, ctx.scenario_id)
        if not ctx.changes:
            raise ValueError("no scenario properties to change")
        new = replace(old, **coerce_scenario_fields(ctx.changes))
        check_scenario(process, new)
        return new

    def validate(self, ctx: UpdateScenarioContext) -> None:
        self._updated(ctx)

    def execute(self, ctx: UpdateScenarioContext) -> Iterable[str]:
        new = self._updated(ctx)
        scenarios = process_in(self.workspace, ctx.process_id).scenarios
        ctx.old = scenarios[ctx.scenario_id]
        scenarios[ctx.scenario_id] = new
        return (ctx.scenario_id,)

    def revert(self, ctx: UpdateScenarioContext) -> Iterable[str]:
        process_in(self.workspace, ctx.process_id).scenarios[ctx.scenario_id] = recorded(ctx.old)
        return (ctx.scenario_id,)


class DeleteScenarioHandler(Handler[DeleteScenarioContext]):
    def validate(self, ctx: DeleteScenarioContext) -> None:
        scenario_in(process_in(self.workspace, ctx.process_id), ctx.scenario_id)

    def execute(self, ctx: DeleteScenarioContext) -> Iterable[str]:
        self.validate(ctx)
        ctx.slot = take(process_in(self.workspace, ctx.process_id).scenarios, ctx.scenario_id)
        return (ctx.scenario_id,)

    def revert(self, ctx: DeleteScenarioContext) -> Iterable[str]:
        put_back(process_in(self.workspace, ctx.process_id).scenarios, recorded(ctx.slot))
        return (ctx.scenario_id,)
