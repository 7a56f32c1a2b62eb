"""DiagramScene.reconcile: create, update and remove items by id; idempotent; stacking order."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPointF

from bpo_desktop.core.model import (
    Bounds,
    DataObject,
    EdgeLayout,
    Flow,
    Node,
    NodeKind,
    Point,
    Process,
    ShapeLayout,
    Workspace,
)
from bpo_desktop.core.samples import ProcessBuilder, counter_ids
from bpo_desktop.ui.canvas import DiagramScene
from bpo_desktop.ui.canvas.items import (
    Z_FLOW,
    Z_LABEL,
    Z_LANE,
    Z_NODE,
    Z_POOL,
    FlowItem,
    LaneItem,
    NodeItem,
    PoolItem,
)


@pytest.fixture
def process() -> Process:
    b = ProcessBuilder(Workspace(id="W", name="t"), "Small", ids=counter_ids("t"))
    lane = b.lane("Team")
    start = b.node(NodeKind.START_EVENT, "Go", lane=lane, col=0)
    task = b.task("Do it", lane=lane, col=1)
    gate = b.node(NodeKind.EXCLUSIVE_GATEWAY, "OK?", lane=lane, col=2)
    b.flow(start, task)
    b.flow(task, gate, name="done")
    return b.build()


@pytest.fixture
def scene(qapp) -> DiagramScene:  # type: ignore[no-untyped-def]
    return DiagramScene()


def _ids(process: Process, kind: type) -> list[str]:
    return [i for i, e in process.elements.items() if isinstance(e, kind)]


def test_show_process_draws_one_item_per_element(scene: DiagramScene, process: Process) -> None:
    scene.show_process(process)
    assert scene.element_ids() == frozenset(process.elements)
    task_id = process.node_by_name("Do it").id
    item = scene.item_for(task_id)
    assert isinstance(item, NodeItem)
    bounds = process.layout[task_id].bounds  # type: ignore[union-attr]
    assert item.scenePos() == QPointF(bounds.x, bounds.y)


def test_reconcile_adds_updates_and_removes_by_id(scene: DiagramScene, process: Process) -> None:
    scene.show_process(process)
    task_id = process.node_by_name("Do it").id
    task_item = scene.item_for(task_id)
    start_id = process.node_by_name("Go").id
    flow_id = next(f.id for f in process.flows() if f.source == start_id)

    # add a node, move and rename the task, delete the first flow
    new = Node(id="Activity_new", kind=NodeKind.TASK, name="New step")
    process.elements[new.id] = new
    process.layout[new.id] = ShapeLayout(Bounds(600, 60, 110, 80))
    process.elements[task_id] = replace(process.node(task_id), name="Do it now")
    process.layout[task_id] = process.layout[task_id].moved(30, 10)
    del process.elements[flow_id], process.layout[flow_id]

    scene.reconcile(process, {new.id, task_id, flow_id})

    assert scene.element_ids() == frozenset(process.elements)
    assert isinstance(scene.item_for(new.id), NodeItem)
    assert scene.item_for(task_id) is task_item  # updated in place, not recreated
    assert task_item.element.name == "Do it now"
    bounds = process.layout[task_id].bounds  # type: ignore[union-attr]
    assert task_item.scenePos() == QPointF(bounds.x, bounds.y)
    assert scene.item_for(flow_id) is None
    assert all(getattr(i, "element_id", None) != flow_id for i in scene.items())


def test_reconcile_is_idempotent(scene: DiagramScene, process: Process) -> None:
    scene.show_process(process)
    items = {i: scene.item_for(i) for i in process.elements}
    count = len(scene.items())
    scene.reconcile(process, set(process.elements))
    scene.show_process(process)
    assert {i: scene.item_for(i) for i in process.elements} == items
    assert len(scene.items()) == count


def test_a_new_element_type_replaces_the_item_and_unlaid_elements_are_not_drawn(
    scene: DiagramScene, process: Process
) -> None:
    scene.show_process(process)
    task_id = process.node_by_name("Do it").id
    process.elements[task_id] = DataObject(id=task_id, name="Now a document")
    process.elements["Activity_nolayout"] = Node(id="Activity_nolayout", kind=NodeKind.TASK)
    scene.reconcile(process, {task_id, "Activity_nolayout"})
    item = scene.item_for(task_id)
    assert item is not None and type(item).__name__ == "DataObjectItem"
    assert item.label is not None and item.label.text == "Now a document"
    assert scene.item_for("Activity_nolayout") is None


def test_labels_follow_their_element(scene: DiagramScene, process: Process) -> None:
    scene.show_process(process)
    gate_id = process.node_by_name("OK?").id
    label = scene.item_for(gate_id).label
    assert label is not None and label.scene() is scene and label.text == "OK?"
    del process.elements[gate_id], process.layout[gate_id]
    scene.reconcile(process, {gate_id})
    assert label.scene() is None


def test_a_label_disappears_when_the_name_moves_inside(
    scene: DiagramScene, process: Process
) -> None:
    scene.show_process(process)
    gate_id = process.node_by_name("OK?").id
    process.elements[gate_id] = replace(process.node(gate_id), kind=NodeKind.TASK)
    scene.reconcile(process, {gate_id})
    label = scene.item_for(gate_id).label
    assert label is not None and not label.isVisible()


def test_a_flow_label_avoids_shapes(scene: DiagramScene, process: Process) -> None:
    scene.show_process(process)
    flow = next(f for f in process.flows() if f.name == "done")
    label = scene.item_for(flow.id).label
    assert label is not None and label.isVisible()
    for item in scene.element_items():
        area = item.obstacle() if hasattr(item, "obstacle") else None
        if area is not None:
            assert not label.sceneBoundingRect().adjusted(2, 2, -2, -2).intersects(area)


def test_stacking_order(scene: DiagramScene, process: Process) -> None:
    scene.show_process(process)
    z = {type(item): item.zValue() for item in scene.element_items()}
    assert z[PoolItem] == Z_POOL < z[LaneItem] == Z_LANE < z[FlowItem] == Z_FLOW
    assert Z_FLOW < z[NodeItem] == Z_NODE < Z_LABEL
    labels = [i.label for i in scene.element_items() if i.label is not None]
    assert labels and all(label.zValue() == Z_LABEL for label in labels)


def test_flow_geometry_comes_from_the_waypoints(scene: DiagramScene, process: Process) -> None:
    flow = Flow(id="Flow_x", source="a", target="b")
    process.elements[flow.id] = flow
    process.layout[flow.id] = EdgeLayout((Point(0, 0), Point(100, 0), Point(100, 50)))
    scene.show_process(process)
    item = scene.item_for(flow.id)
    assert isinstance(item, FlowItem)
    assert item.points == [QPointF(0, 0), QPointF(100, 0), QPointF(100, 50)]
    assert item.boundingRect().contains(QPointF(100, 50))


def test_show_nothing_clears_the_scene(scene: DiagramScene, process: Process) -> None:
    scene.show_process(process)
    scene.show_process(None)
    assert scene.element_ids() == frozenset()
    assert scene.items() == []
