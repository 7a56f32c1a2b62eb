"""Workshop dock benchmark: what one edit costs while the Workshop dock is open, offscreen.

Run: `uv run python benchmarks/workshop_dock.py [--stickies 300] [--repeat 15]`.
The sample workspace in the real main window (1600x1000) with a workshop session on the
onboarding process: `--stickies` notes on its steps, a vote round with votes, matrix scores,
actions, parking-lot items and decisions. Each figure is the median time from the edit until
the event loop is idle again (the edit, the coalesced dock refresh and the repaint it causes):

- `sticky_ms`: add one sticky (Modeling), the dock raised on its Stickies tab;
- `sticky_agenda_ms`: the same with the Agenda tab in front;
- `move_ms`: move a step on the canvas (an edit that is no workshop data);
- `sticky_actions_ms`: add a sticky with the Actions tab in front (its link choices change);
- `hidden_ms`: add a sticky while the dock is tabbed behind Problems;
- `show_ms`: raising the dock after those hidden edits until it shows current data.

Prints a line per measurement, then one JSON line last.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.workshop.model import (
    ActionItem,
    AgendaItem,
    Decision,
    MatrixScore,
    ParkingItem,
    Participant,
    Vote,
    VoteRound,
    WorkshopSession,
)
from bpo_desktop.ui.main_window import MainWindow

PROCESS = "Customer onboarding (as-is)"
KINDS = ("pain_point", "idea", "question", "risk", "weakness")
PEOPLE = ("Ann", "Bob", "Cem", "Dana", "Eli")


def _quiet(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if "does not support propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def _idle(app: QApplication) -> None:
    """Run the event loop until the coalescing zero-timers have fired and painting is done."""
    for _ in range(4):
        app.processEvents()


def build(window: MainWindow, stickies: int) -> None:
    """The session and its board, stored as a few undo steps (not measured)."""
    document = window.document
    assert document is not None
    workspace, modeling = document.workspace, document.modeling
    process = workspace.process_by_name(PROCESS)
    window.select_process(process.id)
    steps = [n.id for n in process.nodes() if n.kind.is_activity]
    workshop = window.workshop  # type: ignore[attr-defined]
    edits = workshop.edits
    people = tuple(Participant(f"Participant_p{n}", name, "SME") for n, name in enumerate(PEOPLE))
    session = edits.create_session(
        WorkshopSession(
            id=edits.new_id("WorkshopSession"),
            title="Onboarding as-is",
            date="2026-11-23",
            participants=people,
            agenda=(AgendaItem("Agenda_1", "Intro", 15), AgendaItem("Agenda_2", "Mapping", 60)),
            process_id=process.id,
        )
    )
    with document.stack.transaction("Benchmark stickies"):
        notes = [
            modeling.add_annotation(
                process.id,
                KINDS[n % len(KINDS)],
                f"Note {n} about step {n % len(steps)}",
                targets=(steps[n % len(steps)],),
                author=PEOPLE[n % len(PEOPLE)],
            )
            for n in range(stickies)
        ]
    voted = tuple(notes[:30])
    vote_round = VoteRound(edits.new_id("VoteRound"), session.id, "Round 1", voted, revealed=True)
    values: list[object] = [vote_round]
    for n, person in enumerate(people):
        for k in range(3):
            item = voted[(n * 3 + k) % len(voted)]
            values.append(Vote(edits.new_id("Vote"), vote_round.id, person.id, item))
    for n, note in enumerate(notes[:20]):
        values.append(MatrixScore(edits.new_id("MatrixScore"), session.id, note, n % 5 + 1, 3))
    for n in range(10):
        values.append(
            ActionItem(edits.new_id("ActionItem"), session.id, f"Action {n}", link=notes[n])
        )
        values.append(ParkingItem(edits.new_id("ParkingItem"), session.id, f"Parked {n}"))
        values.append(Decision(edits.new_id("Decision"), session.id, f"Decision {n}"))
    edits.put_all(values, "Benchmark board")
    workshop.refresh()


def timed(app: QApplication, edit: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        _idle(app)
        start = time.perf_counter()
        edit()
        _idle(app)
        times.append((time.perf_counter() - start) * 1000)
    return times


def measure(app: QApplication, stickies: int, repeat: int) -> dict[str, float]:
    window = MainWindow(settings=None)
    window.resize(1600, 1000)
    window.set_document(sample_workspace(), None)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.workshop.clock = lambda: datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    build(window, stickies)
    document, process = window.document, window.current_process()
    assert document is not None and process is not None
    step = next(n for n in process.nodes() if n.kind.is_activity)
    panel, dock = window.workshop.panel, window.docks["workshop"]  # type: ignore[attr-defined]
    counter = iter(range(1_000_000))

    def add_sticky() -> None:
        document.modeling.add_annotation(
            process.id, "idea", f"Bench idea {next(counter)}", targets=(step.id,), author="Ann"
        )

    def move() -> None:
        document.modeling.move_elements([step.id], 1.0, 0.0)

    dock.show()
    dock.raise_()
    panel.tabs.setCurrentWidget(panel.stickies)
    _idle(app)
    figures: dict[str, float] = {"stickies": float(len(panel.stickies.shown_ids()))}
    runs = {"sticky_ms": timed(app, add_sticky, repeat)}
    panel.tabs.setCurrentWidget(panel.agenda)
    runs["sticky_agenda_ms"] = timed(app, add_sticky, repeat)
    runs["move_ms"] = timed(app, move, repeat)
    panel.tabs.setCurrentWidget(panel.action_table)
    runs["sticky_actions_ms"] = timed(app, add_sticky, repeat)
    panel.tabs.setCurrentWidget(panel.stickies)
    window.docks["problems"].raise_()
    _idle(app)
    runs["hidden_ms"] = timed(app, add_sticky, repeat)
    start = time.perf_counter()
    dock.raise_()
    _idle(app)
    figures["show_ms"] = round((time.perf_counter() - start) * 1000, 1)
    expected = len(panel.stickies.shown_ids())
    assert expected == figures["stickies"] + 4 * repeat, expected  # the hidden edits are shown
    for name, values in runs.items():
        print(f"{name}: {[round(v, 1) for v in values]}", file=sys.stderr)
        figures[name] = round(statistics.median(values), 1)
    document.stack.mark_clean()
    window.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stickies", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    qInstallMessageHandler(_quiet)
    print(json.dumps(measure(app, args.stickies, args.repeat)))


if __name__ == "__main__":
    main()
