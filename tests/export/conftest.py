"""Export test fixtures: offscreen Qt, the sample workspace and a hostile one, saved to files."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

from pathlib import Path

import pytest
from export.export_support import ONBOARDING, hostile_workspace

from bpo_desktop.core.model import Process, Workspace
from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.storage import save_workspace_as


@pytest.fixture
def workspace() -> Workspace:
    return sample_workspace()


@pytest.fixture
def onboarding(workspace: Workspace) -> Process:
    return workspace.process_by_name(ONBOARDING)


@pytest.fixture
def sample_file(tmp_path: Path, workspace: Workspace) -> Path:
    path = tmp_path / "sample.bpo"
    save_workspace_as(workspace, path)
    return path


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.bpo"
    save_workspace_as(hostile_workspace(), path)
    return path
