"""The marker of a process input or output data object: bpmn.io's arrow in the top-left
corner, hollow for an input and filled for an output."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QPainter, QPolygonF

from bpo_desktop.core.model import DataIO
from bpo_desktop.ui.canvas import theme

#: bpmn-js's DATA_ARROW ("m 5,9 9,0 0,-3 5,5 -5,5 0,-3 -9,0 z") on its 36 by 50 data object.
_ARROW = ((5, 9), (14, 9), (14, 6), (19, 11), (14, 16), (14, 13), (5, 13))
_OBJECT_SIZE = (36.0, 50.0)


def io_marker_polygon(rect: QRectF) -> QPolygonF:
    """The arrow for a data object drawn in `rect`, scaled with the object."""
    scale = min(rect.width() / _OBJECT_SIZE[0], rect.height() / _OBJECT_SIZE[1])
    return QPolygonF([QPointF(rect.left() + x * scale, rect.top() + y * scale) for x, y in _ARROW])


def paint_io_marker(painter: QPainter, rect: QRectF, io: DataIO) -> None:
    if io is DataIO.NONE:
        return
    painter.setPen(theme.pen(1.0))
    painter.setBrush(QBrush(theme.STROKE if io is DataIO.OUTPUT else theme.FILL))
    painter.drawPolygon(io_marker_polygon(rect))
