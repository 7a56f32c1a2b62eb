"""take_screenshot renders the real window to a PNG of the requested size."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from bpo_desktop.core.samples import CONTRACTS, ONBOARDING, ONBOARDING_REWORK
from bpo_desktop.ui.screenshot import take_screenshot


def _distinct_colours(image: QImage, step: int = 7) -> int:
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


def test_writes_a_non_blank_png_of_the_requested_size(
    qapp,
    sample_file: Path,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    out = tmp_path / "shot.png"
    figures = take_screenshot(sample_file, out, ONBOARDING, size=(1000, 700))
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1000, 700)
    assert _distinct_colours(image) >= 8  # grid, strokes, text, panel, selection...
    assert figures["open_to_first_paint_ms"] > 0


def test_default_size_and_first_process(qapp, sample_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "default.png"
    take_screenshot(sample_file, out)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)


def test_each_process_renders_differently(qapp, sample_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    images = []
    for i, name in enumerate([ONBOARDING, ONBOARDING_REWORK, CONTRACTS]):
        out = tmp_path / f"p{i}.png"
        take_screenshot(sample_file, out, name, size=(800, 500))
        images.append(QImage(str(out)))
    assert images[0] != images[1] and images[1] != images[2]


def test_an_unknown_process_names_the_available_ones(
    qapp,
    sample_file: Path,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    out = tmp_path / "none.png"
    with pytest.raises(ValueError, match="no process named 'Nope'") as info:
        take_screenshot(sample_file, out, "Nope")
    for name in (ONBOARDING, ONBOARDING_REWORK, CONTRACTS):
        assert repr(name) in str(info.value)
    assert not out.exists()
