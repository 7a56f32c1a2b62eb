"""Row ⇄ value conversion: every stored value is checked against its field's type."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bpo_desktop.core.model import (
    Annotation,
    AnnotationKind,
    Bounds,
    EdgeLayout,
    Flow,
    Lane,
    LaneKind,
    Node,
    NodeKind,
    Point,
    Scenario,
    ScenarioKind,
    ShapeLayout,
    Strategy,
    TaskType,
    VAClass,
)
from bpo_desktop.core.storage.codec import RowError, decode, encode
from bpo_desktop.core.storage.mapping import (
    decode_annotation,
    decode_element,
    decode_layout,
    decode_scenario,
    element_dict,
    layout_dict,
)


def _node_row(**changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"id": "Activity_1", "etype": "node", "kind": "task", "name": "Do"}
    row.update(changes)
    return row


class TestEncode:
    def test_enums_by_value_and_bools_as_integers(self) -> None:
        node = Node(
            "Activity_1", NodeKind.TASK, task_type=TaskType.USER, va_class=VAClass.NVA,
            manual_trigger=True, expanded=False,
        )  # fmt: skip
        row = encode(node)
        assert row["kind"] == "task" and type(row["kind"]) is str
        assert row["task_type"] == "user"
        assert row["va_class"] == "NVA"
        assert row["manual_trigger"] == 1 and type(row["manual_trigger"]) is int
        assert row["expanded"] == 0 and type(row["expanded"]) is int
        assert row["system_id"] is None

    @pytest.mark.parametrize(
        "element",
        [
            Node("Activity_1", NodeKind.TASK, name="n", touch_min=2.5, va_class=VAClass.VA),
            Flow("Flow_1", "a", "b", probability=0.25, is_default=True, condition="x > 1"),
            Lane("Lane_1", "L", kind=LaneKind.EXTERNAL, position=3, fee_per_case=9.5),
        ],
    )
    def test_element_round_trip(self, element: Any) -> None:
        assert decode_element(element_dict(element)) == element

    @pytest.mark.parametrize(
        "layout",
        [
            ShapeLayout(Bounds(1, 2, 3, 4)),
            ShapeLayout(Bounds(1.5, -2, 30, 40), Bounds(0, 0, 10, 5)),
            EdgeLayout((Point(0, 0), Point(10.25, -3))),
            EdgeLayout((), Bounds(1, 1, 2, 2)),
        ],
    )
    def test_layout_round_trip(self, layout: Any) -> None:
        row = dict.fromkeys(("x", "y", "width", "height", "waypoints", "label_x"))
        row.update(layout_dict(layout), element_id="E")
        assert decode_layout(row) == layout


class TestDecodeRejects:
    @pytest.mark.parametrize(
        ("column", "value", "phrase"),
        [
            ("name", 5, "expected text"),
            ("touch_min", "abc", "expected a number"),
            ("touch_min", True, "expected a number"),
            ("touch_min", float("inf"), "finite"),
            ("touch_min", float("nan"), "finite"),
            ("manual_trigger", 2, "0 or 1"),
            ("manual_trigger", "yes", "0 or 1"),
            ("kind", "teleport", "NodeKind"),
            ("va_class", "maybe", "VAClass"),
        ],
    )
    def test_bad_node_values(self, column: str, value: Any, phrase: str) -> None:
        with pytest.raises(RowError, match=phrase) as info:
            decode_element(_node_row(**{column: value}))
        assert "Activity_1" in str(info.value)
        assert column in str(info.value)

    def test_whole_number_field(self) -> None:
        with pytest.raises(RowError, match="whole number"):
            decode(Lane, {"id": "Lane_1", "position": 1.5})
        with pytest.raises(RowError, match="whole number"):
            decode(Lane, {"id": "Lane_1", "position": True})

    def test_required_field_missing(self) -> None:
        with pytest.raises(RowError, match="Activity_1"):
            decode_element(_node_row(kind=None))

    def test_null_means_the_default(self) -> None:
        node = decode_element(_node_row(touch_min=None, task_type=None, lane_id=None))
        assert node == Node("Activity_1", NodeKind.TASK, name="Do")

    def test_unknown_columns_are_ignored(self) -> None:
        assert decode_element(_node_row(colour="red")) == Node(
            "Activity_1", NodeKind.TASK, name="Do"
        )

    def test_an_integer_in_a_float_field_becomes_a_float(self) -> None:
        node = decode_element(_node_row(touch_min=7))
        assert isinstance(node, Node)
        assert node.touch_min == 7.0 and type(node.touch_min) is float

    @pytest.mark.parametrize(
        ("etype", "phrase"), [("widget", "unknown element type"), (None, "unknown element type")]
    )
    def test_unknown_etype(self, etype: Any, phrase: str) -> None:
        with pytest.raises(RowError, match=phrase):
            decode_element(_node_row(etype=etype))

    @pytest.mark.parametrize(
        "waypoints",
        [
            "not json",
            "{}",
            "[[1]]",
            "[[1, 2, 3]]",
            '[["a", 1]]',
            "[[true, 1]]",
            "[[NaN, 1]]",
            "[[Infinity, 1]]",
            "[[1" + "0" * 400 + ", 1]]",
        ],
    )
    def test_bad_waypoints(self, waypoints: str) -> None:
        with pytest.raises(RowError, match="waypoints"):
            decode_layout({"element_id": "Flow_1", "waypoints": waypoints})

    @pytest.mark.parametrize(
        "value",
        ["12", None, float("inf"), True, 10**400],
        ids=["text", "null", "inf", "bool", "huge-int"],
    )
    def test_bad_bounds(self, value: Any) -> None:
        row = {"element_id": "A", "x": 1.0, "y": 2.0, "width": value, "height": 4.0}
        with pytest.raises(RowError, match="width is not a number"):
            decode_layout(row)

    @pytest.mark.parametrize("targets", ["A", '{"a": 1}', "[1, 2]", "[null]", None, "not json"])
    def test_bad_annotation_targets(self, targets: Any) -> None:
        row = {"id": "Annotation_1", "kind": "goal", "targets": targets}
        with pytest.raises(RowError, match="targets"):
            decode_annotation(row)

    def test_annotation_round_trip(self) -> None:
        annotation = Annotation(
            "Annotation_1", AnnotationKind.STRENGTH, text="t", strategy=Strategy.PRESERVE,
            severity=3, violated=True, targets=("A", "B"),
        )  # fmt: skip
        row = encode(annotation)
        row["targets"] = json.dumps(list(annotation.targets))
        assert decode_annotation(row) == annotation

    @pytest.mark.parametrize(
        ("body", "phrase"),
        [
            ("[]", "body is not an object"),
            ('"text"', "body is not an object"),
            ('{"overrides": []}', "overrides"),
            ('{"overrides": {"a": 1}}', "overrides"),
            ('{"added": {}}', "added is not a list"),
            ('{"added": [5]}', "added elements are not objects"),
            ('{"added": [{"etype": "node", "id": "x"}]}', "Node x"),
            ('{"added_layout": []}', "added_layout"),
            ('{"added_layout": {"a": 5}}', "added_layout"),
            ('{"added_layout": {"a": {"x": "left"}}}', "x is not a number"),
            ('{"removed": "abc"}', "removed is not a list"),
        ],
    )
    def test_bad_scenario_body(self, body: str, phrase: str) -> None:
        row = {"id": "Scenario_1", "name": "S", "kind": "to_be", "description": "", "body": body}
        with pytest.raises(RowError, match=phrase):
            decode_scenario(row)

    def test_empty_scenario_body_is_an_empty_scenario(self) -> None:
        row = {"id": "Scenario_1", "name": "S", "kind": "as_is", "description": "d", "body": "{}"}
        scenario = decode_scenario(row)
        assert scenario == Scenario("Scenario_1", "S", kind=ScenarioKind.AS_IS, description="d")
        assert scenario.kind is ScenarioKind.AS_IS
