"""The canvas look as data: colours, stroke widths and fonts (bpmn.io-like defaults)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPen

STROKE = QColor("#22242a")
FILL = QColor("#ffffff")
TEXT = QColor("#22242a")
MUTED = QColor("#6b7280")
BAND_SYSTEM = QColor("#eef3fb")  # name band of a system lane
BAND_EXTERNAL = QColor("#f7f1e6")  # name band of an external party's lane
BACKGROUND = QColor("#fbfbfc")
GRID_MINOR = QColor("#eef0f3")
GRID_MAJOR = QColor("#e2e5ea")

# Stroke widths in scene units, as bpmn.io draws them.
W_TASK = 2.0
W_CALL_ACTIVITY = 4.0
W_START = 2.0
W_INTERMEDIATE = 1.5
W_END = 4.0
W_GATEWAY = 2.0
W_POOL = 1.5
W_FLOW = 1.5
W_MARKER = 1.5

BAND = 30.0  # width of the name band of pools and lanes
TASK_RADIUS = 10.0
LABEL_PX = 12  # font size in scene units, so labels scale with the zoom
EXTERNAL_LABEL_PX = 11  # labels outside shapes are a size smaller, as in bpmn.io
ARROW_LENGTH = 11.0
ARROW_WIDTH = 7.0


@lru_cache(maxsize=8)
def font(px: int = LABEL_PX, bold: bool = False) -> QFont:
    """A scalable label font: pixel-sized and unhinted, so text metrics do not change with zoom."""
    f = QFont()
    f.setFamilies(["Segoe UI", "Helvetica Neue", "Arial", "DejaVu Sans", "Sans Serif"])
    f.setPixelSize(px)
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


def pen(width: float, color: QColor = STROKE, *, dash: list[float] | None = None) -> QPen:
    p = QPen(color, width)
    p.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setCapStyle(Qt.PenCapStyle.RoundCap)
    if dash:
        # Qt scales dash patterns by the pen width; the pattern is given in scene units.
        p.setDashPattern([d / width for d in dash])
    return p
