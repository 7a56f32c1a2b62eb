"""What a user sees of BPMN markers: each test draws a small diagram through the canvas scene
and looks at the pixels where the marker must (or must not) be.
"""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QImage
from support.scene_pixels import SCALE, diagram, edge, ink, pixels, render, shape

from bpo_desktop.core.model import (
    Bounds,
    EdgeLayout,
    Flow,
    Group,
    LoopKind,
    Node,
    NodeKind,
    Point,
    TaskType,
)
from bpo_desktop.ui.canvas import theme
from bpo_desktop.ui.canvas.items import GroupItem
from bpo_desktop.ui.canvas.scene import DiagramScene
from bpo_desktop.ui.canvas.text import wrap_text


def task(node_id: str, **fields: object) -> Node:
    return Node(node_id, NodeKind.TASK, name="", **fields)  # type: ignore[arg-type]


# -- conditional and default flows -----------------------------------------------------------
@pytest.mark.parametrize(
    ("source_kind", "condition", "conditional", "diamond"),
    [
        (NodeKind.TASK, "amount > 100", False, True),  # text makes it conditional
        (NodeKind.TASK, "", True, True),  # an empty conditionExpression (MIWG A.2.1)
        (NodeKind.TASK, "", False, False),
        (NodeKind.EXCLUSIVE_GATEWAY, "amount > 100", True, False),  # the gateway says it
    ],
)
def test_a_condition_out_of_an_activity_starts_with_a_diamond(
    qtbot, source_kind: NodeKind, condition: str, conditional: bool, diamond: bool
) -> None:  # type: ignore[no-untyped-def]
    flow = Flow("F", "A", "B", condition=condition, conditional=conditional)
    process = diagram(
        (Node("A", source_kind), shape(20, 60, 100, 80)),
        (task("B"), shape(260, 60, 100, 80)),
        (flow, edge((120, 100), (260, 100))),
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


# -- activity markers --------------------------------------------------------------------------
def dark(image: QImage, x: float, y: float) -> bool:
    return image.pixelColor(int(x * SCALE), int(y * SCALE)).lightness() < 120


def runs(image: QImage, points: list[tuple[float, float]]) -> int:
    """How many separate dark stretches a line of sample points crosses."""
    count, inside = 0, False
    for x, y in points:
        now = dark(image, x, y)
        count += now and not inside
        inside = now
    return count


def across(y: float, x0: float, x1: float) -> list[tuple[float, float]]:
    return [(x0 + i * 0.1, y) for i in range(int((x1 - x0) * 10))]


def down(x: float, y0: float, y1: float) -> list[tuple[float, float]]:
    return [(x, y0 + i * 0.1) for i in range(int((y1 - y0) * 10))]


# A 100 x 80 task at (20, 60): one bottom marker sits in the 14-unit box at (63, 123).
MARKER = QRectF(63, 123, 14, 14)


@pytest.mark.parametrize(
    ("loop", "vertical_bars", "horizontal_bars"),
    [(LoopKind.MI_PARALLEL, 3, 1), (LoopKind.MI_SEQUENTIAL, 1, 3)],
)
def test_a_multi_instance_task_paints_three_bars(
    qtbot, loop: LoopKind, vertical_bars: int, horizontal_bars: int
) -> None:  # type: ignore[no-untyped-def]
    image = render(diagram((task("A", loop=loop), shape(20, 60, 100, 80))))
    assert runs(image, across(130, 63, 77)) == vertical_bars
    assert runs(image, down(70, 123.5, 136.5)) == horizontal_bars


def test_a_task_without_a_loop_has_no_marker(qtbot) -> None:  # type: ignore[no-untyped-def]
    image = render(diagram((task("A"), shape(20, 60, 100, 80))))
    assert ink(image, MARKER) == 0


def test_a_standard_loop_draws_a_ring_open_at_the_bottom(qtbot) -> None:  # type: ignore[no-untyped-def]
    image = render(diagram((task("A", loop=LoopKind.STANDARD), shape(20, 60, 100, 80))))
    assert runs(image, down(70, 123, 131)) == 1  # the top of the ring
    assert runs(image, across(127, 63, 77)) == 2  # its two sides
    assert not dark(image, 70, 135.5)  # the gap at the bottom


def test_markers_line_up_in_bpmn_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Multi-instance, then [+] of a collapsed sub-process, then compensation, then ad hoc."""
    sub = Node("S", NodeKind.SUBPROCESS, loop=LoopKind.MI_PARALLEL, compensation=True, ad_hoc=True)
    image = render(diagram((sub, shape(20, 60, 100, 80))))
    # four 14-unit boxes with 4-unit gaps, centred on x = 70: 36, 54, 72, 90
    boxes = [QRectF(x, 123, 14, 14) for x in (36, 54, 72, 90)]
    assert all(ink(image, box) > 0 for box in boxes)
    assert runs(image, across(130, 36, 50)) == 3  # the bars come first
    assert dark(image, 54.2, 123.2) and dark(image, 67.8, 136.8)  # then the [+] box's corners


# -- events ------------------------------------------------------------------------------------
def ring_gaps(image: QImage, cx: float, cy: float, r: float) -> int:
    """How many gaps a circle of radius r around (cx, cy) has (0 for a solid ring)."""
    samples = 720
    points = [
        (cx + r * math.cos(2 * math.pi * i / samples), cy + r * math.sin(2 * math.pi * i / samples))
        for i in range(samples)
    ]
    marks = [dark(image, x, y) for x, y in points]
    return sum(1 for a, b in zip(marks, marks[1:] + marks[:1], strict=True) if a and not b)


@pytest.mark.parametrize(("interrupting", "dashed"), [(True, False), (False, True)])
def test_a_non_interrupting_boundary_event_has_dashed_rings(
    qtbot, interrupting: bool, dashed: bool
) -> None:  # type: ignore[no-untyped-def]
    event = Node("E", NodeKind.BOUNDARY_EVENT, attached_to="A", interrupting=interrupting)
    image = render(diagram((task("A"), shape(20, 60, 100, 80)), (event, shape(52, 122, 36, 36))))
    gaps = ring_gaps(image, 70, 140, 17.6)
    assert (gaps >= 6) is dashed, gaps


def test_an_event_subprocess_has_a_dotted_border(qtbot) -> None:  # type: ignore[no-untyped-def]
    plain = Node("P", NodeKind.SUBPROCESS, expanded=True)
    event_sub = Node("E", NodeKind.SUBPROCESS, expanded=True, triggered_by_event=True)
    image = render(
        diagram((plain, shape(10, 20, 180, 120)), (event_sub, shape(210, 20, 180, 120))),
    )
    assert runs(image, across(20, 40, 160)) == 1  # a solid top edge
    assert runs(image, across(20, 240, 360)) > 15  # dots


# -- groups ------------------------------------------------------------------------------------
def test_a_group_is_a_dashed_box_with_its_name_that_lets_clicks_through(qtbot) -> None:  # type: ignore[no-untyped-def]
    process = diagram(
        (Group("G", name="Checks"), shape(10, 10, 300, 180)),
        (task("A"), shape(60, 60, 100, 80)),
    )
    scene = DiagramScene()
    try:
        scene.show_process(process)
        group, inside = scene.item_for("G"), scene.item_for("A")
        assert isinstance(group, GroupItem) and group.label is not None
        assert group.label.isVisible() and group.label.text == "Checks"
        assert group.label.sceneBoundingRect().intersects(group.sceneBoundingRect())
        # a click inside the group finds the task, or nothing, never the group
        assert scene.element_at(QPointF(100, 100)) is inside
        assert scene.element_at(QPointF(250, 150)) is None
        assert scene.element_at(QPointF(10, 100)) is group  # on its border
    finally:
        scene.clear()
    image = render(process, QRectF(0, 0, 400, 200))
    assert runs(image, down(10, 30, 170)) > 5  # dashes down the left side


# -- colours -----------------------------------------------------------------------------------
def test_diagram_colours_fill_and_stroke_the_shape_and_the_flow(qtbot) -> None:  # type: ignore[no-untyped-def]
    process = diagram(
        (task("A"), shape(20, 60, 100, 80, fill="#bbdefb", stroke="#0d4372")),
        (task("B"), shape(260, 60, 100, 80)),
        (Flow("F", "A", "B"), edge((120, 100), (260, 100), stroke="#e53935")),
    )
    image = render(process)
    assert image.pixelColor(40 * SCALE, 80 * SCALE) == QColor("#bbdefb")  # inside A
    assert image.pixelColor(280 * SCALE, 80 * SCALE) == QColor("white")  # B keeps the theme
    border = image.pixelColor(70 * SCALE, int(60.2 * SCALE))
    assert border.blue() > border.red() + 60  # A's dark blue border
    line = image.pixelColor(190 * SCALE, 100 * SCALE)
    assert line.red() > 180 and line.green() < 120  # the red flow


# -- labels from other tools -------------------------------------------------------------------
def test_tight_stored_label_bounds_do_not_break_a_word(qtbot) -> None:  # type: ignore[no-untyped-def]
    """C.2.0 stores "No" in 9 units of width (a narrower font than ours): the label widens
    about its centre rather than drawing "N" over "o"."""
    layout = EdgeLayout((Point(120, 100), Point(260, 100)), label_bounds=Bounds(180, 80, 9, 14))
    process = diagram(
        (task("A"), shape(20, 60, 100, 80)),
        (task("B"), shape(260, 60, 100, 80)),
        (Flow("F", "A", "B", name="No"), layout),
    )
    scene = DiagramScene()
    try:
        scene.show_process(process)
        flow = scene.item_for("F")
        assert flow is not None and flow.label is not None
        rect = flow.label.sceneBoundingRect()
        word = QFontMetricsF(theme.font(theme.EXTERNAL_LABEL_PX)).horizontalAdvance("No")
        assert rect.width() >= word
        assert abs(rect.center().x() - 184.5) < 2.5  # still where the file put it
        lines = wrap_text("No", round(flow.label.rect().width(), 1), 100.0, theme.EXTERNAL_LABEL_PX)
        assert list(lines) == ["No"]
    finally:
        scene.clear()


@pytest.mark.parametrize(
    "name",
    ["Document the identity of the economic owner", "User Task 12 Muti-Inst. Seq.", "Check"],
)
def test_a_name_never_covers_the_task_type_marker(qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    """Small tasks with long names (MIWG C.5.0, B.2.0): the name goes under the marker,
    beside it, or is elided, but the marker's pixels stay the marker's."""
    marker_box = QRectF(26, 66, 17, 17)  # the 15-unit user-task marker at (27, 67), plus a rim

    def marker_pixels(label: str) -> list[int]:
        node = Node(
            "A", NodeKind.TASK, name=label, task_type=TaskType.USER, loop=LoopKind.MI_PARALLEL
        )
        image = render(diagram((node, shape(20, 60, 83, 68))))
        return [c.rgb() for c in pixels(image, marker_box)]

    assert marker_pixels(name) == marker_pixels("")
