"""Discrete-event simulation: a pure function of (process snapshot, parameters, seed).

    from bpo_desktop.core.simulation import params_from_process, simulate
    result = simulate(process, params_from_process(process), seed=1, cases=10_000)
    result.cycle_time.mean, result.cycle_time.ci95, result.utilisation

See `engine.py` for the design (an event list with pools as free-time heaps, not SimPy).
"""

from bpo_desktop.core.simulation.calendars import WeeklyCalendar
from bpo_desktop.core.simulation.defaults import params_from_process, scaled_arrivals
from bpo_desktop.core.simulation.errors import (
    InvalidModelError,
    SimulationCancelledError,
    SimulationError,
)
from bpo_desktop.core.simulation.params import (
    ArrivalParams,
    DistKind,
    Distribution,
    PoolParams,
    SimParams,
    TaskParams,
    empirical,
    exponential,
    fixed,
    gamma,
    lognormal,
    make_params,
    normal,
    triangular,
    uniform,
)
from bpo_desktop.core.simulation.results import (
    ActivityStats,
    EventLog,
    PoolStats,
    SimulationResult,
    Stat,
)
from bpo_desktop.core.simulation.run import simulate
from bpo_desktop.core.simulation.validate import Issue, Severity, validate

__all__ = [
    "ActivityStats",
    "ArrivalParams",
    "DistKind",
    "Distribution",
    "EventLog",
    "InvalidModelError",
    "Issue",
    "PoolParams",
    "PoolStats",
    "Severity",
    "SimParams",
    "SimulationCancelledError",
    "SimulationError",
    "SimulationResult",
    "Stat",
    "TaskParams",
    "WeeklyCalendar",
    "empirical",
    "exponential",
    "fixed",
    "gamma",
    "lognormal",
    "make_params",
    "normal",
    "params_from_process",
    "scaled_arrivals",
    "simulate",
    "triangular",
    "uniform",
    "validate",
]
