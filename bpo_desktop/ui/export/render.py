"""One render path for the screen and every export: the canvas's own items and painters.

`DiagramRender` builds an offscreen `DiagramScene` of a process (the same scene class, items and
painters the editor shows) and paints its items in stacking order onto any QPainter: a QImage,
a QSvgGenerator or a QPdfWriter. There is no view, so there is no selection, no handles, no
hover, no context pad and no analysis decoration; colours are the light palette whatever the
screen uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from bpo_desktop.core.errors import InputError
from bpo_desktop.core.model import Flow, Node, Process
from bpo_desktop.core.model.planes import plane_of
from bpo_desktop.ui.canvas import theme
from bpo_desktop.ui.canvas.items import ElementItem, LabelItem
from bpo_desktop.ui.canvas.scene import DiagramScene

MARGIN = 12.0  # scene units of white space around the drawing


class ExportError(InputError):
    """An export that cannot be made as asked (nothing to draw, an image too large…)."""


@contextmanager
def light_theme() -> Iterator[None]:
    """Paint with the light palette, then give the screen its scheme back."""
    was_dark = theme.DARK
    theme.apply_scheme(False)
    try:
        yield
    finally:
        theme.apply_scheme(was_dark)


@dataclass(frozen=True)
class Group:
    """One element's items (its shape or line, plus its external label), for SVG groups."""

    element_id: str
    kind: str  # "task", "lane", "sequence_flow"…
    name: str
    items: tuple[QGraphicsItem, ...]


class DiagramRender:
    """A process (or some of its elements) ready to paint in scene coordinates."""

    def __init__(
        self,
        process: Process,
        element_ids: Iterable[str] | None = None,
        margin: float = MARGIN,
    ) -> None:
        self.process = process
        self.scene = DiagramScene()
        wanted = None if element_ids is None else set(element_ids)
        # The main plane; a selection inside a collapsed sub-process is drawn on its plane.
        plane = plane_of(process, min(wanted)) if wanted else None
        self.scene.show_process(process, plane)
        self.items: list[QGraphicsItem] = []
        for item in self.scene.items(Qt.SortOrder.AscendingOrder):
            if not item.isVisible() or not _wanted(item, wanted):
                continue
            # A cached item would reach SVG and PDF as a bitmap: paint everything directly.
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
            self.items.append(item)
        self._bounds = [item.sceneBoundingRect() for item in self.items]
        bounds = QRectF()
        for box in self._bounds:
            bounds = bounds.united(box)
        if bounds.isEmpty():
            what = "the selection" if wanted is not None else f"process {process.name!r}"
            raise ExportError(f"nothing to export: {what} has no drawn elements")
        self.rect = bounds.adjusted(-margin, -margin, margin, margin)

    @property
    def step_names(self) -> list[str]:
        return [g.name for g in self.groups() if g.name and g.kind in _ACTIVITY_KINDS]

    def paint(
        self,
        painter: QPainter,
        items: Iterable[QGraphicsItem] | None = None,
        *,
        full_detail: bool = False,
    ) -> None:
        """Paint the items (default: all) in scene coordinates, in stacking order.

        `full_detail` draws every shape and label as at 100 % zoom however small the output:
        for vectors (PDF), which a reader zooms into, unlike pixels.
        """
        option = _FullDetail() if full_detail else QStyleOptionGraphicsItem()
        with light_theme():
            for item in self.items if items is None else items:
                painter.save()
                painter.setTransform(item.sceneTransform(), True)
                option.exposedRect = item.boundingRect()
                item.paint(painter, option, None)
                painter.restore()

    def items_in(self, scene_rect: QRectF) -> list[QGraphicsItem]:
        """The items whose bounds meet `scene_rect`, in stacking order (for tiles)."""
        return [
            item
            for item, bounds in zip(self.items, self._bounds, strict=True)
            if bounds.intersects(scene_rect)
        ]

    def groups(self) -> list[Group]:
        """The items grouped by element, in stacking order of the element's own item."""
        by_id: dict[str, list[QGraphicsItem]] = {}
        unowned: list[QGraphicsItem] = []  # nothing today; kept so no drawing is ever lost
        for item in self.items:
            owner = item.owner_id if isinstance(item, LabelItem) else _element_id(item)
            if owner is None:
                unowned.append(item)
            else:
                by_id.setdefault(owner, []).append(item)
        groups = []
        for element_id, items in by_id.items():
            element = self.process.elements.get(element_id)
            name = getattr(element, "name", "") or getattr(element, "text", "") or ""
            groups.append(Group(element_id, _kind(element), name, tuple(items)))
        if unowned:
            groups.append(Group("bpo-decorations", "decoration", "", tuple(unowned)))
        return groups


class PlainTextPainter(QPainter):
    """A painter that writes text without ligatures, so text copied or extracted from a PDF
    reads as typed ("offers", not "oﬀers"). The painters set fonts through this object."""

    def setFont(self, font: QFont | str | Sequence[str], /) -> None:
        plain = QFont(font)
        for tag in ("liga", "clig"):
            plain.setFeature(QFont.Tag(tag), 0)
        super().setFont(plain)


class _FullDetail(QStyleOptionGraphicsItem):
    """Items choose what to leave out from the zoom this reports: never below 100 %."""

    @staticmethod
    def levelOfDetailFromTransform(world_transform: QTransform) -> float:
        return max(1.0, QStyleOptionGraphicsItem.levelOfDetailFromTransform(world_transform))


_ACTIVITY_KINDS = frozenset({"task", "subprocess", "call_activity"})


def _element_id(item: QGraphicsItem) -> str | None:
    return item.element_id if isinstance(item, ElementItem) else None


def _wanted(item: QGraphicsItem, wanted: set[str] | None) -> bool:
    if wanted is None:
        return True
    owner = item.owner_id if isinstance(item, LabelItem) else _element_id(item)
    return owner in wanted


def _kind(element: object) -> str:
    """The element's kind for CSS classes: task, exclusive_gateway, sequence_flow, lane…"""
    if isinstance(element, Node):
        return element.kind.value
    if isinstance(element, Flow):
        return f"{element.kind.value}_flow"
    return _SNAKE.sub("_", type(element).__name__).lower()


_SNAKE = re.compile(r"(?<=[a-z])(?=[A-Z])")
