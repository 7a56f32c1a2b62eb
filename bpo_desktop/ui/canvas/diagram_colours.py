"""Diagram colours (bpmn.io's `bioc:fill`/`bioc:stroke`, the OMG's `color:` attributes): an
element painted with its own fill and stroke instead of the theme's."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from PySide6.QtGui import QColor

from bpo_desktop.ui.canvas import theme


@lru_cache(maxsize=256)
def parse_colour(text: str) -> QColor | None:
    """A CSS colour from a diagram ("#cce5ff", "red", "rgb(…)"…); None when Qt cannot read it."""
    colour = QColor.fromString(text.strip()) if text.strip() else QColor()
    if not colour.isValid() and text.strip().startswith("rgb"):
        numbers = [p.strip() for p in text.strip()[text.find("(") + 1 : -1].split(",")]
        if len(numbers) >= 3 and all(n.isdigit() for n in numbers[:3]):
            colour = QColor(*(min(int(n), 255) for n in numbers[:3]))
    return colour if colour.isValid() else None


@contextmanager
def painted_with(fill: str = "", stroke: str = "", text: str = "") -> Iterator[None]:
    """Paint with an element's own colours: the painters read the theme's at paint time, so
    they are swapped for the duration. Text follows the stroke, as in bpmn.io, unless the
    label has its own colour (`text`)."""
    fill_colour, stroke_colour = parse_colour(fill), parse_colour(stroke)
    text_colour = parse_colour(text)
    if fill_colour is None and stroke_colour is None and text_colour is None:
        yield
        return
    saved = theme.FILL, theme.STROKE, theme.TEXT
    try:
        if fill_colour is not None:
            theme.FILL = fill_colour
        if stroke_colour is not None:
            theme.STROKE = theme.TEXT = stroke_colour
        if text_colour is not None:
            theme.TEXT = text_colour
        yield
    finally:
        theme.FILL, theme.STROKE, theme.TEXT = saved
