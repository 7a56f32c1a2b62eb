"""Assemble a `Report` from a workspace: a pure function of the model and the analysis.

Qt-free and outside `core` so it may use several core services (analysis, simulation) that
must not import each other; `core` never imports this package.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from bpo_desktop import __version__
from bpo_desktop.core.analysis import (
    AnalysisOptions,
    Comparison,
    LintReport,
    ProcessMetrics,
    Severity,
    analyze,
    compare,
    lint,
)
from bpo_desktop.core.model import (
    Annotation,
    AnnotationKind,
    Node,
    Process,
    ScenarioError,
    System,
    Workspace,
    effective_process,
)
from bpo_desktop.reporting.data import (
    DeltaRow,
    Fact,
    FindingRow,
    LintSection,
    PlanningGroup,
    PlanningItem,
    Report,
    ScenarioComparison,
    SimulationSection,
    StepRow,
)

K = AnnotationKind
PLANNING_KINDS = (
    (K.GOAL, "Goals"),
    (K.CONSTRAINT, "Constraints"),
    (K.STRENGTH, "Strengths"),
    (K.WEAKNESS, "Weaknesses"),
)
NOTE_KINDS = (
    (K.PAIN_POINT, "Pain points"),
    (K.IDEA, "Ideas"),
    (K.QUESTION, "Questions"),
    (K.RISK, "Risks"),
)
LINE_ITEMS = 40  # names listed in one sentence before "… and N more"
SECTIONS = (
    "Diagram",
    "Planning sheet",
    "Steps",
    "Off-system work",
    "Lint results",
    "Analysis metrics",
    "Scenario comparison",
    "Simulation",
)


@dataclass(frozen=True)
class ReportOptions:
    file_name: str
    scenario: str | None = None
    demand_per_day: float | None = None  # cases per day: adds takt, utilisation, bottleneck
    diagram_svg: str | None = None  # from the UI layer's renderer (this package is Qt-free)
    simulation: SimulationSection | None = None  # the latest stored run, when there is one
    generated_at: str = ""


def build_report(workspace: Workspace, process: Process, options: ReportOptions) -> Report:
    """The report of `process` (its scenario's to-be when `options.scenario` is set).

    Raises ScenarioError (bad input) for a scenario the process does not have.
    """
    effective = effective_process(process, options.scenario)
    systems = workspace.systems
    analysis = AnalysisOptions(demand_per_day=options.demand_per_day)
    metrics = analyze(effective, systems, analysis, scenario=options.scenario)
    base = process if options.scenario is not None else None
    lint_report = lint(effective, systems, base=base, scenario=options.scenario)
    comparisons = tuple(_comparisons(process, systems, analysis))
    header = [
        Fact("File", options.file_name),
        Fact("Process", process.name),
        Fact("Scenario", options.scenario or "as-is"),
    ]
    if options.simulation is not None:
        header += [f for f in options.simulation.facts if f.label == "Seed"]
    header.append(Fact("App version", f"BPO Desktop {__version__}"))
    present = {
        "Diagram": options.diagram_svg is not None,
        "Steps": bool(metrics.steps),
        "Off-system work": bool(metrics.off_system_steps),
        "Scenario comparison": bool(comparisons),
        "Simulation": options.simulation is not None,
    }
    title = process.name + (f" / {options.scenario}" if options.scenario else "")
    return Report(
        title=f"Process report: {title}",
        header=tuple(header),
        generated_at=options.generated_at,
        summary=summary_line(metrics),
        diagram_svg=options.diagram_svg,
        planning=planning_groups(effective),
        steps=step_rows(effective, metrics),
        off_system=tuple(
            Fact(s.name, f"{_system(s.system)}, {_minutes(s.touch_min)} ({s.lane or 'no lane'})")
            for s in metrics.off_system_steps
        ),
        off_system_line=off_system_line(metrics),
        lint=lint_section(lint_report),
        metrics=metric_facts(metrics),
        capacity=capacity_facts(metrics),
        comparisons=comparisons,
        simulation=options.simulation,
        sections=tuple(s for s in SECTIONS if present.get(s, True)),
    )


# -- formatting ---------------------------------------------------------------------------------
def _num(value: float, digits: int = 2, unit: str = "") -> str:
    if not math.isfinite(value):
        return "infinite"
    return f"{value:,.{digits}f}{unit}"


def _pct(fraction: float, digits: int = 1) -> str:
    return _num(fraction * 100, digits, " %")


def _count(value: float) -> str:
    """3.0 → "3", 2.25 → "2.25": expected counts are whole on a path without choices."""
    if math.isfinite(value) and abs(value - round(value)) < 1e-9:
        return str(round(value))
    return _num(value, 2)


def _minutes(value: float) -> str:
    return f"{_count(value)} min"


def _system(name: str) -> str:
    """The analysis says "none" for a step without a system; a reader wants words."""
    return "no system" if name == "none" else name


def summary_line(m: ProcessMetrics) -> str:
    handoffs = m.handoff_count
    noun = "handoff" if handoffs == 1 else "handoffs"
    return (
        f"Lead time {_num(m.lead_time_h, 2, ' h')}, touch time {_minutes(m.touch_time_min)}, "
        f"cost per case {_num(m.cost_per_case)}, {_count(handoffs)} {noun}, "
        f"{len(m.off_system_steps)} off-system step(s)."
    )


def off_system_line(m: ProcessMetrics) -> str:
    parts = _first(
        [f"{s.name} {_system(s.system)} {_minutes(s.touch_min)}" for s in m.off_system_steps], "; "
    )
    return f"Off-system work: {parts or 'none'} ({_pct(m.off_system_share)} of touch time)"


def _first(items: list[str], separator: str) -> str:
    """Items joined; a long list is cut (the tables hold every row; a sentence must stay
    readable, and one huge paragraph makes every page of the PDF slow to draw)."""
    if len(items) <= LINE_ITEMS:
        return separator.join(items)
    shown = separator.join(items[:LINE_ITEMS])
    return f"{shown}{separator}… and {len(items) - LINE_ITEMS} more"


# -- sections -----------------------------------------------------------------------------------
def planning_groups(process: Process) -> tuple[PlanningGroup, ...]:
    """Goals, constraints, strengths and weaknesses always (the sheet's four quarters); workshop
    notes only when there are some. Ordered by ref, then text, so output is stable."""
    by_kind: dict[AnnotationKind, list[Annotation]] = {}
    for annotation in process.annotations.values():
        by_kind.setdefault(annotation.kind, []).append(annotation)
    groups = []
    for kind, title in (*PLANNING_KINDS, *NOTE_KINDS):
        found = sorted(by_kind.get(kind, []), key=lambda a: (_ref_key(a.ref), a.text, a.id))
        if found or kind in dict(PLANNING_KINDS):
            groups.append(PlanningGroup(title, tuple(_planning_item(process, a) for a in found)))
    return tuple(groups)


def _ref_key(ref: str) -> tuple[str, int, str]:
    head = ref.rstrip("0123456789")
    tail = ref[len(head) :]
    return (head, int(tail) if tail else 0, ref)


def _planning_item(process: Process, a: Annotation) -> PlanningItem:
    detail = ""
    if a.category is not None:
        detail = a.category.value.replace("_", " ")
    elif a.kpi or a.target_value:
        detail = " ".join(p for p in (a.kpi, a.target_value and f"target {a.target_value}") if p)
    elif a.severity is not None:
        detail = f"severity {a.severity}"
    steps = tuple(_element_name(process, t) for t in a.targets)
    return PlanningItem(
        ref=a.ref,
        text=a.text or "(no text)",
        strategy=a.strategy.value.capitalize() if a.strategy is not None else "",
        strategy_text=a.strategy_text,
        detail=detail,
        steps=steps,
    )


def _element_name(process: Process, element_id: str) -> str:
    element = process.elements.get(element_id)
    return (getattr(element, "name", "") or element_id) if element is not None else element_id


def step_rows(process: Process, m: ProcessMetrics) -> tuple[StepRow, ...]:
    notes: dict[str, list[str]] = {}
    for a in sorted(process.annotations.values(), key=lambda a: (_ref_key(a.ref), a.id)):
        for target in a.targets:
            notes.setdefault(target, []).append(a.ref or a.kind.value)
    rows = []
    for s in m.steps:
        node = process.elements.get(s.id)
        rows.append(
            StepRow(
                name=s.name,
                lane=s.lane or "",
                system=_system(s.system),
                va_class=s.va_class or "",
                touch=_minutes(s.touch_min),
                wait=_minutes(s.wait_min),
                visits=_count(s.visits),
                cost=_num(m.cost.by_step.get(s.id, 0.0)),
                fpy=_pct(s.fpy),
                off_system=s.off_system,
                notes=", ".join(notes.get(s.id, [])) if isinstance(node, Node) else "",
            )
        )
    return tuple(rows)


def lint_section(report: LintReport) -> LintSection:
    infos = report.count(Severity.INFO)
    return LintSection(
        verdict="sound" if report.sound else "not sound",
        summary=f"{report.errors} error(s), {report.warnings} warning(s), {infos} info",
        findings=tuple(
            FindingRow(str(f.severity), f.rule, f.element_name or f.element_id, f.message)
            for f in report.findings
        ),
    )


def metric_facts(m: ProcessMetrics) -> tuple[Fact, ...]:
    media = ", ".join(f"{k} {_count(v)}" for k, v in m.handoffs_by_medium().items())
    return (
        Fact("Lead time (end-to-end cycle time)", _num(m.lead_time_h, 2, " h")),
        Fact("Touch time", _num(m.touch_time_min, 1, " min")),
        Fact("Wait time", _num(m.wait_time_h, 2, " h")),
        Fact("Process cycle efficiency", _num(m.pce * 100, 2, " %")),
        Fact("Critical path", _first(m.critical_path_names, " → ") or "-"),
        Fact("Handoffs", f"{_count(m.handoff_count)}" + (f" ({media})" if media else "")),
        Fact(
            "Off-system steps",
            f"{len(m.off_system_steps)}, {_pct(m.off_system_share)} of touch time",
        ),
        Fact("Cost per case", _num(m.cost_per_case)),
        Fact("Rolled throughput yield", _pct(m.rty)),
        *(Fact("Warning", w) for w in m.warnings),
    )


def capacity_facts(m: ProcessMetrics) -> tuple[Fact, ...]:
    c = m.capacity
    if c is None:
        return ()
    facts = [
        Fact("Demand", f"{c.demand_per_day:g} cases/day, {c.available_hours:g} h per person"),
        Fact("Takt", _num(c.takt_min, 1, " min")),
    ]
    facts += [Fact(f"Utilisation {lane.lane}", _pct(lane.utilisation)) for lane in c.lanes]
    if c.bottleneck is not None:
        load = next(lane for lane in c.lanes if lane.lane == c.bottleneck)
        facts.append(Fact("Bottleneck", f"{c.bottleneck} {_pct(load.utilisation)}"))
    return tuple(facts)


def _comparisons(
    process: Process, systems: Mapping[str, System], options: AnalysisOptions
) -> list[ScenarioComparison]:
    scenarios = sorted(process.scenarios.values(), key=lambda s: (s.name, s.id))
    if not scenarios:
        return []
    before = analyze(process, systems, options)
    found = []
    for scenario in scenarios:
        try:
            after_process = effective_process(process, scenario.name)
        except ScenarioError as exc:
            found.append(ScenarioComparison(scenario.name, problem=str(exc)))
            continue
        after = analyze(after_process, systems, options, scenario=scenario.name)
        comparison = compare(
            before, after, before_process=process, after_process=after_process, systems=systems
        )
        found.append(_comparison(scenario.name, comparison))
    return found


def _comparison(name: str, c: Comparison) -> ScenarioComparison:
    rows = []
    for r in c.rows:
        delta = r.delta * 100 if r.unit == "fraction" else r.delta
        pct = r.delta_pct
        rows.append(
            DeltaRow(
                label=r.label,
                before=_value(r.before, r.unit),
                after=_value(r.after, r.unit),
                delta=f"{delta:+,.2f}" + (" pp" if r.unit == "fraction" else ""),
                delta_pct=f"{pct:+.1f} %" if pct is not None else "",
            )
        )
    gaps = tuple(
        Fact(key.replace("_", " ").capitalize(), ", ".join(values))
        for key, values in c.gaps.to_json().items()
        if values
    )
    return ScenarioComparison(name, tuple(rows), gaps)


def _value(value: float, unit: str) -> str:
    if unit == "fraction":
        return _pct(value, 2)
    if unit == "steps":
        return _num(value, 0)
    return _num(value, 1 if unit == "min" else 2, f" {unit}" if unit in ("h", "min") else "")
