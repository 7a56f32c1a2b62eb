"""The report as one self-contained HTML file (Jinja2, autoescaped), and its charts as SVG."""

from __future__ import annotations

from functools import cache
from html import escape

from jinja2 import Environment, PackageLoader, select_autoescape

from bpo_desktop.reporting.data import Chart, Report

CHART_WIDTH = 640
BAR_HEIGHT = 18
LABEL_WIDTH = 200


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("bpo_desktop.reporting", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["chart_svg"] = chart_svg
    return env


def render_html(report: Report, *, qt: bool = False, diagram_width: int = 680) -> str:
    """The report; `qt=True` gives the variant QTextDocument lays out for the PDF (images
    referenced as `bpo-diagram:` and `bpo-chart:N` resources instead of inline SVG)."""
    template = _environment().get_template("report.html.j2")
    return template.render(report=report, qt=qt, diagram_width=diagram_width)


def chart_svg(chart: Chart) -> str:
    """A horizontal bar chart as inline SVG markup (every text escaped here)."""
    top = max((bar.value for bar in chart.bars), default=0.0) or 1.0
    span = CHART_WIDTH - LABEL_WIDTH - 80
    height = BAR_HEIGHT * len(chart.bars) + 8
    rows = []
    for i, bar in enumerate(chart.bars):
        y = 4 + i * BAR_HEIGHT
        width = max(0.0, bar.value) / top * span
        rows.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end">{escape(bar.label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{width:.1f}" height="{BAR_HEIGHT - 5}" '
            f'fill="#4a78b5"/>'
            f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{y + 13}">{escape(bar.text)}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{CHART_WIDTH}" height="{height}" '
        f'viewBox="0 0 {CHART_WIDTH} {height}" font-family="sans-serif" font-size="11" '
        f'role="img" aria-label="{escape(chart.title)}">{"".join(rows)}</svg>'
    )
