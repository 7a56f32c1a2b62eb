"""Property: edits saved incrementally with exactly the touched ids reload equal."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bpo_desktop.core.model import (
    Annotation,
    AnnotationKind,
    Bounds,
    EdgeLayout,
    Flow,
    Lane,
    Node,
    NodeKind,
    Point,
    Process,
    ShapeLayout,
    TextAnnotation,
    Workspace,
)
from bpo_desktop.core.samples import ProcessBuilder, sample_workspace
from bpo_desktop.core.storage import open_workspace, read_workspace, save_workspace_as

names = st.text(max_size=12)
pick = st.integers(min_value=0, max_value=10_000)
offset = st.integers(min_value=-300, max_value=300)
ops = st.one_of(
    st.tuples(st.just("rename"), pick, names),
    st.tuples(st.just("move"), pick, offset, offset),
    st.tuples(st.just("delete"), pick),
    st.tuples(st.just("add_task"), pick, names, pick),
    st.tuples(st.just("add_annotation"), pick, names, pick),
    st.tuples(st.just("delete_annotation"), pick),
    st.tuples(st.just("rename_process"), pick, names),
    st.tuples(st.just("delete_process"), pick),
    st.tuples(st.just("add_process"), pick, names),
)
batches = st.lists(st.lists(ops, min_size=1, max_size=4), min_size=1, max_size=4)


class Editor:
    """Applies edits straight to the model and records the ids each one touches."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.touched: set[str] = set()
        self._ids = itertools.count(1)

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}_h{next(self._ids)}"

    def _elements(self) -> list[tuple[Process, str]]:
        return [(p, eid) for p in self.ws.processes.values() for eid in p.elements]

    def _process(self, i: int) -> Process | None:
        processes = list(self.ws.processes.values())
        return processes[i % len(processes)] if processes else None

    def apply(self, op: tuple[Any, ...]) -> None:
        getattr(self, op[0])(*op[1:])

    def rename(self, i: int, name: str) -> None:
        elements = self._elements()
        if not elements:
            return
        process, eid = elements[i % len(elements)]
        element = process.elements[eid]
        if isinstance(element, TextAnnotation):
            process.elements[eid] = replace(element, text=name)
        else:
            process.elements[eid] = replace(element, name=name)
        self.touched.add(eid)

    def move(self, i: int, dx: int, dy: int) -> None:
        laid_out = [(p, eid) for p in self.ws.processes.values() for eid in p.layout]
        if not laid_out:
            return
        process, eid = laid_out[i % len(laid_out)]
        process.layout[eid] = process.layout[eid].moved(dx, dy)
        self.touched.add(eid)

    def delete(self, i: int) -> None:
        """Delete an element, the flows that touch it, and every reference to it."""
        elements = self._elements()
        if not elements:
            return
        process, eid = elements[i % len(elements)]
        gone = {eid}
        while True:
            more = {f.id for f in process.flows(kind=None) if {f.source, f.target} & gone} - gone
            if not more:
                break
            gone |= more
        for element_id in gone:
            del process.elements[element_id]
            process.layout.pop(element_id, None)
        for element in list(process.elements.values()):
            refs = ("lane_id", "parent_id", "attached_to") if isinstance(element, Node) else ()
            refs = ("parent_id",) if isinstance(element, Lane) else refs
            cleared = {r: None for r in refs if getattr(element, r) in gone}
            if cleared:
                process.elements[element.id] = replace(element, **cleared)
                self.touched.add(element.id)
        for annotation in list(process.annotations.values()):
            if set(annotation.targets) & gone:
                targets = tuple(t for t in annotation.targets if t not in gone)
                process.annotations[annotation.id] = replace(annotation, targets=targets)
                self.touched.add(annotation.id)
        self.touched |= gone

    def add_task(self, i: int, name: str, j: int) -> None:
        process = self._process(i)
        if process is None:
            return
        lanes = process.lanes()
        lane = lanes[j % len(lanes)].id if lanes else None
        task = Node(id=self._new_id("Activity"), kind=NodeKind.TASK, name=name, lane_id=lane)
        process.elements[task.id] = task
        process.layout[task.id] = ShapeLayout(Bounds(40.0 * (j % 50), 30.0, 110, 80))
        self.touched.add(task.id)
        nodes = [n for n in process.nodes() if n.id != task.id]
        if nodes:
            source = nodes[j % len(nodes)]
            flow = Flow(id=self._new_id("Flow"), source=source.id, target=task.id, name=name)
            process.elements[flow.id] = flow
            process.layout[flow.id] = EdgeLayout((Point(0, 0), Point(j % 97, 5.5)))
            self.touched.add(flow.id)

    def add_annotation(self, i: int, text: str, j: int) -> None:
        process = self._process(i)
        if process is None:
            return
        elements = list(process.elements)
        targets = (elements[j % len(elements)],) if elements and j % 3 else ()
        annotation = Annotation(
            id=self._new_id("Annotation"),
            kind=list(AnnotationKind)[j % len(AnnotationKind)],
            text=text,
            targets=targets,
        )
        process.annotations[annotation.id] = annotation
        self.touched.add(annotation.id)

    def delete_annotation(self, i: int) -> None:
        annotations = [(p, a) for p in self.ws.processes.values() for a in p.annotations]
        if annotations:
            process, aid = annotations[i % len(annotations)]
            del process.annotations[aid]
            self.touched.add(aid)

    def delete_process(self, i: int) -> None:
        process = self._process(i)
        if process is not None and len(self.ws.processes) > 1:
            del self.ws.processes[process.id]
            self.touched.add(process.id)

    def add_process(self, i: int, name: str) -> None:
        """A new process with a lane, two steps and a flow, inserted at position i."""
        b = ProcessBuilder(self.ws, name, ids=self._new_id)
        lane = b.lane("Team")
        first = b.task("First", lane=lane, col=0)
        b.flow(first, b.task("Second", lane=lane, col=1, touch_min=i % 60))
        process = b.build()
        items = list(self.ws.processes.items())
        items.insert(i % len(items), items.pop())  # build() appended it; move it to i
        self.ws.processes = dict(items)
        self.touched.add(process.id)

    def rename_process(self, i: int, name: str) -> None:
        process = self._process(i)
        if process is not None:
            process.name = name
            self.touched.add(process.id)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sample_file = tmp_path_factory.mktemp("template") / "sample.bpo"
    save_workspace_as(sample_workspace(), sample_file)
    return sample_file


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(batches=batches)
def test_incremental_saves_reload_equal(
    batches: list[list[tuple[Any, ...]]],
    template: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    path = tmp_path_factory.mktemp("prop") / "edited.bpo"
    shutil.copyfile(template, path)
    ws, bpo = open_workspace(path)
    editor = Editor(ws)
    for batch in batches:
        editor.touched = set()
        for op in batch:
            editor.apply(op)
        bpo.save(ws, changed_ids=editor.touched)
        loaded = read_workspace(path)
        assert loaded == ws
        assert list(loaded.processes) == list(ws.processes)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    # Nothing was left unsaved: a full comparison finds no difference to write.
    before = path.read_bytes()
    bpo.save(ws)
    assert path.read_bytes() == before
