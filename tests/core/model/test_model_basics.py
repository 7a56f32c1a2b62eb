"""Ids, type coercion, annotations and workspace lookups."""

from __future__ import annotations

import pytest

from bpo_desktop.core.model import (
    Annotation,
    AnnotationKind,
    ConstraintCategory,
    Lane,
    Node,
    NodeKind,
    Strategy,
    VAClass,
    annotation_problems,
    new_workspace,
)
from bpo_desktop.core.model.coerce import coerce_fields
from bpo_desktop.core.model.ids import is_ncname, new_id
from bpo_desktop.core.samples import ONBOARDING, sample_workspace


def test_new_ids_are_ncnames_and_skip_taken_ones() -> None:
    tokens = iter(["aaaa", "aaaa", "bbbb"])
    first = new_id("Activity", token=lambda: next(tokens))
    second = new_id("Activity", taken={first}, token=lambda: next(tokens))
    assert (first, second) == ("Activity_aaaa", "Activity_bbbb")
    assert is_ncname(new_id("Flow"))
    with pytest.raises(ValueError, match="NCName"):
        new_id("1bad")


def test_workspace_ids_are_unique_across_processes() -> None:
    ws = sample_workspace()
    ids = {ws.new_id("Activity") for _ in range(200)}
    assert len(ids) == 200
    assert not any(ws.has_id(i) for i in ids)
    some_node = next(iter(ws.process_by_name(ONBOARDING).nodes()))
    assert ws.has_id(some_node.id)
    assert ws.process_of(some_node.id) is ws.process_by_name(ONBOARDING)


def test_unknown_process_name_lists_the_available_ones() -> None:
    with pytest.raises(KeyError, match="Customer onboarding"):
        sample_workspace().process_by_name("Payroll")


def test_coerce_fields_converts_form_values_to_field_types() -> None:
    changes = coerce_fields(
        Node, {"touch_min": "12.5", "va_class": "NVA", "manual_trigger": "true", "lane_id": None}
    )
    assert changes == {
        "touch_min": 12.5,
        "va_class": VAClass.NVA,
        "manual_trigger": True,
        "lane_id": None,
    }
    assert coerce_fields(Lane, {"staff": 2}) == {"staff": 2.0}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"touch_min": "soon"}, "touch_min: expected a number"),
        ({"touch_min": float("nan")}, "finite"),
        ({"va_class": "GOLD"}, "not one of VA, NNVA, NVA"),
        ({"colour": "red"}, "no editable property 'colour'"),
        ({"id": "Other"}, "no editable property 'id'"),
        ({"name": 3}, "expected text"),
    ],
)
def test_coerce_fields_rejects_bad_values_clearly(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        coerce_fields(Node, changes)


def test_strategies_must_fit_the_annotation_kind() -> None:
    good = Annotation("a", AnnotationKind.STRENGTH, "x", strategy=Strategy.PRESERVE)
    assert annotation_problems(good) == []
    bad = Annotation("b", AnnotationKind.STRENGTH, "x", strategy=Strategy.ELIMINATE)
    assert "cannot have strategy eliminate" in annotation_problems(bad)[0]
    weakness = Annotation("c", AnnotationKind.WEAKNESS, "x", strategy=Strategy.PRESERVE)
    assert "allowed: eliminate, mitigate" in annotation_problems(weakness)[0]
    category = Annotation("d", AnnotationKind.GOAL, category=ConstraintCategory.SECURITY)
    assert annotation_problems(category) == ["only constraints have a category"]
    assert annotation_problems(Annotation("e", AnnotationKind.PAIN_POINT, severity=5))


def test_copy_is_independent_of_the_original() -> None:
    ws = sample_workspace()
    snapshot = ws.copy()
    process = ws.process_by_name(ONBOARDING)
    node = next(iter(process.nodes()))
    del process.elements[node.id]
    assert snapshot != ws
    assert node.id in snapshot.process_by_name(ONBOARDING).elements


def test_new_workspace_has_the_off_system_catalogue() -> None:
    ws = new_workspace("Empty")
    names = {s.name: s.is_off_system for s in ws.systems.values()}
    assert names == {
        "Email": True,
        "Paper": True,
        "Phone": True,
        "Spreadsheet": True,
        "Manual": True,
    }
    assert ws.processes == {}


def test_node_kind_categories() -> None:
    assert NodeKind.START_EVENT.is_event and not NodeKind.START_EVENT.is_gateway
    assert NodeKind.INCLUSIVE_GATEWAY.is_gateway
    assert NodeKind.CALL_ACTIVITY.is_activity and not NodeKind.TASK.is_event
