"""What a user sees of BPMN markers: each test draws a small diagram through the canvas scene
and looks at the pixels where the marker must (or must not) be.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from bpo_desktop.core.model import (
    Bounds,
    EdgeLayout,
    Element,
    Flow,
    Layout,
    Node,
    NodeKind,
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


def task(node_id: str, **fields: object) -> Node:
    return Node(node_id, NodeKind.TASK, name="", **fields)  # type: ignore[arg-type]


# -- conditional and default flows -----------------------------------------------------------
@pytest.mark.parametrize(
    ("source_kind", "condition", "diamond"),
    [
        (NodeKind.TASK, "amount > 100", True),
        (NodeKind.TASK, "", False),
        (NodeKind.EXCLUSIVE_GATEWAY, "amount > 100", False),  # the gateway says it already
    ],
)
def test_a_condition_out_of_an_activity_starts_with_a_diamond(
    qtbot, source_kind: NodeKind, condition: str, diamond: bool
) -> None:  # type: ignore[no-untyped-def]
    process = diagram(
        (Node("A", source_kind), shape(20, 60, 100, 80)),
        (task("B"), shape(260, 60, 100, 80)),
        (Flow("F", "A", "B", condition=condition), edge((120, 100), (260, 100))),
    )
    image = render(process)
    # The diamond is 10 units wide around the line: look beside the line, 4-6 units off it.
    beside = [QRectF(126, 95, 4, 1.5), QRectF(126, 103.5, 4, 1.5)]
    drawn = [ink(image, box) > 0 for box in beside]
    assert drawn == [diamond, diamond]
    assert ink(image, QRectF(180, 95, 10, 1.5)) == 0  # the rest of the line is plain


def test_a_default_flow_out_of_an_activity_has_the_slash_not_the_diamond(qtbot) -> None:  # type: ignore[no-untyped-def]
    process = diagram(
        (task("A"), shape(20, 60, 100, 80)),
        (task("B"), shape(260, 60, 100, 80)),
        (Flow("F", "A", "B", is_default=True), edge((120, 100), (260, 100))),
    )
    image = render(process)
    # the slash crosses the line 10 units in, from upper left to lower right
    assert ink(image, QRectF(125.5, 95, 2, 1.5)) > 0
    assert ink(image, QRectF(132.5, 103.5, 2, 1.5)) > 0
    assert ink(image, QRectF(126, 103.5, 3, 1.5)) == 0  # no diamond below the line
