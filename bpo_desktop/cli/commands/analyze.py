"""`bpo-desktop analyze FILE.bpo --process NAME`: the analytic metrics of one process.

With `--scenario` the figures are the to-be's, and the output adds the comparison with the as-is.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

from bpo_desktop.cli.commands.validate import select
from bpo_desktop.cli.errors import EXIT_OK, UsageError
from bpo_desktop.core.analysis import (
    AnalysisOptions,
    Comparison,
    PathLimits,
    ProcessMetrics,
    analyze,
    compare,
)
from bpo_desktop.core.storage import read_workspace


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"{text} must be a positive number")
    return value


def _loops(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= 20:
        raise argparse.ArgumentTypeError(f"{text} is out of range (0..20)")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.bpo")
    parser.add_argument(
        "--process", metavar="NAME", help="the process (needed if there are several)"
    )
    parser.add_argument("--scenario", metavar="NAME", help="analyse this scenario (to-be)")
    parser.add_argument(
        "--demand", type=_positive, metavar="CASES_PER_DAY",
        help="cases per day, for takt, utilisation and the bottleneck",
    )  # fmt: skip
    parser.add_argument(
        "--hours", type=_positive, default=8.0, metavar="H",
        help="available hours per person per day (default 8)",
    )  # fmt: skip
    parser.add_argument(
        "--loops", type=_loops, default=2, metavar="K",
        help="unroll loops up to K times when listing paths (default 2)",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    workspace = read_workspace(Path(args.file))
    name = args.process
    if name is None:
        names = [p.name for p in workspace.processes.values()]
        if len(names) != 1:
            choices = ", ".join(repr(n) for n in names) or "none"
            raise UsageError(f"--process is required (processes: {choices})")
        name = names[0]
    ((base, effective),) = select(workspace, name, args.scenario)
    options = AnalysisOptions(
        demand_per_day=args.demand,
        available_hours=args.hours,
        paths=PathLimits(loop_limit=args.loops),
    )
    metrics = analyze(effective, workspace.systems, options, scenario=args.scenario)
    comparison = None
    if args.scenario is not None:
        comparison = compare(
            analyze(base, workspace.systems, options),
            metrics,
            before_process=base,
            after_process=effective,
            systems=workspace.systems,
        )
    if args.json:
        data = metrics.to_json()
        if comparison is not None:
            data["comparison"] = comparison.to_json()
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print_metrics(metrics)
        if comparison is not None:
            print_comparison(comparison)
    return EXIT_OK


def _num(value: float, digits: int = 2, unit: str = "") -> str:
    if not math.isfinite(value):
        return "infinite"
    return f"{value:,.{digits}f}{unit}"


def _pct(value: float) -> str:
    return _num(value * 100, 1, " %")


def print_metrics(m: ProcessMetrics) -> None:
    row = "  {:<36}{}".format
    print(m.process_name + (f" / {m.scenario}" if m.scenario else ""))
    print(row("Lead time (end-to-end cycle time)", _num(m.lead_time_h, 2, " h")))
    print(row("Touch time", _num(m.touch_time_min, 1, " min")))
    print(row("Wait time", _num(m.wait_time_h, 2, " h")))
    print(row("Process cycle efficiency", _num(m.pce * 100, 2, " %")))
    print(row("Critical path", " → ".join(m.critical_path_names) or "-"))
    media = ", ".join(f"{k} {_num(v, 2)}" for k, v in m.handoffs_by_medium().items())
    print(row("Handoffs", f"{_num(m.handoff_count, 2)}" + (f" ({media})" if media else "")))
    for h in m.handoffs:
        print(f"    {h.from_lane} → {h.to_lane} via {h.medium}: {h.from_step} → {h.to_step}")
    share = _pct(m.off_system_share)
    print(row("Off-system steps", f"{len(m.off_system_steps)}, {share} of touch time"))
    for s in m.off_system_steps:
        print(f"    {s.name}: {s.system}, {_num(s.touch_min, 1)} min ({s.lane or 'no lane'})")
    print(row("Cost per case", _num(m.cost_per_case)))
    print(row("Rolled throughput yield", _pct(m.rty)))
    for loop in m.loops:
        visits = _num(loop.visits, 2)
        print(
            f"    loop {', '.join(loop.steps)}: {visits} visits, back {_pct(loop.back_probability)}"
        )
    _print_capacity(m)
    _print_paths(m)
    for warning in m.warnings:
        print(f"  warning: {warning}")


def _print_capacity(m: ProcessMetrics) -> None:
    c = m.capacity
    if c is None:
        print("  Capacity                            (give --demand CASES_PER_DAY)")
        return
    print(f"  Capacity at {c.demand_per_day:g} cases/day, {c.available_hours:g} h per person: "
          f"takt {_num(c.takt_min, 1)} min")  # fmt: skip
    for lane in c.lanes:
        mark = " (bottleneck)" if lane.lane == c.bottleneck else ""
        print(f"    {lane.lane}: {_pct(lane.utilisation)}{mark}")
    if c.over_takt_steps:
        print(f"    over takt: {', '.join(m.step(s).name for s in c.over_takt_steps)}")


def _print_paths(m: ProcessMetrics) -> None:
    p = m.paths
    print(f"  Paths (loops unrolled up to {p.loop_limit} times): {len(p.variants)} variant(s), "
          f"{_pct(p.truncated)} truncated")  # fmt: skip
    names = {s.id: s.name for s in m.steps}
    for v in p.variants[:10]:
        steps = " → ".join(names.get(s, s) for s in v.steps)
        print(f"    {_pct(v.probability)}: {steps} ({_num(v.lead_min / 60, 2, ' h')})")


def _value(value: float, unit: str) -> str:
    if unit == "fraction":
        return _pct(value)
    if unit == "steps":
        return _num(value, 0)
    return _num(value, 1 if unit == "min" else 2, f" {unit}" if unit in ("h", "min") else "")


def print_comparison(c: Comparison) -> None:
    print(f"Comparison {c.before} → {c.after}")
    for r in c.rows:
        pct = r.delta_pct
        delta = r.delta * 100 if r.unit == "fraction" else r.delta
        change = f"{delta:+,.2f}" + (" pp" if r.unit == "fraction" else "")
        change += f" ({pct:+.1f} %)" if pct is not None else ""
        print(f"  {r.label:<36}{_value(r.before, r.unit)} → {_value(r.after, r.unit)}  {change}")
    gaps: dict[str, Any] = c.gaps.to_json()
    for key, values in gaps.items():
        if values:
            print(f"  {key.replace('_', ' ')}: {', '.join(values)}")
