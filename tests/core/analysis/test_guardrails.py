"""N11 / M6 guardrails on FX-CON: constraints, strengths and weaknesses, as-is and to-be."""

from __future__ import annotations

from dataclasses import replace

from bpo_desktop.core.analysis import LintReport, lint
from bpo_desktop.core.model import (
    Annotation,
    AnnotationKind,
    Flow,
    FlowKind,
    Node,
    NodeKind,
    Process,
    Scenario,
    Strategy,
    Workspace,
    apply_scenario,
)

VALIDATE = "Validate contract data"
CONSOLIDATE = "Consolidate contracts in spreadsheet"


def annotation(process: Process, ref: str) -> Annotation:
    return next(a for a in process.annotations.values() if a.ref == ref)


def with_annotation(process: Process, ref: str, **changes: object) -> Process:
    copy = process.copy()
    found = annotation(copy, ref)
    copy.annotations[found.id] = replace(found, **changes)  # type: ignore[arg-type]
    return copy


def lint_scenario(ws: Workspace, base: Process, scenario: Scenario) -> LintReport:
    return lint(apply_scenario(base, scenario), ws.systems, base=base, scenario=scenario.name)


def test_as_is_k1_violated_by_the_spreadsheet_step(ws: Workspace, contracts: Process) -> None:
    report = lint(contracts, ws.systems)
    (finding,) = report.by_rule("system-of-record")
    assert finding.message.startswith("K1 violated by 'Consolidate contracts in spreadsheet'")
    assert "writes Contract in Spreadsheet" in finding.message
    assert finding.element_id == contracts.node_by_name(CONSOLIDATE).id
    assert finding.severity == "error"
    assert report.errors == 1


def test_as_is_planning_sheet_warnings(ws: Workspace, contracts: Process) -> None:
    report = lint(contracts, ws.systems)
    assert [(f.element_name, f.message) for f in report.by_rule("goal-unmeasured")] == [
        ("G1", "G1 has no KPI and no linked step"),
        ("G2", "G2 has no KPI and no linked step"),
    ]
    assert [f.message for f in report.by_rule("weakness-unlinked")] == [
        "W1 is not linked to any step"
    ]
    assert report.by_rule("weakness-no-strategy") == []
    assert report.warnings == 3
    assert report.sound  # business findings do not make the flow unsound


def test_weakness_without_strategy_and_goal_with_kpi(ws: Workspace, contracts: Process) -> None:
    process = with_annotation(contracts, "W2", strategy=None)
    process = with_annotation(process, "G1", kpi="share of complete records")
    report = lint(process, ws.systems)
    assert [f.message for f in report.by_rule("weakness-no-strategy")] == [
        "W2 has no strategy (Mitigate or Eliminate)"
    ]
    assert [f.element_name for f in report.by_rule("goal-unmeasured")] == ["G2"]


def test_constraint_marked_violated(ws: Workspace, contracts: Process) -> None:
    report = lint(with_annotation(contracts, "K2", violated=True), ws.systems)
    (finding,) = report.by_rule("constraint-violated")
    assert (finding.severity, finding.message) == ("error", "K2 is marked violated")


def test_invalid_annotation(ws: Workspace, contracts: Process) -> None:
    report = lint(with_annotation(contracts, "W1", strategy=Strategy.PRESERVE), ws.systems)
    (finding,) = report.by_rule("annotation-invalid")
    assert finding.message.startswith("W1: a weakness cannot have strategy preserve")


def test_m6_crm_as_system_of_record_still_flags_the_spreadsheet(
    ws: Workspace, contracts: Process
) -> None:
    crm = ws.system_by_name("CRM")
    assert crm is not None
    ws.systems[crm.id] = replace(crm, is_system_of_record=True)
    report = lint(contracts, ws.systems)
    assert len(report.by_rule("system-of-record")) == 1


def test_no_system_of_record_constraint_no_check(ws: Workspace, contracts: Process) -> None:
    k1 = annotation(contracts, "K1")
    process = contracts.copy()
    del process.annotations[k1.id]
    assert lint(process, ws.systems).by_rule("system-of-record") == []


def test_to_be_deleting_validation_puts_st2_at_risk(ws: Workspace, contracts: Process) -> None:
    validate = contracts.node_by_name(VALIDATE)
    scenario = Scenario(id="Scenario_t1", name="Skip validation", removed=frozenset({validate.id}))
    report = lint_scenario(ws, contracts, scenario)
    (finding,) = report.by_rule("strength-at-risk")
    assert finding.message == "St2 (Preserve) at risk: the to-be removes 'Validate contract data'"
    assert finding.severity == "warning"
    assert report.scenario == "Skip validation"
    assert [f.message for f in report.by_rule("weakness-unaddressed")] == [
        "W2 not addressed: its linked step 'Consolidate contracts in spreadsheet' is unchanged "
        "in the to-be"
    ]
    # the removal leaves a gap in the flow, which the structural rules report too
    assert report.by_rule("no-implicit-end") or report.by_rule("dead-end")


def test_to_be_replacing_the_spreadsheet_step_clears_k1(ws: Workspace, contracts: Process) -> None:
    crm = ws.system_by_name("CRM")
    assert crm is not None
    ws.systems[crm.id] = replace(crm, is_system_of_record=True)
    old = contracts.node_by_name(CONSOLIDATE)
    data = contracts.data_objects()[0]
    before = next(f for f in contracts.flows() if f.target == old.id)
    after = next(f for f in contracts.flows() if f.source == old.id)
    new = Node(
        id="Activity_mdm",
        kind=NodeKind.TASK,
        name="Automated consolidation (MDM)",
        lane_id=old.lane_id,
        system_id=crm.id,
    )
    added = (
        new,
        Flow(id="Flow_mdm_in", source=before.source, target=new.id),
        Flow(id="Flow_mdm_out", source=new.id, target=after.target),
        Flow(id="Flow_mdm_data", source=new.id, target=data.id, kind=FlowKind.DATA_ASSOCIATION),
    )
    scenario = Scenario(id="Scenario_t2", name="MDM", added=added, removed=frozenset({old.id}))
    report = lint_scenario(ws, contracts, scenario)
    assert report.by_rule("system-of-record") == []
    (addressed,) = report.by_rule("weakness-addressed")
    assert addressed.message == (
        "W2 addressed: the to-be changes 'Consolidate contracts in spreadsheet'"
    )
    assert addressed.severity == "info"
    assert report.by_rule("strength-at-risk") == []
    assert report.errors == 0


def test_changing_a_linked_step_addresses_its_weakness(ws: Workspace, contracts: Process) -> None:
    old = contracts.node_by_name(CONSOLIDATE)
    scenario = Scenario(id="Scenario_t3", name="Faster", overrides={old.id: {"touch_min": 20.0}})
    (finding,) = lint_scenario(ws, contracts, scenario).by_rule("weakness-addressed")
    assert finding.element_name == "W2"


def test_to_be_removing_a_constraint_step(ws: Workspace, contracts: Process) -> None:
    validate = contracts.node_by_name(VALIDATE)
    process = with_annotation(contracts, "K2", targets=(validate.id,))
    scenario = Scenario(id="Scenario_t4", name="Cut", removed=frozenset({validate.id}))
    report = lint_scenario(ws, process, scenario)
    (finding,) = report.by_rule("constraint-step-removed")
    assert finding.message == "K2 violated: the to-be removes 'Validate contract data'"
    assert finding.severity == "error"


def test_as_is_lint_has_no_scenario_findings(ws: Workspace, contracts: Process) -> None:
    report = lint(contracts, ws.systems)
    for rule in ("strength-at-risk", "weakness-addressed", "weakness-unaddressed"):
        assert report.by_rule(rule) == []
    assert annotation(contracts, "St2").kind is AnnotationKind.STRENGTH
