"""The building blocks of the metrics: branch shares, visits, lead time, scopes, handoffs."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from bpo_desktop.core.analysis import analyze, lint
from bpo_desktop.core.analysis.graph import ControlFlow, Routing, split_shares
from bpo_desktop.core.model import Flow, NodeKind
from bpo_desktop.core.samples.generated import generated_workspace

if TYPE_CHECKING:
    from conftest import Sketch

Sketcher = Callable[..., "Sketch"]


def flows(*probabilities: float | None) -> list[Flow]:
    return [Flow(f"F{i}", "a", "b", probability=p) for i, p in enumerate(probabilities)]


@pytest.mark.parametrize(
    ("given", "shares"),
    [
        ((0.3, 0.7), [0.3, 0.7]),
        ((0.6, 0.3), [2 / 3, 1 / 3]),  # normalised
        ((0.5, None, None), [0.5, 0.25, 0.25]),  # the rest shared by the flows without one
        ((None, None), [0.5, 0.5]),
        ((0.0, 0.0), [0.5, 0.5]),
        ((1.0, None), [1.0, 0.0]),
    ],
)
def test_split_shares(given: tuple[float | None, ...], shares: list[float]) -> None:
    assert list(split_shares(flows(*given)).values()) == pytest.approx(shares)


def xor_block(sketch: Sketcher) -> Sketch:
    """A (60 min) → X → {B 30 min at 30 %, C 90 min at 70 %} → M → End, B and C in other lanes."""
    s = sketch()
    s.start()
    s.task("A", touch_min=60, lane="Front")
    s.xor("X", lane="Front")
    s.task("B", touch_min=30, lane="Back")
    s.task("C", touch_min=90, lane="Expert", system="Phone")
    s.xor("M", lane="Front")
    s.end(lane="Front")
    s.chain("Start", "A", "X")
    s.flow("X", "B", name="simple", probability=0.3)
    s.flow("X", "C", name="hard", probability=0.7)
    s.chain("B", "M", "End")
    s.chain("C", "M")
    return s


def test_xor_block_is_probability_weighted(sketch: Sketcher) -> None:
    s = xor_block(sketch)
    m = analyze(s.build(), s.ws.systems)
    assert m.lead_time_min == pytest.approx(60 + 0.3 * 30 + 0.7 * 90)
    assert m.expected_visits() == pytest.approx({"A": 1, "B": 0.3, "C": 0.7})
    assert m.touch_time_min == pytest.approx(132)
    assert m.critical_path_names == ["A", "C"]  # the longest route
    assert [(h.to_lane, round(h.expected, 2)) for h in m.handoffs] == [
        ("Back", 0.3),
        ("Expert", 0.7),
    ]
    assert [h.medium for h in m.handoffs] == ["none", "none"]  # A has no system
    variants = [(v.steps, round(v.probability, 2)) for v in m.paths.variants]
    ids = s.ids
    assert variants == [((ids["A"], ids["C"]), 0.7), ((ids["A"], ids["B"]), 0.3)]


def test_routing_of_nodes(sketch: Sketcher) -> None:
    s = xor_block(sketch)
    cf = ControlFlow(s.build())
    assert cf.routing(s.ids["X"]) is Routing.EXCLUSIVE
    assert cf.routing(s.ids["A"]) is Routing.SINGLE
    assert cf.next_activities(s.ids["A"]) == pytest.approx({s.ids["B"]: 0.3, s.ids["C"]: 0.7})


def test_two_step_loop_reworks_the_step_before_the_check(sketch: Sketcher) -> None:
    s = sketch()
    s.start()
    s.xor("", key="merge")
    s.task("Draft", touch_min=30)
    s.task("Review", touch_min=10)
    s.xor("OK?")
    s.end()
    s.chain("Start", "merge", "Draft", "Review", "OK?")
    s.flow("OK?", "End", name="yes", probability=0.75)
    s.flow("OK?", "merge", name="no", probability=0.25)
    m = analyze(s.build(), s.ws.systems)
    assert m.step_named("Draft").visits == pytest.approx(4 / 3)
    assert m.step_named("Review").visits == pytest.approx(4 / 3)
    assert m.step_named("Review").fpy == pytest.approx(0.75)
    assert m.step_named("Draft").fpy == 1
    assert m.rty == pytest.approx(0.75)
    assert m.lead_time_min == pytest.approx(40 * 4 / 3)
    assert m.loops[0].steps == ("Draft", "Review", "OK?")


def test_parallel_block_inside_a_rework_loop(sketch: Sketcher) -> None:
    """A loop body with an AND block takes its longest branch per pass, not the sum."""
    s = sketch()
    s.start()
    s.xor("", key="merge")
    s.and_("P")
    s.task("A", touch_min=10)
    s.task("B", touch_min=20)
    s.and_("J")
    s.xor("OK?")
    s.end()
    s.chain("Start", "merge", "P", "A", "J", "OK?")
    s.chain("P", "B", "J")
    s.flow("OK?", "End", name="yes", probability=0.5)
    s.flow("OK?", "merge", name="no", probability=0.5)
    process = s.build()
    m = analyze(process, s.ws.systems)
    assert m.expected_visits() == pytest.approx({"A": 2, "B": 2})
    assert m.lead_time_min == pytest.approx(2 * 20)
    assert m.touch_time_min == pytest.approx(60)
    assert m.rty == pytest.approx(0.5)  # one loop, reworked half the time
    assert lint(process, s.ws.systems).findings == ()


def test_nested_loops(sketch: Sketcher) -> None:
    """An inner loop (back to B) inside an outer one (back to A), each repeating half the time."""
    s = sketch()
    s.start()
    s.xor("", key="outer")
    s.task("A", touch_min=10)
    s.xor("", key="inner")
    s.task("B", touch_min=20)
    s.xor("B ok?")
    s.xor("All ok?")
    s.end()
    s.chain("Start", "outer", "A", "inner", "B", "B ok?")
    s.flow("B ok?", "inner", name="redo B", probability=0.5)
    s.flow("B ok?", "All ok?", name="next", probability=0.5)
    s.flow("All ok?", "outer", name="redo all", probability=0.5)
    s.flow("All ok?", "End", name="done", probability=0.5)
    m = analyze(s.build(), s.ws.systems)
    assert m.expected_visits() == pytest.approx({"A": 2, "B": 4})
    assert m.lead_time_min == pytest.approx(2 * 10 + 4 * 20)
    assert m.step_named("B").fpy == pytest.approx(0.25)
    assert m.rty == pytest.approx(0.25)
    (loop,) = m.loops  # one strongly connected part with two heads
    assert loop.visits == pytest.approx(4)  # arrivals at a head: 1 + 2 (redo B) + 1 (redo all)
    assert loop.back_probability == pytest.approx(0.75)


def test_self_loop_on_a_task(sketch: Sketcher) -> None:
    s = sketch()
    s.start()
    s.task("Retry", touch_min=5)
    s.end()
    s.chain("Start", "Retry")
    s.flow("Retry", "Retry", name="again", probability=0.5)
    s.flow("Retry", "End", name="done", probability=0.5)
    process = s.build()
    m = analyze(process, s.ws.systems)
    assert m.step_named("Retry").visits == pytest.approx(2)
    assert m.step_named("Retry").fpy == pytest.approx(0.5)
    assert m.lead_time_min == pytest.approx(10)
    rules = {f.rule for f in lint(process, s.ws.systems).findings}
    assert rules == {"fake-join"}


def test_sub_process_content_counts_in_its_parent(sketch: Sketcher) -> None:
    s = sketch()
    s.start()
    sub = s.add(NodeKind.SUBPROCESS, "Collect payment", expanded=True, wait_min=5)
    s.task("Archive", touch_min=20)
    s.end()
    s.chain("Start", "Collect payment", "Archive", "End")
    s.start("Inner start", parent_id=sub)
    s.task("Invoice", touch_min=10, parent_id=sub)
    s.end("Inner end", parent_id=sub)
    s.chain("Inner start", "Invoice", "Inner end")
    process = s.build()
    m = analyze(process, s.ws.systems)
    assert m.lead_time_min == pytest.approx(5 + 10 + 20)
    assert m.touch_time_min == pytest.approx(30)
    assert m.critical_path_names == ["Collect payment", "Invoice", "Archive"]
    assert m.step_named("Invoice").visits == 1
    assert [s.name for s in m.off_system_steps] == ["Archive", "Invoice"]  # not the container
    assert lint(process, s.ws.systems).findings == ()


def test_boundary_paths_are_exceptional(sketch: Sketcher) -> None:
    s = sketch()
    s.start()
    host = s.task("Call customer", touch_min=10)
    s.add(NodeKind.BOUNDARY_EVENT, "No answer", attached_to=host)
    s.task("Send letter", touch_min=15)
    s.end()
    s.end("Letter sent")
    s.chain("Start", "Call customer", "End")
    s.chain("No answer", "Send letter", "Letter sent")
    m = analyze(s.build(), s.ws.systems)
    assert m.step_named("Send letter").visits == 0
    assert m.lead_time_min == pytest.approx(10)
    assert m.warnings == ("1 step(s) are never reached and count as zero",)


def test_two_start_events_share_the_cases(sketch: Sketcher) -> None:
    s = sketch()
    s.start("Web order")
    s.start("Phone order")
    s.task("Take call", touch_min=12)
    s.xor("", key="merge")
    s.task("Ship", touch_min=6)
    s.end()
    s.chain("Web order", "merge")
    s.chain("Phone order", "Take call", "merge", "Ship", "End")
    m = analyze(s.build(), s.ws.systems)
    assert m.step_named("Take call").visits == pytest.approx(0.5)
    assert m.step_named("Ship").visits == 1
    assert m.lead_time_min == pytest.approx(0.5 * 12 + 6)


def test_no_start_event_gives_zero_figures_and_a_warning(sketch: Sketcher) -> None:
    s = sketch()
    s.task("A", touch_min=5)
    s.end()
    s.chain("A", "End")
    m = analyze(s.build(), s.ws.systems)
    assert m.lead_time_min == 0
    assert m.touch_time_min == 0
    assert m.warnings[0].startswith("no start event")
    assert m.paths.variants == ()


def test_generated_process_lints_clean_and_analyses(sketch: Sketcher) -> None:
    ws = generated_workspace(500)
    process = next(iter(ws.processes.values()))
    report = lint(process, ws.systems)
    assert report.errors == 0
    assert report.sound
    m = analyze(process, ws.systems)
    assert m.lead_time_min > 0
    assert m.warnings == ()
    tasks = [n for n in process.nodes() if n.kind is NodeKind.TASK]
    assert len(m.steps) == len(tasks)
    assert sum(v.probability for v in m.paths.variants) + m.paths.truncated == pytest.approx(1)


def test_analysis_package_does_not_load_qt_or_the_database() -> None:
    code = (
        "import sys, bpo_desktop.core.analysis\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'sqlalchemy'))]\n"
        "print(bad)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
