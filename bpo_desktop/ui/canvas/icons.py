"""Icons drawn with the canvas painters, so the palette looks like what it creates."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap, QPolygonF

from bpo_desktop.core.model import DataObject, Lane, Node, Pool, TextAnnotation
from bpo_desktop.core.model.element_types import Category, element_type
from bpo_desktop.ui.canvas import painters, theme
from bpo_desktop.ui.canvas.drilldown import paint_drilldown_glyph

ICON_PX = 32


def _paint_type(painter: QPainter, type_id: str, box: QRectF) -> None:
    kind = element_type(type_id)
    element = kind.make()
    if isinstance(element, Node):
        if kind.category is Category.ACTIVITY:
            rect = QRectF(
                box.left(), box.top() + box.height() * 0.15, box.width(), box.height() * 0.7
            )
            painter.save()
            painter.translate(rect.topLeft())
            painter.scale(rect.width() / 110, rect.height() / 80)
            painters.paint_node(painter, QRectF(0, 0, 110, 80), element, text=False)
            painter.restore()
        else:
            side = box.width() * (0.8 if kind.category is Category.EVENT else 0.9)
            rect = QRectF(box.center().x() - side / 2, box.center().y() - side / 2, side, side)
            painter.save()
            scale = side / (36 if kind.category is Category.EVENT else 50)
            painter.translate(rect.topLeft())
            painter.scale(scale, scale)
            size = 36 if kind.category is Category.EVENT else 50
            painters.paint_node(painter, QRectF(0, 0, size, size), element, text=False)
            painter.restore()
    elif isinstance(element, TextAnnotation):
        painters.paint_text_annotation(painter, box.adjusted(4, 4, -4, -4), element, text=False)
        painter.setPen(theme.pen(1.2, theme.MUTED))
        for i in range(3):
            y = box.top() + 10 + i * 5
            painter.drawLine(QPointF(box.left() + 9, y), QPointF(box.right() - 6, y))
    elif isinstance(element, DataObject):
        painters.paint_data_object(painter, box.adjusted(8, 3, -8, -3), element)
    elif isinstance(element, Pool | Lane):
        rect = box.adjusted(1, 6, -1, -6)
        painter.setPen(theme.pen(1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        painter.drawLine(
            QPointF(rect.left() + 6, rect.top()), QPointF(rect.left() + 6, rect.bottom())
        )
        if isinstance(element, Lane):
            mid = rect.center().y()
            painter.drawLine(QPointF(rect.left() + 6, mid), QPointF(rect.right(), mid))


def _render(paint_fn: object, px: int) -> QIcon:
    pixmap = QPixmap(px * 2, px * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    with QPainter(pixmap) as painter:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_fn(painter, QRectF(2, 2, px - 4, px - 4))  # type: ignore[operator]
    return QIcon(pixmap)


@lru_cache(maxsize=128)
def element_icon(type_id: str, dark: bool = False, px: int = ICON_PX) -> QIcon:
    """The icon of an element type (cached per colour scheme)."""
    return _render(lambda p, box: _paint_type(p, type_id, box), px)


def _connect_glyph(painter: QPainter, box: QRectF) -> None:
    painter.setPen(theme.pen(2.0))
    a = QPointF(box.left() + 3, box.bottom() - 3)
    b = QPointF(box.right() - 4, box.top() + 4)
    painter.drawLine(a, QPointF(b.x() - 3, b.y() + 3))
    painter.setBrush(theme.STROKE)
    painter.drawPolygon(
        QPolygonF([b, QPointF(b.x() - 9, b.y() + 2), QPointF(b.x() - 2, b.y() + 9)])
    )


def _delete_glyph(painter: QPainter, box: QRectF) -> None:
    painter.setPen(theme.pen(1.6))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    body = QRectF(box.left() + 7, box.top() + 8, box.width() - 14, box.height() - 10)
    painter.drawRect(body)
    painter.drawLine(
        QPointF(box.left() + 4, box.top() + 7), QPointF(box.right() - 4, box.top() + 7)
    )
    painter.drawLine(
        QPointF(box.center().x() - 3, box.top() + 3), QPointF(box.center().x() + 3, box.top() + 3)
    )
    for dx in (-3.0, 0.0, 3.0):
        x = body.center().x() + dx
        painter.drawLine(QPointF(x, body.top() + 3), QPointF(x, body.bottom() - 3))


def _wrench_glyph(painter: QPainter, box: QRectF) -> None:
    painter.setPen(theme.pen(2.2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    c = box.center()
    painter.drawLine(QPointF(box.left() + 5, box.bottom() - 5), QPointF(c.x() + 2, c.y() - 2))
    painter.drawArc(QRectF(c.x() - 1, box.top() + 3, 11, 11), 200 * 16, 270 * 16)


def _box_sign_glyph(painter: QPainter, box: QRectF, plus: bool) -> None:
    """A sub-process box with its [+] (expand) or [-] (collapse) marker."""
    painter.setPen(theme.pen(1.6))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(box.adjusted(1, 3, -1, -3), 3, 3)
    sign = QRectF(box.center().x() - 4, box.bottom() - 12, 8, 8)
    painter.drawRect(sign)
    c = sign.center()
    painter.drawLine(QPointF(sign.left() + 2, c.y()), QPointF(sign.right() - 2, c.y()))
    if plus:
        painter.drawLine(QPointF(c.x(), sign.top() + 2), QPointF(c.x(), sign.bottom() - 2))


def _drilldown_glyph(painter: QPainter, box: QRectF) -> None:
    paint_drilldown_glyph(painter, box, theme.STROKE)


_GLYPHS = {
    "connect": _connect_glyph,
    "delete": _delete_glyph,
    "replace": _wrench_glyph,
    "drilldown": _drilldown_glyph,
    "expand": lambda painter, box: _box_sign_glyph(painter, box, True),
    "collapse": lambda painter, box: _box_sign_glyph(painter, box, False),
}


@lru_cache(maxsize=32)
def action_icon(name: str, dark: bool = False, px: int = 24) -> QIcon:
    """Icons of context-pad actions that are not element types."""
    return _render(_GLYPHS[name], px)
