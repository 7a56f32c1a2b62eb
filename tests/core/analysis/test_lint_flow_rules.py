"""N1 reachability and dead ends (FX-GW c), M7 branch probabilities, N3 loops."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bpo_desktop.core.analysis import lint
from bpo_desktop.core.model import NodeKind

if TYPE_CHECKING:
    from conftest import Sketch

Sketcher = Callable[..., "Sketch"]


def fx_gw_c(sketch: Sketcher) -> Sketch:
    """Start → A → Route? → {B, F}; B → merge → End; E → merge. E has no incoming flow and F
    no outgoing one."""
    s = sketch("FX-GW (c)")
    s.start()
    s.task("A")
    s.xor("Route?")
    s.task("B")
    s.task("F")
    s.task("E")
    s.xor("", key="merge")
    s.end()
    s.chain("Start", "A", "Route?")
    s.flow("Route?", "B", name="b", probability=0.5)
    s.flow("Route?", "F", name="f", probability=0.5)
    s.chain("B", "merge", "End")
    s.chain("E", "merge")
    return s


def test_fx_gw_c_unreachable_and_dead_end(sketch: Sketcher) -> None:
    s = fx_gw_c(sketch)
    report = lint(s.build(), s.ws.systems)
    (unreachable,) = report.by_rule("unreachable")
    (dead_end,) = report.by_rule("dead-end")
    assert (unreachable.element_id, unreachable.message) == (
        s.ids["E"],
        "E is unreachable from Start",
    )
    assert (dead_end.element_id, dead_end.message) == (s.ids["F"], "F cannot reach an End event")
    assert unreachable.severity == dead_end.severity == "error"
    assert not report.sound
    # bpmnlint's own view of the same two steps
    assert [f.element_name for f in report.by_rule("no-implicit-start")] == ["E"]
    assert [f.element_name for f in report.by_rule("no-implicit-end")] == ["F"]
    assert report.errors == 4


def test_connecting_them_clears_both(sketch: Sketcher) -> None:
    s = fx_gw_c(sketch)
    s.flow("F", "E")
    report = lint(s.build(), s.ws.systems)
    assert report.by_rule("unreachable") == []
    assert report.by_rule("dead-end") == []
    assert report.errors == 0
    assert report.sound


def test_unreachable_names_the_start_or_any_start(sketch: Sketcher) -> None:
    s = sketch()
    s.start("Order in")
    s.start("Phone call")
    s.task("A")
    s.task("Orphan")
    s.end()
    s.chain("Order in", "A", "End")
    s.chain("Phone call", "A")
    s.chain("Orphan", "End")
    (finding,) = lint(s.build(), s.ws.systems).by_rule("unreachable")
    assert finding.message == "Orphan is unreachable from any start event"


def test_boundary_events_are_reached_through_their_host(sketch: Sketcher) -> None:
    s = sketch()
    s.start()
    host = s.task("Call customer")
    s.add(NodeKind.BOUNDARY_EVENT, "No answer", attached_to=host)
    s.task("Send letter")
    s.end()
    s.end("Letter sent")
    s.chain("Start", "Call customer", "End")
    s.chain("No answer", "Send letter", "Letter sent")
    report = lint(s.build(), s.ws.systems)
    assert report.by_rule("unreachable") == []
    assert report.by_rule("no-implicit-start") == []
    assert report.errors == 0


def xor_with(sketch: Sketcher, *probabilities: float | None) -> Sketch:
    s = sketch()
    s.start()
    s.xor("Customer type?")
    s.xor("", key="merge")
    s.end()
    s.chain("Start", "Customer type?")
    for i, p in enumerate(probabilities):
        s.task(f"Handle {i}")
        attrs = {"probability": p} if p is not None else {}
        s.flow("Customer type?", f"Handle {i}", name=f"type {i}", **attrs)
        s.chain(f"Handle {i}", "merge")
    s.chain("merge", "End")
    return s


def test_m7_probabilities_summing_to_90_percent(sketch: Sketcher) -> None:
    s = xor_with(sketch, 0.6, 0.3)
    (finding,) = lint(s.build(), s.ws.systems).by_rule("branch-probabilities")
    assert finding.severity == "error"
    assert finding.element_name == "Customer type?"
    assert "probabilities sum to 90 %" in finding.message


def test_m7_sixty_forty_clears_it(sketch: Sketcher) -> None:
    s = xor_with(sketch, 0.6, 0.4)
    report = lint(s.build(), s.ws.systems)
    assert report.by_rule("branch-probabilities") == []
    assert report.findings == ()


def test_missing_and_out_of_range_probabilities(sketch: Sketcher) -> None:
    s = xor_with(sketch, 0.7, None)
    (finding,) = lint(s.build(), s.ws.systems).by_rule("branch-probabilities")
    assert (
        finding.message
        == "Customer type?: branch probabilities sum to 70 % (1 flow(s) without one)"
    )
    s = xor_with(sketch, 1.5, -0.5)
    messages = [f.message for f in lint(s.build(), s.ws.systems).by_rule("branch-probabilities")]
    assert "Branch probability 150 % is outside 0..100 %" in messages
    assert "Branch probability -50 % is outside 0..100 %" in messages


def test_no_probabilities_is_a_warning(sketch: Sketcher) -> None:
    s = xor_with(sketch, None, None)
    (finding,) = lint(s.build(), s.ws.systems).by_rule("branch-probabilities")
    assert finding.severity == "warning"
    assert (
        finding.message == "Customer type? has no branch probabilities; metrics assume equal shares"
    )


def test_loop_without_a_way_out(sketch: Sketcher) -> None:
    s = sketch()
    s.start()
    s.xor("", key="merge")
    s.task("Work")
    s.task("Check")
    s.end()
    s.chain("Start", "merge", "Work", "Check", "merge")
    report = lint(s.build(), s.ws.systems)
    (finding,) = report.by_rule("infinite-loop")
    assert finding.message.startswith("Infinite loop: ")
    assert finding.message.endswith("has no way out")
    assert finding.element_id == s.ids["Check"]
    dead = {f.element_name for f in report.by_rule("dead-end")}
    assert dead == {"Start", s.ids["merge"], "Work", "Check"}
