"""The main window: the Processes panel, one item per element, switching, bad files, recents."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QKeySequence, QWheelEvent
from PySide6.QtWidgets import QLabel, QMessageBox

from bpo_desktop.core.model import Flow, Lane, Node, Pool, Process
from bpo_desktop.core.samples import CONTRACTS, ONBOARDING, ONBOARDING_REWORK
from bpo_desktop.ui.canvas.items import (
    ElementItem,
    FlowItem,
    LabelItem,
    LaneItem,
    NodeItem,
    PoolItem,
)
from bpo_desktop.ui.main_window import MainWindow


def _panel_names(window: MainWindow) -> list[str]:
    panel = window.process_panel
    return [panel.topLevelItem(i).text(0) for i in range(panel.topLevelItemCount())]


def _count(window: MainWindow, item_type: type[ElementItem]) -> int:
    return sum(isinstance(item, item_type) for item in window.scene.element_items())


def _assert_scene_matches(window: MainWindow, process: Process) -> None:
    scene = window.scene
    assert scene.element_ids() == frozenset(process.elements)
    elements = process.elements.values()
    assert _count(window, PoolItem) == sum(isinstance(e, Pool) for e in elements)
    assert _count(window, LaneItem) == sum(isinstance(e, Lane) for e in elements)
    assert _count(window, NodeItem) == sum(isinstance(e, Node) for e in elements)
    assert _count(window, FlowItem) == sum(isinstance(e, Flow) for e in elements)
    # Nothing else is on the canvas: every other item is the label of a drawn element.
    for item in scene.items():
        if isinstance(item, LabelItem):
            assert item.owner_id in process.elements
        else:
            assert isinstance(item, ElementItem)
            assert scene.item_for(item.element_id) is item


def test_opening_the_sample_lists_three_processes_and_draws_the_first(
    window: MainWindow, sample_file: Path
) -> None:
    assert window.open_file(sample_file)
    assert _panel_names(window) == [ONBOARDING, ONBOARDING_REWORK, CONTRACTS]
    assert window.workspace is not None
    onboarding = window.workspace.process_by_name(ONBOARDING)
    assert window.current_process() is onboarding
    _assert_scene_matches(window, onboarding)
    # 1 pool, 4 lanes, start + S1..S5 + split + join + end, 10 sequence flows.
    assert (_count(window, PoolItem), _count(window, LaneItem)) == (1, 4)
    assert (_count(window, NodeItem), _count(window, FlowItem)) == (9, 10)
    assert window.windowTitle() == "sample.bpo — BPO Desktop"
    status = window.findChild(QLabel, "status.document")
    assert "sample.bpo" in status.text() and "24 elements" in status.text()


def test_the_onboarding_process_has_its_four_lanes_top_to_bottom(
    window: MainWindow, sample_file: Path
) -> None:
    window.open_file(sample_file)
    lanes = sorted(
        (item for item in window.scene.element_items() if isinstance(item, LaneItem)),
        key=lambda item: item.scenePos().y(),
    )
    assert [item.element.name for item in lanes] == [
        "Sales",
        "Customer Service",
        "Finance",
        "Marketing",
    ]
    panel = window.process_panel
    assert panel.topLevelItem(0).text(1) == "4"
    assert "Automate S2" in panel.topLevelItem(0).toolTip(0)


def test_selecting_another_process_replaces_the_items(
    window: MainWindow, sample_file: Path
) -> None:
    window.open_file(sample_file)
    assert window.workspace is not None
    first_ids = window.scene.element_ids()
    window.process_panel.setCurrentItem(window.process_panel.topLevelItem(2))
    contracts = window.workspace.process_by_name(CONTRACTS)
    assert window.current_process() is contracts
    _assert_scene_matches(window, contracts)
    assert not first_ids & window.scene.element_ids()
    assert CONTRACTS in window.findChild(QLabel, "status.document").text()


def test_a_bad_file_shows_the_error_and_keeps_the_document(
    window: MainWindow, sample_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_file(sample_file)
    before = (window.workspace, window.path, window.scene.element_ids(), window.windowTitle())
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, text, *a: shown.append((title, text))
    )
    bad = tmp_path / "broken.bpo"
    bad.write_bytes(b"this is not a database")

    assert not window.open_file(bad)

    assert len(shown) == 1
    title, text = shown[0]
    assert title == "Cannot open file"
    assert text.startswith(f"{bad}: ") and "\n" not in text
    after = (window.workspace, window.path, window.scene.element_ids(), window.windowTitle())
    assert after == before
    assert [p.name for p in window.recent.paths()] == ["sample.bpo"]


def test_opened_files_go_to_open_recent(
    window: MainWindow, sample_file: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.bpo"
    other.write_bytes(sample_file.read_bytes())
    window.open_file(sample_file)
    window.open_file(other)
    assert window.recent.paths() == [other.resolve(), sample_file.resolve()]
    assert window.recent.last() == other.resolve()
    window.action("file.open_recent.2").trigger()
    assert window.path == sample_file.resolve()
    assert window.action("file.open_recent.1").text() == "&1 sample.bpo"


def test_file_actions_have_names_and_standard_shortcuts(window: MainWindow) -> None:
    assert window.action("file.open").shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.action("file.quit").shortcut() == QKeySequence(QKeySequence.StandardKey.Quit)
    assert window.windowTitle() == "BPO Desktop"
    assert window.view.placeholder.startswith("Open a workspace")


def test_ctrl_wheel_zooms_and_fit_restores(qtbot, window: MainWindow, sample_file: Path) -> None:  # type: ignore[no-untyped-def]
    window.open_file(sample_file)
    window.show()
    qtbot.waitExposed(window)
    view = window.view
    fitted = view.zoom()
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(
        centre, view.mapToGlobal(centre), QPoint(), QPoint(0, 120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    view.wheelEvent(wheel)
    assert view.zoom() == pytest.approx(fitted * 1.2)
    window.action("view.fit").trigger()
    assert view.zoom() == pytest.approx(fitted)
    # Fitting shows the whole diagram.
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(window.scene.content_rect())
