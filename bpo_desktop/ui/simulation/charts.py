"""QtCharts views of a stored run: cycle-time histogram, utilisation per pool, waiting by step.

Each view is rebuilt from the run's `charts` dict (see `core.simulation.store.charts_of`), so
a run reopened from the file draws exactly as when it finished.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCharts import (
    QAreaSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QWidget

from bpo_desktop.ui.simulation.format import number, unit_for

MAX_STEPS = 10
NAME_CHARS = 18
BAR_COLOUR = QColor("#2e86c1")


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.legend().hide()
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    return chart


def _view(name: str) -> QChartView:
    view = QChartView()
    view.setObjectName(name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(230, 190)
    return view


def _short(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"


class RunCharts(QScrollArea):
    """Three charts side by side (scrolling sideways in a narrow dock); `show_run(charts)`
    redraws them, `clear()` empties them."""

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.histogram = _view("simulation.chart.histogram")
        self.utilisation = _view("simulation.chart.utilisation")
        self.waiting = _view("simulation.chart.waiting")
        host = QWidget()
        layout = QHBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        for view in (self.histogram, self.utilisation, self.waiting):
            layout.addWidget(view, 1)
        self.setWidget(host)
        self.clear()

    def clear(self) -> None:
        _replace(self.histogram, _chart("Cycle time"))
        _replace(self.utilisation, _chart("Utilisation"))
        _replace(self.waiting, _chart("Waiting by step"))

    def show_run(self, charts: Mapping[str, Any]) -> None:
        _replace(self.histogram, histogram_chart(charts.get("cycle_histogram")))
        _replace(self.utilisation, utilisation_chart(charts.get("utilisation")))
        _replace(self.waiting, waiting_chart(charts.get("waiting_by_step")))


def _replace(view: QChartView, chart: QChart) -> None:
    """QChartView releases, but does not delete, the chart it showed before."""
    old = view.chart()
    view.setChart(chart)
    if old is not None and old is not chart:
        old.deleteLater()


def histogram_chart(data: object) -> QChart:
    """A step outline filled below: x in a readable time unit, y in cases."""
    chart = _chart("Cycle time (cases per bin)")
    if not isinstance(data, Mapping):
        return chart
    edges = [number(e) for e in data.get("edges", [])]
    counts = [number(c) for c in data.get("counts", [])]
    if len(edges) != len(counts) + 1 or not counts:
        return chart
    suffix, size = unit_for(edges[-1])
    upper = QLineSeries()
    lower = QLineSeries()
    for i, count in enumerate(counts):
        upper.append(QPointF(edges[i] / size, count))
        upper.append(QPointF(edges[i + 1] / size, count))
    lower.append(QPointF(edges[0] / size, 0))
    lower.append(QPointF(edges[-1] / size, 0))
    area = QAreaSeries(upper, lower)
    upper.setParent(area)  # the area series only refers to its outlines: keep them alive
    lower.setParent(area)
    area.setColor(BAR_COLOUR)
    area.setBorderColor(BAR_COLOUR.darker(130))
    chart.addSeries(area)
    x = QValueAxis()
    x.setTitleText(f"cycle time ({suffix})")
    x.setRange(edges[0] / size, edges[-1] / size)
    x.setLabelFormat("%.3g")
    x.setTickCount(3)
    y = QValueAxis()
    y.setRange(0, max(counts) * 1.05)
    y.setLabelFormat("%d")
    y.setTickCount(4)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    area.attachAxis(x)
    area.attachAxis(y)
    return chart


def _bars(title: str, labels: list[str], values: list[float], axis_max: float, fmt: str) -> QChart:
    chart = _chart(title)
    if not labels:
        return chart
    bar_set = QBarSet(title)
    bar_set.setColor(BAR_COLOUR)
    for v in values:
        bar_set.append(round(v, 1))
    series = QHorizontalBarSeries()
    series.append(bar_set)
    series.setLabelsVisible(True)
    series.setLabelsFormat(fmt)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(labels)
    values_axis = QValueAxis()
    values_axis.setRange(0, axis_max)
    values_axis.setTickCount(3)
    values_axis.setLabelFormat("%.3g")
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(values_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    series.attachAxis(values_axis)
    return chart


def utilisation_chart(data: object) -> QChart:
    """Utilisation per finite pool, in %; unlimited pools are left out."""
    if not isinstance(data, Mapping):
        return _chart("Utilisation (%)")
    pairs = [(str(k), number(v) * 100) for k, v in data.items() if v is not None]
    pairs = [(k, v) for k, v in pairs if v == v]
    labels = _unique([_short(k) for k, _ in pairs])
    values = [v for _, v in pairs]
    top = max([100.0, *values])
    return _bars("Utilisation (%)", labels, values, top, "@value")


def waiting_chart(data: object) -> QChart:
    """Mean waiting per execution of the steps that wait longest (at most ten)."""
    if not isinstance(data, list | tuple):
        return _chart("Waiting by step")
    steps = [(str(s.get("name") or s.get("id")), number(s.get("waiting_s"))) for s in data
             if isinstance(s, Mapping)]  # fmt: skip
    steps = [(n, w) for n, w in steps if w == w]
    steps = sorted(steps, key=lambda s: s[1], reverse=True)[:MAX_STEPS][::-1]
    if not steps:
        return _chart("Waiting by step")
    suffix, size = unit_for(max(w for _, w in steps))
    values = [w / size for _, w in steps]
    labels = _unique([_short(n) for n, _ in steps])
    return _bars(f"Waiting by step ({suffix})", labels, values, max(values) * 1.15 or 1, "@value")


def _unique(labels: list[str]) -> list[str]:
    """Category labels must differ: a repeated name gets a counter."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out
