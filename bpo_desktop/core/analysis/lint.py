"""`lint(process, systems)`: every rule over one process snapshot, as a `LintReport`.

Rules are plain functions `LintContext -> Iterable[Finding]`, grouped by module:
`rules_bpmn` (bpmnlint's recommended structural rules), `rules_flow` (reachability, dead ends,
probabilities, loops), `soundness` (gateway patterns and the bounded token game) and
`guardrails` (goals, constraints, strengths, weaknesses). Findings come out errors first, then
warnings, then info, each group in rule order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from bpo_desktop.core.analysis import guardrails, rules_bpmn, rules_flow, soundness
from bpo_desktop.core.analysis.findings import SEVERITY_RANK, Finding, LintContext, LintReport
from bpo_desktop.core.analysis.graph import ControlFlow
from bpo_desktop.core.analysis.visits import scope_visits
from bpo_desktop.core.model import Process, System

Rule = Callable[[LintContext], Iterable[Finding]]

RULES: tuple[Rule, ...] = (*rules_bpmn.RULES, *rules_flow.RULES, *guardrails.RULES)


def lint(
    process: Process,
    systems: Mapping[str, System],
    *,
    base: Process | None = None,
    scenario: str | None = None,
    max_state_nodes: int = 200,
    max_states: int = 20_000,
) -> LintReport:
    """Check `process`. For a scenario pass the effective process, its `base` and its name."""
    cf = ControlFlow(process)
    ctx = LintContext(
        process=process,
        cf=cf,
        systems=systems,
        visits={scope: scope_visits(cf, scope) for scope in cf.scopes()},
        base=base,
        max_state_nodes=max_state_nodes,
        max_states=max_states,
    )
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule(ctx))
    gateway_findings, state_space = soundness.check(ctx)
    findings.extend(gateway_findings)
    findings.sort(key=lambda f: SEVERITY_RANK[f.severity])
    return LintReport(
        process_id=process.id,
        process_name=process.name,
        scenario=scenario,
        findings=tuple(findings),
        state_space=state_space,
    )
