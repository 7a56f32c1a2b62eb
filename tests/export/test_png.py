"""PNG export: decodes, is not blank, has the size the scale, DPI and page ask for."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from bpo_desktop.core.model import Process
from bpo_desktop.ui.export.page import Orientation, PageSpec
from bpo_desktop.ui.export.raster import RasterOptions, render_png
from bpo_desktop.ui.export.render import DiagramRender, ExportError


def decode(data: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(data, "PNG"), "the PNG does not decode"
    return image


def ink_share(image: QImage, step: int = 3) -> float:
    """The share of sampled pixels that are neither white nor transparent."""
    inked = total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colour = image.pixelColor(x, y)
            total += 1
            if colour.alpha() > 0 and (colour.red(), colour.green(), colour.blue()) != (255,) * 3:
                inked += 1
    return inked / total


@pytest.mark.parametrize("scale", [0.5, 1.0, 2.0, 3.0])
def test_png_has_the_size_of_the_diagram_times_the_scale(
    qapp: object, onboarding: Process, scale: float
) -> None:
    render = DiagramRender(onboarding)
    image = decode(render_png(render, RasterOptions(scale=scale)))
    assert image.width() == pytest.approx(render.rect.width() * scale, abs=1)
    assert image.height() == pytest.approx(render.rect.height() * scale, abs=1)
    assert 0.02 < ink_share(image) < 0.6  # a drawing, not a blank or a black box


def test_dpi_without_a_page_scales_from_96_dpi(qapp: object, onboarding: Process) -> None:
    render = DiagramRender(onboarding)
    image = decode(render_png(render, RasterOptions(dpi=192)))
    assert image.width() == pytest.approx(render.rect.width() * 2, abs=1)
    assert round(image.dotsPerMeterX() * 0.0254) == 192


def test_a3_at_300_dpi_is_at_least_4961_by_3508(qapp: object, onboarding: Process) -> None:
    page = PageSpec("A3", Orientation.LANDSCAPE)
    image = decode(render_png(DiagramRender(onboarding), RasterOptions(dpi=300, page=page)))
    assert image.width() >= 4961 and image.height() >= 3508
    assert ink_share(image, step=11) > 0.01


def test_portrait_page_is_taller_than_wide(qapp: object, onboarding: Process) -> None:
    page = PageSpec("A4", Orientation.PORTRAIT)
    image = decode(render_png(DiagramRender(onboarding), RasterOptions(dpi=100, page=page)))
    assert image.height() > image.width()


def test_transparent_background_leaves_the_margin_clear(qapp: object, onboarding: Process) -> None:
    image = decode(render_png(DiagramRender(onboarding), RasterOptions(transparent=True)))
    assert image.hasAlphaChannel()
    assert image.pixelColor(1, 1).alpha() == 0
    assert ink_share(image) > 0.02
    opaque = decode(render_png(DiagramRender(onboarding)))
    assert opaque.pixelColor(1, 1).alpha() == 255


def test_selection_exports_only_those_elements(qapp: object, onboarding: Process) -> None:
    tasks = [n.id for n in onboarding.nodes() if n.kind.is_activity][:2]
    part = DiagramRender(onboarding, tasks)
    whole = DiagramRender(onboarding)
    assert part.rect.width() < whole.rect.width() / 2
    assert {g.element_id for g in part.groups()} == set(tasks)
    assert ink_share(decode(render_png(part))) > 0.02


def test_an_empty_selection_and_a_huge_image_are_refused(qapp: object, onboarding: Process) -> None:
    with pytest.raises(ExportError, match="nothing to export"):
        DiagramRender(onboarding, [])
    with pytest.raises(ExportError, match="too large"):
        render_png(DiagramRender(onboarding), RasterOptions(scale=100))


def test_a_dark_screen_still_exports_the_light_palette(qapp: object, onboarding: Process) -> None:
    from bpo_desktop.ui.canvas import theme

    theme.apply_scheme(True)
    try:
        render = DiagramRender(onboarding)
        image = decode(render_png(render))
        assert theme.DARK  # the screen keeps its scheme
    finally:
        theme.apply_scheme(False)
    assert decode(render_png(render)) == image  # identical to a light-screen export
    assert ink_share(image) < 0.5  # mostly white paper: not the dark palette's fills
