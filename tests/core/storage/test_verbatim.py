"""`Process.verbatim` (BPMN content kept from an import) is stored, reloaded and saved."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bpo_desktop.core.model import Process, Verbatim, Workspace
from bpo_desktop.core.storage import BpoFile, open_workspace, read_workspace, save_workspace_as

KEPT = Verbatim(
    tag="task",
    attributes=(("{http://camunda.org/schema/1.0/bpmn}assignee", "demo"),),
    children=("<bpmn:ioSpecification xmlns:bpmn='x'/>",),
    extensions=("<camunda:properties xmlns:camunda='y'>ünïcode</camunda:properties>",),
    shape=(("id", "Shape_1"), ("{http://bpmn.io/schema/bpmn/biocolor/1.0}fill", "#ffcdd2")),
    label=(("id", "Label_1"),),
    parent="SubProcess_1",
)


def _first(ws: Workspace) -> Process:
    return next(iter(ws.processes.values()))


def test_full_save_and_reload_keeps_verbatim(sample: Workspace, tmp_path: Path) -> None:
    process = _first(sample)
    process.verbatim["Activity_x"] = KEPT
    process.verbatim["definitions"] = Verbatim(tag="definitions")
    # the same key in another process is a different row
    other = list(sample.processes.values())[1]
    other.verbatim["definitions"] = Verbatim(tag="definitions", attributes=(("a", "b"),))
    path = tmp_path / "kept.bpo"
    save_workspace_as(sample, path)
    loaded = read_workspace(path)
    assert _first(loaded).verbatim == {"Activity_x": KEPT, "definitions": Verbatim("definitions")}
    assert loaded.processes[other.id].verbatim == other.verbatim
    assert loaded == sample


def test_a_new_process_reported_by_id_brings_its_verbatim(
    opened: tuple[Workspace, BpoFile], sample_file: Path
) -> None:
    ws, bpo = opened
    process = Process(id="Process_imported", name="Imported")
    process.verbatim["Process_imported"] = KEPT
    ws.processes[process.id] = process
    bpo.save(ws, changed_ids={process.id})
    assert read_workspace(sample_file).processes[process.id].verbatim == {"Process_imported": KEPT}


def test_reported_process_writes_changed_and_deleted_verbatim(
    opened: tuple[Workspace, BpoFile], sample_file: Path
) -> None:
    ws, bpo = opened
    process = _first(ws)
    process.verbatim.update(a=KEPT, b=Verbatim(tag="b"))
    bpo.save(ws)  # a full comparison writes them
    assert _first(read_workspace(sample_file)).verbatim == {"a": KEPT, "b": Verbatim(tag="b")}
    process.verbatim["a"] = replace(KEPT, extensions=())
    del process.verbatim["b"]
    bpo.save(ws, changed_ids={process.id})
    assert _first(read_workspace(sample_file)).verbatim == {"a": replace(KEPT, extensions=())}


def test_unreported_verbatim_is_left_alone_by_a_narrow_save(
    opened: tuple[Workspace, BpoFile], sample_file: Path
) -> None:
    ws, bpo = opened
    process = _first(ws)
    process.verbatim["a"] = KEPT
    bpo.save(ws)
    task = next(iter(process.nodes()))
    process.elements[task.id] = replace(task, name="Renamed")
    bpo.save(ws, changed_ids={task.id})
    reloaded = _first(read_workspace(sample_file))
    assert reloaded.verbatim == {"a": KEPT}
    assert reloaded.elements[task.id] == replace(task, name="Renamed")


def test_deleting_a_process_removes_its_verbatim(
    opened: tuple[Workspace, BpoFile], sample_file: Path
) -> None:
    ws, bpo = opened
    process = _first(ws)
    process.verbatim["a"] = KEPT
    bpo.save(ws)
    del ws.processes[process.id]
    bpo.save(ws, changed_ids={process.id})
    assert process.id not in read_workspace(sample_file).processes
    # and the file is consistent for a second open + save
    ws2, bpo2 = open_workspace(sample_file)
    bpo2.save(ws2)
    assert read_workspace(sample_file) == ws2
