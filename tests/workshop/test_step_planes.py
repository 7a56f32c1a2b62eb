"""Going to a step inside a collapsed sub-process opens its plane: the workshop's "show on
the diagram" (reveal_step) and the presentation walkthrough."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from bpo_desktop.core.model import Point
from bpo_desktop.ui.main_window import MainWindow


def _step_inside_a_collapsed_sub_process(window: MainWindow) -> tuple[str, str]:
    """A new collapsed sub-process right of the onboarding steps, with one task inside."""
    process = window.current_process()
    modeling = window.canvas.modeling
    assert process is not None and modeling is not None
    right = window.scene.content_rect().right()
    sub_id = modeling.create_typed(process.id, "subprocess", Point(right + 200, 100), "Checks")
    task_id = modeling.create_typed(
        process.id, "task", Point(200, 200), "Call back", parent_id=sub_id
    )
    assert window.canvas.planes.current is None
    assert window.scene.item_for(task_id) is None  # not drawn on the main plane
    return sub_id, task_id


def test_reveal_step_opens_the_plane_of_a_step_inside_a_sub_process(editing: MainWindow) -> None:
    window = editing
    sub_id, task_id = _step_inside_a_collapsed_sub_process(window)

    window.workshop.reveal_step(task_id)  # type: ignore[attr-defined]

    assert window.canvas.planes.current == sub_id
    assert window.scene.item_for(task_id) is not None
    assert window.canvas.selected_ids() == [task_id]
    first = next(n.id for n in window.current_process().nodes() if n.parent_id is None)  # type: ignore[union-attr]
    window.workshop.reveal_step(first)  # type: ignore[attr-defined]
    assert window.canvas.planes.current is None  # and out again for a step on the main plane
    assert window.canvas.selected_ids() == [first]


def test_the_walkthrough_shows_the_plane_of_the_current_step(qtbot, editing: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = editing
    sub_id, task_id = _step_inside_a_collapsed_sub_process(window)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_F5)
    presenter = window.presentation  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: presenter.active)
    first = presenter.current_steps()
    assert first and window.canvas.planes.current is None

    assert presenter.walk.jump(task_id)
    presenter.show_current()

    assert window.canvas.planes.current == sub_id
    assert len(presenter.spotlight.rects) == 1  # the spotlight sits on the step, drawn here
    item = window.scene.item_for(task_id)
    assert item is not None and presenter.spotlight.rects[0].contains(item.scene_rect())
    assert presenter.current_steps() == (task_id,)  # coming out later must not jump elsewhere

    presenter.walk.jump(first[0])
    presenter.show_current()
    assert window.canvas.planes.current is None
    assert presenter.current_steps() == first
    QTest.keyClick(window.view, Qt.Key.Key_Escape)
