"""Calendars, the t quantile and the distributions, each against an independent reference."""

from __future__ import annotations

import importlib
import math

import numpy as np
import pytest

from bpo_desktop.core.simulation import (
    WeeklyCalendar,
    empirical,
    exponential,
    fixed,
    gamma,
    lognormal,
    normal,
    triangular,
    uniform,
)
from bpo_desktop.core.simulation.calendars import DAY, WEEK, format_clock, parse_clock
from bpo_desktop.core.simulation.params import Distribution
from bpo_desktop.core.simulation.sampling import draw, generator, stream
from bpo_desktop.core.simulation.stats import mean_ci, t_quantile

H = 3600.0
OFFICE = WeeklyCalendar.days(range(5), 9 * H, 17 * H)


def test_calendar_next_working_instant() -> None:
    assert OFFICE.next_on(8 * H) == 9 * H
    assert OFFICE.next_on(12 * H) == 12 * H
    assert OFFICE.next_on(17 * H) == DAY + 9 * H  # the end of a period is not working time
    assert OFFICE.next_on(4 * DAY + 17 * H) == WEEK + 9 * H  # Friday evening -> Monday
    assert OFFICE.next_on(3 * WEEK + 6 * DAY) == 4 * WEEK + 9 * H


def test_calendar_work_pauses_outside_periods() -> None:
    assert OFFICE.finish(16 * H, 2 * H) == DAY + 10 * H
    assert OFFICE.finish(4 * DAY + 16 * H, 2 * H) == WEEK + 10 * H
    assert OFFICE.finish(9 * H, 40 * H) == 4 * DAY + 17 * H  # a full working week
    assert OFFICE.finish(10 * H, 0.0) == 10 * H
    assert OFFICE.week_seconds == 40 * H


def test_calendar_scalar_and_vector_forms_agree() -> None:
    rng = np.random.default_rng(1)
    times = rng.uniform(0, 5 * WEEK, 2000)
    vector = OFFICE.work_at_array(times)
    assert np.allclose(vector, [OFFICE.work_at(float(t)) for t in times])
    for t, d in zip(times[:300], rng.uniform(0, 60 * H, 300), strict=True):
        start = OFFICE.next_on(float(t))
        end = OFFICE.finish(start, float(d))
        assert OFFICE.work_at(end) - OFFICE.work_at(start) == pytest.approx(d, abs=1e-6)


def test_calendar_normalizes_and_clocks_parse() -> None:
    cal = WeeklyCalendar.of([(10.0, 20.0), (15.0, 30.0), (30.0, 40.0), (50.0, 50.0)])
    assert cal.periods == ((10.0, 40.0),)
    assert WeeklyCalendar.days(range(7), 0, DAY).is_always
    assert parse_clock("09:30") == 9.5 * H
    assert parse_clock("23:59:59.999") == DAY
    assert format_clock(DAY) == "23:59:59.999"
    assert format_clock(9.5 * H) == "09:30:00.000"
    with pytest.raises(ValueError):
        parse_clock("25:00")


@pytest.mark.parametrize(
    ("p", "df", "expected"),
    [
        (0.975, 1, 12.7062047),
        (0.975, 2, 4.3026527),
        (0.975, 9, 2.2621572),
        (0.975, 19, 2.0930241),
        (0.975, 29, 2.0452296),
        (0.995, 5, 4.0321430),
        (0.9, 3, 1.6377444),
        (0.975, 1e6, 1.9599663),
    ],
)
def test_t_quantile_matches_tables(p: float, df: float, expected: float) -> None:
    assert t_quantile(p, df) == pytest.approx(expected, abs=2e-6)
    assert t_quantile(1 - p, df) == pytest.approx(-expected, abs=2e-6)


def test_t_quantile_matches_scipy() -> None:
    # scipy is a dev-only reference (the Prosimos dev dependency brings it), never an app import
    stats = importlib.import_module("scipy.stats")
    for df in (1, 3, 7, 15, 40, 120, 1000):
        for p in (0.6, 0.9, 0.95, 0.975, 0.999):
            assert t_quantile(p, df) == pytest.approx(float(stats.t.ppf(p, df)), rel=1e-8)


def test_mean_ci() -> None:
    mean, low, high = mean_ci([1.0, 2.0, 3.0, 4.0])
    half = 3.1824463 * math.sqrt(1.6666667 / 4)
    assert (mean, low, high) == pytest.approx((2.5, 2.5 - half, 2.5 + half), abs=1e-6)
    assert math.isnan(mean_ci([5.0])[1])


def _sd_triangular(a: float, c: float, b: float) -> float:
    return math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18)


@pytest.mark.parametrize(
    ("dist", "mean", "sd"),
    [
        (fixed(7.0), 7.0, 0.0),
        (uniform(10.0, 30.0), 20.0, 20 / math.sqrt(12)),
        (triangular(10.0, 20.0, 60.0), 30.0, _sd_triangular(10, 20, 60)),
        (normal(100.0, 15.0), 100.0, 15.0),
        (lognormal(50.0, 20.0), 50.0, 20.0),
        (exponential(30.0), 30.0, 30.0),
        (exponential(30.0, shift=10.0), 30.0, 20.0),
        (gamma(40.0, 10.0), 40.0, 10.0),
        (empirical((1.0, 2.0, 6.0), (0.5, 0.25, 0.25)), 2.5, math.sqrt(4.25)),
    ],
)
def test_distribution_moments(dist: Distribution, mean: float, sd: float) -> None:
    n = 200_000
    sample = draw(dist, generator(3, 0, "moments"), n)
    assert sample.size == n
    assert sample.min() >= 0
    tolerance = 5 * sd / math.sqrt(n) + 1e-12
    assert sample.mean() == pytest.approx(mean, abs=tolerance)
    assert sample.std() == pytest.approx(sd, rel=0.02, abs=1e-12)
    assert dist.mean == pytest.approx(mean)


def test_normal_is_truncated_at_zero_by_redrawing() -> None:
    """mean 10, sd 10 redrawn when negative: E = 10 + 10 phi(1) / Phi(1) = 12.876."""
    sample = draw(normal(10.0, 10.0), generator(4, 0, "trunc"), 200_000)
    phi = math.exp(-0.5) / math.sqrt(2 * math.pi)
    big_phi = 0.5 * (1 + math.erf(1 / math.sqrt(2)))
    assert sample.min() >= 0
    assert sample.mean() == pytest.approx(10 + 10 * phi / big_phi, abs=0.05)


def test_streams_are_reproducible_and_keyed() -> None:
    a = stream(exponential(5.0), generator(1, 0, "stage:Task_1"))
    b = stream(exponential(5.0), generator(1, 0, "stage:Task_1"))
    c = stream(exponential(5.0), generator(1, 0, "stage:Task_2"))
    first = [next(a) for _ in range(1000)]
    assert first == [next(b) for _ in range(1000)]
    assert first != [next(c) for _ in range(1000)]
    assert next(stream(fixed(3.0), generator(1, 0, "x"))) == 3.0
