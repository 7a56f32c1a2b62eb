"""A whole workshop session runs without opening a single network socket (issue 8)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from bpo_desktop.core.workshop import store
from bpo_desktop.ui.main_window import MainWindow


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every way Python code reaches the network fails the test and is recorded."""
    attempts: list[str] = []

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def blocked(*args: object, **kwargs: object) -> None:
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise AssertionError(f"network access during a workshop: {name}")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def test_a_whole_session_without_the_network(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, sample_file: Path, tmp_path: Path, dialogs, no_network: list[str]
) -> None:
    assert window.open_file(sample_file)
    window.show()
    workshop = window.workshop  # type: ignore[attr-defined]
    process = window.workspace.process_by_name("Customer onboarding (as-is)")  # type: ignore[union-attr]
    window.select_process(process.id)

    window.registry.action("workshop.new_session").trigger()
    dialog = workshop.session_dialog
    for name in ("Ann", "Bob", "Cem"):
        dialog.add_participant(name, "SME")
    dialog.add_agenda_item("As-is mapping", 20)
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    panel = workshop.panel
    qtbot.mouseClick(panel.agenda.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.agenda.start.text() == "Pause")

    steps = [n.id for n in process.nodes() if n.name][1:3]
    notes = [
        window.document.modeling.add_annotation(
            process.id, "idea", f"Idea {n}", targets=(s,), author="Ann"
        )  # type: ignore[union-attr]
        for n, s in enumerate(steps)
    ]
    qtbot.mouseClick(panel.voting.new_round, Qt.MouseButton.LeftButton)
    workshop.round_dialog.set_checked(set(notes))
    workshop.round_dialog.accept()
    qtbot.waitUntil(lambda: panel.voting.table.rowCount() == 2)
    plus = panel.voting.table.findChild(QPushButton, "workshop.vote.plus.0")
    qtbot.mouseClick(plus, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.voting.reveal, Qt.MouseButton.LeftButton)
    panel.matrix.score(notes[0], 5, 2)
    qtbot.mouseClick(panel.action_table.add, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    if editor is not None and editor is not panel.action_table.table:
        editor.clearFocus()
    panel.action_table.set_field(0, "owner", "Ann")
    qtbot.mouseClick(panel.decisions.add, Qt.MouseButton.LeftButton)

    workshop.ask_save_path = lambda title, suggested: str(tmp_path / "minutes.html")
    dialogs.answer = dialogs.answer.Yes  # "Export the minutes now?"
    qtbot.mouseClick(panel.end_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.sessions(window.workspace)[0].closed)  # type: ignore[arg-type]
    window.files.save()
    copy = tmp_path / "copy.bpo"
    copy.write_bytes(Path(window.path).read_bytes())  # type: ignore[arg-type]
    assert workshop.merge_from(copy) is not None

    minutes = (tmp_path / "minutes.html").read_text(encoding="utf-8")
    assert "Actions (1)" in minutes and "Stickies per step (2)" in minutes
    assert no_network == []


def test_the_guard_catches_a_connection(no_network: list[str]) -> None:
    with pytest.raises(AssertionError, match="network access"):
        socket.create_connection(("example.org", 80))
    with pytest.raises(AssertionError, match="network access"):
        socket.socket().connect(("127.0.0.1", 9))
    assert len(no_network) == 2
