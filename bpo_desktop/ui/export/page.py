"""Paper for PNG-on-a-page and PDF: size name, orientation, margins; and fitting a drawing."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize

from bpo_desktop.ui.export.render import ExportError

PAGE_SIZES: dict[str, QPageSize.PageSizeId] = {
    "A5": QPageSize.PageSizeId.A5,
    "A4": QPageSize.PageSizeId.A4,
    "A3": QPageSize.PageSizeId.A3,
    "A2": QPageSize.PageSizeId.A2,
    "A1": QPageSize.PageSizeId.A1,
    "A0": QPageSize.PageSizeId.A0,
    "Letter": QPageSize.PageSizeId.Letter,
    "Legal": QPageSize.PageSizeId.Legal,
    "Tabloid": QPageSize.PageSizeId.Tabloid,
}


class Orientation(Enum):
    AUTO = "auto"  # landscape for a drawing wider than tall
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


@dataclass(frozen=True)
class PageSpec:
    size: str = "A4"
    orientation: Orientation = Orientation.AUTO
    margin_mm: float = 10.0

    def layout(self, content: QSizeF | None = None) -> QPageLayout:
        """The page layout; AUTO picks the orientation that suits `content`'s shape."""
        landscape = self.orientation is Orientation.LANDSCAPE or (
            self.orientation is Orientation.AUTO
            and content is not None
            and content.width() > content.height()
        )
        return QPageLayout(
            QPageSize(page_size_id(self.size)),
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
            QMarginsF(*(self.margin_mm,) * 4),
            QPageLayout.Unit.Millimeter,
        )


def page_size_id(name: str) -> QPageSize.PageSizeId:
    for known, size_id in PAGE_SIZES.items():
        if known.lower() == name.strip().lower():
            return size_id
    raise ExportError(f"unknown page size {name!r} (choose from {', '.join(PAGE_SIZES)})")


def fit(source: QRectF, target: QRectF) -> tuple[float, QRectF]:
    """The scale that fits `source` into `target` keeping its shape, and where it lands
    (centred)."""
    scale = min(target.width() / source.width(), target.height() / source.height())
    width, height = source.width() * scale, source.height() * scale
    left = target.left() + (target.width() - width) / 2
    top = target.top() + (target.height() - height) / 2
    return scale, QRectF(left, top, width, height)
