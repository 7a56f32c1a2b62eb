"""The report's simulation section: the latest stored run (`sim_run` record) of the process as-is,
or of the reported scenario. Absent runs leave the section out of the report."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from bpo_desktop.core.model import Process, Workspace
from bpo_desktop.core.simulation.store import StoredRun, latest_run
from bpo_desktop.reporting.data import Bar, Chart, Fact, SimulationSection

HOUR = 3600.0
PERCENTILES = ("p50", "p90", "p95")
MAX_BARS = 25  # charts of big processes show the largest values


def latest_simulation(
    workspace: Workspace, process: Process, scenario: str | None
) -> SimulationSection | None:
    scenario_id = None
    if scenario is not None:
        scenario_id = next((s.id for s in process.scenarios.values() if s.name == scenario), None)
        if scenario_id is None:
            return None
    run = latest_run(workspace, process.id, scenario_id)
    return None if run is None else simulation_section(run)


def simulation_section(run: StoredRun) -> SimulationSection:
    kpis = run.kpis
    facts = (
        Fact("Run at", _when(run.created_at)),
        Fact("Scenario", run.scenario_name or "as-is"),
        Fact("Seed", str(run.seed)),
        Fact("Replications", str(run.replications)),
        Fact("Cases per replication", str(run.cases)),
        Fact("Simulated with", f"BPO Desktop {run.app_version}"),
    )
    return SimulationSection(facts=facts, kpis=_kpis(kpis), charts=_charts(run.charts))


def _when(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso).astimezone(UTC)
    except ValueError:
        return iso
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def _hours(seconds: object) -> str:
    return f"{seconds / HOUR:,.2f} h" if _finite(seconds) else "n/a"  # type: ignore[operator]


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def _stat(kpis: Mapping[str, Any], key: str, label: str, money: bool = False) -> list[Fact]:
    stat = kpis.get(key)
    if not isinstance(stat, Mapping):
        return []
    show = (lambda v: f"{v:,.2f}" if _finite(v) else "n/a") if money else _hours
    ci = stat.get("ci95") or [None, None]
    text = f"mean {show(stat.get('mean'))}, 95 % CI [{show(ci[0])}, {show(ci[1])}]"
    return [
        Fact(label, text),
        Fact(f"{label} p50 / p90 / p95", " / ".join(show(stat.get(p)) for p in PERCENTILES)),
    ]


def _kpis(kpis: Mapping[str, Any]) -> tuple[Fact, ...]:
    facts = [
        *_stat(kpis, "cycle_time", "Lead time"),
        *_stat(kpis, "waiting_time", "Waiting time"),
        *_stat(kpis, "processing_time", "Processing time"),
        *_stat(kpis, "cost_per_case", "Cost per case", money=True),
    ]
    throughput = kpis.get("throughput_per_h")
    if _finite(throughput):
        facts.append(Fact("Throughput", f"{throughput:,.3f} cases/h"))
    for key, label in (("wip", "Work in progress"), ("little_wip", "WIP by Little's law")):
        if _finite(kpis.get(key)):
            facts.append(Fact(label, f"{kpis[key]:,.2f} cases"))
    finished = kpis.get("finished_fraction")
    if isinstance(finished, int | float) and math.isfinite(finished):
        facts.append(Fact("Cases finished", f"{finished * 100:.1f} %"))
    if kpis.get("bottleneck"):
        facts.append(Fact("Bottleneck", str(kpis["bottleneck"])))
    facts += [Fact("Warning", str(w)) for w in kpis.get("warnings", ()) if w]
    return tuple(facts)


def _charts(charts: Mapping[str, Any]) -> tuple[Chart, ...]:
    found = []
    histogram = charts.get("cycle_histogram")
    if isinstance(histogram, Mapping):
        edges, counts = histogram.get("edges") or [], histogram.get("counts") or []
        digits = _digits((edges[1] - edges[0]) / HOUR) if len(edges) > 1 else 1
        bars = tuple(
            Bar(
                f"{low / HOUR:,.{digits}f} to {high / HOUR:,.{digits}f} h", float(count), str(count)
            )
            for low, high, count in zip(edges, edges[1:], counts, strict=False)
        )
        if bars:
            found.append(Chart("Lead time distribution (cases)", bars, "cases"))
    utilisation = charts.get("utilisation")
    if isinstance(utilisation, Mapping) and utilisation:
        bars = tuple(
            Bar(str(name), float(value) * 100, f"{float(value) * 100:.1f} %")
            for name, value in utilisation.items()
            if _finite(value)
        )
        found.append(Chart("Utilisation per resource pool", _largest(bars), "%"))
    waiting = charts.get("waiting_by_step")
    if isinstance(waiting, Sequence) and waiting:
        bars = tuple(
            Bar(
                str(row.get("name") or row.get("id")),
                row["waiting_s"] / HOUR,
                _hours(row["waiting_s"]),
            )
            for row in waiting
            if isinstance(row, Mapping) and _finite(row.get("waiting_s"))
        )
        found.append(Chart("Mean waiting per step", _largest(bars), "h"))
    return tuple(c for c in found if c.bars)


def _digits(width: float) -> int:
    """Enough decimals that neighbouring bin edges read differently (at least one)."""
    if not (width > 0 and math.isfinite(width)):
        return 1
    return min(4, max(1, 1 - math.floor(math.log10(width))))


def _largest(bars: tuple[Bar, ...]) -> tuple[Bar, ...]:
    """All bars in their order, or the MAX_BARS largest (then largest first)."""
    if len(bars) <= MAX_BARS:
        return bars
    return tuple(sorted(bars, key=lambda b: (-b.value, b.label))[:MAX_BARS])
