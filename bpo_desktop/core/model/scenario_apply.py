"""Apply a scenario to its base process, giving the effective process a scenario describes."""

from __future__ import annotations

from dataclasses import replace

from bpo_desktop.core.errors import InputError
from bpo_desktop.core.model.coerce import coerce_fields
from bpo_desktop.core.model.process import Process
from bpo_desktop.core.model.scenario import Scenario


class ScenarioError(InputError, ValueError):
    """The scenario no longer fits its base process (e.g. it overrides a deleted element)."""


def apply_scenario(base: Process, scenario: Scenario) -> Process:
    """Return a new process: base minus removed, plus added, with overrides applied."""
    result = base.copy()
    for element_id in scenario.removed:
        result.elements.pop(element_id, None)
        result.layout.pop(element_id, None)
    for element in scenario.added:
        result.elements[element.id] = element
    result.layout.update(scenario.added_layout)
    for element_id, changes in scenario.overrides.items():
        found = result.elements.get(element_id)
        if found is None:
            raise ScenarioError(
                f"scenario {scenario.name!r} overrides {element_id}, which is not in the process"
            )
        try:
            coerced = coerce_fields(type(found), dict(changes))
        except ValueError as exc:
            raise ScenarioError(f"scenario {scenario.name!r}, {element_id}: {exc}") from None
        result.elements[element_id] = replace(found, **coerced)
    # A removed node takes its dangling connections with it.
    dangling = [
        f.id
        for f in result.flows(kind=None)
        if f.source not in result.elements or f.target not in result.elements
    ]
    for flow_id in dangling:
        result.elements.pop(flow_id)
        result.layout.pop(flow_id, None)
    result.scenarios = {}
    return result


def effective_process(base: Process, scenario_name: str | None) -> Process:
    """The base itself when `scenario_name` is None, else the named scenario applied."""
    if scenario_name is None:
        return base
    for scenario in base.scenarios.values():
        if scenario.name == scenario_name:
            return apply_scenario(base, scenario)
    names = ", ".join(repr(s.name) for s in base.scenarios.values()) or "none"
    raise ScenarioError(f"no scenario {scenario_name!r} in {base.name!r} (scenarios: {names})")


__all__ = ["ScenarioError", "apply_scenario", "effective_process"]
