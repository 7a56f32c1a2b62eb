"""Label text never overflows its box: it wraps, and what does not fit is elided."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF

from bpo_desktop.ui.canvas import theme
from bpo_desktop.ui.canvas.text import wrap_text


@pytest.fixture(autouse=True)
def _app(qapp) -> None:  # type: ignore[no-untyped-def]
    """Font metrics need a QGuiApplication."""


def _width(line: str) -> float:
    return QFontMetricsF(theme.font()).horizontalAdvance(line)


def test_short_text_stays_on_one_line() -> None:
    assert wrap_text("Collect payment", 200, 60) == ("Collect payment",)


def test_long_text_wraps_within_the_width() -> None:
    lines = wrap_text("Enter customer and contract details in the CRM", 100, 200)
    assert len(lines) > 1
    assert all(_width(line) <= 100 for line in lines)
    assert " ".join(lines) == "Enter customer and contract details in the CRM"


def test_text_that_does_not_fit_the_height_is_elided() -> None:
    text = "a very long task name that goes on and on and certainly needs more than two lines"
    lines = wrap_text(text, 100, 30)  # room for two lines of 12 px text
    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert all(_width(line) <= 100 for line in lines)


def test_a_word_longer_than_the_box_is_broken() -> None:
    lines = wrap_text("Supercalifragilisticexpialidocious", 60, 200)
    assert len(lines) > 1
    assert "".join(lines) == "Supercalifragilisticexpialidocious"
    assert all(_width(line) <= 60 for line in lines)
