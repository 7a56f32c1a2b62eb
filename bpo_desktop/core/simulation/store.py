"""Simulation setups and runs kept in the `.bpo` as workspace records.

- kind "sim_setup", one per process: the user's parameters (`SimSetup`: SimParams plus cases,
  replications and seed), stored with `codec.params_to_json`.
- kind "sim_run", one per finished run: process, scenario, created_at, seed, replications, cases,
  app version, the parameters used, the KPI dict (`SimulationResult.to_json()`, the CLI's JSON)
  and what the charts need (cycle-time histogram, utilisation per pool, waiting per step).

`effective_setup` merges a stored setup with what the model says, so a step added after the
setup was made still gets parameters, and a scenario's changes (a step's touch time, a lane's
staff) win over the setup for the fields they change. `replay(run)` runs a stored run again from
its stored parameters and seed: the KPIs come out identical (the engine is deterministic).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bpo_desktop import __version__
from bpo_desktop.core.errors import InputError
from bpo_desktop.core.model import Process, Workspace, effective_process
from bpo_desktop.core.model.records import Record
from bpo_desktop.core.simulation.codec import CodecError, params_from_json, params_to_json
from bpo_desktop.core.simulation.defaults import params_from_process
from bpo_desktop.core.simulation.param_merge import merge_params, overrides_only
from bpo_desktop.core.simulation.params import SimParams
from bpo_desktop.core.simulation.prosimos_params import ProsimosParamsError, read_prosimos_params
from bpo_desktop.core.simulation.results import SimulationResult
from bpo_desktop.core.simulation.run import simulate

SETUP_KIND = "sim_setup"
RUN_KIND = "sim_run"
HISTOGRAM_BINS = 30


@dataclass(frozen=True)
class SimSetup:
    """What a user chooses for a process: parameters plus how much to run."""

    params: SimParams
    cases: int = 1000
    replications: int = 5
    seed: int = 1


@dataclass(frozen=True)
class StoredRun:
    """A `sim_run` record read back."""

    id: str
    process_id: str
    scenario_id: str | None
    scenario_name: str | None
    created_at: str  # ISO 8601, UTC
    seed: int
    replications: int
    cases: int
    app_version: str
    params: SimParams
    kpis: Mapping[str, Any]
    charts: Mapping[str, Any]
    batch: str | None = None  # shared by the runs of one comparison


# -- setups -----------------------------------------------------------------------------------
def setup_to_body(setup: SimSetup) -> dict[str, Any]:
    return {
        "params": params_to_json(setup.params),
        "cases": setup.cases,
        "replications": setup.replications,
        "seed": setup.seed,
    }


def setup_from_body(body: Mapping[str, Any]) -> SimSetup:
    """Raises CodecError naming the field when the stored setup is unusable."""
    return SimSetup(
        params_from_json(body.get("params")),
        cases=_whole(body.get("cases", 1000), "cases"),
        replications=_whole(body.get("replications", 5), "replications"),
        seed=_whole(body.get("seed", 1), "seed", minimum=0),
    )


def setup_record_of(workspace: Workspace, process_id: str) -> Record | None:
    return next(iter(workspace.records_of(SETUP_KIND, process_id)), None)


def stored_setup(workspace: Workspace, process_id: str) -> SimSetup | None:
    """The process's stored setup, or None (CodecError when it is damaged)."""
    record = setup_record_of(workspace, process_id)
    return None if record is None else setup_from_body(record.body)


def setup_record(workspace: Workspace, process_id: str, setup: SimSetup) -> Record:
    """A record for `setup` that replaces the process's current one (same id) or is new.

    Only what differs from the model-derived parameters is kept (`overrides_only`), so a step
    the user did not tune in the setup keeps following its touch time, lane and probability
    as they are edited in the inspector.
    """
    current = setup_record_of(workspace, process_id)
    record_id = current.id if current is not None else workspace.new_id("SimSetup")
    process = workspace.processes.get(process_id)
    if process is not None:
        setup = replace(setup, params=overrides_only(setup.params, process))
    return Record(record_id, SETUP_KIND, process_id, setup_to_body(setup))


def effective_setup(
    workspace: Workspace, process: Process, scenario_name: str | None = None
) -> SimSetup:
    """The setup to run `process` (as-is, or with a scenario applied) with.

    Model-derived parameters for everything the stored setup does not cover; the stored values
    for the rest, except fields a scenario changes (touch time → duration, wait → delay, cost,
    lane; a lane's staff, rate, fee), which come from the scenario's model.
    """
    stored = stored_setup(workspace, process.id)
    target = effective_process(process, scenario_name)
    derived = params_from_process(target)
    if stored is None:
        return SimSetup(derived)
    touched: dict[str, set[str]] = {}
    if scenario_name is not None:
        scenario = next(s for s in process.scenarios.values() if s.name == scenario_name)
        touched = {k: set(v) for k, v in scenario.overrides.items()}
        touched.update({e.id: {"*"} for e in scenario.added})
    return replace(stored, params=merge_params(stored.params, derived, target, touched))


# -- runs -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    """A finished run: the result and the chart data computed beside it."""

    result: SimulationResult
    charts: dict[str, Any]


def execute(
    process: Process,
    setup: SimSetup,
    *,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    keep_log: bool = False,
) -> Outcome:
    """Run `setup` on `process` (already the scenario's process, if any)."""
    cycles: list[np.ndarray] = []
    result = simulate(
        process,
        setup.params,
        setup.seed,
        cases=setup.cases,
        replications=setup.replications,
        progress=progress,
        cancel=cancel,
        keep_log=keep_log,
        cycle_times=cycles.append,
    )
    return Outcome(result, charts_of(result, cycles[0] if cycles else np.zeros(0)))


def charts_of(result: SimulationResult, cycles: np.ndarray) -> dict[str, Any]:
    """Cycle-time histogram (seconds; the top 1 % folded into the last bin), utilisation per
    pool and mean waiting per step."""
    histogram: dict[str, Any] = {"edges": [], "counts": []}
    finite = cycles[np.isfinite(cycles)]
    if finite.size:
        low, high = float(finite.min()), float(np.percentile(finite, 99))
        if high <= low:
            high = low + 1.0
        counts, edges = np.histogram(np.clip(finite, low, high), HISTOGRAM_BINS, (low, high))
        histogram = {"edges": [float(e) for e in edges], "counts": [int(c) for c in counts]}
    return {
        "cycle_histogram": histogram,
        "utilisation": {
            p.name: (None if math.isnan(p.utilisation) else p.utilisation) for p in result.pools
        },
        "waiting_by_step": [
            {"id": a.id, "name": a.name, "waiting_s": _finite(a.waiting_s)}
            for a in result.activities
        ],
    }


def run_record(
    workspace: Workspace,
    process_id: str,
    scenario_id: str | None,
    setup: SimSetup,
    outcome: Outcome,
    *,
    created_at: datetime | None = None,
    app_version: str = __version__,
    batch: str | None = None,
) -> Record:
    """A sim_run record; runs made together (as-is and its scenarios) share a `batch` id."""
    scenario = workspace.processes[process_id].scenarios.get(scenario_id or "")
    when = (created_at or datetime.now(UTC)).astimezone(UTC)
    body = {
        "scenario_id": scenario_id,
        "scenario_name": scenario.name if scenario is not None else None,
        "created_at": when.isoformat(timespec="milliseconds"),
        "seed": setup.seed,
        "replications": setup.replications,
        "cases": setup.cases,
        "app_version": app_version,
        "batch": batch,
        "params": params_to_json(setup.params),
        "kpis": _json_safe(outcome.result.to_json()),
        "charts": outcome.charts,
    }
    return Record(workspace.new_id("SimRun"), RUN_KIND, process_id, body)


def stored_run(record: Record) -> StoredRun:
    """Read a sim_run record (CodecError when it is damaged)."""
    body = record.body
    kpis, charts = body.get("kpis"), body.get("charts", {})
    if not isinstance(kpis, Mapping) or not isinstance(charts, Mapping):
        raise CodecError(f"simulation run {record.id}: no KPIs stored")
    scenario_id = body.get("scenario_id")
    return StoredRun(
        id=record.id,
        process_id=record.process_id or "",
        scenario_id=scenario_id if isinstance(scenario_id, str) else None,
        scenario_name=_text_or_none(body.get("scenario_name")),
        created_at=str(body.get("created_at", "")),
        seed=_whole(body.get("seed", 0), "seed", minimum=0),
        replications=_whole(body.get("replications", 1), "replications"),
        cases=_whole(body.get("cases", 1), "cases"),
        app_version=str(body.get("app_version", "")),
        params=params_from_json(body.get("params")),
        kpis=kpis,
        charts=charts,
        batch=_text_or_none(body.get("batch")),
    )


def runs_of(workspace: Workspace, process_id: str) -> list[StoredRun]:
    """The process's stored runs, oldest first; damaged records are left out."""
    runs = []
    for record in workspace.records_of(RUN_KIND, process_id):
        try:
            runs.append(stored_run(record))
        except CodecError:
            continue
    return sorted(runs, key=lambda r: r.created_at)  # stable: ties keep insertion order


def latest_run(
    workspace: Workspace, process_id: str, scenario_id: str | None = None
) -> StoredRun | None:
    """The newest stored run of the process as-is (or of the given scenario), or None.

    Only the newest readable record is decoded (a file may hold hundreds of runs)."""
    records = [
        r
        for r in workspace.records_of(RUN_KIND, process_id)
        if r.body.get("scenario_id") == scenario_id
    ]
    records.reverse()  # a stable sort then puts the later of two equal times first
    records.sort(key=lambda r: str(r.body.get("created_at", "")), reverse=True)
    for record in records:
        try:
            return stored_run(record)
        except CodecError:
            continue
    return None


def comparison_runs(
    workspace: Workspace, process_id: str
) -> tuple[StoredRun | None, list[tuple[str, StoredRun]]]:
    """The latest as-is run and, per scenario, the run to compare it with: the one made in the
    same batch (Compare Scenarios) when there is one, else the scenario's latest run."""
    process = workspace.processes.get(process_id)
    base = latest_run(workspace, process_id)
    if process is None or base is None:
        return base, []
    runs = runs_of(workspace, process_id)
    pairs = []
    for scenario in process.scenarios.values():
        mine = [r for r in runs if r.scenario_id == scenario.id]
        same = [r for r in mine if base.batch is not None and r.batch == base.batch]
        if same or mine:
            pairs.append((scenario.name, (same or mine)[-1]))
    return base, pairs


def replay(workspace: Workspace, run: StoredRun) -> SimulationResult:
    """Run a stored run again from its stored parameters and seed (the same KPIs come out)."""
    process = workspace.processes[run.process_id]
    target = effective_process(process, run.scenario_name)
    setup = SimSetup(run.params, cases=run.cases, replications=run.replications, seed=run.seed)
    return execute(target, setup).result


# -- Prosimos/Simod parameter files ------------------------------------------------------------
class SimParamsFileError(InputError):
    """A parameter file cannot be used; the message names the file and the problem."""


def read_sim_params(path: Path) -> SimParams:
    """Prosimos/Simod JSON from a file; SimParamsFileError (one line naming it) otherwise."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SimParamsFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        return read_prosimos_params(data).params
    except (ProsimosParamsError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SimParamsFileError(f"{path}: {first}") from None


# -- helpers ----------------------------------------------------------------------------------
def _whole(value: object, where: str, minimum: int = 1) -> int:
    if type(value) is not int or value < minimum:
        raise CodecError(f"{where}: expected a whole number of at least {minimum}")
    return value


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _json_safe(value: Any) -> Any:
    """The KPI dict with tuples as lists (a record body round-trips through JSON)."""
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
