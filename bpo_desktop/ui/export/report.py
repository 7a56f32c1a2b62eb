"""The process report with its diagram: HTML (inline SVG) and PDF (QTextDocument on QPdfWriter).

The data comes from `bpo_desktop.reporting` (Qt-free); this module adds what needs Qt: the
diagram drawn by the canvas renderer, and the PDF layout. In the PDF the diagram is painted as
vectors by a custom text object, so it stays sharp and its labels stay selectable text.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    QUrl,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QImage,
    QPainter,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtSvg import QSvgRenderer

from bpo_desktop.core.model import Process, Workspace, effective_process
from bpo_desktop.reporting import Report, ReportOptions, build_report, render_html
from bpo_desktop.reporting.html import chart_svg
from bpo_desktop.reporting.simulation import latest_simulation
from bpo_desktop.ui.export.page import Orientation, PageSpec
from bpo_desktop.ui.export.pdf import RESOLUTION, new_pdf_writer, paint_fitted
from bpo_desktop.ui.export.render import DiagramRender, PlainTextPainter
from bpo_desktop.ui.export.svg import svg_fragment

DIAGRAM_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
TEXT_WIDTH_PT = 680.0  # the width QTextDocument lays the report out at, in points


def generated_line(now: datetime | None = None) -> str:
    """The report's one varying line. SOURCE_DATE_EPOCH (the reproducible-builds convention)
    pins it, so two runs can be compared byte for byte."""
    if now is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        now = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return f"Generated {now:%Y-%m-%d %H:%M} UTC"


def make_report(
    workspace: Workspace,
    process: Process,
    *,
    file_name: str,
    scenario: str | None = None,
    demand_per_day: float | None = None,
    inline_svg: bool = True,
) -> tuple[Report, DiagramRender]:
    """The report and the render of the diagram it shows (the scenario's to-be, if any).
    `inline_svg=False` skips the HTML's SVG (the PDF paints the render itself)."""
    render = DiagramRender(effective_process(process, scenario))
    options = ReportOptions(
        file_name=file_name,
        scenario=scenario,
        demand_per_day=demand_per_day,
        diagram_svg=svg_fragment(render) if inline_svg else "",
        simulation=latest_simulation(workspace, process, scenario),
        generated_at=generated_line(),
    )
    return build_report(workspace, process, options), render


def report_html(report: Report) -> bytes:
    return render_html(report).encode("utf-8")


class _DiagramObject(QPyTextObject):
    """Paints the diagram inside the text flow, as vectors."""

    def __init__(self, render: DiagramRender, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.render = render

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:
        rect = self.render.rect
        width = min(TEXT_WIDTH_PT, rect.width())
        return QSizeF(width, width * rect.height() / rect.width())

    def drawObject(
        self,
        painter: QPainter,
        rect: QRectF | QRect,
        doc: QTextDocument,
        pos: int,
        fmt: QTextFormat,
    ) -> None:
        box = QRectF(rect)
        painter.save()
        painter.translate(box.topLeft())
        paint_fitted(painter, self.render, QRectF(0, 0, box.width(), box.height()))
        painter.restore()


def _document(report: Report, render: DiagramRender, page_height: float) -> QTextDocument:
    """The report laid out in points on pages TEXT_WIDTH_PT wide and `page_height` tall."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(_plain_font())
    handler = _DiagramObject(render, document)
    document.documentLayout().registerHandler(DIAGRAM_OBJECT, handler)
    for index, chart in enumerate(report.simulation.charts if report.simulation else ()):
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(f"bpo-chart:{index}"),
            _svg_image(chart_svg(chart)),
        )  # fmt: skip
    document.setHtml(render_html(report, qt=True, diagram_width=int(TEXT_WIDTH_PT)))
    _swap_diagram_image(document)
    # After the content: set before it, Qt 6.11 drops some headings from the pages.
    document.setPageSize(QSizeF(TEXT_WIDTH_PT, page_height))
    return document


def _draw_page(painter: QPainter, document: QTextDocument, index: int, scale: float) -> None:
    page_height = document.pageSize().height()
    painter.save()
    painter.scale(scale, scale)
    painter.translate(0, -index * page_height)
    clip = QRectF(0, index * page_height, TEXT_WIDTH_PT, page_height)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = clip
    painter.setClipRect(clip)
    document.documentLayout().draw(painter, context)
    painter.restore()


def report_pdf(report: Report, render: DiagramRender, page: PageSpec | None = None) -> bytes:
    page = page or PageSpec("A4", Orientation.PORTRAIT)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_pdf_writer(buffer, report.title)
    writer.setPageLayout(page.layout())
    paint = QRectF(writer.pageLayout().paintRectPixels(RESOLUTION))
    scale = paint.width() / TEXT_WIDTH_PT  # the document is laid out in points
    document = _document(report, render, paint.height() / scale)
    painter = PlainTextPainter(writer)
    for index in range(document.pageCount()):
        if index:
            writer.newPage()
        _draw_page(painter, document, index, scale)
    painter.end()
    return bytes(data.data())


def report_first_page(
    report: Report, render: DiagramRender, page: PageSpec, box: QSize
) -> tuple[QImage, int]:
    """A picture of the report's first page fitted in `box`, and the number of pages."""
    layout = page.layout()
    full, area = layout.fullRectPoints(), QRectF(layout.paintRectPoints())
    zoom = min(box.width() / full.width(), box.height() / full.height())
    scale = area.width() / TEXT_WIDTH_PT
    document = _document(report, render, area.height() / scale)
    image = QImage(round(full.width() * zoom), round(full.height() * zoom),
                   QImage.Format.Format_ARGB32_Premultiplied)  # fmt: skip
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.scale(zoom, zoom)
    painter.translate(area.topLeft())
    _draw_page(painter, document, 0, scale)
    painter.end()
    return image, document.pageCount()


def _plain_font() -> QFont:
    """No ligatures: a PDF's text then copies and searches as typed ("fi", not "ﬁ")."""
    font = QFont()
    font.setFeature(QFont.Tag("liga"), 0)
    font.setFeature(QFont.Tag("clig"), 0)
    return font


def _swap_diagram_image(document: QTextDocument) -> None:
    """Turn the `<img src="bpo-diagram:">` placeholder into the vector diagram object."""
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat() and QTextImageFormat(fmt).name() == "bpo-diagram:":
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + 1, QTextCursor.MoveMode.KeepAnchor)
                swapped = QTextCharFormat()
                swapped.setObjectType(DIAGRAM_OBJECT)
                cursor.insertText("\ufffc", swapped)
                return
            it += 1
        block = block.next()


def _svg_image(svg: str, scale: float = 2.0) -> QImage:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize() * scale
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    image.setDevicePixelRatio(scale)
    return image
