"""PDF export: renders with pdftoppm, its text holds every step name, fitted and tiled."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from export.export_support import (
    HOSTILE,
    flat,
    hostile_workspace,
    pdf_pages,
    pdf_text,
    pdf_to_pngs,
    step_names,
)
from PySide6.QtGui import QImage

from bpo_desktop.core.model import Process
from bpo_desktop.ui.export.page import Orientation, PageSpec
from bpo_desktop.ui.export.pdf import PdfMode, PdfOptions, render_pdf
from bpo_desktop.ui.export.render import DiagramRender


def write(tmp_path: Path, data: bytes, name: str = "out.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def not_blank(png: Path) -> bool:
    image = QImage(str(png))
    assert not image.isNull()
    dark = sum(
        1
        for y in range(0, image.height(), 4)
        for x in range(0, image.width(), 4)
        if image.pixelColor(x, y).lightness() < 200
    )
    return dark > 50


def page_size_pt(path: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)
    assert found is not None, info.stdout
    return float(found.group(1)), float(found.group(2))


def test_fitted_pdf_is_one_page_with_every_step_name_as_text(
    qapp: object, onboarding: Process, tmp_path: Path
) -> None:
    path = write(tmp_path, render_pdf(DiagramRender(onboarding)))
    assert pdf_pages(path) == 1
    text = flat(pdf_text(path))
    for name in step_names(onboarding):
        assert flat(name) in text, name
    (png,) = pdf_to_pngs(path, tmp_path)
    assert not_blank(png)


def test_page_size_and_orientation(qapp: object, onboarding: Process, tmp_path: Path) -> None:
    a3 = PdfOptions(page=PageSpec("A3", Orientation.LANDSCAPE))
    width, height = page_size_pt(write(tmp_path, render_pdf(DiagramRender(onboarding), a3)))
    assert (round(width), round(height)) == (1191, 842)  # A3 landscape in points
    letter = PdfOptions(page=PageSpec("Letter", Orientation.PORTRAIT))
    path = write(tmp_path, render_pdf(DiagramRender(onboarding), letter), "letter.pdf")
    assert tuple(round(v) for v in page_size_pt(path)) == (612, 792)


def test_tiled_pdf_spreads_the_diagram_over_labelled_pages(
    qapp: object, onboarding: Process, tmp_path: Path
) -> None:
    options = PdfOptions(page=PageSpec("A4", Orientation.PORTRAIT), mode=PdfMode.TILE, scale=1.5)
    path = write(tmp_path, render_pdf(DiagramRender(onboarding), options))
    pages = pdf_pages(path)
    assert pages >= 2
    text = flat(pdf_text(path))
    for name in step_names(onboarding):
        assert flat(name) in text, name
    grid = re.search(r"row 1 of (\d+), column 1 of (\d+)", text)
    assert grid is not None, text
    rows, columns = int(grid.group(1)), int(grid.group(2))
    assert rows * columns == pages
    for row in range(1, rows + 1):
        for column in range(1, columns + 1):
            assert f"r{row}c{column}" in text
    pngs = pdf_to_pngs(path, tmp_path)
    assert len(pngs) == pages
    assert sum(not_blank(p) for p in pngs) >= 2


def test_larger_print_scale_needs_more_tiles(
    qapp: object, onboarding: Process, tmp_path: Path
) -> None:
    render = DiagramRender(onboarding)
    counts = []
    for scale in (0.5, 1.0, 3.0):
        options = PdfOptions(mode=PdfMode.TILE, scale=scale)
        counts.append(pdf_pages(write(tmp_path, render_pdf(render, options), f"{scale}.pdf")))
    assert counts[0] == 1 and counts[0] < counts[1] < counts[2]


@pytest.mark.parametrize("mode", [PdfMode.FIT, PdfMode.TILE])
def test_vector_output_has_no_bitmaps(
    qapp: object, onboarding: Process, tmp_path: Path, mode: PdfMode
) -> None:
    path = write(tmp_path, render_pdf(DiagramRender(onboarding), PdfOptions(mode=mode)))
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True)
    listed = [line for line in images.stdout.splitlines()[2:] if line.strip()]
    assert listed == []  # shapes and text are vectors: nothing was rasterised


def test_a_fitted_large_diagram_keeps_every_label_for_zooming_in(
    qapp: object, tmp_path: Path
) -> None:
    """A PDF is zoomable: unlike the screen, tiny shapes keep their text (no level of detail)."""
    from bpo_desktop.core.samples.generated import generated_workspace

    process = next(iter(generated_workspace(600).processes.values()))
    render = DiagramRender(process)
    assert render.rect.width() > 20_000  # on A4, labels are far below a readable size
    path = write(tmp_path, render_pdf(render, PdfOptions(page=PageSpec("A4"))))
    words = set(flat(pdf_text(path)).split())
    numbers = {n.name.split()[-1] for n in process.nodes() if n.name.startswith("Step ")}
    assert len(numbers) > 150 and numbers <= words


def test_pdf_text_reads_as_typed_without_ligatures(qapp: object, tmp_path: Path) -> None:
    process = next(iter(hostile_workspace().processes.values()))
    path = write(tmp_path, render_pdf(DiagramRender(process)))
    raw = " ".join(pdf_text(path).split())  # not NFKC-normalised: "ﬀ" would stay "ﬀ"
    assert "offers" in raw and "fix" in raw
    assert " ".join(HOSTILE.split()) in raw
