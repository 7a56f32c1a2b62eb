"""bpmnlint's recommended structural rules, one small model per rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bpo_desktop.core.analysis import LintReport, lint
from bpo_desktop.core.model import Flow, FlowKind, LaneKind, NodeKind, Process, Workspace

if TYPE_CHECKING:
    from conftest import Sketch

Sketcher = Callable[..., "Sketch"]


def check(s: Sketch) -> LintReport:
    return lint(s.build(), s.ws.systems)


def rules_of(report: LintReport) -> dict[str, list[tuple[str, str, str]]]:
    """rule → [(severity, element name, message)]."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for f in report.findings:
        found.setdefault(f.rule, []).append((str(f.severity), f.element_name, f.message))
    return found


def test_fx_onb_has_no_findings(ws: Workspace, onboarding: Process) -> None:
    report = lint(onboarding, ws.systems)
    assert report.findings == ()
    assert report.sound
    assert report.state_space.startswith("process: 13 states (complete), 0 dead")


def test_start_and_end_event_required(sketch: Sketcher) -> None:
    s = sketch("No events")
    s.task("A")
    s.task("B")
    s.chain("A", "B")
    report = check(s)
    process = s.builder.process
    found = rules_of(report)
    assert found["start-event-required"] == [
        ("error", "No events", "Process is missing start event")
    ]
    assert found["end-event-required"] == [("error", "No events", "Process is missing end event")]
    assert {f.element_id for f in report.by_rule("start-event-required")} == {process.id}
    assert "unreachable" not in found  # no start: reachability is not judged
    assert not report.sound


def test_sub_process_scope_needs_its_own_events(sketch: Sketcher) -> None:
    s = sketch()
    s.start()
    sub = s.add(NodeKind.SUBPROCESS, "Check documents", expanded=True)
    s.end()
    s.chain("Start", "Check documents", "End")
    s.task("Inner", parent_id=sub)
    report = check(s)
    assert rules_of(report)["start-event-required"] == [
        ("error", "Check documents", "Sub process is missing start event")
    ]
    assert rules_of(report)["end-event-required"] == [
        ("error", "Check documents", "Sub process is missing end event")
    ]


def test_disconnected_and_implicit_start_and_end(sketch: Sketcher) -> None:
    s = sketch()
    s.start()
    s.task("A")
    s.end()
    s.chain("Start", "A", "End")
    s.task("Lonely")
    s.task("Loose end")
    s.flow("A", "Loose end", condition="x > 1", name="big")
    found = rules_of(check(s))
    assert found["no-disconnected"] == [("error", "Lonely", "Element is not connected")]
    assert ("error", "Lonely", "Element is an implicit start") in found["no-implicit-start"]
    assert ("error", "Loose end", "Element is an implicit end") in found["no-implicit-end"]
    assert ("error", "Lonely", "Element is an implicit end") in found["no-implicit-end"]


def test_implicit_split_and_fake_join(sketch: Sketcher) -> None:
    s = sketch()
    s.start()
    s.task("A")
    s.task("B")
    s.task("C")
    s.task("D")
    s.end()
    s.chain("Start", "A", "B", "D", "End")
    s.flow("A", "C")
    s.flow("C", "D")
    found = rules_of(check(s))
    assert found["no-implicit-split"] == [("error", "A", "Flow splits implicitly")]
    assert found["fake-join"] == [("warning", "D", "Incoming flows do not join")]


def test_split_with_probabilities_or_default_is_not_implicit(sketch: Sketcher) -> None:
    s = sketch()
    s.start()
    s.task("A")
    s.task("B")
    s.task("C")
    s.end()
    s.end("End 2")
    s.chain("Start", "A")
    s.flow("A", "B", name="mostly", probability=0.9)
    s.flow("A", "C", is_default=True)
    s.chain("B", "End")
    s.chain("C", "End 2")
    found = rules_of(check(s))
    assert "no-implicit-split" not in found
    assert "conditional-flows" not in found


def test_superfluous_gateway_and_join_fork(sketch: Sketcher) -> None:
    s = sketch()
    s.start()
    s.xor("Pass through")
    s.task("A")
    s.task("B")
    s.and_("", key="mixed")
    s.task("C")
    s.task("D")
    s.and_("", key="join")
    s.end()
    s.chain("Start", "Pass through", "A")
    s.chain("A", "mixed")
    s.flow("Start", "B")
    s.chain("B", "mixed")
    s.chain("mixed", "C", "join")
    s.chain("mixed", "D", "join")
    s.chain("join", "End")
    found = rules_of(check(s))
    assert found["superfluous-gateway"] == [
        ("warning", "Pass through", "Gateway is superfluous. It only has one source and target.")
    ]
    (mixed,) = found["no-gateway-join-fork"]
    assert mixed[0] == "error" and mixed[2] == "Gateway forks and joins"


def test_label_required(sketch: Sketcher) -> None:
    s = sketch()
    s.start("")
    s.task("", key="unnamed task")
    s.xor("", key="unnamed split")
    s.task("B")
    s.task("C")
    s.xor("", key="unnamed merge")
    s.and_("", key="and")
    s.end()
    s.chain("", "unnamed task", "unnamed split")
    s.flow("unnamed split", "B", condition="ok")  # a conditioned flow needs a label
    s.flow("unnamed split", "C", name="no", probability=0.5)
    s.chain("B", "unnamed merge")
    s.chain("C", "unnamed merge")
    s.chain("unnamed merge", "and", "End")
    s.lane("", kind=LaneKind.SYSTEM)
    report = check(s)
    labelled = {f.element_id for f in report.by_rule("label-required")}
    ids = s.ids
    process = s.builder.process
    unnamed_lane = next(lane.id for lane in process.lanes() if not lane.name)
    conditioned = next(f.id for f in process.flows() if f.condition == "ok")
    assert labelled == {ids[""], ids["unnamed task"], ids["unnamed split"], conditioned,
                        unnamed_lane}  # fmt: skip
    assert {f.message for f in report.by_rule("label-required")} == {
        "Element is missing label/name"
    }


def test_conditional_flows(sketch: Sketcher) -> None:
    s = sketch()
    s.start()
    s.xor("Approved?")
    s.task("Yes path")
    s.task("No path")
    s.task("Maybe path")
    s.end()
    s.chain("Start", "Approved?")
    s.flow("Approved?", "Yes path", name="yes", condition="approved")
    missing = s.flow("Approved?", "No path", name="no")
    s.flow("Approved?", "Maybe path", name="otherwise", is_default=True)
    for step in ("Yes path", "No path", "Maybe path"):
        s.chain(step, "End")
    report = check(s)
    (finding,) = report.by_rule("conditional-flows")
    assert (finding.element_id, finding.element_name) == (missing, "no")
    assert finding.message == "Sequence flow is missing condition"


def test_duplicate_sequence_flows(sketch: Sketcher) -> None:
    s = sketch()
    s.start()
    s.task("A")
    s.end()
    s.chain("Start", "A", "End")
    duplicate = s.flow("A", "End")
    found = check(s).by_rule("no-duplicate-sequence-flows")
    assert [(f.element_id, f.message) for f in found] == [
        (duplicate, "SequenceFlow is a duplicate"),
        (s.ids["A"], "Duplicate outgoing sequence flows"),
        (s.ids["End"], "Duplicate incoming sequence flows"),
    ]


def test_inclusive_gateway_is_discouraged(sketch: Sketcher) -> None:
    s = sketch()
    s.start()
    s.add(NodeKind.INCLUSIVE_GATEWAY, "Any of")
    s.task("A")
    s.task("B")
    s.add(NodeKind.INCLUSIVE_GATEWAY, "", key="merge")
    s.end()
    s.chain("Start", "Any of")
    s.flow("Any of", "A", name="a", probability=0.5)
    s.flow("Any of", "B", name="b", probability=0.5)
    s.chain("A", "merge", "End")
    s.chain("B", "merge")
    report = check(s)
    found = rules_of(report)
    assert [f[0:2] for f in found["no-inclusive-gateway"]] == [
        ("warning", "Any of"),
        ("warning", s.ids["merge"]),
    ]
    assert "skipped (inclusive gateways)" in report.state_space


def test_sequence_flow_to_a_data_object_is_invalid(sketch: Sketcher) -> None:
    s = sketch()
    s.start()
    s.task("A")
    s.end()
    s.chain("Start", "A", "End")
    data = s.builder.data_object("Contract", near=s.ids["A"], written_by=s.ids["A"])
    process = s.builder.process
    bad = Flow(id="Flow_bad", source=s.ids["A"], target=data, kind=FlowKind.SEQUENCE)
    process.elements[bad.id] = bad
    report = lint(process, s.ws.systems)
    (finding,) = report.by_rule("invalid-flow")
    assert finding.element_id == "Flow_bad"
    assert data in finding.message
    assert "no-implicit-split" not in rules_of(report)  # the bad flow is not a sequence flow here
