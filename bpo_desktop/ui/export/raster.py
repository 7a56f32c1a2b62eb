"""PNG export: the diagram at a scale (or DPI), or fitted on a page at a DPI; optional
transparent background."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from bpo_desktop.ui.export.page import PageSpec, fit
from bpo_desktop.ui.export.render import DiagramRender, ExportError

SCREEN_DPI = 96.0  # one scene unit is one pixel at 100 % zoom on a 96-DPI screen
MAX_SIDE = 32_000  # PNG readers and QImage are unreliable beyond this
MAX_PIXELS = 400_000_000  # 1.6 GB of ARGB32


@dataclass(frozen=True)
class RasterOptions:
    scale: float = 1.0
    dpi: float | None = None  # with a page: the page's resolution; without: scale * dpi/96
    page: PageSpec | None = None
    transparent: bool = False


def render_image(render: DiagramRender, options: RasterOptions = RasterOptions()) -> QImage:
    if not (options.scale > 0 and math.isfinite(options.scale)):
        raise ExportError(f"the scale must be a positive number, not {options.scale}")
    source = render.rect
    if options.page is not None:
        dpi = options.dpi or 300.0
        layout = options.page.layout(source.size())
        page = layout.fullRectPixels(round(dpi))
        paint = QRectF(layout.paintRectPixels(round(dpi)))
        width, height = page.width(), page.height()
        scale, placed = fit(source, paint)
    else:
        dpi = options.dpi or SCREEN_DPI
        scale = options.scale * dpi / SCREEN_DPI
        width = math.ceil(source.width() * scale)
        height = math.ceil(source.height() * scale)
        placed = QRectF(0, 0, source.width() * scale, source.height() * scale)
    check_size(width, height)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0) if options.transparent else QColor("white"))
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.translate(placed.topLeft())
    painter.scale(scale, scale)
    painter.translate(-source.topLeft())
    render.paint(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # (stubs want bytes; runtime wants str)
        raise ExportError("could not encode the PNG")
    return bytes(data.data())


def render_png(render: DiagramRender, options: RasterOptions = RasterOptions()) -> bytes:
    return png_bytes(render_image(render, options))


def check_size(width: int, height: int) -> None:
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise ExportError(
            f"the image would be {width} x {height} px, too large for a PNG; "
            "choose a smaller scale or DPI, or fit it on a page"
        )


__all__ = ["RasterOptions", "png_bytes", "render_image", "render_png"]
