"""Schema 3: workspace records, activity markers, groups and diagram colours through a `.bpo`."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from bpo_desktop.core.editing import create_editor
from bpo_desktop.core.model import (
    Bounds,
    EdgeLayout,
    Group,
    LoopKind,
    Node,
    NodeKind,
    Record,
    ShapeLayout,
    Workspace,
)
from bpo_desktop.core.samples import ONBOARDING, sample_workspace
from bpo_desktop.core.storage import BpoFileError, open_workspace, read_workspace, save_workspace_as


def rich_workspace() -> Workspace:
    """The sample plus one of everything schema 3 added."""
    ws = sample_workspace()
    process = ws.process_by_name(ONBOARDING)
    task = next(n for n in process.nodes() if n.kind is NodeKind.TASK)
    process.elements[task.id] = replace(
        task, loop=LoopKind.MI_SEQUENTIAL, compensation=True, interrupting=False
    )
    layout = process.layout[task.id]
    assert isinstance(layout, ShapeLayout)
    process.layout[task.id] = replace(layout, fill="#bbdefb", stroke="rgb(30, 136, 229)")
    flow = next(iter(process.flows()))
    edge = process.layout[flow.id]
    assert isinstance(edge, EdgeLayout)
    process.layout[flow.id] = replace(edge, stroke="#e53935")
    process.elements["Group_1"] = Group("Group_1", "Front office", "grouped for review")
    process.layout["Group_1"] = ShapeLayout(Bounds(10, 10, 300, 200))
    ws.records["Run_1"] = Record("Run_1", "sim_run", process.id, {"seed": 3, "kpis": [1, 2.5]})
    ws.records["Session_1"] = Record("Session_1", "workshop_session", None, {"title": "Kick-off"})
    return ws


def test_everything_round_trips(tmp_path: Path) -> None:
    ws = rich_workspace()
    save_workspace_as(ws, tmp_path / "rich.bpo")
    loaded = read_workspace(tmp_path / "rich.bpo")
    assert loaded == ws
    assert list(loaded.records) == ["Run_1", "Session_1"]


def test_incremental_saves_write_record_changes(tmp_path: Path) -> None:
    path = tmp_path / "edited.bpo"
    save_workspace_as(sample_workspace(), path)
    ws, bpo = open_workspace(path)
    editor = create_editor(ws)
    changed: set[str] = set()
    editor.bus.on("elements.changed", lambda change: changed.update(change.ids))
    pid = ws.process_by_name(ONBOARDING).id
    editor.modeling.put_record(Record("Run_1", "sim_run", pid, {"seed": 1}))
    editor.modeling.put_record(Record("Note_1", "parking_item", None, {"what": "x"}))
    bpo.save(ws, changed)
    assert read_workspace(path) == ws

    changed.clear()
    editor.modeling.put_record(Record("Run_1", "sim_run", pid, {"seed": 2}))
    editor.modeling.remove_record("Note_1")
    bpo.save(ws, changed)
    assert read_workspace(path).records == {"Run_1": Record("Run_1", "sim_run", pid, {"seed": 2})}

    changed.clear()
    editor.modeling.delete_process(pid)  # its records go with it
    bpo.save(ws, changed)
    assert read_workspace(path) == ws
    assert read_workspace(path).records == {}


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("UPDATE record SET body = 'not json'", "body is not valid JSON"),
        ("UPDATE record SET body = '[1, 2]'", "body is not an object"),
        ("UPDATE record SET body = '{\"x\": NaN}'", "not a finite number"),
        ("UPDATE record SET kind = ''", "kind is not text"),
        ("UPDATE record SET kind = X'6869'", "kind is not text"),  # a blob, not text
        ("UPDATE record SET process_id = 'Ghost'", "unknown process Ghost"),
        ("UPDATE layout SET fill = X'00' WHERE fill IS NOT NULL", "fill is not a colour"),
        ("UPDATE element SET loop = 'spiral' WHERE loop IS NOT NULL", "loop"),
        ("UPDATE element SET etype = 'blob' WHERE id = 'Group_1'", "unknown element type"),
    ],
)
def test_tampered_rows_give_a_clear_error_and_leave_the_file(
    tmp_path: Path, sql: str, reason: str
) -> None:
    path = tmp_path / "tampered.bpo"
    save_workspace_as(rich_workspace(), path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute(sql)
    conn.close()
    before = path.read_bytes()
    with pytest.raises(BpoFileError, match=reason) as info:
        read_workspace(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == before


def test_a_node_of_an_older_file_gets_the_defaults(tmp_path: Path) -> None:
    node = Node("Task_1", NodeKind.TASK)
    assert (node.loop, node.interrupting, node.triggered_by_event) == (LoopKind.NONE, True, False)
    assert (node.compensation, node.ad_hoc) == (False, False)
