"""Element-type metadata: the palette, making elements, type look-up and change-type options."""

from __future__ import annotations

import pytest

from bpo_desktop.core.model import (
    DataObject,
    EventTrigger,
    Lane,
    Node,
    NodeKind,
    Pool,
    TaskType,
    TextAnnotation,
)
from bpo_desktop.core.model.element_types import (
    ELEMENT_TYPES,
    Category,
    element_type,
    palette_types,
    replacements,
    type_of,
)


def test_the_palette_covers_the_brief() -> None:
    ids = [t.id for t in palette_types()]
    for wanted in (
        "start_event", "intermediate_event", "end_event", "task", "user_task", "subprocess",
        "exclusive_gateway", "parallel_gateway", "inclusive_gateway", "text_annotation",
        "data_object", "pool", "lane",
    ):  # fmt: skip
        assert wanted in ids
    assert len(set(t.id for t in ELEMENT_TYPES)) == len(ELEMENT_TYPES)
    assert all(t.size[0] > 0 and t.size[1] > 0 and t.label and t.icon for t in ELEMENT_TYPES)


@pytest.mark.parametrize(
    ("type_id", "expected"),
    [
        ("user_task", Node("", NodeKind.TASK, "Go", task_type=TaskType.USER)),
        ("timer_start_event", Node("", NodeKind.START_EVENT, "Go", trigger=EventTrigger.TIMER)),
        ("text_annotation", TextAnnotation("", "Go")),
        ("data_store", DataObject("", "Go", is_store=True)),
        ("pool", Pool("", "Go")),
        ("lane", Lane("", "Go")),
    ],
)
def test_make_builds_the_element(type_id: str, expected: object) -> None:
    assert element_type(type_id).make(name="Go") == expected


def test_type_of_finds_the_exact_type_or_the_plain_kind() -> None:
    assert type_of(Node("a", NodeKind.TASK, task_type=TaskType.SEND)).id == "send_task"  # type: ignore[union-attr]
    odd = Node("a", NodeKind.START_EVENT, trigger=EventTrigger.SIGNAL)
    assert type_of(odd).id == "start_event"  # type: ignore[union-attr]
    assert type_of(DataObject("d")).id == "data_object"  # type: ignore[union-attr]


def test_replacements_stay_in_the_family() -> None:
    task = Node("a", NodeKind.TASK)
    options = replacements(task)
    assert options and all(t.category is Category.ACTIVITY for t in options)
    assert element_type("task") not in options
    assert {t.id for t in replacements(Node("g", NodeKind.EXCLUSIVE_GATEWAY))} >= {
        "parallel_gateway",
        "inclusive_gateway",
    }
    assert replacements(Lane("l")) == []
    with pytest.raises(KeyError, match="no element type 'blob'"):
        element_type("blob")
