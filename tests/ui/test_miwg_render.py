"""MIWG reference models render where their diagram says: a coarse automated render check.

Each OMG MIWG reference model is imported and drawn offscreen by the canvas scene; every shape
item's scene bounding-rect centre must equal the centre of its BPMNShape's dc:Bounds in the file
(within 1 px), and every shape in the file must be drawn. The pictures themselves are compared
with the reference PNGs by eye (see README, "BPMN interchange").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtCore import QPointF
from support.corpus import CORPUS, unavailable

from bpo_desktop.core.interchange.bpmn import import_bpmn
from bpo_desktop.core.model import Node, new_workspace
from bpo_desktop.core.storage import save_workspace_as
from bpo_desktop.ui.canvas.items import GroupItem, ShapeItem
from bpo_desktop.ui.canvas.scene import DiagramScene

REFERENCES = CORPUS / "miwg-reference"
BPMNDI = "{http://www.omg.org/spec/BPMN/20100524/DI}"
DC = "{http://www.omg.org/spec/DD/20100524/DC}"
MODELS = sorted(p.name for p in REFERENCES.glob("*.bpmn")) if REFERENCES.is_dir() else []


def di_centres(data: bytes) -> dict[str, QPointF]:
    """bpmnElement → centre of its BPMNShape's bounds, read straight from the XML.

    Only the first BPMNDiagram: the main plane, which the scene shows when a file opens.
    C.5.0's second diagram is the plane of its collapsed call activity, drawn only when the
    user drills into it (tests/ui/test_drilldown.py).
    """
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    diagram = root.find(f"{BPMNDI}BPMNDiagram")
    assert diagram is not None, "no BPMNDiagram"
    centres = {}
    for shape in diagram.iter(f"{BPMNDI}BPMNShape"):
        bounds = shape.find(f"{DC}Bounds")
        element = shape.get("bpmnElement")
        if bounds is None or element is None:
            continue
        x, y = float(bounds.get("x", 0)), float(bounds.get("y", 0))
        w, h = float(bounds.get("width", 0)), float(bounds.get("height", 0))
        centres[element] = QPointF(x + w / 2, y + h / 2)
    return centres


def test_the_reference_models_are_there() -> None:
    if not REFERENCES.is_dir():
        unavailable(f"MIWG references not found at {REFERENCES} (set BPO_BPMN_CORPUS)")
    assert len(MODELS) >= 10, MODELS


@pytest.mark.parametrize("name", MODELS)
def test_every_shape_is_drawn_at_its_di_bounds(qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    data = (REFERENCES / name).read_bytes()
    result = import_bpmn(data, source=name)
    (process,) = result.processes
    expected = di_centres(data)
    scene = DiagramScene()
    try:
        scene.show_process(process)
        shapes = {
            item.element_id: item for item in scene.element_items() if isinstance(item, ShapeItem)
        }
        assert shapes, f"{name}: nothing was drawn"
        off = []
        for element_id, item in shapes.items():
            centre = item.sceneBoundingRect().center()
            want = expected.get(element_id)
            assert want is not None, f"{name}: {element_id} is drawn but has no BPMNShape"
            if abs(centre.x() - want.x()) > 1 or abs(centre.y() - want.y()) > 1:
                off.append((element_id, (centre.x(), centre.y()), (want.x(), want.y())))
        assert off == [], f"{name}: shapes drawn away from their DI bounds: {off}"
        # every shape of the file whose element the model holds is drawn
        modelled = {eid for eid in expected if eid in process.elements}
        assert modelled - set(shapes) == set(), f"{name}: not drawn: {modelled - set(shapes)}"
    finally:
        scene.clear()


@pytest.mark.parametrize("name", MODELS)
def test_the_steps_of_an_open_container_are_drawn_inside_it_and_above_it(qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    """Children of an expanded sub-process or call activity (a called process's steps, B.2.0)
    sit inside its bounds and stack above its fill, so none is hidden under it."""
    result = import_bpmn((REFERENCES / name).read_bytes(), source=name)
    (process,) = result.processes
    scene = DiagramScene()
    try:
        scene.show_process(process)
        checked = 0
        for item in scene.element_items():
            element = process.elements[item.element_id]
            if not isinstance(element, Node) or element.parent_id is None:
                continue
            parent = scene.item_for(element.parent_id)
            if not isinstance(parent, ShapeItem) or not isinstance(item, ShapeItem):
                continue
            assert isinstance(parent.element, Node) and parent.element.expanded, (
                f"{name}: {element.id} is drawn inside collapsed {element.parent_id}"
            )
            centre = item.scene_rect().center()
            assert parent.scene_rect().contains(centre), f"{name}: {element.id} outside its parent"
            assert item.zValue() > parent.zValue(), f"{name}: {element.id} under its parent"
            checked += 1
        if name == "B.2.0.bpmn":  # 3 expanded sub-processes and an expanded call activity
            assert checked >= 20
    finally:
        scene.clear()


def test_b20_opens_in_the_window_as_its_diagram_draws_it_and_its_group_can_be_picked(
    qtbot, driver, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Through the .bpo and the window (what `bpo-desktop screenshot` shows): the steps keep
    their DI places (the called process without DI no longer triggers an auto-layout), and a
    click on the group's border selects it without hiding the steps inside from clicks."""
    if not REFERENCES.is_dir():
        unavailable(f"MIWG references not found at {REFERENCES} (set BPO_BPMN_CORPUS)")
    data = (REFERENCES / "B.2.0.bpmn").read_bytes()
    workspace = new_workspace()
    import_bpmn(data, source="B.2.0.bpmn").add_to(workspace)
    path = tmp_path / "b20.bpo"
    save_workspace_as(workspace, path)
    window = driver.window
    assert window.open_file(path)
    window.show()
    qtbot.waitExposed(window)
    expected = di_centres(data)
    for element_id in (
        "_d84e5824-7bb7-4057-9dba-6c8794f7948c",
        "_511d95ed-38f9-473e-9466-525285a007f5",
    ):
        item = window.scene.item_for(element_id)  # Abstract Task 1, Task 11
        assert isinstance(item, ShapeItem)
        assert item.scene_rect().center() == expected[element_id]
    group_id = "_48d300c1-487a-409b-a04a-b195e222ef90"
    group = window.scene.item_for(group_id)
    assert isinstance(group, GroupItem)
    driver.show(group_id)
    rect = group.scene_rect()
    driver.click(driver.at(rect.left() + 2, rect.center().y()))  # on its left border
    assert window.canvas.selected_ids() == [group_id]
    task_11 = "_511d95ed-38f9-473e-9466-525285a007f5"  # inside the group
    driver.click(driver.centre(task_11))
    assert window.canvas.selected_ids() == [task_11]
