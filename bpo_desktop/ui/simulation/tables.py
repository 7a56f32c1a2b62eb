"""The KPI table and the scenario comparison, as rows of text built from stored KPI dicts.

Both read the dict `SimulationResult.to_json()` gives (the CLI's JSON, stored in each
`sim_run` record), so a fresh run and a run reopened from the file look the same.
Comparison verdicts: when the two 95 % intervals do not overlap the difference is called
better or worse (lower is better for times and cost, higher for throughput); otherwise it is
within the noise of the run ("no clear difference").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from bpo_desktop.ui.simulation.format import (
    duration,
    interval,
    money,
    number,
    percent,
    stat,
    unit_for,
)

PER_CASE = (
    ("cycle_time", "Cycle (lead) time", "time"),
    ("waiting_time", "Waiting time", "time"),
    ("processing_time", "Processing time", "time"),
    ("cost_per_case", "Cost per case", "money"),
)
KPI_COLUMNS = ["KPI", "Mean", "95 % CI", "p50", "p90", "p95"]


def kpi_rows(kpis: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """(key, [label, mean, CI, p50, p90, p95]) for the KPI table."""
    rows: list[tuple[str, list[str]]] = []
    for key, label, kind in PER_CASE:
        s = stat(kpis, key)
        mean = number(s.get("mean"))
        show: Callable[[float], str] = money if kind == "money" else _in_unit(unit_for(mean))
        cells = [label, show(mean), interval(s.get("ci95"), show)]
        cells += [show(number(s.get(p))) for p in ("p50", "p90", "p95")]
        rows.append((key, cells))
    throughput = number(kpis.get("throughput_per_h"))
    ci = interval(kpis.get("throughput_per_h_ci95"), lambda v: f"{v:,.3f}")
    rows.append(("throughput", ["Throughput (cases/h)", f"{throughput:,.3f}", ci, "", "", ""]))
    little = number(kpis.get("little_wip"))
    wip = number(kpis.get("wip"))
    rows.append(
        ("wip", ["WIP (Little's law)", f"{little:,.2f}", f"measured {wip:,.2f}", "", "", ""])
    )
    pools = kpis.get("pools")
    for pool in pools if isinstance(pools, list | tuple) else []:
        if not isinstance(pool, Mapping):
            continue
        u = number(pool.get("utilisation"))
        shown = interval(pool.get("utilisation_ci95"), percent) if math.isfinite(u) else ""
        name = str(pool.get("name", ""))
        rows.append((f"pool:{name}", [f"Utilisation {name}", percent(u), shown, "", "", ""]))
    bottleneck = kpis.get("bottleneck")
    rows.append(("bottleneck", ["Bottleneck", str(bottleneck or "-"), "", "", "", ""]))
    finished = number(kpis.get("finished_fraction"))
    rows.append(("finished", ["Cases finished", percent(finished), "", "", "", ""]))
    return rows


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    lower_is_better: bool
    show: Callable[[float], str]


def _in_unit(unit: tuple[str, float]) -> Callable[[float], str]:
    def show(seconds: float) -> str:
        return duration(seconds, unit)

    return show


def _measures(kpis: Mapping[str, Any]) -> list[Measure]:
    t = _in_unit(unit_for(number(stat(kpis, "cycle_time").get("mean"))))
    return [
        Measure("cycle_time", "Cycle (lead) time", True, t),
        Measure("waiting_time", "Waiting time", True, t),
        Measure("processing_time", "Processing time", True, t),
        Measure("cost_per_case", "Cost per case", True, money),
        Measure("throughput_per_h", "Throughput (cases/h)", False, lambda v: f"{v:,.3f}"),
    ]


def _mean_ci(kpis: Mapping[str, Any], key: str) -> tuple[float, tuple[float, float]]:
    if key == "throughput_per_h":
        ci = kpis.get("throughput_per_h_ci95")
        mean = number(kpis.get(key))
    else:
        s = stat(kpis, key)
        mean, ci = number(s.get("mean")), s.get("ci95")
    if isinstance(ci, list | tuple) and len(ci) == 2:
        return mean, (number(ci[0]), number(ci[1]))
    return mean, (math.nan, math.nan)


def verdict(
    before: tuple[float, tuple[float, float]],
    after: tuple[float, tuple[float, float]],
    lower_is_better: bool,
) -> str:
    """ "better" / "worse" when the 95 % intervals do not overlap, else "no clear difference"."""
    (_, (lo1, hi1)), (_, (lo2, hi2)) = before, after
    if not all(math.isfinite(v) for v in (lo1, hi1, lo2, hi2)):
        return "no interval"
    if hi2 < lo1:
        return "better" if lower_is_better else "worse"
    if lo2 > hi1:
        return "worse" if lower_is_better else "better"
    return "no clear difference"


def comparison_rows(
    base: Mapping[str, Any], others: Sequence[tuple[str, Mapping[str, Any]]]
) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Header and rows: metric, as-is “mean [CI]”, then per scenario its “mean [CI]” and
    “Δ (%) · verdict”."""
    header = ["KPI", "As-is"]
    for name, _ in others:
        header += [name, f"Δ {name}"]
    rows = []
    for m in _measures(base):
        before = _mean_ci(base, m.key)
        cells = [m.label, f"{m.show(before[0])} {interval(list(before[1]), m.show)}"]
        for _, kpis in others:
            after = _mean_ci(kpis, m.key)
            delta = after[0] - before[0]
            pct = f" ({delta / before[0] * 100:+.1f} %)" if before[0] else ""
            sign = "+" if delta >= 0 else "-"
            cells.append(f"{m.show(after[0])} {interval(list(after[1]), m.show)}")
            cells.append(
                f"{sign}{m.show(abs(delta))}{pct} · {verdict(before, after, m.lower_is_better)}"
            )
        rows.append((m.key, cells))
    return header, rows


def fill_table(table: QTableWidget, header: list[str], rows: list[tuple[str, list[str]]]) -> None:
    table.clear()
    table.setColumnCount(len(header))
    table.setHorizontalHeaderLabels(header)
    table.setRowCount(len(rows))
    for r, (key, cells) in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if "better" in text:
                item.setForeground(Qt.GlobalColor.darkGreen)
            elif "worse" in text:
                item.setForeground(Qt.GlobalColor.red)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for column in range(table.columnCount()):  # a little air between right-aligned figures
        table.setColumnWidth(column, table.columnWidth(column) + 16)


def make_table(name: str) -> QTableWidget:
    table = QTableWidget(0, 0)
    table.setObjectName(name)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(22)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def cell(table: QTableWidget, key: str, column: int) -> str:
    """The text of a row's cell (tests, screenshots)."""
    for r in range(table.rowCount()):
        item = table.item(r, 0)
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == key:
            shown = table.item(r, column)
            return shown.text() if shown is not None else ""
    raise KeyError(key)
