"""annotation.create / annotation.update / annotation.delete (business annotations)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bpo_desktop.core.model import Annotation, AnnotationKind, Process, Strategy

if TYPE_CHECKING:
    from conftest import Refused, Triad

    from bpo_desktop.core.editing import Editor, Modeling

S4 = "Collect payment"


def note_by_ref(process: Process, ref: str) -> Annotation:
    return next(a for a in process.annotations.values() if a.ref == ref)


class TestAddAnnotation:
    def test_execute(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        s4 = onb.node_by_name(S4).id
        new_id, change = triad.execute(
            lambda: modeling.add_annotation(
                onb.id, "pain_point", "Finance batches payments", severity="2", targets=[s4]
            )
        )
        assert onb.annotations[new_id] == Annotation(
            new_id,
            AnnotationKind.PAIN_POINT,
            "Finance batches payments",
            severity=2,
            targets=(s4,),
        )
        assert change.ids == {new_id}

    def test_undo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        new_id, _ = triad.execute(lambda: modeling.add_annotation(onb.id, "goal", "Fast"))
        assert triad.undo().ids == {new_id}
        assert new_id not in onb.annotations

    def test_redo(self, triad: Triad, modeling: Modeling, onb: Process) -> None:
        new_id, _ = triad.execute(lambda: modeling.add_annotation(onb.id, "goal", "Fast"))
        triad.undo()
        assert triad.redo().ids == {new_id}
        assert onb.annotations[new_id].text == "Fast"

    def test_label(self, modeling: Modeling, editor: Editor, onb: Process) -> None:
        modeling.add_annotation(onb.id, "pain_point", "Slow")
        assert editor.stack.undo_label == "Add pain point"

    def test_inconsistent_annotations_are_refused(
        self, refused: Refused, modeling: Modeling, onb: Process
    ) -> None:
        add = modeling.add_annotation
        refused(lambda: add(onb.id, "strength", "x", strategy="eliminate"), "cannot have strategy")
        refused(lambda: add(onb.id, "goal", "x", category="security"), "only constraints")
        refused(lambda: add(onb.id, "pain_point", "x", severity=4), "severity")
        refused(lambda: add(onb.id, "idea", "x", targets=["Nope"]), "targets: no element 'Nope'")
        refused(lambda: add(onb.id, "wish", "x"), "is not one of")
        refused(lambda: add("Process_x", "idea", "x"), "no process")


class TestUpdateAnnotation:
    def test_execute(self, triad: Triad, modeling: Modeling, con: Process) -> None:
        w2 = note_by_ref(con, "W2")
        _, change = triad.execute(
            lambda: modeling.update_annotation(w2.id, strategy="mitigate", violated=True)
        )
        assert con.annotations[w2.id] == replace(w2, strategy=Strategy.MITIGATE, violated=True)
        assert change.ids == {w2.id}

    def test_undo(self, triad: Triad, modeling: Modeling, con: Process) -> None:
        w2 = note_by_ref(con, "W2")
        triad.execute(lambda: modeling.update_annotation(w2.id, targets=[]))
        assert triad.undo().ids == {w2.id}
        assert con.annotations[w2.id] == w2

    def test_redo(self, triad: Triad, modeling: Modeling, con: Process) -> None:
        w2 = note_by_ref(con, "W2")
        triad.execute(lambda: modeling.update_annotation(w2.id, targets=[]))
        triad.undo()
        assert triad.redo().ids == {w2.id}
        assert con.annotations[w2.id].targets == ()

    def test_invalid_updates_are_refused(
        self, refused: Refused, modeling: Modeling, con: Process
    ) -> None:
        w2 = note_by_ref(con, "W2").id
        refused(lambda: modeling.update_annotation(w2, strategy="preserve"), "cannot have")
        refused(lambda: modeling.update_annotation(w2, kind="goal"), "cannot have strategy")
        refused(lambda: modeling.update_annotation(w2, targets=["Nope"]), "targets")
        refused(lambda: modeling.update_annotation(w2, mood="sad"), "no editable property")
        refused(lambda: modeling.update_annotation(w2), "no annotation properties")
        refused(lambda: modeling.update_annotation("Nope", text="x"), "no annotation 'Nope'")

    def test_existing_problems_do_not_block_other_edits(
        self, modeling: Modeling, con: Process
    ) -> None:
        w1 = note_by_ref(con, "W1")
        # As if imported from an older file: a weakness with a strength's strategy.
        con.annotations[w1.id] = replace(w1, strategy=Strategy.PRESERVE)
        modeling.update_annotation(w1.id, text="Still a weakness")
        assert con.annotations[w1.id].text == "Still a weakness"


class TestDeleteAnnotation:
    def test_execute(self, triad: Triad, modeling: Modeling, con: Process) -> None:
        k1 = note_by_ref(con, "K1").id
        _, change = triad.execute(lambda: modeling.delete_annotation(k1))
        assert k1 not in con.annotations
        assert change.ids == {k1}

    def test_undo_keeps_the_order(self, triad: Triad, modeling: Modeling, con: Process) -> None:
        k1 = note_by_ref(con, "K1").id
        order = list(con.annotations)
        triad.execute(lambda: modeling.delete_annotation(k1))
        assert triad.undo().ids == {k1}
        assert list(con.annotations) == order

    def test_redo(self, triad: Triad, modeling: Modeling, con: Process) -> None:
        k1 = note_by_ref(con, "K1").id
        triad.execute(lambda: modeling.delete_annotation(k1))
        triad.undo()
        assert triad.redo().ids == {k1}
        assert k1 not in con.annotations

    def test_unknown_annotation_is_refused(self, refused: Refused, modeling: Modeling) -> None:
        refused(lambda: modeling.delete_annotation("Nope"), "no annotation 'Nope'")
