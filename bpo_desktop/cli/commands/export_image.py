"""Diagram formats of `bpo-desktop export`: png, svg and pdf.

Options: --scale (png: pixels per scene unit; tiled pdf: print scale), --dpi, --page with
--landscape/--portrait, --tile (pdf over several pages) and --transparent (png). With
--scenario the scenario's to-be diagram is drawn. Qt is imported only when a format runs.
"""

from __future__ import annotations

import argparse
import math
from typing import TYPE_CHECKING, Any

from bpo_desktop.core.model import Process, effective_process

if TYPE_CHECKING:
    from bpo_desktop.cli.commands.export import ExportRequest
    from bpo_desktop.ui.export.page import PageSpec
    from bpo_desktop.ui.export.render import DiagramRender


def positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"{text} must be a positive number")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("png, svg, pdf and report options")
    add_once(parser, group, "--scenario", metavar="NAME", help="draw or report this scenario")
    group.add_argument(
        "--scale", type=positive, default=1.0, metavar="N",
        help="png: pixels per diagram unit; tiled pdf: print scale (default 1)",
    )  # fmt: skip
    group.add_argument(
        "--dpi", type=positive, metavar="N",
        help="png: resolution (with --page: the page is rendered at this DPI)",
    )  # fmt: skip
    group.add_argument(
        "--page", metavar="SIZE", help="paper: A5, A4, A3, A2, A1, A0, Letter, Legal, Tabloid"
    )
    turn = group.add_mutually_exclusive_group()
    turn.add_argument("--landscape", action="store_true", help="landscape paper")
    turn.add_argument("--portrait", action="store_true", help="portrait paper")
    group.add_argument(
        "--tile", action="store_true",
        help="pdf: tile over several pages at --scale instead of fitting one",
    )  # fmt: skip
    group.add_argument("--transparent", action="store_true", help="png: no background")


def add_once(
    parser: argparse.ArgumentParser, group: argparse._ArgumentGroup, flag: str, **kwargs: Any
) -> None:
    """Another format may already have added a shared option such as --scenario."""
    if flag not in parser._option_string_actions:
        group.add_argument(flag, **kwargs)


def drawn_process(request: ExportRequest) -> Process:
    """The process to draw: the scenario's to-be when --scenario names one."""
    return effective_process(request.process, getattr(request.args, "scenario", None))


def page_spec(args: argparse.Namespace, default: str | None = None) -> PageSpec | None:
    from bpo_desktop.ui.export.page import Orientation, PageSpec, page_size_id

    size = args.page or default
    if size is None:
        return None
    page_size_id(size)  # an unknown size is bad input: fail before rendering
    orientation = Orientation.AUTO
    if args.landscape:
        orientation = Orientation.LANDSCAPE
    elif args.portrait:
        orientation = Orientation.PORTRAIT
    return PageSpec(size, orientation)


def _render(request: ExportRequest) -> DiagramRender:
    from bpo_desktop.ui.export import ensure_application
    from bpo_desktop.ui.export.render import DiagramRender

    process = drawn_process(request)
    ensure_application()
    return DiagramRender(process)


def write_png(request: ExportRequest) -> bytes:
    from bpo_desktop.ui.export.raster import RasterOptions, render_png

    args = request.args
    options = RasterOptions(
        scale=args.scale, dpi=args.dpi, page=page_spec(args), transparent=args.transparent
    )
    return render_png(_render(request), options)


def write_svg(request: ExportRequest) -> bytes:
    from bpo_desktop.ui.export.svg import render_svg

    return render_svg(_render(request))


def write_pdf(request: ExportRequest) -> bytes:
    from bpo_desktop.ui.export.pdf import PdfMode, PdfOptions, render_pdf

    args = request.args
    page = page_spec(args, default="A4")
    assert page is not None
    mode = PdfMode.TILE if args.tile else PdfMode.FIT
    return render_pdf(_render(request), PdfOptions(page=page, mode=mode, scale=args.scale))


# name → (suffix, writer, description), wrapped into `export.Format` by the export command.
FORMATS = {
    "png": (".png", write_png, "PNG image of the diagram"),
    "svg": (".svg", write_svg, "SVG drawing of the diagram"),
    "pdf": (".pdf", write_pdf, "PDF of the diagram"),
}
