"""Export benchmark: PNG, SVG, PDF (fitted and tiled) and the HTML and PDF report of a
generated 5,000-element process, through the same renderer the GUI and CLI use.

Run: `uv run python benchmarks/export.py [--elements N] [--repeat R]`. Prints one line per
format (median milliseconds, output size) and one JSON line last.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bpo_desktop.core.samples.generated import generated_workspace
from bpo_desktop.ui.export import ensure_application
from bpo_desktop.ui.export.page import Orientation, PageSpec
from bpo_desktop.ui.export.pdf import PdfMode, PdfOptions, render_pdf
from bpo_desktop.ui.export.raster import RasterOptions, render_png
from bpo_desktop.ui.export.render import DiagramRender
from bpo_desktop.ui.export.report import make_report, report_html, report_pdf
from bpo_desktop.ui.export.svg import render_svg


def _timed(run: Callable[[], bytes], repeat: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(run())
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--elements", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ensure_application()
    workspace = generated_workspace(args.elements)
    process = next(iter(workspace.processes.values()))
    start = time.perf_counter()
    render = DiagramRender(process)
    build_ms = (time.perf_counter() - start) * 1000
    width, height = render.rect.width(), render.rect.height()
    print(f"{len(process.elements)} elements, drawing {width:.0f} x {height:.0f} units; "
          f"offscreen scene built in {build_ms:.0f} ms")  # fmt: skip
    # The widest PNG a reader handles well: 32,000 px.
    png_scale = min(1.0, 32_000 / width)
    a3 = PageSpec("A3", Orientation.LANDSCAPE)
    cases: dict[str, Callable[[], bytes]] = {
        "png": lambda: render_png(render, RasterOptions(scale=png_scale)),
        "png_a3_300dpi": lambda: render_png(render, RasterOptions(dpi=300, page=a3)),
        "svg": lambda: render_svg(render),
        "pdf_fit_a3": lambda: render_pdf(render, PdfOptions(page=a3)),
        "pdf_tiled_a3": lambda: render_pdf(render, PdfOptions(page=a3, mode=PdfMode.TILE)),
        "html": lambda: report_html(make_report(workspace, process, file_name="bench.bpo")[0]),
        "report_pdf": lambda: report_pdf(
            *make_report(workspace, process, file_name="b.bpo", inline_svg=False)
        ),
    }
    figures: dict[str, float | int] = {
        "elements": len(process.elements),
        "scene_build_ms": round(build_ms, 1),
        "png_scale": round(png_scale, 4),
    }
    for name, run in cases.items():
        ms, size = _timed(run, args.repeat)
        print(f"{name:<14} {ms:9.0f} ms  {size / 1e6:8.2f} MB")
        figures[f"{name}_ms"] = round(ms, 1)
        figures[f"{name}_bytes"] = size
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
