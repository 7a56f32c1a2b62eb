"""The canvas look as data: colours, stroke widths and fonts (bpmn.io-like defaults).

Two palettes, light and dark; `apply_scheme` switches the module's colours (painters read them
at paint time), so the canvas follows the OS colour scheme.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPen

from bpo_desktop.resources import resource_path

#: The diagram font: bundled Liberation Sans has Arial's metrics, which bpmn.io and most BPMN
#: tools lay labels out with, so wrapping matches their files and is the same on every OS.
DIAGRAM_FAMILIES = ["Liberation Sans", "Arial", "Helvetica", "DejaVu Sans", "Sans Serif"]
_FONT_FILES = ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf")

_LIGHT = {
    "STROKE": "#22242a",
    "FILL": "#ffffff",
    "TEXT": "#22242a",
    "MUTED": "#6b7280",
    "BAND_SYSTEM": "#eef3fb",
    "BAND_EXTERNAL": "#f7f1e6",
    "BACKGROUND": "#fbfbfc",
    "GRID_MINOR": "#eef0f3",
    "GRID_MAJOR": "#e2e5ea",
    "SELECTION": "#1f6feb",
    "ALLOWED": "#1a7f37",
    "FORBIDDEN": "#cf222e",
    "GUIDE": "#e0459b",
    "HANDLE_FILL": "#ffffff",
    "PAD_FILL": "#ffffff",
    "PAD_HOVER": "#e8f0fe",
}
_DARK = {
    "STROKE": "#d7dae0",
    "FILL": "#26282d",
    "TEXT": "#e6e8ec",
    "MUTED": "#9aa1ac",
    "BAND_SYSTEM": "#23324a",
    "BAND_EXTERNAL": "#3a3224",
    "BACKGROUND": "#1b1c20",
    "GRID_MINOR": "#222428",
    "GRID_MAJOR": "#2b2e33",
    "SELECTION": "#58a6ff",
    "ALLOWED": "#3fb950",
    "FORBIDDEN": "#f85149",
    "GUIDE": "#ff7bc5",
    "HANDLE_FILL": "#26282d",
    "PAD_FILL": "#2d3036",
    "PAD_HOVER": "#1f3a5f",
}

STROKE = QColor(_LIGHT["STROKE"])
FILL = QColor(_LIGHT["FILL"])
TEXT = QColor(_LIGHT["TEXT"])
MUTED = QColor(_LIGHT["MUTED"])
BAND_SYSTEM = QColor(_LIGHT["BAND_SYSTEM"])  # name band of a system lane
BAND_EXTERNAL = QColor(_LIGHT["BAND_EXTERNAL"])  # name band of an external party's lane
BACKGROUND = QColor(_LIGHT["BACKGROUND"])
GRID_MINOR = QColor(_LIGHT["GRID_MINOR"])
GRID_MAJOR = QColor(_LIGHT["GRID_MAJOR"])
SELECTION = QColor(_LIGHT["SELECTION"])
ALLOWED = QColor(_LIGHT["ALLOWED"])
FORBIDDEN = QColor(_LIGHT["FORBIDDEN"])
GUIDE = QColor(_LIGHT["GUIDE"])
HANDLE_FILL = QColor(_LIGHT["HANDLE_FILL"])
PAD_FILL = QColor(_LIGHT["PAD_FILL"])
PAD_HOVER = QColor(_LIGHT["PAD_HOVER"])
DARK = False

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


def apply_scheme(dark: bool) -> bool:
    """Switch every colour to the light or dark palette; True when something changed."""
    global DARK
    if dark == DARK:
        return False
    DARK = dark
    for name, value in (_DARK if dark else _LIGHT).items():
        globals()[name] = QColor(value)
    return True


@lru_cache(maxsize=8)
def font(px: int = LABEL_PX, bold: bool = False) -> QFont:
    """A scalable label font: pixel-sized and unhinted, so text metrics do not change with zoom."""
    _load_bundled_fonts()
    f = QFont()
    f.setFamilies(DIAGRAM_FAMILIES)
    f.setPixelSize(px)
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


_fonts_loaded = False


def _load_bundled_fonts() -> None:
    """Register the bundled font once a QGuiApplication exists (tried again until then); if
    the file is missing, the next family in DIAGRAM_FAMILIES is used instead."""
    global _fonts_loaded
    if _fonts_loaded or QGuiApplication.instance() is None:
        return
    _fonts_loaded = True
    for name in _FONT_FILES:
        try:
            QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        except FileNotFoundError:
            continue


def pen(width: float, color: QColor | None = None, *, dash: list[float] | None = None) -> QPen:
    p = QPen(STROKE if color is None else color, width)
    p.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setCapStyle(Qt.PenCapStyle.RoundCap)
    if dash:
        # Qt scales dash patterns by the pen width; the pattern is given in scene units.
        p.setDashPattern([d / width for d in dash])
    return p


def cosmetic(color: QColor, width: float = 1.0, *, dash: bool = False) -> QPen:
    """A pen of constant screen width (selection outlines, guides, handles)."""
    p = QPen(color, width)
    p.setCosmetic(True)
    if dash:
        p.setStyle(Qt.PenStyle.DashLine)
    return p
