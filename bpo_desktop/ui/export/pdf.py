"""PDF export with QPdfWriter: vectors and selectable text, on a chosen paper size, either
fitted on one page or tiled over as many pages as the drawing needs at a given scale."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import Enum

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPainter, QPdfWriter

from bpo_desktop import __version__
from bpo_desktop.ui.export.page import PageSpec, fit
from bpo_desktop.ui.export.raster import SCREEN_DPI
from bpo_desktop.ui.export.render import DiagramRender, ExportError, PlainTextPainter

RESOLUTION = 1200  # device units per inch: fine enough that no coordinate is visibly rounded
OVERLAP_MM = 8.0  # tiles share a strip, so a cut shape can be matched across pages
CAPTION_MM = 6.0  # a line under each tile naming its place: "row 1, column 2"
MAX_PAGES = 2000


class PdfMode(Enum):
    FIT = "fit"  # the whole drawing on one page
    TILE = "tile"  # at `scale`, over several pages


@dataclass(frozen=True)
class PdfOptions:
    page: PageSpec = field(default_factory=PageSpec)
    mode: PdfMode = PdfMode.FIT
    scale: float = 1.0  # tiled: 1 = the size on a 96-DPI screen at 100 % zoom


def new_pdf_writer(buffer: QBuffer, title: str) -> QPdfWriter:
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator(f"BPO Desktop {__version__}")
    return writer


def render_pdf(render: DiagramRender, options: PdfOptions = PdfOptions()) -> bytes:
    if not (options.scale > 0 and math.isfinite(options.scale)):
        raise ExportError(f"the scale must be a positive number, not {options.scale}")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_pdf_writer(buffer, render.process.name)
    if options.mode is PdfMode.FIT:
        writer.setPageLayout(options.page.layout(render.rect.size()))
        painter = PlainTextPainter(writer)
        paint_fitted(painter, render, QRectF(writer.pageLayout().paintRectPixels(RESOLUTION)))
        painter.end()
    else:
        _paint_tiles(writer, render, options)
    return bytes(data.data())


def paint_fitted(painter: QPainter, render: DiagramRender, target: QRectF) -> None:
    """Paint the whole drawing scaled to fit `target` (device coordinates), centred."""
    scale, placed = fit(render.rect, QRectF(0, 0, target.width(), target.height()))
    painter.save()
    painter.translate(placed.topLeft())
    painter.scale(scale, scale)
    painter.translate(-render.rect.topLeft())
    render.paint(painter, full_detail=True)
    painter.restore()


@dataclass(frozen=True)
class _Tiling:
    layout: QPageLayout
    units_per_scene: float  # PDF device units per scene unit
    tile: QSizeF  # one page's drawing area, device units
    step: QSizeF  # tile minus the overlap
    caption_h: float
    rows: int
    columns: int


def _tiling(render: DiagramRender, options: PdfOptions) -> _Tiling:
    units_per_scene = options.scale * RESOLUTION / SCREEN_DPI
    content = render.rect.size() * units_per_scene
    layout = options.page.layout(content)  # AUTO: the orientation of the drawing
    area = QRectF(layout.paintRectPixels(RESOLUTION))
    per_mm = RESOLUTION / 25.4
    caption_h, overlap = CAPTION_MM * per_mm, OVERLAP_MM * per_mm
    tile = QSizeF(area.width(), area.height() - caption_h)
    step = QSizeF(tile.width() - overlap, tile.height() - overlap)
    columns = max(1, math.ceil((content.width() - overlap) / step.width()))
    rows = max(1, math.ceil((content.height() - overlap) / step.height()))
    return _Tiling(layout, units_per_scene, tile, step, caption_h, rows, columns)


def tile_grid(render: DiagramRender, options: PdfOptions) -> tuple[int, int, QSizeF]:
    """Rows, columns and the step between tiles in scene units (for previews)."""
    t = _tiling(render, options)
    return t.rows, t.columns, t.step / t.units_per_scene


def _paint_tiles(writer: QPdfWriter, render: DiagramRender, options: PdfOptions) -> None:
    t = _tiling(render, options)
    writer.setPageLayout(t.layout)
    units_per_scene, rows, columns, caption_h = t.units_per_scene, t.rows, t.columns, t.caption_h
    tile_w, tile_h = t.tile.width(), t.tile.height()
    step_w, step_h = t.step.width(), t.step.height()
    if rows * columns > MAX_PAGES:
        raise ExportError(
            f"tiling at scale {options.scale:g} needs {rows * columns} pages (at most "
            f"{MAX_PAGES}); choose a smaller scale or fit the diagram on one page"
        )
    painter = PlainTextPainter(writer)
    caption_font = QFont()
    caption_font.setPointSizeF(7.0)
    for row in range(rows):
        for column in range(columns):
            if row or column:
                writer.newPage()
            origin = QPointF(column * step_w, row * step_h)  # in content units
            scene_window = QRectF(
                render.rect.topLeft() + origin / units_per_scene,
                render.rect.topLeft() + (origin + QPointF(tile_w, tile_h)) / units_per_scene,
            )
            painter.save()
            painter.setClipRect(QRectF(0, 0, tile_w, tile_h))
            painter.translate(-origin)
            painter.scale(units_per_scene, units_per_scene)
            painter.translate(-render.rect.topLeft())
            render.paint(painter, render.items_in(scene_window), full_detail=True)
            painter.restore()
            painter.setFont(caption_font)
            painter.setPen(Qt.GlobalColor.darkGray)
            caption = (
                f"{render.process.name} · r{row + 1}c{column + 1} · "
                f"row {row + 1} of {rows}, column {column + 1} of {columns}"
            )
            painter.drawText(
                QRectF(0, tile_h, tile_w, caption_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                caption,
            )
    painter.end()
