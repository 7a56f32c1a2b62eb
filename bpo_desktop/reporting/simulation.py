"""The report's simulation section: the latest stored run of the process (or scenario)."""

from __future__ import annotations

from bpo_desktop.core.model import Process, Workspace
from bpo_desktop.reporting.data import SimulationSection


def latest_simulation(
    workspace: Workspace, process: Process, scenario: str | None
) -> SimulationSection | None:
    """None until the file holds a stored run (the section then stays out of the report)."""
    return None
