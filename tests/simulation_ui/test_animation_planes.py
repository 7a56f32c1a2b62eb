"""The token animation plays on the main plane: it opens that plane to play, and stops (its
points belong to the plane it was built on) when the user drills into a sub-process."""

from __future__ import annotations

from simulation_ui.helpers import click, sim

from bpo_desktop.ui.main_window import MainWindow


def test_play_shows_the_main_plane_and_drilling_in_stops_the_tokens(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    process = window.current_process()
    modeling = window.canvas.modeling
    assert process is not None and modeling is not None
    sub_id = "Activity_onb9"  # the first onboarding step, made a collapsed sub-process
    modeling.change_type(sub_id, "subprocess")
    animation, panel = sim(window).animation, sim(window).panel
    assert window.canvas.planes.show(sub_id)

    click(panel.play)  # from inside the sub-process: back out to watch the whole process
    assert window.canvas.planes.current is None
    assert animation.state == "playing" and animation.legs
    qtbot.waitUntil(lambda: bool(window.canvas.overlays.tokens), timeout=5_000)

    assert window.canvas.planes.show(sub_id)
    assert animation.state == "stopped" and window.canvas.overlays.tokens == []
