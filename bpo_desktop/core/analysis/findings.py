"""Lint findings and the report that collects them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bpo_desktop.core.analysis.graph import ControlFlow
from bpo_desktop.core.analysis.visits import ScopeVisits
from bpo_desktop.core.model import Process, System


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

#: Rules whose errors make a model unsound (it may not complete, or not complete properly).
SOUNDNESS_RULES = frozenset(
    {
        "start-event-required",
        "end-event-required",
        "unreachable",
        "dead-end",
        "infinite-loop",
        "deadlock",
        "lack-of-synchronization",
        "soundness",
    }
)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    element_id: str  # a node, flow, lane, annotation, or the process itself
    element_name: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "element_id": self.element_id,
            "element_name": self.element_name,
            "message": self.message,
        }


@dataclass(frozen=True)
class LintContext:
    """What every rule gets: the (effective) process and, for a scenario, its base."""

    process: Process
    cf: ControlFlow
    systems: Mapping[str, System]
    visits: Mapping[str | None, ScopeVisits]  # per scope
    base: Process | None = None  # the as-is process when `process` is a scenario applied to it
    max_state_nodes: int = 200
    max_states: int = 20_000

    def node_finding(self, rule: str, severity: Severity, node_id: str, message: str) -> Finding:
        return Finding(rule, severity, node_id, self.cf.label(node_id), message)


@dataclass(frozen=True)
class LintReport:
    process_id: str
    process_name: str
    scenario: str | None
    findings: tuple[Finding, ...]
    state_space: str  # what the bounded token-game check did, in words

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def sound(self) -> bool:
        """No error that keeps cases from completing, or from completing properly."""
        return not any(
            f.severity is Severity.ERROR and f.rule in SOUNDNESS_RULES for f in self.findings
        )

    def by_rule(self, rule: str) -> list[Finding]:
        return [f for f in self.findings if f.rule == rule]

    def to_json(self) -> dict[str, Any]:
        return {
            "process": self.process_name,
            "scenario": self.scenario,
            "errors": self.errors,
            "warnings": self.warnings,
            "sound": self.sound,
            "state_space": self.state_space,
            "findings": [f.to_json() for f in self.findings],
        }
