"""Schema 4: conditional flows without text, process data inputs/outputs, label colours and
the exclusive-gateway marker flag, through a `.bpo` (and refused when a row is tampered)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from bpo_desktop.core.model import (
    Bounds,
    DataIO,
    DataObject,
    EdgeLayout,
    NodeKind,
    ShapeLayout,
    Workspace,
)
from bpo_desktop.core.samples import ONBOARDING_REWORK, sample_workspace
from bpo_desktop.core.storage import BpoFileError, open_workspace, read_workspace, save_workspace_as


def detailed_workspace() -> Workspace:
    ws = sample_workspace()
    process = ws.process_by_name(ONBOARDING_REWORK)
    gateway = next(n for n in process.nodes() if n.kind is NodeKind.EXCLUSIVE_GATEWAY)
    shape = process.layout[gateway.id]
    assert isinstance(shape, ShapeLayout)
    process.layout[gateway.id] = replace(shape, marker_visible=False, label_colour="#1e88e5")
    flow = next(iter(process.flows()))
    process.elements[flow.id] = replace(flow, conditional=True, condition="")
    edge = process.layout[flow.id]
    assert isinstance(edge, EdgeLayout)
    process.layout[flow.id] = replace(
        edge, label_colour="rgb(229, 57, 53)", message_visible="non_initiating"
    )
    for io in (DataIO.INPUT, DataIO.OUTPUT):
        process.elements[f"Data_{io}"] = DataObject(f"Data_{io}", f"Order {io}", io=io)
        process.layout[f"Data_{io}"] = ShapeLayout(Bounds(40, 40, 36, 50))
    return ws


def test_the_details_round_trip(tmp_path: Path) -> None:
    ws = detailed_workspace()
    save_workspace_as(ws, tmp_path / "details.bpo")
    loaded = read_workspace(tmp_path / "details.bpo")
    assert loaded == ws
    process = loaded.process_by_name(ONBOARDING_REWORK)
    assert {d.io for d in process.elements.values() if isinstance(d, DataObject)} >= {
        DataIO.INPUT,
        DataIO.OUTPUT,
    }


def test_an_edit_of_the_details_is_saved_incrementally(tmp_path: Path) -> None:
    path = tmp_path / "details.bpo"
    save_workspace_as(sample_workspace(), path)
    _, bpo = open_workspace(path)
    changed = detailed_workspace()
    bpo.save(changed)
    assert read_workspace(path) == changed


def test_a_tampered_marker_flag_is_refused_with_the_element_named(tmp_path: Path) -> None:
    path = tmp_path / "tampered.bpo"
    ws = detailed_workspace()
    save_workspace_as(ws, path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE layout SET marker_visible = 7 WHERE marker_visible = 0")
    conn.close()
    with pytest.raises(BpoFileError, match="marker_visible"):
        read_workspace(path)


def test_a_tampered_message_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tampered.bpo"
    save_workspace_as(detailed_workspace(), path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE layout SET message_visible = 'shouting' WHERE message_visible != ''")
    conn.close()
    with pytest.raises(BpoFileError, match="message_visible"):
        read_workspace(path)
