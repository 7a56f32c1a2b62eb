"""Timebox (W2), agenda slot (W1), matrix (W8), parking lot and session close (W9, W10), the
planning-sheet opener (W4): the pure rules the dock and presentation mode share."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from workshop.helpers import session_editor

from bpo_desktop.core.samples import sample_workspace
from bpo_desktop.core.workshop import store, timebox
from bpo_desktop.core.workshop.closing import close_report, owner_warning, review_item
from bpo_desktop.core.workshop.matrix import board, quadrant
from bpo_desktop.core.workshop.model import (
    ActionItem,
    AgendaItem,
    MatrixScore,
    ParkingItem,
    WorkshopSession,
)


def test_timer_turns_amber_at_18_and_red_at_20_and_logs_an_extension() -> None:
    item = AgendaItem("A", "As-is mapping", 20)
    box = timebox.Timebox.of(item)
    assert [box.state(m * 60) for m in (17, 18, 20)] == ["normal", "amber", "red"]
    start = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    running = timebox.started(item, start)
    assert timebox.elapsed_s(running, start + timedelta(minutes=20)) == 1200
    item = timebox.extended(timebox.paused(running, start + timedelta(minutes=20)), 5)
    assert [timebox.Timebox.of(item).state(m * 60) for m in (20, 23, 25)] == [
        "normal",
        "amber",
        "red",
    ]
    running = timebox.started(item, start + timedelta(minutes=30))
    item = timebox.paused(running, start + timedelta(minutes=35))
    assert timebox.planned_vs_actual(item) == "planned 20 / actual 25 (extended once)"
    assert timebox.format_clock(-125) == "-2:05"


def test_agenda_exceeding_the_slot_by_ten_minutes() -> None:
    agenda = tuple(AgendaItem(f"A{n}", f"Item {n}", m) for n, m in enumerate([30, 40, 60, 30, 30]))
    session = WorkshopSession("S", "Brown paper", "2026-11-23", agenda=agenda, slot_min=180)
    assert session.planned_min == 190 and session.overrun_min == 10


def test_matrix_quadrants_and_a_raised_threshold() -> None:
    auto = MatrixScore("M1", "S", "auto", impact=5, effort=2)
    mdm = MatrixScore("M2", "S", "mdm", impact=5, effort=5)
    small = MatrixScore("M3", "S", "small", impact=3, effort=1)
    assert quadrant(5, 2) == "quick_win" and quadrant(5, 5) == "big_bet"
    assert quadrant(2, 2) == "fill_in" and quadrant(2, 4) == "time_sink"
    assert [s.item_id for s in board([auto, mdm, small])["quick_win"]] == ["auto", "small"]
    raised = board([auto, mdm, small], impact_threshold=4)
    assert [s.item_id for s in raised["quick_win"]] == ["auto"]
    assert [s.item_id for s in raised["fill_in"]] == ["small"]


def test_end_session_blocked_by_an_item_without_owner_and_absent_owner_warns() -> None:
    editor, edits, session = session_editor()
    items = [
        ParkingItem("Parking_1", session.id, "Licence costs", who="Ann", when="Q1"),
        ParkingItem("Parking_2", session.id, "Data retention", disposition="obe"),
        ParkingItem("Parking_3", session.id, "Who approves discounts?"),
    ]
    edits.put_all(items, "Parking")
    report = close_report(editor.workspace, session)
    assert report.blocked
    assert [p.what for p in report.unresolved_parking] == ["Who approves discounts?"]
    assert owner_warning(session, "Zoe") == "Zoe is not an attendee of 'Onboarding as-is'"
    assert owner_warning(session, "fran") is None  # the facilitator attends
    edits.put(ParkingItem("Parking_3", session.id, "Who approves discounts?", who="Zoe"), "Assign")
    report = close_report(editor.workspace, session)
    assert not report.blocked
    assert report.absent_owners == [
        "Zoe is not an attendee of 'Onboarding as-is' (owner of 'Who approves discounts?')"
    ]
    assert len(store.parking_items(editor.workspace, session.id)) == 3
    from bpo_desktop.core.workshop.minutes import gather

    rows = [(p.what, p.extra) for p in gather(editor.workspace, session).parking]
    assert rows == [
        ("Licence costs", "assigned"),
        ("Data retention", "no longer relevant (OBE)"),
        ("Who approves discounts?", "assigned"),
    ]


def test_action_without_owner_blocks_closing() -> None:
    editor, edits, session = session_editor()
    edits.put(ActionItem("Action_1", session.id, "Define PM %-complete tracking"), "Action")
    report = close_report(editor.workspace, session)
    assert report.lines() == ["Action without an owner: Define PM %-complete tracking"]
    edits.put(ActionItem("Action_1", session.id, "Define PM %-complete tracking", "Ann"), "Own")
    assert not close_report(editor.workspace, session).blocked


def test_a_constraint_not_agreed_becomes_a_review_item() -> None:
    process = sample_workspace().process_by_name("Manage client contracts")
    k2 = next(a for a in process.annotations.values() if a.ref == "K2")
    item = review_item(k2, "S", "Parking_k2", "2026-11-23T09:00:00")
    assert item.what == "Review constraint K2" and item.link == k2.id


def test_brown_paper_template_is_180_minutes() -> None:
    from bpo_desktop.core.workshop.agendas import template_agenda

    counter = iter(range(100))
    agenda = template_agenda("As-is brown paper (3 h)", lambda p: f"{p}_{next(counter)}")
    assert [(a.title, a.planned_min) for a in agenda][:3] == [
        ("Intro + planning sheet", 15),
        ("SIPOC", 20),
        ("As-is mapping", 60),
    ]
    assert sum(a.planned_min for a in agenda) == 180 and len({a.id for a in agenda}) == 8


def test_a_damaged_record_is_skipped_and_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest
    from support.cli import bpo

    from bpo_desktop.core.model.records import Record
    from bpo_desktop.core.storage import save_workspace_as
    from bpo_desktop.core.workshop.store import WorkshopDataError, session_from_record

    workspace = sample_workspace()
    bad = [
        Record("WorkshopSession_a", "workshop_session", None, {"title": 5, "date": "x"}),
        Record("WorkshopSession_b", "workshop_session", None, {"title": "B", "agenda": "oops"}),
        Record("WorkshopSession_c", "workshop_session", None, {"date": "2026-01-01"}),
        Record("Vote_d", "workshop_vote", None, {"round_id": 3}),
    ]
    for record in bad:
        workspace.records[record.id] = record
    assert store.sessions(workspace) == [] and store.votes(workspace) == []
    with pytest.raises(WorkshopDataError, match="WorkshopSession_b"):
        session_from_record(bad[1])
    path = tmp_path / "bad.bpo"
    save_workspace_as(workspace, path)
    result = bpo("export", str(path), "--format", "minutes", "-o", str(tmp_path / "m.html"))
    assert result.returncode == 2
    assert "bad.bpo: the workspace has no workshop session" in result.stderr
