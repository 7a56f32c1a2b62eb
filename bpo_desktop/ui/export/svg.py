"""SVG export: vector shapes, text kept as text with its font family named, one `<g>` per shape.

QSvgGenerator writes one flat `<g>` per painter state, so a whole-diagram pass would not say
which shapes the paths belong to. Each element is therefore painted into its own small
generator pass and its body is wrapped in a group that names the element (id, kind, name and a
`<title>`). Composition is plain text assembly of Qt's own well-formed output: no XML library.
"""

from __future__ import annotations

import re
from functools import cache
from html import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QFontInfo, QPainter
from PySide6.QtSvg import QSvgGenerator

from bpo_desktop.ui.canvas import theme
from bpo_desktop.ui.export.render import DiagramRender, Group


@cache
def font_family() -> str:
    """The CSS family list for labels: the font the text was laid out with first (so a viewer
    that has it wraps nothing differently), then the canvas's fallbacks and a generic family."""
    used = QFontInfo(theme.font()).family()
    names = dict.fromkeys([used, *theme.font().families()[:-1]])  # unique, in order
    return ", ".join(f"'{n}'" for n in names) + ", sans-serif"


def render_svg(render: DiagramRender, *, title: str | None = None) -> bytes:
    """The diagram as a standalone SVG document (UTF-8)."""
    rect = render.rect
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'width="{_n(rect.width())}" height="{_n(rect.height())}" '
        f'viewBox="{_n(rect.x())} {_n(rect.y())} {_n(rect.width())} {_n(rect.height())}">\n',
        f"<title>{escape(title if title is not None else render.process.name)}</title>\n",
        f'<rect x="{_n(rect.x())}" y="{_n(rect.y())}" width="{_n(rect.width())}" '
        f'height="{_n(rect.height())}" fill="#ffffff" class="bpo-background"/>\n',
    ]
    parts.extend(_group(render, group, rect) for group in render.groups())
    parts.append("</svg>\n")
    return "".join(parts).encode("utf-8")


def svg_fragment(render: DiagramRender) -> str:
    """The document without the XML declaration, for inlining in HTML."""
    text = render_svg(render).decode("utf-8")
    return text[text.index("<svg") :]


def _group(render: DiagramRender, group: Group, rect: QRectF) -> str:
    body = _paint_body(render, group, rect)
    name = escape(group.name)
    title = f"<title>{name}</title>" if group.name else ""
    return (
        f'<g id="{escape(group.element_id)}" class="bpo-shape bpo-{group.kind}" '
        f'data-element-id="{escape(group.element_id)}" data-kind="{group.kind}" '
        f'data-name="{name}">{title}\n{body}</g>\n'
    )


def _paint_body(render: DiagramRender, group: Group, rect: QRectF) -> str:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(max(1, round(rect.width())), max(1, round(rect.height()))))
    generator.setViewBox(rect)
    painter = QPainter(generator)
    render.paint(painter, group.items)
    painter.end()
    text = bytes(data.data()).decode("utf-8")
    # Keep only the drawing: Qt's state groups between its (empty) <defs> and </svg>.
    start = text.index("</defs>") + len("</defs>")
    body = text[start : text.rindex("</svg>")].strip()
    body = _EMPTY_GROUP.sub("", body)
    qt_family = f'font-family="{",".join(theme.font().families())}"'
    return body.replace(qt_family, f'font-family="{font_family()}"').replace(
        'font-family="Sans Serif"', 'font-family="sans-serif"'
    )


_EMPTY_GROUP = re.compile(r"<g [^<>]*>\s*</g>\s*")


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
