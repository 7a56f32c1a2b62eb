"""The `minutes` format of `bpo-desktop export`: a workshop session's minutes as HTML, or as
Markdown when OUT ends in `.md`. `--session NAME` picks the session (default: the current one,
else the latest); `--preread` writes the pre-read instead (purpose, agenda, planning sheet); an
OUT ending in `.csv` gets the session's actions as CSV."""

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
    group.add_argument(
        "--preread", action="store_true", help="minutes: the pre-read (purpose, agenda, planning)"
    )


def write_minutes(request: ExportRequest) -> bytes:
    from bpo_desktop.core.workshop.minutes import gather, pick_session, render
    from bpo_desktop.core.workshop.preread import gather_preread, render_preread

    workspace = request.workspace
    source = str(request.args.file)
    session = pick_session(workspace, getattr(request.args, "session", None), source)
    markdown = request.output.suffix.lower() in (".md", ".markdown")
    if request.output.suffix.lower() == ".csv":
        from bpo_desktop.core.workshop.actions_csv import actions_csv

        text = actions_csv(workspace, session)
    elif getattr(request.args, "preread", False):
        text = render_preread(gather_preread(workspace, session), markdown=markdown)
    else:
        text = render(gather(workspace, session), markdown=markdown)
    return text.encode("utf-8")
