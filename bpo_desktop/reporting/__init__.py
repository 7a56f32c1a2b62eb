"""Process reports: assemble the data (Qt-free, from the core services) and render HTML.

`build_report(workspace, process, ReportOptions(...))` → `Report`; `render_html(report)` → str.
The UI layer adds the diagram (as SVG) and renders the same HTML to PDF.
"""

from bpo_desktop.reporting.build import SECTIONS, ReportOptions, build_report
from bpo_desktop.reporting.data import Report
from bpo_desktop.reporting.html import render_html

__all__ = ["SECTIONS", "Report", "ReportOptions", "build_report", "render_html"]
