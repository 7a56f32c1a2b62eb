"""The process report as plain data: every figure already formatted, in a fixed order.

Templates only lay these values out, so the HTML and the PDF say the same thing, and two
reports of the same file differ only in `generated_at`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fact:
    """A label and its value, for the header and the metric tables."""

    label: str
    value: str


@dataclass(frozen=True)
class PlanningItem:
    ref: str
    text: str
    strategy: str = ""  # "Preserve", "Mitigate"… for strengths and weaknesses
    strategy_text: str = ""
    detail: str = ""  # a constraint's category, a goal's KPI and target
    steps: tuple[str, ...] = ()  # names of the linked steps


@dataclass(frozen=True)
class PlanningGroup:
    title: str  # "Goals", "Constraints", "Strengths", "Weaknesses", "Pain points"…
    items: tuple[PlanningItem, ...]


@dataclass(frozen=True)
class StepRow:
    name: str
    lane: str
    system: str
    va_class: str
    touch: str
    wait: str
    visits: str
    cost: str
    fpy: str
    off_system: bool
    notes: str  # refs of the annotations linked to the step: "St2, W2"


@dataclass(frozen=True)
class FindingRow:
    severity: str
    rule: str
    element: str
    message: str


@dataclass(frozen=True)
class LintSection:
    verdict: str  # "sound" / "not sound"
    summary: str  # "0 errors, 1 warning, 2 info"
    findings: tuple[FindingRow, ...]


@dataclass(frozen=True)
class DeltaRow:
    label: str
    before: str
    after: str
    delta: str
    delta_pct: str


@dataclass(frozen=True)
class ScenarioComparison:
    scenario: str
    rows: tuple[DeltaRow, ...] = ()
    gaps: tuple[Fact, ...] = ()
    problem: str = ""  # set when the scenario cannot be applied to the process


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as shown


@dataclass(frozen=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]
    unit: str = ""


@dataclass(frozen=True)
class SimulationSection:
    facts: tuple[Fact, ...]  # when, seed, cases, replications, app version
    kpis: tuple[Fact, ...]
    charts: tuple[Chart, ...]


@dataclass(frozen=True)
class Report:
    title: str
    header: tuple[Fact, ...]  # file, process, scenario, seed, app version
    generated_at: str  # the one line that changes between runs
    summary: str  # one sentence: lead time, cost, handoffs
    diagram_svg: str | None  # inline SVG markup (trusted: our own renderer's output)
    planning: tuple[PlanningGroup, ...]
    steps: tuple[StepRow, ...]
    off_system: tuple[Fact, ...]
    off_system_line: str
    lint: LintSection
    metrics: tuple[Fact, ...]
    capacity: tuple[Fact, ...]
    comparisons: tuple[ScenarioComparison, ...]
    simulation: SimulationSection | None = None
    sections: tuple[str, ...] = field(default=())  # headings present, in order

    def has(self, section: str) -> bool:
        return section in self.sections
