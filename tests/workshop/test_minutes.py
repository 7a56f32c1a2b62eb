"""Minutes (issue 8): the data gathered for a session, its HTML and Markdown, and the CLI."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from support.cli import bpo
from workshop.helpers import add_sticky, session_editor

from bpo_desktop.core.storage import save_workspace_as
from bpo_desktop.core.workshop import store
from bpo_desktop.core.workshop.minutes import gather, render
from bpo_desktop.core.workshop.model import (
    ActionItem,
    Decision,
    MatrixScore,
    ParkingItem,
    VoteRound,
)

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def _session_with_content():  # type: ignore[no-untyped-def]
    editor, edits, session = session_editor()
    first = add_sticky(
        editor, "pain_point", "Emails get lost <b>", "Email CS, Finance, Marketing", "Ann"
    )
    second = add_sticky(
        editor, "idea", "Auto-trigger onboarding workflow", "Email CS, Finance, Marketing", "Bob"
    )
    add_sticky(editor, "question", "Who owns the CRM?", "Enter customer + contract in CRM", "Cem")
    vote_round = VoteRound(
        edits.new_id("VoteRound"), session.id, "Top issues", (first, second), budget=3
    )
    edits.put(vote_round, "Round")
    people = [p.id for p in session.participants]
    for person, item in [(people[0], second), (people[1], second), (people[2], first)]:
        edits.cast_vote(vote_round, person, item)
    edits.put(replace(vote_round, revealed=True), "Reveal")
    edits.put(MatrixScore(edits.new_id("Score"), session.id, second, 5, 2), "Score")
    edits.put(MatrixScore(edits.new_id("Score"), session.id, first, 5, 5), "Score")
    edits.put(
        ActionItem(
            edits.new_id("Action"), session.id, "Define tracking", "Ann", "2026-12-01", link=first
        ),
        "A",
    )
    edits.put(
        Decision(
            edits.new_id("Decision"), session.id, "Use CRM tasks", "cheapest", "Bob", "2026-11-23"
        ),
        "D",
    )
    edits.put(
        ParkingItem(edits.new_id("Parking"), session.id, "Licence costs", who="Cem", when="Q1"), "P"
    )
    agenda = (replace(session.agenda[1], actual_s=25 * 60, extensions_min=(5,)), session.agenda[0])
    edits.put(replace(session, agenda=agenda), "Timer")
    return editor, store.sessions(editor.workspace)[0]


def test_minutes_hold_exactly_the_session_content() -> None:
    editor, session = _session_with_content()
    minutes = gather(editor.workspace, session, NOW)
    assert [p.name for p in minutes.attendees] == ["Ann", "Bob", "Cem"]
    assert minutes.sticky_count == 3 and minutes.earlier_count == 2
    assert [step for step, _ in minutes.stickies] == [
        "Enter customer + contract in CRM",
        "Email CS, Finance, Marketing",
    ]
    (result,) = minutes.rounds
    assert [(r.label.split(" (")[0], r.votes) for r in result.rows] == [
        ("Auto-trigger onboarding workflow", 2),
        ("Emails get lost <b>", 1),
    ]
    quadrants = dict(minutes.matrix)
    assert [r.impact for r in quadrants["Quick wins"]] == [5]
    assert [r.effort for r in quadrants["Big bets"]] == [5]
    assert minutes.agenda[0].summary == "planned 20 / actual 25 (extended once)"
    assert [a.what for a in minutes.actions] == ["Define tracking"]
    assert minutes.actions[0].link.startswith("Pain point: Emails get lost")


def test_html_is_escaped_and_markdown_tables_hold_the_rows() -> None:
    editor, session = _session_with_content()
    minutes = gather(editor.workspace, session, NOW)
    html = render(minutes)
    assert "Emails get lost &lt;b&gt;" in html and '<b>"' not in html
    assert "Stickies per step (3)" in html and "Actions (1)" in html
    markdown = render(minutes, markdown=True)
    assert (
        "| Auto-trigger onboarding workflow (Email CS, Finance, Marketing) | Idea | 2 |" in markdown
    )
    assert "| As-is mapping | 20 | 25 | +5 | planned 20 / actual 25 (extended once) |" in markdown
    assert "| Licence costs | Cem | Q1 | open | assigned |" in markdown
    assert "**Quick wins:** Auto-trigger onboarding workflow" in markdown


def test_export_cli_writes_deterministic_minutes(tmp_path: Path) -> None:
    editor, _session = _session_with_content()
    path = tmp_path / "w.bpo"
    save_workspace_as(editor.workspace, path)
    outputs = []
    for name in ("one.html", "two.html", "m.md"):
        result = bpo("export", str(path), "--format", "minutes", "-o", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        outputs.append((tmp_path / name).read_text(encoding="utf-8"))
    strip = re.compile(r"Generated .* by BPO Desktop")
    assert strip.sub("", outputs[0]) == strip.sub("", outputs[1])
    assert outputs[2].startswith("# Minutes: Onboarding as-is")
    missing = bpo(
        "export",
        str(path),
        "--format",
        "minutes",
        "--session",
        "Nope",
        "-o",
        str(tmp_path / "x.html"),
    )
    assert missing.returncode == 2
    assert (
        "no workshop session named 'Nope'" in missing.stderr
        and "Onboarding as-is" in missing.stderr
    )


def test_preread_lists_purpose_agenda_and_the_planning_sheet(tmp_path: Path) -> None:
    editor, edits, session = session_editor()
    contracts = editor.workspace.process_by_name("Manage client contracts")
    agenda = tuple(
        replace(session.agenda[0], id=f"Agenda_{n}", title=f"Item {n}", planned_min=m)
        for n, m in enumerate([30, 40, 60, 30, 30])
    )
    edits.put(replace(session, process_id=contracts.id, agenda=agenda, slot_min=180), "Plan")
    path = tmp_path / "w.bpo"
    save_workspace_as(editor.workspace, path)
    out = tmp_path / "pre.md"
    result = bpo("export", str(path), "--format", "minutes", "--preread", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "## Purpose\n\nMap the as-is onboarding" in text
    assert "| 3 | Item 2 | 60 |" in text and "| | **Total (slot 180 min)** | 190 |" in text
    assert "**The agenda exceeds the slot by 10 min.**" in text
    assert "- **K2** Contract data secure from breaches" in text
    assert "- **W1** Audit findings on revenue recognition (last two audits)" in text


def test_stickies_on_a_lane_or_on_nothing_are_listed_too() -> None:
    editor, _edits, session = session_editor()
    process = editor.workspace.process_by_name("Customer onboarding (as-is)")
    assert session.process_id == process.id
    lane = process.lane_by_name("Finance").id
    editor.modeling.add_annotation(process.id, "risk", "Month-end rush", targets=(lane,))
    editor.modeling.add_annotation(process.id, "question", "Is this the right scope?")
    minutes = gather(editor.workspace, store.sessions(editor.workspace)[0], NOW)
    assert [(step, [i.text for i in items]) for step, items in minutes.stickies] == [
        ("Finance", ["Month-end rush"]),
        ("Whole process", ["Is this the right scope?"]),
    ]
    assert minutes.sticky_count == 2


def test_a_session_moved_to_another_process_takes_that_ones_notes_as_its_baseline() -> None:
    editor, edits, session = session_editor()
    contracts = editor.workspace.process_by_name("Manage client contracts")
    editor.modeling.add_annotation(contracts.id, "idea", "Before the move")
    moved = edits.update_session(replace(session, process_id=contracts.id), session)
    step = contracts.node_by_name(next(n.name for n in contracts.nodes() if n.name)).id
    editor.modeling.add_annotation(contracts.id, "risk", "After the move", targets=(step,))
    minutes = gather(editor.workspace, moved, NOW)
    assert [i.text for _step, items in minutes.stickies for i in items] == ["After the move"]
    assert minutes.earlier_count == 1


def test_actions_csv_has_the_tracker_columns(tmp_path: Path) -> None:
    import csv

    editor, _session = _session_with_content()
    path = tmp_path / "w.bpo"
    save_workspace_as(editor.workspace, path)
    out = tmp_path / "actions.csv"
    result = bpo("export", str(path), "--format", "minutes", "-o", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == ["what", "who", "due", "status", "linked_to", "done_when"]
    assert rows[1][:4] == ["Define tracking", "Ann", "2026-12-01", "open"]
    assert rows[1][4].startswith("Pain point: Emails get lost") and len(rows) == 2
