"""A session's actions as CSV (W10): what, who, due, status, linked_to, done_when, one row each,
for a tracker or a spreadsheet. `linked_to` names the step, note or constraint."""

from __future__ import annotations

import csv
import io

from bpo_desktop.core.model import Workspace
from bpo_desktop.core.workshop import store
from bpo_desktop.core.workshop.items import link_label
from bpo_desktop.core.workshop.model import WorkshopSession

COLUMNS = ("what", "who", "due", "status", "linked_to", "done_when")


def actions_csv(workspace: Workspace, session: WorkshopSession) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for action in store.actions(workspace, session.id):
        writer.writerow(
            [
                _safe(action.what),
                _safe(action.owner),
                _safe(action.due),
                action.status,
                _safe(link_label(workspace, action.link)),
                _safe(action.done_definition),
            ]
        )
    return out.getvalue()


def _safe(text: str) -> str:
    """No formula injection when the CSV is opened in a spreadsheet."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text
