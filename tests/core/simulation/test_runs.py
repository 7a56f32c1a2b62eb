"""Run behaviour: determinism, guards, validation messages, cancel and progress, horizon."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bpo_desktop.core.model import Lane, NodeKind
from bpo_desktop.core.samples import ONBOARDING, sample_workspace
from bpo_desktop.core.simulation import (
    InvalidModelError,
    SimulationCancelledError,
    SimulationError,
    TaskParams,
    exponential,
    fixed,
    normal,
    params_from_process,
    simulate,
    validate,
)


def comparable(result: Any) -> dict[str, Any]:
    data = result.to_json()
    data.pop("wall_s")
    return data


def test_same_seed_gives_identical_results(models: Any) -> None:
    m = models.stations([(2, exponential(30.0)), (1, normal(20.0, 8.0))], exponential(40.0))
    first = simulate(m.process, m.params, 7, cases=3000, replications=3)
    again = simulate(m.process.copy(), m.params, 7, cases=3000, replications=3)
    other = simulate(m.process, m.params, 8, cases=3000, replications=3)
    assert comparable(first) == comparable(again)
    assert first.per_replication == again.per_replication
    assert comparable(first) != comparable(other)


def test_scenarios_share_random_numbers_for_shared_steps(models: Any) -> None:
    """Streams are keyed by element id: adding staff changes queueing, not the draws."""
    m = models.stations([(1, exponential(30.0))], exponential(45.0))
    pool = next(iter(m.params.pools))
    base = simulate(m.process, m.params, 5, cases=2000)
    more = simulate(m.process, m.params.with_pool(pool, staff=2), 5, cases=2000)
    assert base.processing_time.mean == more.processing_time.mean
    assert more.cycle_time.mean < base.cycle_time.mean


def test_loop_with_probability_one_is_refused_naming_the_gateway(models: Any) -> None:
    m = models.loop(1.0, fixed(10.0))
    issues = validate(m.process, m.params)
    loop_errors = [i for i in issues if "cannot reach an end event" in i.message]
    assert {i.element_id for i in loop_errors} >= {m.ids["check"], m.ids["work"]}
    assert any("'Check?'" in i.message for i in loop_errors)
    with pytest.raises(InvalidModelError, match="cannot reach an end event"):
        simulate(m.process, m.params, 1, cases=10)


def test_guard_stops_a_loop_that_practically_never_exits(models: Any) -> None:
    """Valid (p < 1) but each case loops ~10^9 times: the event cap names the step."""
    m = models.loop(1 - 1e-9, fixed(10.0))
    params = replace(m.params, max_events=100_000)
    with pytest.raises(SimulationError, match=r"cases keep repeating 'Work'"):
        simulate(m.process, params, 1, cases=5)


def test_stall_guard_without_a_cap(models: Any) -> None:
    """No cap given: the stall check stops a run in which no case finishes for 2M events."""
    m = models.loop(1 - 1e-9, fixed(10.0))
    with pytest.raises(SimulationError, match=r"without any case finishing.*'Work'"):
        simulate(m.process, m.params, 1, cases=3)


def test_validation_messages_name_the_elements(models: Any) -> None:
    m = models.split(NodeKind.EXCLUSIVE_GATEWAY, [(0.6, fixed(1.0)), (0.3, fixed(2.0))])
    task_a = m.ids["A"]
    lane = next(e for e in m.process.elements.values() if isinstance(e, Lane))
    params = m.params.with_task(task_a, duration=normal(-100.0, 1.0))
    params = params.with_pool(lane.id, staff=0)
    messages = [str(i) for i in validate(m.process, params) if i.severity == "error"]
    assert any("'Split'" in s and "sum to 0.9" in s and "'A'" in s for s in messages)
    assert any("'A'" in s and "almost never a positive duration" in s for s in messages)
    assert any("'Team' has no staff" in s for s in messages)


def test_task_without_resource_and_dead_end_are_errors(models: Any) -> None:
    m = models.stations([(1, fixed(5.0))], exponential(60.0))
    s1 = m.ids["S1"]
    params = m.params.with_task(s1, pool=None)
    process = m.process.copy()
    end = next(n for n in process.nodes() if n.kind is NodeKind.END_EVENT)
    for flow in [f for f in process.flows() if f.target == end.id]:
        del process.elements[flow.id]
    messages = [str(i) for i in validate(process, params)]
    assert any("'S1'" in s and "has no resource" in s for s in messages)
    assert any("'S1'" in s and "no outgoing flow" in s for s in messages)
    with pytest.raises(InvalidModelError, match="'S1'"):
        simulate(process, params, 1, cases=1)


def test_inclusive_split_without_join_is_an_error(models: Any) -> None:
    m = models.split(NodeKind.INCLUSIVE_GATEWAY, [(0.5, fixed(1.0)), (None, fixed(2.0))])
    messages = [str(i) for i in validate(m.process, m.params)]
    assert any("inclusive branch 'B'" in s and "needs a probability" in s for s in messages)


def test_and_join_after_xor_split_reports_stuck_cases(models: Any) -> None:
    """PRODUCT FX-GW(a) / S4: an XOR split closed by an AND join deadlocks every case."""
    m = models.split(NodeKind.EXCLUSIVE_GATEWAY, [(0.5, fixed(1.0)), (0.5, fixed(2.0))])
    process = m.process.copy()
    join = process.node(m.ids["join"])
    process.elements[join.id] = replace(join, kind=NodeKind.PARALLEL_GATEWAY)
    result = simulate(process, m.params, 1, cases=1000)
    assert result.finished_fraction == 0.0
    assert result.stuck == {f"'Join' ({join.id})": 1000}
    assert any("1000 of 1000 cases did not finish" in w for w in result.warnings)


def test_cancel_stops_the_run_and_progress_rises(models: Any) -> None:
    m = models.stations([(3, exponential(30.0))], exponential(12.0))
    seen: list[float] = []
    simulate(m.process, m.params, 1, cases=20000, replications=2, progress=seen.append)
    assert seen == sorted(seen)
    assert 0.9 <= seen[-1] <= 1.0
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 2

    with pytest.raises(SimulationCancelledError):
        simulate(m.process, m.params, 1, cases=200000, cancel=cancel)
    assert calls == 3


def test_horizon_stops_arrivals_and_events(models: Any) -> None:
    m = models.stations([(1, fixed(50.0))], fixed(60.0))
    params = replace(m.params, horizon_s=5980.0)
    result = simulate(m.process, params, 1, cases=1000)
    assert result.per_replication[0].arrived == 100  # arrivals at 0, 60, ..., 5940
    assert result.per_replication[0].finished == 99  # the last would end at 5990
    assert result.cycle_time.mean == pytest.approx(50.0)
    assert result.finished_fraction == pytest.approx(0.99)


def test_default_parameters_come_from_the_model() -> None:
    process = sample_workspace().process_by_name(ONBOARDING)
    params = params_from_process(process)
    s2 = process.node_by_name("Email CS, Finance, Marketing")
    assert params.tasks[s2.id] == TaskParams(fixed(600.0), s2.lane_id, fixed(8 * 3600.0), 0.0)
    finance = params.pools[params.pool_by_name("Finance")]
    assert (finance.staff, finance.cost_per_hour) == (1, 50.0)
    # the busiest lane per person is Finance (45 min): arrivals every 90 min on average
    assert params.arrival.interarrival.mean == pytest.approx(90 * 60.0)
