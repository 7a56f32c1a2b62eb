"""What a user sees of an exclusive gateway's X (isMarkerVisible) and of a label's own colour."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from support.corpus import corpus_file
from support.scene_pixels import diagram, edge, ink, pixels, render, shape

from bpo_desktop.core.interchange.bpmn import import_bpmn
from bpo_desktop.core.model import Bounds, EdgeLayout, Flow, FlowKind, Node, NodeKind
from bpo_desktop.ui.canvas.scene import DiagramScene


def task(node_id: str) -> Node:
    return Node(node_id, NodeKind.TASK)


def test_an_exclusive_gateway_shows_its_x_only_when_its_diagram_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    shown = shape(40, 40, 50, 50)
    hidden = shape(140, 40, 50, 50, marker_visible=False)  # type: ignore[arg-type]
    process = diagram(
        (Node("X1", NodeKind.EXCLUSIVE_GATEWAY), shown),
        (Node("X2", NodeKind.EXCLUSIVE_GATEWAY), hidden),
        (Node("P", NodeKind.PARALLEL_GATEWAY), shape(240, 40, 50, 50, marker_visible=False)),  # type: ignore[arg-type]
    )
    image = render(process)
    centre = 8  # the X crosses the centre; the diamond's outline is 25 units away
    assert ink(image, QRectF(65 - centre / 2, 65 - centre / 2, centre, centre)) > 0
    assert ink(image, QRectF(165 - centre / 2, 65 - centre / 2, centre, centre)) == 0
    # the flag is only about the X: a parallel gateway keeps its +
    assert ink(image, QRectF(265 - centre / 2, 65 - centre / 2, centre, centre)) > 0


def _reddish(colour: QColor) -> bool:
    return colour.red() > 150 and colour.green() < 110 and colour.blue() < 110


def test_a_label_uses_its_own_colour_before_its_lines_colour(qtbot) -> None:  # type: ignore[no-untyped-def]
    line = "#e53935"  # red line
    label = QRectF(150, 70, 60, 20)
    plain = diagram(
        (task("A"), shape(20, 60, 100, 80)),
        (task("B"), shape(260, 60, 100, 80)),
        (
            Flow("F", "A", "B", name="Approved"),
            EdgeLayout(edge((120, 100), (260, 100)).waypoints, Bounds(150, 70, 60, 20), line),
        ),
    )
    image = render(plain)
    text = [c for c in pixels(image, label) if c.lightness() < 200]
    assert text and sum(map(_reddish, text)) > len(text) / 2  # follows the line, as bpmn.io
    black = plain.layout["F"]
    assert isinstance(black, EdgeLayout)
    plain.layout["F"] = replace(black, label_colour="#000000")
    image = render(plain)
    text = [c for c in pixels(image, label) if c.lightness() < 200]
    assert text and not any(_reddish(c) for c in text)


def test_c80_draws_black_labels_on_orange_lines_and_keeps_its_x(qtbot) -> None:  # type: ignore[no-untyped-def]
    path = corpus_file("miwg-reference/C.8.0.bpmn")
    process = import_bpmn(path.read_bytes(), source=path.name).processes[0]
    scene = DiagramScene()
    try:
        scene.show_process(process)
        labelled = [f for f in process.flows() if f.name]
        for flow in labelled:
            item = scene.item_for(flow.id)
            assert item is not None and item.label is not None
            assert item.label.colour == "#000000"
        gateways = [n for n in process.nodes() if n.kind is NodeKind.EXCLUSIVE_GATEWAY]
        assert gateways
        for gateway in gateways:
            item = scene.item_for(gateway.id)
            assert item is not None and item.marker_visible  # type: ignore[attr-defined]
    finally:
        scene.clear()


def test_labels_use_the_bundled_arial_metric_font(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFontInfo, QFontMetricsF

    from bpo_desktop.ui.canvas import theme

    font = theme.font()
    assert QFontInfo(font).family() == "Liberation Sans"
    # Arial's advance widths at 12 px: "Fetch Vacation Information" lays out 142.4 units wide,
    # so it wraps in a 100-unit task exactly where the MIWG reference pictures wrap it.
    assert abs(QFontMetricsF(font).horizontalAdvance("Fetch Vacation Information") - 142.4) < 0.5


def test_a_message_flow_shows_its_envelope_white_or_grey_at_its_middle(qtbot) -> None:  # type: ignore[no-untyped-def]
    def envelope_pixels(message: str) -> list[QColor]:
        process = diagram(
            (task("A"), shape(20, 20, 100, 60)),
            (task("B"), shape(20, 180, 100, 60)),
            (
                Flow("M", "A", "B", FlowKind.MESSAGE),
                EdgeLayout(edge((70, 80), (70, 180)).waypoints, message_visible=message),
            ),
        )
        image = render(process, QRectF(0, 0, 200, 260))
        return list(pixels(image, QRectF(62, 126, 6, 8)))  # left half of the envelope

    plain = envelope_pixels("")
    assert all(c.lightness() > 240 for c in plain)  # a dashed line only, nothing beside it
    initiating = envelope_pixels("initiating")
    assert any(c.lightness() < 120 for c in initiating)  # its outline
    assert sum(c.lightness() > 240 for c in initiating) > len(initiating) / 2  # white inside
    reply = envelope_pixels("non_initiating")
    assert sum(60 < c.lightness() < 200 for c in reply) > len(reply) / 2  # grey inside
