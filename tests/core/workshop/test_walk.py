"""Walk-the-process order (W5): stops along the flow, parallel groups, decisions, joins."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from bpo_desktop.core.model import AnnotationKind, NodeKind, Process, new_workspace
from bpo_desktop.core.samples import (
    ONBOARDING,
    ONBOARDING_REWORK,
    ProcessBuilder,
    sample_workspace,
)
from bpo_desktop.core.workshop.walk import (
    Stop,
    Walk,
    branches,
    default_branch,
    first_stop,
    next_stop,
    start_steps,
    step_notes,
)


def _process(name: str) -> Process:
    ws = sample_workspace()
    return next(p for p in ws.processes.values() if p.name == name)


def _names(process: Process, stop: Stop | None) -> set[str]:
    assert stop is not None
    return {process.elements[s].name for s in stop.steps}  # type: ignore[union-attr]


class _Sketch:
    """A small process: nodes by name on a column grid, one lane per `lane=` name."""

    def __init__(self) -> None:
        self.builder = ProcessBuilder(new_workspace("t"), "Sketch")
        self.lanes: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        self.col = 0

    def add(self, kind: NodeKind, name: str, lane: str = "Team", col: int | None = None) -> str:
        if lane not in self.lanes:
            self.lanes[lane] = self.builder.lane(lane)
        at = self.col if col is None else col
        self.col = max(self.col, at) + 1
        self.ids[name] = self.builder.node(kind, name, lane=self.lanes[lane], col=at)
        return self.ids[name]

    def flow(self, a: str, b: str, **attrs: Any) -> str:
        return self.builder.flow(self.ids[a], self.ids[b], **attrs)

    def chain(self, *names: str) -> None:
        for a, b in itertools.pairwise(names):
            self.flow(a, b)

    def build(self) -> Process:
        return self.builder.build()


def _walk_all(process: Process, walk: Walk) -> list[set[str]]:
    seen = [_names(process, walk.current)]
    while walk.next() is not None:
        seen.append(_names(process, walk.current))
        assert len(seen) < 50, "the walk never ends"
    return seen


def test_onboarding_visits_s1_s2_the_parallel_group_then_the_end() -> None:
    process = _process(ONBOARDING)
    walk = Walk(process)
    assert _walk_all(process, walk) == [
        {"Enter customer + contract in CRM"},
        {"Email CS, Finance, Marketing"},
        {"Assign account rep", "Collect payment", "Send welcome kit"},
        {"Customer onboarded"},
    ]
    assert walk.index == 4
    assert walk.next() is None  # stays at the end
    assert _names(process, walk.current) == {"Customer onboarded"}


def test_s2_shows_its_pain_point_first() -> None:
    process = _process(ONBOARDING)
    walk = Walk(process)
    stop = walk.next()
    assert stop is not None
    notes = step_notes(process, stop.steps[0])
    assert [n.ref for n in notes] == ["P1", "I1"]
    assert notes[0].kind is AnnotationKind.PAIN_POINT
    assert "remember to contact" in notes[0].text
    assert step_notes(process, walk.home().steps[0]) == []  # type: ignore[union-attr]


def test_the_parallel_group_reads_top_to_bottom_like_the_lanes() -> None:
    process = _process(ONBOARDING)
    walk = Walk(process)
    walk.next()
    group = walk.next()
    assert group is not None and group.is_group
    lanes = [process.elements[process.node(s).lane_id].name for s in group.steps]  # type: ignore[arg-type,union-attr]
    assert lanes == ["Customer Service", "Finance", "Marketing"]


def test_previous_retraces_and_home_starts_over() -> None:
    process = _process(ONBOARDING)
    walk = Walk(process)
    first = walk.current
    walk.next()
    second = walk.current
    walk.next()
    assert walk.previous() == second
    assert walk.previous() == first
    assert walk.previous() is None  # stays at the first stop
    assert walk.current == first
    walk.next()
    walk.next()
    assert walk.home() == first and walk.index == 1


def test_a_decision_takes_the_most_probable_branch_unless_the_presenter_picks() -> None:
    process = _process(ONBOARDING_REWORK)
    walk = Walk(process)
    walk.next()
    walk.next()  # {S3, S4, S5}
    ahead = walk.decisions()
    assert len(ahead) == 1
    assert ahead[0].name == "Payment received?"
    assert [b.label for b in ahead[0].branches] == ["yes", "no"]
    assert ahead[0].chosen == 0  # yes, 80 %
    assert walk.choose(1)  # "no": back to Collect payment, the other branches wait at the join
    rework = walk.next()
    assert _names(process, rework) == {"Collect payment"}
    assert rework is not None and rework.waiting  # S3 and S5 are parked at the AND join
    assert walk.decisions()[0].chosen == 0  # the pick held for one pass: "yes" again
    assert _names(process, walk.next()) == {"Customer onboarded"}
    assert not walk.choose(0)  # nothing to decide at the end


def test_without_probabilities_the_default_flow_then_the_first_branch_is_taken() -> None:
    s = _Sketch()
    s.add(NodeKind.START_EVENT, "Start")
    s.add(NodeKind.EXCLUSIVE_GATEWAY, "OK?")
    s.add(NodeKind.TASK, "Fix", lane="Team", col=2)
    s.add(NodeKind.TASK, "Ship", lane="Ops", col=2)
    s.add(NodeKind.END_EVENT, "End")
    s.chain("Start", "OK?")
    s.flow("OK?", "Fix", name="no")
    s.flow("OK?", "Ship", name="yes", is_default=True)
    s.flow("Fix", "End")
    s.flow("Ship", "End")
    process = s.build()
    assert _names(process, first_stop(process)) == {"Ship"}  # the default flow
    options = branches(process, s.ids["OK?"])
    assert [b.label for b in options] == ["no", "yes"]  # top lane first
    assert default_branch(options) == 0  # no flows given: the first
    assert _names(process, first_stop(process, {s.ids["OK?"]: 0})) == {"Fix"}


def test_an_uneven_parallel_block_waits_at_the_join() -> None:
    s = _Sketch()
    s.add(NodeKind.START_EVENT, "Start")
    s.add(NodeKind.PARALLEL_GATEWAY, "split")
    s.add(NodeKind.TASK, "A", lane="Team", col=2)
    s.add(NodeKind.TASK, "C", lane="Other", col=2)
    s.add(NodeKind.TASK, "B", lane="Team", col=3)
    s.add(NodeKind.PARALLEL_GATEWAY, "join")
    s.add(NodeKind.END_EVENT, "End")
    s.chain("Start", "split", "A", "B", "join", "End")
    s.chain("split", "C", "join")
    process = s.build()
    assert _walk_all(process, Walk(process)) == [{"A", "C"}, {"B"}, {"End"}]


def test_a_process_without_a_start_event_begins_where_nothing_flows_in() -> None:
    s = _Sketch()
    s.add(NodeKind.TASK, "First")
    s.add(NodeKind.TASK, "Second")
    s.chain("First", "Second")
    process = s.build()
    assert start_steps(process) == (s.ids["First"],)
    assert _walk_all(process, Walk(process)) == [{"First"}, {"Second"}]


def test_a_gateway_cycle_without_steps_ends_instead_of_hanging() -> None:
    s = _Sketch()
    s.add(NodeKind.START_EVENT, "Start")
    s.add(NodeKind.EXCLUSIVE_GATEWAY, "g1")
    s.add(NodeKind.EXCLUSIVE_GATEWAY, "g2")
    s.chain("Start", "g1", "g2", "g1")
    process = s.build()
    assert first_stop(process) is None
    assert Walk(process).current is None


def test_jumping_to_a_clicked_step_continues_from_there() -> None:
    process = _process(ONBOARDING)
    walk = Walk(process)
    s4 = process.node_by_name("Collect payment").id
    assert walk.jump(s4) == Stop((s4,))
    assert _names(process, walk.next()) == {"Customer onboarded"}
    assert walk.previous() == Stop((s4,))
    gateway = next(n.id for n in process.nodes() if n.kind is NodeKind.PARALLEL_GATEWAY)
    assert walk.jump(gateway) is None  # gateways are never stops


@pytest.mark.parametrize("name", [ONBOARDING, ONBOARDING_REWORK])
def test_next_stop_of_the_end_is_none(name: str) -> None:
    process = _process(name)
    end = next(n.id for n in process.nodes() if n.kind is NodeKind.END_EVENT)
    assert next_stop(process, Stop((end,))) is None
