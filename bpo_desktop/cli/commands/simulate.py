"""`bpo-desktop simulate FILE.bpo --cases N`: discrete-event simulation of one process.

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
from bpo_desktop.core.model import Process, ScenarioError, Workspace, effective_process
from bpo_desktop.core.simulation import (
    ArrivalParams,
    SimParams,
    SimulationError,
    SimulationResult,
    exponential,
    params_from_process,
    simulate,
)
from bpo_desktop.core.simulation.eventlog import write_csv, write_xes
from bpo_desktop.core.simulation.prosimos_params import ProsimosParamsError, read_prosimos_params
from bpo_desktop.core.storage import read_workspace

MAX_CASES = 10_000_000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.bpo")
    parser.add_argument("--process", metavar="NAME", help="the process (default: the first)")
    parser.add_argument("--scenario", metavar="NAME", help="simulate this scenario")
    parser.add_argument("--cases", type=int, required=True, metavar="N", help="cases per run")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (1)")
    parser.add_argument("--replications", type=int, default=1, metavar="R", help="runs (1)")
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
        "--warmup-h", type=float, default=0.0, metavar="H", help="leave out cases arriving earlier"
    )
    parser.add_argument("--log", metavar="EVENTS.csv", help="write the event log (.csv or .xes)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON (seconds)")


def run(args: argparse.Namespace) -> int:
    _check_numbers(args)
    workspace = read_workspace(Path(args.file))
    process = _process(workspace, args.process, args.scenario)
    params, notes = _params(process, args)
    try:
        result = simulate(
            process,
            params,
            args.seed,
            cases=args.cases,
            replications=args.replications,
            keep_log=args.log is not None,
        )
    except SimulationError as exc:
        raise UsageError(f"{process.name}: {exc}") from None
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
    if not (math.isfinite(args.warmup_h) and args.warmup_h >= 0):
        raise UsageError("--warmup-h must be zero or more hours")
    if args.log is not None and Path(args.log).suffix.lower() not in (".csv", ".xes"):
        raise UsageError("--log must name a .csv or .xes file")


def _process(workspace: Workspace, name: str | None, scenario: str | None) -> Process:
    if name is None:
        if not workspace.processes:
            raise UsageError("the workspace has no process")
        base = next(iter(workspace.processes.values()))
    else:
        try:
            base = workspace.process_by_name(name)
        except KeyError as exc:
            raise UsageError(str(exc.args[0])) from None
    try:
        return effective_process(base, scenario)
    except ScenarioError as exc:
        raise UsageError(str(exc)) from None


def _params(process: Process, args: argparse.Namespace) -> tuple[SimParams, list[str]]:
    notes: list[str] = []
    if args.params is None:
        params = params_from_process(process)
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
    return replace(params, warmup_s=args.warmup_h * 3600.0), notes


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
