"""N2 gateway soundness: FX-GW (a) deadlock, (b) lack of synchronization, FX-ONB sound."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from bpo_desktop.core.analysis import analyze, lint
from bpo_desktop.core.analysis.graph import ControlFlow
from bpo_desktop.core.analysis.soundness import explore
from bpo_desktop.core.model import NodeKind, Process, Workspace

if TYPE_CHECKING:
    from conftest import Sketch

Sketcher = Callable[..., "Sketch"]


def fx_gw(sketch: Sketcher, split: NodeKind, join: NodeKind) -> Sketch:
    """Start → A → split X → {B, C} → join J → D → End."""
    s = sketch("FX-GW")
    s.start()
    s.task("A")
    s.add(split, "X")
    s.task("B")
    s.task("C")
    s.add(join, "J")
    s.task("D")
    s.end()
    s.chain("Start", "A", "X")
    share = {"probability": 0.5} if split is NodeKind.EXCLUSIVE_GATEWAY else {}
    s.flow("X", "B", name="to B", **share)
    s.flow("X", "C", name="to C", **share)
    s.chain("B", "J", "D", "End")
    s.chain("C", "J")
    return s


def test_fx_gw_a_deadlock_reported_at_the_and_join(sketch: Sketcher) -> None:
    s = fx_gw(sketch, NodeKind.EXCLUSIVE_GATEWAY, NodeKind.PARALLEL_GATEWAY)
    report = lint(s.build(), s.ws.systems)
    (finding,) = report.by_rule("deadlock")
    assert finding.message == "Deadlock: join J waits for 2 tokens, split X emits 1"
    assert (finding.element_id, finding.severity) == (s.ids["J"], "error")
    assert not report.sound
    assert "2 dead" in report.state_space  # the token game confirms it (one per branch)
    assert report.by_rule("soundness") == []  # confirmed, not reported twice


def test_fx_gw_b_lack_of_synchronization_reported_at_the_xor_join(sketch: Sketcher) -> None:
    s = fx_gw(sketch, NodeKind.PARALLEL_GATEWAY, NodeKind.EXCLUSIVE_GATEWAY)
    process = s.build()
    report = lint(process, s.ws.systems)
    (finding,) = report.by_rule("lack-of-synchronization")
    assert finding.message == "Lack of synchronization: D runs 2× per case"  # noqa: RUF001
    assert (finding.element_id, finding.severity) == (s.ids["J"], "error")
    assert not report.sound
    assert "0 dead" in report.state_space
    assert report.by_rule("soundness") == []
    assert analyze(process, s.ws.systems).step_named("D").visits == 2


def test_matching_gateways_are_sound(sketch: Sketcher) -> None:
    for kind in (NodeKind.PARALLEL_GATEWAY, NodeKind.EXCLUSIVE_GATEWAY):
        s = fx_gw(sketch, kind, kind)
        report = lint(s.build(), s.ws.systems)
        assert report.sound
        assert report.findings == ()


def test_fx_onb_is_sound(ws: Workspace, onboarding: Process) -> None:
    report = lint(onboarding, ws.systems)
    assert report.sound
    assert report.errors == 0
    space = explore(ControlFlow(onboarding), None, max_states=1000)
    assert space.complete
    assert space.dead_states == 0
    assert space.unsafe_flows == set()
    assert space.states == 13


def test_deadlock_only_the_state_space_finds(sketch: Sketcher) -> None:
    """Both branches of an AND split meet again at an AND join, but one of them may leave
    through an XOR first: the join's dominator is the AND split, so the pattern check is silent.
    """
    s = sketch()
    s.start()
    s.and_("P")
    s.task("A")
    s.xor("Skip?")
    s.task("B")
    s.task("C")
    s.and_("J")
    s.end()
    s.end("Skipped")
    s.chain("Start", "P", "A", "J", "End")
    s.chain("P", "Skip?")
    s.flow("Skip?", "B", name="no", probability=0.9)
    s.flow("Skip?", "C", name="yes", probability=0.1)
    s.chain("B", "J")
    s.chain("C", "Skipped")
    report = lint(s.build(), s.ws.systems)
    assert report.by_rule("deadlock") == []
    (finding,) = report.by_rule("soundness")
    assert finding.element_id == s.ids["J"]
    assert finding.message == "Deadlock: join J can wait forever for a token (state-space check)"
    assert not report.sound


def test_task_joining_parallel_branches_runs_twice(sketch: Sketcher) -> None:
    """An AND split whose branches meet in a task (no gateway): the task runs twice."""
    s = sketch()
    s.start()
    s.and_("P")
    s.task("A")
    s.task("B")
    s.task("Merge here")
    s.end()
    s.chain("Start", "P", "A", "Merge here", "End")
    s.chain("P", "B", "Merge here")
    report = lint(s.build(), s.ws.systems)
    (structural,) = report.by_rule("lack-of-synchronization")
    assert structural.message == "Lack of synchronization: Merge here runs 2× per case"  # noqa: RUF001
    assert structural.element_name == "Merge here"
    assert report.by_rule("fake-join")[0].element_name == "Merge here"
    assert report.by_rule("soundness") == []


def test_unsafe_flow_only_the_state_space_finds(sketch: Sketcher) -> None:
    """X chooses a parallel block or a single task, all three meet at one XOR join M: the
    join's dominator is the XOR split, so the pattern check is silent, but D can get two tokens.
    """
    s = sketch()
    s.start()
    s.xor("X")
    s.and_("P")
    s.task("A")
    s.task("B")
    s.task("C")
    s.xor("M")
    s.task("D")
    s.end()
    s.chain("Start", "X")
    s.flow("X", "P", name="both", probability=0.5)
    s.flow("X", "C", name="one", probability=0.5)
    s.chain("P", "A", "M")
    s.chain("P", "B", "M")
    s.chain("C", "M", "D", "End")
    report = lint(s.build(), s.ws.systems)
    assert report.by_rule("lack-of-synchronization") == []
    (finding,) = report.by_rule("soundness")  # End inherits the surplus: not reported again
    assert finding.element_name == "D"
    assert finding.message == (
        "Lack of synchronization: D can get two tokens at once (state-space check)"
    )
    assert not report.sound


def test_state_space_bound_falls_back_to_the_pattern_check(sketch: Sketcher) -> None:
    s = fx_gw(sketch, NodeKind.EXCLUSIVE_GATEWAY, NodeKind.PARALLEL_GATEWAY)
    process = s.build()
    report = lint(process, s.ws.systems, max_state_nodes=5)
    assert report.state_space == "process: skipped (8 nodes > 5)"
    (finding,) = report.by_rule("deadlock")
    assert finding.severity == "error"
    stopped = lint(process, s.ws.systems, max_states=2)
    assert "stopped at the bound" in stopped.state_space
    assert stopped.by_rule("deadlock")[0].severity == "error"


@pytest.mark.parametrize("tokens", [2, 3])
def test_deadlock_counts_the_tokens_the_join_waits_for(sketch: Sketcher, tokens: int) -> None:
    s = sketch()
    s.start()
    s.xor("X")
    s.and_("J")
    s.end()
    s.chain("Start", "X")
    for i in range(tokens):
        s.task(f"T{i}")
        s.flow("X", f"T{i}", name=f"t{i}", probability=1 / tokens)
        s.chain(f"T{i}", "J")
    s.chain("J", "End")
    (finding,) = lint(s.build(), s.ws.systems).by_rule("deadlock")
    assert finding.message == f"Deadlock: join J waits for {tokens} tokens, split X emits 1"
