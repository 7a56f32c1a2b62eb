"""Report formats of `bpo-desktop export`: html (self-contained) and report-pdf.

The report covers the process (or, with --scenario, its to-be): diagram, planning sheet, steps,
off-system work, lint, metrics, the comparison with every scenario and the latest stored
simulation run. --demand adds takt, utilisation and the bottleneck.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from bpo_desktop.cli.commands.export_image import add_once, page_spec, positive

if TYPE_CHECKING:
    from bpo_desktop.cli.commands.export import ExportRequest
    from bpo_desktop.reporting import Report
    from bpo_desktop.ui.export.render import DiagramRender


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("report options (html, report-pdf)")
    add_once(parser, group, "--demand", metavar="CASES_PER_DAY", type=positive,
              help="cases per day: adds takt, utilisation and the bottleneck")  # fmt: skip


def _report(request: ExportRequest, *, inline_svg: bool) -> tuple[Report, DiagramRender]:
    from bpo_desktop.ui.export import ensure_application
    from bpo_desktop.ui.export.report import make_report

    ensure_application()
    args = request.args
    return make_report(
        request.workspace,
        request.process,
        file_name=Path(args.file).name,
        scenario=getattr(args, "scenario", None),
        demand_per_day=getattr(args, "demand", None),
        inline_svg=inline_svg,
    )


def write_html(request: ExportRequest) -> bytes:
    from bpo_desktop.ui.export.report import report_html

    report, _render = _report(request, inline_svg=True)
    return report_html(report)


def write_report_pdf(request: ExportRequest) -> bytes:
    from bpo_desktop.ui.export.report import report_pdf

    report, render = _report(request, inline_svg=False)
    return report_pdf(report, render, page_spec(request.args))


FORMATS = {
    "html": (".html", write_html, "process report, self-contained HTML"),
    "report-pdf": (".pdf", write_report_pdf, "process report as PDF"),
}
