"""Reading and writing the Prosimos/Simod parameter JSON."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest
from support.corpus import sim_bench

from bpo_desktop.core.model import NodeKind
from bpo_desktop.core.simulation import (
    ArrivalParams,
    DistKind,
    PoolParams,
    WeeklyCalendar,
    empirical,
    exponential,
    gamma,
    lognormal,
    make_params,
    normal,
    uniform,
)
from bpo_desktop.core.simulation.prosimos_params import (
    ProsimosParamsError,
    distribution_from_json,
    read_prosimos_params,
    write_prosimos_params,
)
from bpo_desktop.core.simulation.sampling import draw, generator


def spec(name: str, *values: float) -> dict[str, Any]:
    return {"distribution_name": name, "distribution_params": [{"value": v} for v in values]}


def test_reads_seq10_pools_tasks_and_arrivals() -> None:
    loaded = read_prosimos_params((sim_bench() / "seq10_3pools.json").read_bytes())
    params = loaded.params
    assert loaded.warnings == ()
    assert {k: (p.name, p.staff, p.cost_per_hour, p.calendar) for k, p in params.pools.items()} == {
        "pool_A": ("Pool A", 3, 36.0, None),
        "pool_B": ("Pool B", 2, 36.0, None),
        "pool_C": ("Pool C", 2, 36.0, None),
    }
    assert sorted(params.tasks) == [f"T{i}" for i in range(10)]
    assert params.tasks["T4"].pool == "pool_B"
    duration = params.tasks["T0"].duration
    assert (duration.kind, duration.mean, duration.minimum) == (DistKind.EXPONENTIAL, 30.0, 0.0)
    assert params.arrival.interarrival.mean == 60.0
    assert params.arrival.calendar is None


@pytest.mark.parametrize(
    "json_spec",
    [
        spec("fix", 42.0),
        spec("expon", 30.0, 0.0, 1e12),
        spec("expon", 30.0, 10.0, 1e12),
        spec("expon", 30.0, 0.0, 45.0),
        spec("uniform", 10.0, 50.0),
        spec("norm", 30.0, 20.0, 0.0, 1e12),
        spec("norm", 30.0, 10.0, 25.0, 40.0),
        spec("lognorm", 40.0, 400.0, 0.0, 1e12),
        spec("gamma", 40.0, 200.0, 0.0, 1e12),
        spec("gamma", 40.0, 200.0, 20.0, 60.0),
    ],
)
def test_distributions_sample_like_prosimos(json_spec: dict[str, Any]) -> None:
    """Same law as pix-framework's DurationDistribution (Prosimos 2.1's own sampler)."""
    # A dev dependency (it comes with prosimos): a missing one must fail, not skip.
    from pix_framework.statistics import distribution as pix

    n = 100_000
    np.random.seed(7)
    theirs = np.array(pix.DurationDistribution.from_dict(json_spec).generate_sample(n))
    dist, _ = distribution_from_json(json_spec)
    ours = draw(dist, generator(7, 0, "pix"), n)
    sd = max(float(theirs.std()), 1e-9)
    assert ours.mean() == pytest.approx(theirs.mean(), abs=6 * sd / math.sqrt(n) + 1e-9)
    for q, tolerance in ((1, 0.08), (10, 0.03), (50, 0.03), (90, 0.03), (99, 0.08)):
        mine, reference = np.percentile(ours, q), np.percentile(theirs, q)
        assert mine == pytest.approx(reference, abs=tolerance * sd + 1e-9), f"percentile {q}"


def test_edge_cases_and_extensions() -> None:
    dist, note = distribution_from_json(spec("expon", 30.0, 0.0, 0.0))
    assert dist.is_fixed and dist.params == (0.0,)  # Prosimos silently yields 0 s
    assert "always 0" in note
    dist, note = distribution_from_json(spec("triang", 0.5, 10.0, 20.0, 0.0, 1e12))
    assert (dist.kind, dist.params) == (DistKind.TRIANGULAR, (10.0, 20.0, 30.0))
    assert "cannot run 'triang'" in note
    hist = {
        "distribution_name": "histogram_sampling",
        "histogram_data": {"cdf": [0.25, 1.0], "bin_midpoints": [10.0, 20.0]},
    }
    dist, _ = distribution_from_json(hist)
    assert (dist.values, dist.weights) == ((10.0, 20.0), (0.25, 0.75))
    with pytest.raises(ProsimosParamsError, match="unknown distribution 'weibull'"):
        distribution_from_json(spec("weibull", 1.0, 2.0))


def test_malformed_json_is_a_clear_error() -> None:
    with pytest.raises(ProsimosParamsError, match="malformed"):
        read_prosimos_params(b'{"resource_profiles": [{"id": "p"}]}')
    with pytest.raises(ProsimosParamsError, match="JSON object"):
        read_prosimos_params("[1, 2]")


def test_write_then_read_gives_the_same_parameters(models: Any) -> None:
    m = models.split(
        NodeKind.EXCLUSIVE_GATEWAY, [(0.25, gamma(40.0, 10.0)), (None, normal(5.0, 1.0))]
    )
    office = WeeklyCalendar.days(range(5), 9 * 3600.0, 17 * 3600.0, "office")
    lane = next(iter(m.params.pools))
    params = make_params(
        ArrivalParams(empirical((30.0, 60.0, 90.0), (0.2, 0.5, 0.3)), office),
        {**m.params.tasks, m.ids["A"]: m.params.tasks[m.ids["A"]]},
        {lane: PoolParams("Team", 4, 45.0, office)},
        {m.ids["flow_A"]: 0.25},
    )
    data, notes = write_prosimos_params(m.process, params)
    assert notes == []
    text = json.dumps(data)  # plain JSON (no inf or NaN)
    again = read_prosimos_params(text).params
    assert again.pools == params.pools | {}
    assert again.tasks == params.tasks
    assert again.arrival.calendar is not None and params.arrival.calendar is not None
    assert again.arrival.calendar.periods == params.arrival.calendar.periods
    assert again.arrival.interarrival.values == (30.0, 60.0, 90.0)
    assert again.arrival.interarrival.weights == pytest.approx((0.2, 0.5, 0.3))
    assert again.branches == {m.ids["flow_A"]: 0.25, m.ids["flow_B"]: 0.75}
    gateway = data["gateway_branching_probabilities"][0]
    assert gateway["gateway_id"] == m.ids["split"]


def test_writer_reports_what_prosimos_cannot_express(models: Any) -> None:
    m = models.stations([(None, uniform(1.0, 2.0))], exponential(60.0))
    task = m.ids["S1"]
    params = m.params.with_task(task, delay=exponential(5.0), fixed_cost=3.0)
    params = params.with_task(task, duration=lognormal(5.0, 1.0))
    data, notes = write_prosimos_params(m.process, params)
    joined = " | ".join(notes)
    assert "unlimited staff" in joined
    assert "wait time" in joined
    assert "fixed cost" in joined
    assert data["task_resource_distribution"][0]["resources"][0]["distribution_name"] == "lognorm"
