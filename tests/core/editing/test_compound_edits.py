"""Compound edits (append, change type, annotate, paste, align, distribute): one undo each."""

from __future__ import annotations

import itertools

import pytest

from bpo_desktop.core.editing import Editor, Modeling
from bpo_desktop.core.editing.clipboard import copy_fragment, from_json, to_json
from bpo_desktop.core.editing.containment import shape_bounds
from bpo_desktop.core.editing.routing import is_orthogonal
from bpo_desktop.core.model import (
    Bounds,
    EdgeLayout,
    Flow,
    FlowKind,
    NodeKind,
    Process,
    TaskType,
    TextAnnotation,
)

from .conftest import Refused, Triad

S1 = "Enter customer + contract in CRM"
S2 = "Email CS, Finance, Marketing"


def _box(process: Process, element_id: str) -> Bounds:
    box = shape_bounds(process, element_id)
    assert box is not None
    return box


def test_append_places_right_connects_and_is_one_step(
    triad: Triad, modeling: Modeling, onb: Process, editor: Editor
) -> None:
    s2 = onb.node_by_name(S2).id
    new, change = triad.execute(lambda: modeling.append(s2, "exclusive_gateway", "OK?"))
    node = onb.node(new)
    assert node.kind is NodeKind.EXCLUSIVE_GATEWAY and node.name == "OK?"
    assert node.lane_id == onb.node(s2).lane_id
    flow = next(f for f in onb.flows() if f.target == new)
    assert flow.source == s2 and flow.id in change.ids
    assert _box(onb, new).x > _box(onb, s2).x + _box(onb, s2).width
    # The parallel split already sits right of S2: the new gateway must not overlap it.
    for other in onb.nodes():
        if other.id != new:
            a, b = _box(onb, new), _box(onb, other.id)
            assert not (a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height
                        and b.y < a.y + a.height), other.name  # fmt: skip
    assert editor.stack.undo_label == "Append exclusive gateway (xor)"
    triad.undo()
    triad.redo()


def test_append_after_an_end_event_is_refused(
    modeling: Modeling, onb: Process, refused: Refused
) -> None:
    end = next(n.id for n in onb.nodes() if n.kind is NodeKind.END_EVENT)
    refused(lambda: modeling.append(end, "task"), "end event")


def test_change_type_keeps_the_centre_and_reroutes(
    triad: Triad, modeling: Modeling, onb: Process
) -> None:
    s1 = onb.node_by_name(S1).id
    centre = _box(onb, s1).center
    triad.execute(lambda: modeling.change_type(s1, "intermediate_event"))
    assert onb.node(s1).kind is NodeKind.INTERMEDIATE_EVENT
    assert onb.node(s1).task_type is TaskType.NONE
    assert _box(onb, s1).center == centre and _box(onb, s1).width == 36
    for flow in onb.connections_of(s1):
        layout = onb.layout[flow.id]
        assert isinstance(layout, EdgeLayout) and is_orthogonal(layout.waypoints)
    triad.undo()
    assert onb.node(s1).kind is NodeKind.TASK


def test_change_type_refuses_a_start_event_with_incoming_flows(
    modeling: Modeling, onb: Process, refused: Refused
) -> None:
    refused(lambda: modeling.change_type(onb.node_by_name(S1).id, "start_event"), "incoming")


def test_annotate_links_a_note(triad: Triad, modeling: Modeling, onb: Process) -> None:
    s1 = onb.node_by_name(S1).id
    note, _ = triad.execute(lambda: modeling.annotate(s1, "Why twice?"))
    assert onb.elements[note] == TextAnnotation(note, "Why twice?")
    link = next(f for f in onb.flows(kind=FlowKind.ASSOCIATION) if f.source == note)
    assert link.target == s1
    triad.undo()


def test_copy_paste_through_json_gives_new_ids(
    triad: Triad, modeling: Modeling, onb: Process, editor: Editor
) -> None:
    s1, s2 = onb.node_by_name(S1).id, onb.node_by_name(S2).id
    fragment = copy_fragment(onb, [s1, s2])
    assert fragment is not None
    assert {e.id for e in fragment.elements if isinstance(e, Flow)} == {
        f.id for f in onb.flows() if (f.source, f.target) == (s1, s2)
    }
    restored = from_json(to_json(fragment))
    assert restored == fragment
    ids, change = triad.execute(lambda: modeling.paste(onb.id, restored, 0, 400))
    assert change.ids == set(ids) and len(ids) == 3
    assert not set(ids) & {s1, s2}
    pasted = [
        onb.node(i) for i in ids if i in onb.elements and not isinstance(onb.elements[i], Flow)
    ]
    assert sorted(n.name for n in pasted) == sorted([S1, S2])
    # They landed 400 lower, in the lane there.
    assert all(n.lane_id == onb.lane_by_name("Finance").id for n in pasted)
    assert editor.stack.undo_label == "Paste"
    triad.undo()


def test_paste_into_another_workspace(editor: Editor, onb: Process) -> None:
    from bpo_desktop.core.editing import create_editor
    from bpo_desktop.core.model import new_workspace

    fragment = copy_fragment(onb, [onb.node_by_name(S1).id])
    assert fragment is not None
    other = create_editor(new_workspace())
    target = other.modeling.create_process("Target")
    (new_id,) = other.modeling.paste(target, from_json(to_json(fragment)), 0, 0)
    node = other.workspace.processes[target].node(new_id)
    assert node.name == S1 and node.lane_id is None and node.system_id is None


def test_bad_clipboard_text_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="not a BPO Desktop fragment"):
        from_json('{"format": "other"}')
    with pytest.raises(ValueError, match="not a BPO Desktop fragment"):
        from_json("not json")


def test_align_and_distribute(
    triad: Triad, modeling: Modeling, onb: Process, editor: Editor
) -> None:
    ids = [onb.node_by_name(n).id for n in (S1, "Assign account rep", "Collect payment")]
    triad.execute(lambda: modeling.align(ids, "left"))
    assert len({_box(onb, i).x for i in ids}) == 1
    assert editor.stack.undo_label == "Align left"
    triad.undo()
    ys = sorted(_box(onb, i).y for i in ids)
    modeling.move_elements([ids[2]], 0, 40)  # uneven gaps
    modeling.distribute(ids, horizontal=False)
    boxes = sorted((_box(onb, i) for i in ids), key=lambda b: b.y)
    gaps = [lower.y - (upper.y + upper.height) for upper, lower in itertools.pairwise(boxes)]
    assert gaps[0] == pytest.approx(gaps[1]) and ys[0] == boxes[0].y
