"""`bpo-desktop simulate FILE.bpo [--cases N] [--save]`: discrete-event simulation of one process.

Parameters: `--params PARAMS.json` (Prosimos/Simod), else the process's stored simulation setup
(Simulation > Setup…, or `import --sim`), else derived from the model. Cases, replications and
seed default to the setup's. `--save` stores the run in FILE.bpo (shown in the Simulation dock).

Exit 0 when every case finished, 1 when some did not (tokens stuck at a join, or a horizon),
2 for bad input: unknown process or scenario, unusable parameters, a model that cannot be
simulated (the message names the elements) or a run the guards stopped (a loop with no exit).
"""

from __future__ import annotations

import argparse
import json
import math
from dataclasses import replace
from pathlib import Path

from bpo_desktop.cli.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from bpo_desktop.core import storage
from bpo_desktop.core.model import Process, ScenarioError, Workspace, effective_process
from bpo_desktop.core.simulation import (
    ArrivalParams,
    SimParams,
    SimulationError,
    SimulationResult,
    exponential,
    params_from_process,
)
from bpo_desktop.core.simulation.codec import CodecError
from bpo_desktop.core.simulation.eventlog import write_csv, write_xes
from bpo_desktop.core.simulation.prosimos_params import ProsimosParamsError, read_prosimos_params
from bpo_desktop.core.simulation.store import (
    Outcome,
    SimSetup,
    effective_setup,
    execute,
    run_record,
    stored_setup,
)
from bpo_desktop.core.storage import read_workspace

MAX_CASES = 10_000_000
DEFAULT_CASES = 1000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.bpo")
    parser.add_argument("--process", metavar="NAME", help="the process (default: the first)")
    parser.add_argument("--scenario", metavar="NAME", help="simulate this scenario")
    parser.add_argument(
        "--cases", type=int, metavar="N", help="cases per run (default: the setup's, else 1000)"
    )
    parser.add_argument("--seed", type=int, metavar="S", help="random seed (setup's, else 1)")
    parser.add_argument(
        "--replications", type=int, metavar="R", help="runs (default: the setup's, else 1)"
    )
    parser.add_argument(
        "--params",
        metavar="PARAMS.json",
        help="Prosimos/Simod parameters keyed by element ids (default: from the model)",
    )
    parser.add_argument(
        "--interarrival-min",
        type=float,
        metavar="MIN",
        help="mean minutes between arrivals, Poisson (default: busiest lane at about 50 %%)",
    )
    parser.add_argument(
        "--warmup-h", type=float, metavar="H", help="leave out cases arriving earlier (setup's)"
    )
    parser.add_argument("--log", metavar="EVENTS.csv", help="write the event log (.csv or .xes)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON (seconds)")
    parser.add_argument(
        "--save", action="store_true", help="store the run in FILE.bpo (the Simulation dock)"
    )


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    workspace = read_workspace(path)
    base = _base(workspace, args.process)
    process = _process(base, args.scenario)
    stored = _stored_setup(workspace, base, args.scenario, path)
    _defaults(args, stored)
    _check_numbers(args)
    params, notes = _params(process, args, stored)
    setup = SimSetup(params, args.cases, args.replications, args.seed)
    try:
        outcome = execute(process, setup, keep_log=args.log is not None)
    except SimulationError as exc:
        raise UsageError(f"{process.name}: {exc}") from None
    result = outcome.result
    if args.save:
        _save(path, base, args.scenario, setup, outcome)
    if args.log is not None and result.log is not None:
        _write_log(result, Path(args.log))
    if args.json:
        payload = {
            "process": process.name,
            "scenario": args.scenario,
            **result.to_json(),
            "interarrival_mean_s": params.arrival.interarrival.mean,
        }
        payload["warnings"] = [*notes, *payload["warnings"]]
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        _print_text(process, args.scenario, result, notes)
    return EXIT_OK if result.finished_fraction >= 1.0 else EXIT_FINDINGS


def _check_numbers(args: argparse.Namespace) -> None:
    if not 1 <= args.cases <= MAX_CASES:
        raise UsageError(f"--cases must be between 1 and {MAX_CASES:,}")
    if not 1 <= args.replications <= 1000:
        raise UsageError("--replications must be between 1 and 1000")
    if args.interarrival_min is not None and not args.interarrival_min > 0:
        raise UsageError("--interarrival-min must be a positive number of minutes")
    if args.warmup_h is not None and not (math.isfinite(args.warmup_h) and args.warmup_h >= 0):
        raise UsageError("--warmup-h must be zero or more hours")
    if args.log is not None and Path(args.log).suffix.lower() not in (".csv", ".xes"):
        raise UsageError("--log must name a .csv or .xes file")


def _base(workspace: Workspace, name: str | None) -> Process:
    if name is None:
        if not workspace.processes:
            raise UsageError("the workspace has no process")
        return next(iter(workspace.processes.values()))
    try:
        return workspace.process_by_name(name)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None


def _process(base: Process, scenario: str | None) -> Process:
    try:
        return effective_process(base, scenario)
    except ScenarioError as exc:
        raise UsageError(str(exc)) from None


def _stored_setup(
    workspace: Workspace, base: Process, scenario: str | None, path: Path
) -> SimSetup | None:
    """The process's stored setup (merged with the scenario), or None when it has none."""
    try:
        if stored_setup(workspace, base.id) is None:
            return None
        return effective_setup(workspace, base, scenario)
    except CodecError as exc:
        raise UsageError(f"{path}: the stored simulation setup of {base.name!r}: {exc}") from None


def _defaults(args: argparse.Namespace, stored: SimSetup | None) -> None:
    """Cases, replications and seed not given on the command line come from the setup."""
    for name, fallback in (("cases", DEFAULT_CASES), ("replications", 1), ("seed", 1)):
        if getattr(args, name) is None:
            setattr(args, name, getattr(stored, name) if stored is not None else fallback)


def _save(
    path: Path, base: Process, scenario: str | None, setup: SimSetup, outcome: Outcome
) -> None:
    workspace, bpo_file = storage.open_workspace(path)  # imports SQLAlchemy: only with --save
    scenario_id = next((s.id for s in base.scenarios.values() if s.name == scenario), None)
    record = run_record(workspace, base.id, scenario_id, setup, outcome)
    workspace.records[record.id] = record
    bpo_file.save(workspace)


def _params(
    process: Process, args: argparse.Namespace, stored: SimSetup | None
) -> tuple[SimParams, list[str]]:
    notes: list[str] = []
    if args.params is None:
        params = stored.params if stored is not None else params_from_process(process)
    else:
        path = Path(args.params)
        try:
            loaded = read_prosimos_params(path.read_bytes())
        except OSError as exc:
            raise UsageError(f"{path}: cannot read ({exc.strerror})") from None
        except (ProsimosParamsError, ValueError) as exc:
            raise UsageError(f"{path}: {exc}") from None
        params, notes = loaded.params, list(loaded.warnings)
    if args.interarrival_min is not None:
        gap = exponential(args.interarrival_min * 60.0)
        params = replace(params, arrival=ArrivalParams(gap, params.arrival.calendar))
    if args.warmup_h is not None:
        params = replace(params, warmup_s=args.warmup_h * 3600.0)
    return params, notes


def _write_log(result: SimulationResult, path: Path) -> None:
    assert result.log is not None
    try:
        with path.open("w", encoding="utf-8", newline="") as out:
            if path.suffix.lower() == ".xes":
                write_xes(result.log, out)
            else:
                write_csv(result.log, out)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write ({exc.strerror})") from None


def _print_text(
    process: Process, scenario: str | None, result: SimulationResult, notes: list[str]
) -> None:
    title = process.name + (f" / {scenario}" if scenario else "")
    print(
        f"{title}: {result.cases:,} cases x {result.replications} replication(s), "
        f"seed {result.seed}, {result.wall_s:.2f} s"
    )
    for label, stat in (
        ("lead time", result.cycle_time),
        ("waiting", result.waiting_time),
        ("processing", result.processing_time),
    ):
        low, high = stat.ci95
        print(
            f"  {label:<11} mean {_h(stat.mean)}  95 % CI [{_h(low)}, {_h(high)}]  "
            f"p50 {_h(stat.p50)}  p90 {_h(stat.p90)}  p95 {_h(stat.p95)}"
        )
    cost = result.cost_per_case
    print(f"  cost/case   mean {cost.mean:.2f}  95 % CI [{cost.ci95[0]:.2f}, {cost.ci95[1]:.2f}]")
    print(f"  throughput  {result.throughput_per_h.mean:.3f} cases/h, WIP {result.wip:.2f}")
    for pool in result.pools:
        shown = "unlimited" if math.isnan(pool.utilisation) else f"{pool.utilisation:.1%}"
        print(f"  pool {pool.name}: utilisation {shown} (offered {pool.offered_load:.1%})")
    if result.bottleneck:
        print(f"  bottleneck: {result.bottleneck}")
    for warning in [*notes, *result.warnings]:
        print(f"  warning: {warning}")


def _h(seconds: float) -> str:
    return "n/a" if not math.isfinite(seconds) else f"{seconds / 3600:.2f} h"
