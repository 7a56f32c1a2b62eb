"""One writer per `.bpo`: a second window or process is refused or opens read-only, and a lock
left by a killed process never blocks anyone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.cli import bpo

from bpo_desktop.core.interchange.bpmn import export_bpmn
from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.storage import open_workspace, read_workspace, save_workspace_as
from bpo_desktop.core.storage.lock import (
    FileInUseError,
    acquire_writer_lock,
    holder_of,
    lock_path_for,
)

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from bpo_desktop.core.storage.lock import acquire_writer_lock
    lock = acquire_writer_lock(Path(sys.argv[1]))
    print("locked", flush=True)
    time.sleep(120)
    """
)


@pytest.fixture
def other_process() -> Iterator[Callable[[Path], subprocess.Popen[str]]]:
    """Start a process that takes the writer lock of a file and holds it until killed."""
    started: list[subprocess.Popen[str]] = []

    def start(path: Path) -> subprocess.Popen[str]:
        child = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
        )
        started.append(child)
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        return child

    yield start
    for child in started:
        if child.poll() is None:
            child.kill()
        child.wait()


def test_a_second_lock_in_the_same_process_is_refused(sample_file: Path) -> None:
    lock = acquire_writer_lock(sample_file)
    with pytest.raises(FileInUseError) as refused:
        acquire_writer_lock(sample_file)
    assert (
        str(refused.value)
        == f"{sample_file}: the file is open in another window of this BPO Desktop"
    )
    lock.release()
    acquire_writer_lock(sample_file).release()
    assert not lock_path_for(sample_file).exists()  # a clean release leaves no lock file


def test_another_process_holding_the_lock_is_named(sample_file: Path, other_process) -> None:  # type: ignore[no-untyped-def]
    child = other_process(sample_file)
    with pytest.raises(FileInUseError) as refused:
        acquire_writer_lock(sample_file)
    assert f"process {child.pid}" in str(refused.value)
    assert holder_of(sample_file) is not None


def test_a_killed_holder_leaves_no_lock_that_blocks(sample_file: Path, other_process) -> None:  # type: ignore[no-untyped-def]
    child = other_process(sample_file)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert lock_path_for(sample_file).exists()  # the stale lock file is still there
    assert holder_of(sample_file) is None
    lock = acquire_writer_lock(sample_file)
    assert lock.held
    lock.release()


def test_saves_refuse_a_file_another_process_has_open(
    sample_file: Path,
    other_process,
    digest,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    workspace, bpo_file = open_workspace(sample_file)
    before = digest(sample_file)
    other_process(sample_file)
    workspace.name = "Changed while someone else holds it"
    with pytest.raises(FileInUseError):
        bpo_file.save(workspace)
    with pytest.raises(FileInUseError):
        save_workspace_as(workspace, sample_file)
    assert digest(sample_file) == before
    save_workspace_as(workspace, tmp_path / "elsewhere.bpo")  # another name is fine


def test_cli_import_into_a_file_open_elsewhere_is_refused(
    sample_file: Path,
    other_process,
    digest,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    bpmn = tmp_path / "p.bpmn"
    workspace = sample_workspace()
    bpmn.write_bytes(export_bpmn(next(iter(workspace.processes.values())), workspace))
    before = digest(sample_file)
    other_process(sample_file)
    result = bpo("import", str(bpmn), str(sample_file))
    assert result.returncode == 2, result.stderr
    assert str(sample_file) in result.stderr and "open in another BPO Desktop" in result.stderr
    assert digest(sample_file) == before


def test_reading_is_never_blocked(sample_file: Path, other_process) -> None:  # type: ignore[no-untyped-def]
    other_process(sample_file)
    assert read_workspace(sample_file) == sample_workspace()


def test_a_forgotten_lock_is_released_when_it_is_collected(sample_file: Path) -> None:
    import gc

    acquire_writer_lock(sample_file)  # dropped at once, never released explicitly
    gc.collect()
    acquire_writer_lock(sample_file).release()
