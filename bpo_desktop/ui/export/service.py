"""What the GUI exports: one settings value → the bytes of the file, plus a preview image.

The dialog, the clipboard action and tests use this; the CLI builds the same option values
from its arguments.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from bpo_desktop.core.model import Process, Workspace, effective_process
from bpo_desktop.reporting import Report
from bpo_desktop.ui.export.page import PageSpec, fit
from bpo_desktop.ui.export.pdf import PdfMode, PdfOptions, render_pdf, tile_grid
from bpo_desktop.ui.export.raster import RasterOptions, check_size, render_image, render_png
from bpo_desktop.ui.export.render import DiagramRender, ExportError
from bpo_desktop.ui.export.report import (
    make_report,
    report_first_page,
    report_html,
    report_pdf,
)
from bpo_desktop.ui.export.svg import render_svg

PREVIEW_ROWS = 30  # rows of each long table laid out for a report preview


class Kind(Enum):
    PNG = ("png", ".png", "PNG image (*.png)")
    SVG = ("svg", ".svg", "SVG drawing (*.svg)")
    PDF = ("pdf", ".pdf", "PDF document (*.pdf)")
    HTML = ("html", ".html", "HTML report (*.html)")
    REPORT_PDF = ("report-pdf", ".pdf", "PDF report (*.pdf)")

    @property
    def key(self) -> str:
        return self.value[0]

    @property
    def suffix(self) -> str:
        return self.value[1]

    @property
    def file_filter(self) -> str:
        return self.value[2]

    @property
    def is_report(self) -> bool:
        return self in (Kind.HTML, Kind.REPORT_PDF)


@dataclass(frozen=True)
class ExportSettings:
    kind: Kind = Kind.PNG
    scenario: str | None = None
    selection: tuple[str, ...] = ()  # element ids; empty: the whole process
    raster: RasterOptions = field(default_factory=RasterOptions)
    pdf: PdfOptions = field(default_factory=PdfOptions)
    demand_per_day: float | None = None


def diagram_render(process: Process, settings: ExportSettings) -> DiagramRender:
    drawn = effective_process(process, settings.scenario)
    ids: Sequence[str] | None = settings.selection or None
    if ids is not None:
        ids = [i for i in ids if i in drawn.elements]
    return DiagramRender(drawn, ids)


def export_bytes(
    workspace: Workspace, process: Process, settings: ExportSettings, file_name: str
) -> bytes:
    """The file's content; ExportError / ScenarioError (bad input) say what is wrong."""
    if settings.kind.is_report:
        report, render = make_report(
            workspace,
            process,
            file_name=file_name,
            scenario=settings.scenario,
            demand_per_day=settings.demand_per_day,
            inline_svg=settings.kind is Kind.HTML,
        )
        if settings.kind is Kind.HTML:
            return report_html(report)
        return report_pdf(report, render, settings.pdf.page)
    render = diagram_render(process, settings)
    if settings.kind is Kind.PNG:
        return render_png(render, settings.raster)
    if settings.kind is Kind.SVG:
        return render_svg(render)
    return render_pdf(render, settings.pdf)


ReportCache = dict[tuple[str | None, float | None], tuple[Report, DiagramRender]]


def preview(
    workspace: Workspace,
    process: Process,
    settings: ExportSettings,
    box: QSize,
    reports: ReportCache | None = None,
) -> tuple[QImage, str]:
    """A small picture of what will be written (the image, the page(s) with the drawing, or
    the report's first page) and one line about it (pixel size, page count, sections).
    `reports` keeps built reports by (scenario, demand) while a dialog is open."""
    kind = settings.kind
    if kind.is_report:
        return _report_preview(
            workspace, process, settings, box, {} if reports is None else reports
        )
    render = diagram_render(process, settings)
    info = describe(render, settings)
    if kind is Kind.PNG and settings.raster.page is None:
        full = render.rect.size() * settings.raster.scale
        scale = min(1.0, box.width() / full.width(), box.height() / full.height())
        options = RasterOptions(scale=settings.raster.scale * scale, dpi=None,
                                transparent=settings.raster.transparent)  # fmt: skip
        return render_image(render, options), info
    page = settings.raster.page if kind is Kind.PNG else settings.pdf.page
    assert page is not None
    if kind is Kind.PDF and settings.pdf.mode is PdfMode.TILE:
        return _tiles_preview(render, settings.pdf, box), info
    return _page_preview(render, page, box), info


def _report_preview(
    workspace: Workspace,
    process: Process,
    settings: ExportSettings,
    box: QSize,
    reports: ReportCache,
) -> tuple[QImage, str]:
    """The first page, laid out from the report's beginning only: a preview of a large
    process must not lay out a 100-page step table on every change of an option."""
    key = (settings.scenario, settings.demand_per_day)
    if key not in reports:
        reports[key] = make_report(
            workspace,
            process,
            file_name="preview",
            scenario=settings.scenario,
            demand_per_day=settings.demand_per_day,
            inline_svg=False,
        )
    report, render = reports[key]
    cut = PREVIEW_ROWS
    shown = replace(
        report,
        steps=report.steps[:cut],
        off_system=report.off_system[:cut],
        lint=replace(report.lint, findings=report.lint.findings[:cut]),
    )
    truncated = shown != report
    page = settings.pdf.page if settings.kind is Kind.REPORT_PDF else PageSpec("A4")
    image, pages = report_first_page(shown, render, page, box)
    sections = ", ".join(s.lower() for s in report.sections)
    if settings.kind is Kind.HTML:
        return image, f"one file: {sections}"
    more = "more than " if truncated else ""
    return image, f"{more}{pages} page(s) of {page.size}: {sections}"


def _page_preview(render: DiagramRender, page: PageSpec, box: QSize) -> QImage:
    layout = page.layout(render.rect.size())
    full = layout.fullRectPoints()
    scale = min(box.width() / full.width(), box.height() / full.height())
    image = QImage(round(full.width() * scale), round(full.height() * scale),
                   QImage.Format.Format_ARGB32_Premultiplied)  # fmt: skip
    image.fill(QColor("white"))
    painter = QPainter(image)
    area = QRectF(layout.paintRectPoints())
    target = QRectF(area.x() * scale, area.y() * scale, area.width() * scale,
                    area.height() * scale)  # fmt: skip
    factor, placed = fit(render.rect, target)
    painter.translate(placed.topLeft())
    painter.scale(factor, factor)
    painter.translate(-render.rect.topLeft())
    render.paint(painter)
    painter.end()
    return image


def _tiles_preview(render: DiagramRender, options: PdfOptions, box: QSize) -> QImage:
    """The drawing with the page grid over it (dashed lines where the pages meet)."""
    rows, columns, tile = tile_grid(render, options)
    image = render_image(render, RasterOptions(scale=min(
        1.0, box.width() / render.rect.width(), box.height() / render.rect.height())))  # fmt: skip
    painter = QPainter(image)
    pen = QPen(QColor("#1f6feb"), 1.0, Qt.PenStyle.DashLine)
    painter.setPen(pen)
    sx = image.width() / render.rect.width()
    for column in range(1, columns):
        x = column * tile.width() * sx
        painter.drawLine(round(x), 0, round(x), image.height())
    for row in range(1, rows):
        y = row * tile.height() * sx
        painter.drawLine(0, round(y), image.width(), round(y))
    painter.end()
    return image


def describe(render: DiagramRender, settings: ExportSettings) -> str:
    """Pixel size, shape count or page count of a diagram export."""
    kind = settings.kind
    if kind is Kind.PNG:
        options = settings.raster
        if options.page is not None:
            layout = options.page.layout(render.rect.size())
            dpi = options.dpi or 300
            size = layout.fullRectPixels(round(dpi)).size()
            return f"{size.width()} x {size.height()} px, {options.page.size} at {dpi:g} DPI"
        scale = options.scale * (options.dpi or 96) / 96
        width, height = render.rect.width() * scale, render.rect.height() * scale
        check_size(math.ceil(width), math.ceil(height))  # too large: say so before Export
        return f"{round(width)} x {round(height)} px"
    if kind is Kind.SVG:
        return f"{len(render.groups())} shapes, text kept as text"
    if settings.pdf.mode is PdfMode.TILE:
        rows, columns, _tile = tile_grid(render, settings.pdf)
        return f"{rows * columns} page(s) of {settings.pdf.page.size}, {rows} x {columns}"
    return f"1 page of {settings.pdf.page.size}, vectors"


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target and rename over it, so a failure leaves no half file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from None
