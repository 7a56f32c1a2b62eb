"""Draw a small diagram through the canvas scene into an image and look at its pixels."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from bpo_desktop.core.model import (
    Bounds,
    EdgeLayout,
    Element,
    Layout,
    Point,
    Process,
    ShapeLayout,
)
from bpo_desktop.ui.canvas.scene import DiagramScene

SCALE = 4  # image pixels per scene unit: markers are a few units wide


def diagram(*pairs: tuple[Element, Layout]) -> Process:
    process = Process(id="P", name="markers")
    for element, layout in pairs:
        process.elements[element.id] = element
        process.layout[element.id] = layout
    return process


def shape(x: float, y: float, w: float, h: float, **colours: str) -> ShapeLayout:
    return ShapeLayout(Bounds(x, y, w, h), **colours)


def edge(*points: tuple[float, float], stroke: str = "") -> EdgeLayout:
    return EdgeLayout(tuple(Point(x, y) for x, y in points), stroke=stroke)


def render(process: Process, area: QRectF | None = None) -> QImage:
    area = area or QRectF(0, 0, 400, 200)
    scene = DiagramScene()
    try:
        scene.show_process(process)
        image = QImage(int(area.width() * SCALE), int(area.height() * SCALE),
                       QImage.Format.Format_RGB32)  # fmt: skip
        image.fill(QColor("white"))
        painter = QPainter(image)
        scene.render(painter, QRectF(0, 0, image.width(), image.height()), area)
        painter.end()
        return image
    finally:
        scene.clear()


def pixels(image: QImage, box: QRectF) -> Iterable[QColor]:
    """The image's pixels inside `box` (scene units, area at the origin)."""
    left, top = int(box.left() * SCALE), int(box.top() * SCALE)
    right, bottom = int(box.right() * SCALE), int(box.bottom() * SCALE)
    for y in range(max(top, 0), min(bottom, image.height())):
        for x in range(max(left, 0), min(right, image.width())):
            yield image.pixelColor(x, y)


def ink(image: QImage, box: QRectF) -> int:
    """How many dark pixels (drawn lines) `box` holds."""
    return sum(1 for c in pixels(image, box) if c.lightness() < 120)
