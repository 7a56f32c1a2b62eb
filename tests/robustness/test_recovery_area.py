"""The recovery area (Qt-free): snapshots beside, never over, the user's file; orphans of a
session that was killed are found by the next one; nothing is deleted unless asked."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.storage.recovery import RecoveryArea, new_key

CRASHING_SESSION = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from bpo_desktop.core.samples import sample_workspace
    from bpo_desktop.core.storage.recovery import RecoveryArea
    area = RecoveryArea(Path(sys.argv[1]))
    area.start_session()
    workspace = sample_workspace()
    workspace.name = "Unsaved workshop notes"
    area.write("00112233aabbccdd", workspace, Path(sys.argv[2]))
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def _crash_a_session(root: Path, original: Path) -> None:
    subprocess.run([sys.executable, "-c", CRASHING_SESSION, str(root), str(original)], check=False)


def test_a_snapshot_goes_to_the_area_and_describes_itself(
    area: RecoveryArea, sample_file: Path, digest: Callable[[Path], str]
) -> None:
    before = digest(sample_file)
    workspace = sample_workspace()
    snapshot = area.write(new_key(), workspace, sample_file)
    assert snapshot.bpo_path.parent == area.root and snapshot.bpo_path.is_file()
    assert digest(sample_file) == before  # never over the user's file
    info = json.loads(snapshot.sidecar.read_text())
    assert info["original"] == str(sample_file)
    assert info["processes"] == [p.name for p in workspace.processes.values()]
    assert info["counts"] == {p.name: len(p.elements) for p in workspace.processes.values()}
    line = snapshot.describe()
    assert str(sample_file) in line and f"{len(workspace.processes)} process(es)" in line
    assert area.orphans() == []  # this session's own snapshots are not orphans


def test_a_running_session_is_not_an_orphan(tmp_path: Path, sample_file: Path) -> None:
    running = RecoveryArea(tmp_path / "recovery")
    running.start_session()
    running.write(new_key(), sample_workspace(), sample_file)
    other = RecoveryArea(tmp_path / "recovery")
    other.start_session()
    assert other.orphans() == []
    running.end_session()  # ended without removing its snapshot: now it is offered
    assert len(other.orphans()) == 1
    other.end_session()


def test_a_killed_session_leaves_its_snapshot_for_the_next_start(
    tmp_path: Path, sample_file: Path
) -> None:
    root = tmp_path / "recovery"
    _crash_a_session(root, sample_file)
    area = RecoveryArea(root)
    area.start_session()
    [snapshot] = area.orphans()
    assert snapshot.original == sample_file and snapshot.name == "Unsaved workshop notes"
    assert snapshot.processes == tuple(p.name for p in sample_workspace().processes.values())
    key = new_key()
    recovered = area.recover(snapshot, key)
    expected = sample_workspace()
    expected.name = "Unsaved workshop notes"
    assert recovered == expected
    assert (root / f"{area.session}-{key}.bpo").is_file()  # now this session's, until saved
    assert not snapshot.sidecar.exists() and area.orphans() == []
    area.remove(key)
    area.end_session()
    assert sorted(p.name for p in root.iterdir()) == []


def test_keep_and_discard(tmp_path: Path, sample_file: Path) -> None:
    root = tmp_path / "recovery"
    _crash_a_session(root, sample_file)
    first = RecoveryArea(root)
    first.start_session()
    assert len(first.orphans()) == 1
    first.end_session()  # "Keep for later": nothing touched
    second = RecoveryArea(root)
    second.start_session()
    [snapshot] = second.orphans()
    second.discard(snapshot)
    assert second.orphans() == []
    assert not snapshot.bpo_path.exists()


def test_unreadable_sidecars_are_left_alone(area: RecoveryArea) -> None:
    stray = area.root / "0123456789abcdef-0123456789abcdef.json"
    stray.write_text("{not json")
    other = area.root / "notes.json"
    other.write_text("{}")
    assert area.orphans() == []
    assert stray.exists() and other.exists()  # never delete what we cannot read
