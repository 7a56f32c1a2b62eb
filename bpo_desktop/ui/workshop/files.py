"""The workshop's file work: writing the minutes and merging a breakout copy's notes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from bpo_desktop.core.errors import InputError
from bpo_desktop.core.storage import read_workspace
from bpo_desktop.core.workshop.actions_csv import actions_csv
from bpo_desktop.core.workshop.merge import plan_merge
from bpo_desktop.core.workshop.minutes import gather, render
from bpo_desktop.core.workshop.preread import gather_preread, render_preread

if TYPE_CHECKING:
    from bpo_desktop.ui.workshop.install import Workshop

MARKDOWN = (".md", ".markdown")


def export_minutes(workshop: Workshop, path: Path, *, preread: bool = False) -> Path | None:
    """Write the shown session's minutes, or its pre-read (Markdown for .md, else HTML)."""
    session, workspace = workshop.session(), workshop.workspace()
    if session is None or workspace is None:
        return None
    if path.suffix.lower() not in (".html", ".htm", ".csv", *MARKDOWN):
        path = path.with_suffix(".html")
    markdown = path.suffix.lower() in MARKDOWN
    if path.suffix.lower() == ".csv":
        text = actions_csv(workspace, session)
    elif preread:
        text = render_preread(gather_preread(workspace, session), markdown=markdown)
    else:
        text = render(gather(workspace, session), markdown=markdown)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        workshop.show_error(
            "Cannot export minutes", f"{path}: cannot write ({exc.strerror or exc})"
        )
        return None
    workshop.message(f"{'Pre-read' if preread else 'Minutes'} written to {path}")
    return path


def merge_from(workshop: Workshop, path: Path) -> str | None:
    """Merge another copy's notes, votes, actions … as one undo step; returns the summary."""
    workspace, edits, window = workshop.workspace(), workshop.edits, workshop.window
    if workspace is None or edits is None:
        return None
    if window.path is not None and path.resolve() == window.path.resolve():
        workshop.show_error("Cannot merge", f"{path} is the file that is open: pick the other copy")
        return None
    try:
        theirs = read_workspace(path)
    except (InputError, OSError) as exc:
        workshop.show_error("Cannot merge", str(exc))
        return None
    plan = plan_merge(workspace, theirs)
    edits.apply_merge(plan, f"Merge notes from {path.name}")
    summary = f"{path.name}: {plan.summary()}"
    details = plan.conflicts + plan.notes
    if details:
        summary += "\n" + "\n".join(f"• {line}" for line in details)
    workshop.panel.show_message(summary)
    workshop.message(summary.splitlines()[0])
    workshop.refresh()
    return summary
