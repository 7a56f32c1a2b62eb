"""Workshop > Merge Notes from Another Copy… and Export Minutes… in the window (W11, minutes)."""

from __future__ import annotations

import shutil
from pathlib import Path

from workshop.helpers import ONBOARDING, add_sticky

from bpo_desktop.core.editing import create_editor
from bpo_desktop.core.storage import read_workspace, save_workspace_as
from bpo_desktop.ui.main_window import MainWindow


def _stickies(window: MainWindow) -> list[str]:
    process = window.workspace.process_by_name(ONBOARDING)  # type: ignore[union-attr]
    return sorted(a.text for a in process.annotations.values() if a.text.startswith(("A ", "B ")))


def test_merge_a_breakout_copy_twice_and_undo(
    qtbot, in_session: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    in_session.files.save()
    copy = tmp_path / "breakout B.bpo"
    shutil.copyfile(in_session.path, copy)  # type: ignore[arg-type]
    other = create_editor(read_workspace(copy))
    for n in range(4):
        add_sticky(other, "idea", f"B idea {n}", "Collect payment", author="Bob")
    save_workspace_as(other.workspace, copy)
    for n in range(2):
        add_sticky(
            in_session.document.editor, "pain_point", f"A pain {n}", "Email CS, Finance, Marketing"
        )  # type: ignore[union-attr]

    workshop = in_session.workshop  # type: ignore[attr-defined]
    workshop.ask_open_path = lambda: str(copy)
    in_session.registry.action("workshop.merge").trigger()
    assert len(_stickies(in_session)) == 6
    assert "Added 4 notes" in workshop.panel.message.text()
    assert in_session.document.stack.undo_label == "Merge notes from breakout B.bpo"  # type: ignore[union-attr]
    summary = workshop.merge_from(copy)
    assert summary.startswith("breakout B.bpo: Added 0 notes") and len(_stickies(in_session)) == 6
    in_session.document.stack.undo()  # type: ignore[union-attr]
    assert len(_stickies(in_session)) == 2


def test_merge_from_a_broken_file_says_which_and_why(
    qtbot, in_session: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.bpo"
    bad.write_bytes(b"not a database")
    errors: list[str] = []
    workshop = in_session.workshop  # type: ignore[attr-defined]
    workshop.show_error = lambda title, text: errors.append(text)
    assert workshop.merge_from(bad) is None
    assert len(errors) == 1 and "bad.bpo" in errors[0]


def test_export_minutes_from_the_menu(qtbot, in_session: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workshop = in_session.workshop  # type: ignore[attr-defined]
    asked: list[str] = []

    def ask(title: str, suggested: str) -> str:
        asked.append(suggested)
        return str(tmp_path / "minutes.md")

    workshop.ask_save_path = ask
    in_session.registry.action("workshop.export_minutes").trigger()
    assert asked and asked[0].endswith("Onboarding as-is minutes.html")
    text = (tmp_path / "minutes.md").read_text(encoding="utf-8")
    assert text.startswith("# Minutes: Onboarding as-is") and "## Attendees (3)" in text


def test_minutes_into_a_missing_folder_say_where_and_why(
    qtbot, in_session: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    workshop = in_session.workshop  # type: ignore[attr-defined]
    errors: list[str] = []
    workshop.show_error = lambda title, text: errors.append(text)
    target = tmp_path / "missing" / "minutes.html"
    assert workshop.export_minutes(target) is None
    assert len(errors) == 1 and str(target) in errors[0] and "cannot write" in errors[0]
    assert not target.parent.exists()
