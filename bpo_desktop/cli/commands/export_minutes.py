"""The `minutes` format of `bpo-desktop export`: a workshop session's minutes as HTML, or as
Markdown when OUT ends in `.md`. `--session NAME` picks the session (default: the current one,
else the latest)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bpo_desktop.cli.commands.export import ExportRequest


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("minutes options")
    group.add_argument(
        "--session", metavar="NAME", help="minutes: the workshop session (default: current)"
    )


def write_minutes(request: ExportRequest) -> bytes:
    from bpo_desktop.core.workshop.minutes import gather, pick_session, render

    workspace = request.workspace
    source = str(request.args.file)
    session = pick_session(workspace, getattr(request.args, "session", None), source)
    markdown = request.output.suffix.lower() in (".md", ".markdown")
    return render(gather(workspace, session), markdown=markdown).encode("utf-8")
