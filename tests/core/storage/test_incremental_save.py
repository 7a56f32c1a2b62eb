"""`BpoFile.save`: one transaction that writes only the rows that differ."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from bpo_desktop.core.model import (
    Annotation,
    AnnotationKind,
    Bounds,
    Flow,
    Node,
    NodeKind,
    Process,
    Scenario,
    ScenarioKind,
    ShapeLayout,
    System,
    SystemKind,
    Workspace,
)
from bpo_desktop.core.samples import CONTRACTS, ProcessBuilder
from bpo_desktop.core.storage import (
    BpoFile,
    open_workspace,
    read_workspace,
    repository,
    save_workspace_as,
)

ID_TABLES = ("workspace", "system", "process", "element", "layout", "annotation", "scenario")


def _rows(path: Path, table: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    finally:
        conn.close()


def _query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _task(process: Process, name: str | None = None) -> Node:
    tasks = [n for n in process.nodes() if n.kind is NodeKind.TASK]
    return next(t for t in tasks if name in (None, t.name))


def _assert_same_content(path: Path, other: Path) -> None:
    """Both files hold exactly the same rows in every table (meta timestamps aside)."""
    for table in ID_TABLES:
        assert _rows(path, table) == _rows(other, table), table


def _assert_healthy(path: Path) -> None:
    assert _query(path, "PRAGMA integrity_check") == [("ok",)]
    assert _query(path, "PRAGMA foreign_key_check") == []
    leftovers = [
        name
        for name in os.listdir(path.parent)
        if name.endswith(("-journal", "-wal", "-shm", ".saving"))
    ]
    assert leftovers == []


class TestChangeOneElement:
    def test_rename_is_saved_and_reloads_equal(
        self, opened: tuple[Workspace, BpoFile], onboarding: Process, sample_file: Path
    ) -> None:
        ws, bpo = opened
        task = _task(onboarding)
        onboarding.elements[task.id] = replace(task, name="Renamed step", touch_min=99.5)
        bpo.save(ws, changed_ids={task.id})
        assert read_workspace(sample_file) == ws
        assert read_workspace(sample_file).processes[onboarding.id].node(task.id).touch_min == 99.5
        _assert_healthy(sample_file)

    def test_rename_writes_only_that_element_row_and_meta(
        self,
        opened: tuple[Workspace, BpoFile],
        onboarding: Process,
        statement_log: Any,
    ) -> None:
        ws, bpo = opened
        task = _task(onboarding)
        onboarding.elements[task.id] = replace(task, name="Renamed step")
        bpo.save(ws, changed_ids={task.id})
        assert statement_log.written_tables() == {"element", "meta"}
        rows = statement_log.written_rows("element")
        assert [row["id"] for row in rows] == [task.id]
        assert rows[0]["name"] == "Renamed step"
        assert {row["key"] for row in statement_log.written_rows("meta")} == {
            "saved_with",
            "saved_at",
        }
        assert not [s for s in statement_log.writes if s.verb == "DELETE"]

    def test_move_writes_only_the_layout_row(
        self,
        opened: tuple[Workspace, BpoFile],
        onboarding: Process,
        statement_log: Any,
        sample_file: Path,
    ) -> None:
        ws, bpo = opened
        task = _task(onboarding)
        layout = onboarding.layout[task.id]
        onboarding.layout[task.id] = layout.moved(15, -5)
        bpo.save(ws, changed_ids={task.id})
        assert statement_log.written_tables() == {"layout", "meta"}
        assert [row["element_id"] for row in statement_log.written_rows("layout")] == [task.id]
        assert read_workspace(sample_file).processes[onboarding.id].layout[task.id] == (
            layout.moved(15, -5)
        )

    def test_only_the_changed_row_differs_in_the_file(
        self, opened: tuple[Workspace, BpoFile], onboarding: Process, sample_file: Path
    ) -> None:
        before = {t: set(_rows(sample_file, t)) for t in ID_TABLES}
        ws, bpo = opened
        task = _task(onboarding)
        onboarding.elements[task.id] = replace(task, name="Renamed step")
        bpo.save(ws, changed_ids={task.id})
        after = {t: set(_rows(sample_file, t)) for t in ID_TABLES}
        changed = {t: after[t] ^ before[t] for t in ID_TABLES if after[t] != before[t]}
        assert set(changed) == {"element"}
        assert {row[0] for row in changed["element"]} == {task.id}  # old and new version

    def test_sqlite_counts_one_row_change_plus_meta(
        self,
        opened: tuple[Workspace, BpoFile],
        onboarding: Process,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        # total_changes counts rows inserted, updated or deleted on the connection.
        seen: list[int] = []
        real_make_engine = repository.make_engine

        def counting_make_engine(path: Path, *, readonly: bool = False) -> Any:
            engine = real_make_engine(path, readonly=readonly)

            @event.listens_for(engine, "commit")
            def _commit(conn: Any) -> None:
                seen.append(conn.connection.dbapi_connection.total_changes)

            return engine

        ws, bpo = opened
        task = _task(onboarding)
        onboarding.elements[task.id] = replace(task, name="Renamed step")
        monkeypatch.setattr(repository, "make_engine", counting_make_engine)
        bpo.save(ws, changed_ids={task.id})
        assert seen == [3]  # one element row and the two meta rows (saved_with, saved_at)


class TestNoOpSave:
    @pytest.mark.parametrize("changed_ids", [None, set(), {"Activity_onb9"}, {"no-such-id"}])
    def test_nothing_changed_writes_nothing(
        self,
        opened: tuple[Workspace, BpoFile],
        sample_file: Path,
        digest: Callable[[Path], str],
        statement_log: Any,
        changed_ids: set[str] | None,
    ) -> None:
        ws, bpo = opened
        before, mtime = digest(sample_file), sample_file.stat().st_mtime_ns
        bpo.save(ws, changed_ids=changed_ids)
        assert digest(sample_file) == before
        assert sample_file.stat().st_mtime_ns == mtime
        assert statement_log.engines == 0  # the file is not even opened

    def test_second_save_of_the_same_change_writes_nothing(
        self,
        opened: tuple[Workspace, BpoFile],
        onboarding: Process,
        sample_file: Path,
        digest: Callable[[Path], str],
    ) -> None:
        ws, bpo = opened
        task = _task(onboarding)
        onboarding.elements[task.id] = replace(task, name="Renamed step")
        bpo.save(ws, changed_ids={task.id})
        after_first = digest(sample_file)
        bpo.save(ws, changed_ids={task.id})
        bpo.save(ws)
        assert digest(sample_file) == after_first

    def test_generated_workspace_full_diff_is_a_no_op(
        self, tmp_path: Path, digest: Callable[[Path], str]
    ) -> None:
        from bpo_desktop.core.samples.generated import generated_workspace

        path = tmp_path / "big.bpo"
        save_workspace_as(generated_workspace(1000), path)
        before = digest(path)
        ws, bpo = open_workspace(path)
        bpo.save(ws)
        assert digest(path) == before


class TestFileFromSaveAs:
    def test_save_as_returns_a_file_ready_for_incremental_saves(
        self, tmp_path: Path, statement_log: Any
    ) -> None:
        from bpo_desktop.core.samples.generated import generated_workspace

        ws = generated_workspace(300)  # integer minutes in float fields, as built
        path = tmp_path / "new.bpo"
        bpo = save_workspace_as(ws, path)
        statement_log.clear()
        bpo.save(ws)  # what it wrote is what it knows: nothing differs
        assert statement_log.writes == []
        process = next(iter(ws.processes.values()))
        task = _task(process)
        process.elements[task.id] = replace(task, wait_min=task.wait_min + 1)
        bpo.save(ws, changed_ids={task.id})
        assert [row["id"] for row in statement_log.written_rows("element")] == [task.id]
        assert read_workspace(path) == ws

    def test_save_as_to_a_new_path_leaves_the_opened_file_alone(
        self,
        opened: tuple[Workspace, BpoFile],
        onboarding: Process,
        sample_file: Path,
        tmp_path: Path,
        digest: Callable[[Path], str],
    ) -> None:
        ws, _ = opened
        before = digest(sample_file)
        task = _task(onboarding)
        onboarding.elements[task.id] = replace(task, name="Only in the copy")
        copy = save_workspace_as(ws, tmp_path / "copy.bpo")
        assert copy.path == tmp_path / "copy.bpo"
        assert digest(sample_file) == before
        assert read_workspace(copy.path) == ws


class TestDeleteAndAdd:
    def test_delete_an_element_and_its_layout(
        self,
        opened: tuple[Workspace, BpoFile],
        sample_file: Path,
        statement_log: Any,
    ) -> None:
        ws, bpo = opened
        contracts = ws.process_by_name(CONTRACTS)
        data = contracts.data_objects()[0]
        association = contracts.connections_of(data.id)[0]
        for element_id in (data.id, association.id):
            del contracts.elements[element_id]
            del contracts.layout[element_id]
        bpo.save(ws, changed_ids={data.id, association.id})
        assert read_workspace(sample_file) == ws
        deleted = {s.table for s in statement_log.writes if s.verb == "DELETE"}
        assert deleted == {"element", "layout"}
        assert "INSERT" not in {s.verb for s in statement_log.writes if s.table != "meta"}
        gone = (data.id, association.id)
        assert _query(sample_file, f"SELECT id FROM element WHERE id IN {gone}") == []
        assert (
            _query(sample_file, f"SELECT element_id FROM layout WHERE element_id IN {gone}") == []
        )
        _assert_healthy(sample_file)

    def test_delete_only_the_layout_of_an_element(
        self, opened: tuple[Workspace, BpoFile], onboarding: Process, sample_file: Path
    ) -> None:
        ws, bpo = opened
        task = _task(onboarding)
        del onboarding.layout[task.id]
        bpo.save(ws, changed_ids={task.id})
        loaded = read_workspace(sample_file)
        assert loaded == ws
        assert task.id in loaded.processes[onboarding.id].elements
        assert task.id not in loaded.processes[onboarding.id].layout

    def test_add_element_annotation_scenario_and_system(
        self, opened: tuple[Workspace, BpoFile], onboarding: Process, sample_file: Path
    ) -> None:
        ws, bpo = opened
        anchor = _task(onboarding)
        system = System(id="System_new", name="New ERP", kind=SystemKind.IT)
        ws.systems[system.id] = system
        node = Node(
            id="Activity_new",
            kind=NodeKind.TASK,
            name="Brand new step",
            lane_id=anchor.lane_id,
            system_id=system.id,
            touch_min=12.0,
        )
        flow = Flow(id="Flow_new", source=anchor.id, target=node.id, probability=0.5)
        onboarding.elements[node.id] = node
        onboarding.elements[flow.id] = flow
        onboarding.layout[node.id] = ShapeLayout(Bounds(900, 100, 110, 80))
        annotation = Annotation(
            id="Annotation_new",
            kind=AnnotationKind.QUESTION,
            text="Who owns this?",
            severity=2,
            targets=(node.id, anchor.id),
        )
        onboarding.annotations[annotation.id] = annotation
        scenario = Scenario(
            id="Scenario_new",
            name="Drop the new step",
            kind=ScenarioKind.AS_IS,
            overrides={anchor.id: {"touch_min": 1.0}},
            removed=frozenset({node.id}),
        )
        onboarding.scenarios[scenario.id] = scenario
        changed = {system.id, node.id, flow.id, annotation.id, scenario.id}
        bpo.save(ws, changed_ids=changed)
        loaded = read_workspace(sample_file)
        assert loaded == ws
        assert loaded.systems[system.id] == system
        assert loaded.processes[onboarding.id].scenarios[scenario.id] == scenario
        _assert_healthy(sample_file)

    def test_delete_a_whole_process_cascades_its_rows(
        self, opened: tuple[Workspace, BpoFile], onboarding: Process, sample_file: Path
    ) -> None:
        ws, bpo = opened
        element_ids = set(onboarding.elements)
        del ws.processes[onboarding.id]
        bpo.save(ws, changed_ids={onboarding.id})
        assert read_workspace(sample_file) == ws
        for table in ("element", "annotation", "scenario"):
            sql = f"SELECT count(*) FROM {table} WHERE process_id = '{onboarding.id}'"
            assert _query(sample_file, sql) == [(0,)], table
        layout_ids = {row[0] for row in _query(sample_file, "SELECT element_id FROM layout")}
        assert not layout_ids & element_ids
        _assert_healthy(sample_file)
        # The BpoFile forgot the cascaded rows too: a full diff now finds nothing to write.
        before = sample_file.read_bytes()
        bpo.save(ws)
        assert sample_file.read_bytes() == before

    def test_add_a_new_process_with_content(
        self, opened: tuple[Workspace, BpoFile], sample_file: Path
    ) -> None:
        ws, bpo = opened
        systems_before = set(ws.systems)
        b = ProcessBuilder(ws, "Brand new process")
        lane = b.lane("Back office", hourly_rate=30)
        start = b.node(NodeKind.START_EVENT, "Begin", lane=lane, col=0)
        work = b.task("Do it", lane=lane, col=1, touch_min=5, system="Brand new system")
        b.flow(start, work)
        process = b.build()
        process.annotations["Annotation_np"] = Annotation(
            id="Annotation_np", kind=AnnotationKind.GOAL, text="Be quick", targets=(work,)
        )
        process.scenarios["Scenario_np"] = Scenario(id="Scenario_np", name="Faster")
        new_systems = set(ws.systems) - systems_before
        assert new_systems  # the builder added "Brand new system" to the catalogue
        bpo.save(ws, changed_ids={process.id, *new_systems})
        loaded = read_workspace(sample_file)
        assert loaded == ws
        assert list(loaded.processes) == list(ws.processes)
        _assert_healthy(sample_file)

    def test_delete_first_process_then_add_one_keeps_process_order(
        self, opened: tuple[Workspace, BpoFile], sample_file: Path
    ) -> None:
        ws, bpo = opened
        first = next(iter(ws.processes))
        del ws.processes[first]
        bpo.save(ws, changed_ids={first})
        ProcessBuilder(ws, "Appended", ids=lambda prefix: f"{prefix}_aaa").build()
        bpo.save(ws, changed_ids={"Process_aaa"})
        assert list(read_workspace(sample_file).processes) == list(ws.processes)

    def test_reorder_processes_by_reporting_their_ids(
        self, opened: tuple[Workspace, BpoFile], sample_file: Path
    ) -> None:
        ws, bpo = opened
        ws.processes = dict(reversed(ws.processes.items()))
        bpo.save(ws, changed_ids=set(ws.processes))
        assert list(read_workspace(sample_file).processes) == list(ws.processes)

    def test_rename_workspace_by_its_id(
        self, opened: tuple[Workspace, BpoFile], sample_file: Path, statement_log: Any
    ) -> None:
        ws, bpo = opened
        ws.name = "Renamed workspace"
        bpo.save(ws, changed_ids={ws.id})
        assert read_workspace(sample_file).name == "Renamed workspace"
        assert statement_log.written_tables() == {"workspace", "meta"}

    def test_delete_a_system_no_step_uses(
        self, opened: tuple[Workspace, BpoFile], sample_file: Path
    ) -> None:
        ws, bpo = opened
        used = {n.system_id for p in ws.processes.values() for n in p.nodes()}
        unused = next(sid for sid in ws.systems if sid not in used)
        del ws.systems[unused]
        bpo.save(ws, changed_ids={unused})
        assert unused not in read_workspace(sample_file).systems
        assert read_workspace(sample_file) == ws


class TestFullDiff:
    def test_full_diff_after_many_changes_matches_a_fresh_save_as(
        self,
        opened: tuple[Workspace, BpoFile],
        onboarding: Process,
        sample_file: Path,
        tmp_path: Path,
    ) -> None:
        ws, bpo = opened
        task = _task(onboarding)
        onboarding.elements[task.id] = replace(task, name="Changed")
        onboarding.layout[task.id] = onboarding.layout[task.id].moved(5, 5)
        del ws.processes[ws.process_by_name(CONTRACTS).id]
        ws.systems["System_added"] = System("System_added", "Added")
        ws.name = "Changed workspace"
        bpo.save(ws)  # changed_ids=None: compare everything
        fresh = tmp_path / "fresh" / "fresh.bpo"
        fresh.parent.mkdir()
        save_workspace_as(ws, fresh)
        assert read_workspace(sample_file) == read_workspace(fresh) == ws
        _assert_same_content(sample_file, fresh)
        _assert_healthy(sample_file)

    def test_incremental_saves_then_full_diff_writes_nothing_more(
        self,
        opened: tuple[Workspace, BpoFile],
        onboarding: Process,
        sample_file: Path,
        statement_log: Any,
    ) -> None:
        ws, bpo = opened
        task = _task(onboarding)
        onboarding.elements[task.id] = replace(task, name="Changed")
        bpo.save(ws, changed_ids={task.id})
        statement_log.clear()
        bpo.save(ws)
        assert statement_log.writes == []

    def test_narrow_changed_ids_miss_unreported_edits(
        self, opened: tuple[Workspace, BpoFile], onboarding: Process, sample_file: Path
    ) -> None:
        # The contract: changed_ids must name every touched id; others are not compared.
        ws, bpo = opened
        first, second = [n for n in onboarding.nodes() if n.kind is NodeKind.TASK][:2]
        onboarding.elements[first.id] = replace(first, name="reported")
        onboarding.elements[second.id] = replace(second, name="unreported")
        bpo.save(ws, changed_ids={first.id})
        loaded = read_workspace(sample_file).processes[onboarding.id]
        assert loaded.node(first.id).name == "reported"
        assert loaded.node(second.id).name == second.name
        bpo.save(ws)  # a full diff catches up
        assert read_workspace(sample_file) == ws
