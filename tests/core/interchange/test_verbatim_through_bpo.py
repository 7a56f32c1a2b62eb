"""Import → `.bpo` → export writes the same BPMN as exporting straight after the import.

Since schema 2 the `.bpo` keeps `Process.verbatim`, so other tools' extensions, colours and
unmodelled attributes survive a stay in a BPO Desktop workspace.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bpo_desktop.core.interchange.bpmn import export_bpmn, import_bpmn
from bpo_desktop.core.model import new_workspace
from bpo_desktop.core.storage import open_workspace, read_workspace, save_workspace_as

FILES = (
    "miwg-reference/A.2.1.bpmn",  # bpmn.io colours (bioc)
    "miwg-reference/C.8.1.bpmn",
    "miwg-bpmnio-18.6.1/A.2.0-export.bpmn",
    "miwg-signavio-19.9.0/C.1.0-export.bpmn",  # Signavio extensionElements
    "miwg-signavio-19.9.0/B.2.0-export.bpmn",
    "camunda-bpm-examples/spring-boot-starter/external-task-client/"
    "loan-granting-spring-boot-webapp/src/main/resources/bpmn/loan-granting.bpmn",  # camunda:
)


@pytest.mark.parametrize("relative", FILES)
def test_export_after_a_bpo_round_trip_equals_the_direct_export(
    corpus: Path, relative: str, tmp_path: Path
) -> None:
    data = (corpus / relative).read_bytes()
    workspace = new_workspace()
    result = import_bpmn(data, source=relative, workspace=workspace)
    result.add_to(workspace)
    kept = sum(
        1
        for process in result.processes
        for record in process.verbatim.values()
        if record.attributes or record.children or record.extensions or len(record.shape) > 1
    )
    assert kept, f"{relative} carries no foreign content: pick a file that tests something"
    direct = {p.id: export_bpmn(p, workspace) for p in result.processes}

    path = tmp_path / "kept.bpo"
    save_workspace_as(workspace, path)
    loaded = read_workspace(path)
    assert {pid: export_bpmn(loaded.processes[pid], loaded) for pid in direct} == direct


def test_an_import_saved_incrementally_keeps_its_verbatim(corpus: Path, tmp_path: Path) -> None:
    """The GUI/CLI path: import into an open workspace, save reporting the new process ids."""
    path = tmp_path / "ws.bpo"
    save_workspace_as(new_workspace(), path)
    workspace, bpo = open_workspace(path)
    data = (corpus / "miwg-signavio-19.9.0/C.1.0-export.bpmn").read_bytes()
    result = import_bpmn(data, source="C.1.0", workspace=workspace)
    result.add_to(workspace)
    bpo.save(workspace, changed_ids={p.id for p in result.processes} | {workspace.id})
    loaded = read_workspace(path)
    for process in result.processes:
        assert loaded.processes[process.id].verbatim == process.verbatim
        assert export_bpmn(loaded.processes[process.id], loaded) == export_bpmn(process, workspace)
