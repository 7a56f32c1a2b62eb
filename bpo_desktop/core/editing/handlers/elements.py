"""elements.move / elements.delete: edits of a selection of elements in one process."""

from __future__ import annotations

from collections.abc import Iterable

from bpo_desktop.core.editing.commands import ELEMENTS_DELETE
from bpo_desktop.core.editing.containment import (
    contents_closure,
    flows_closure,
    moving_shapes,
)
from bpo_desktop.core.editing.contexts import DeleteElementsContext, MoveElementsContext
from bpo_desktop.core.editing.geometry import check_delta
from bpo_desktop.core.editing.handlers.base import Handler
from bpo_desktop.core.editing.lookup import element_in, process_in
from bpo_desktop.core.editing.slots import put_back, take
from bpo_desktop.core.model import Process, ShapeLayout


def _check_selection(process: Process, element_ids: tuple[str, ...]) -> None:
    if not element_ids:
        raise ValueError("no elements selected")
    if len(set(element_ids)) != len(element_ids):
        raise ValueError("an element is selected twice")
    for element_id in element_ids:
        element_in(process, element_id)


__all__ = [
    "DeleteElementsHandler",
    "MoveElementsHandler",
    "contents_closure",
    "flows_closure",
    "moving_shapes",
]


class MoveElementsHandler(Handler[MoveElementsContext]):
    """Shifts shapes by (dx, dy). Flows in the selection are accepted but not moved here: the
    flows-follow-shapes behaviour re-routes every flow attached to a moved shape."""

    def validate(self, ctx: MoveElementsContext) -> None:
        _check_selection(process_in(self.workspace, ctx.process_id), ctx.element_ids)
        check_delta(ctx.dx, ctx.dy)

    def execute(self, ctx: MoveElementsContext) -> Iterable[str]:
        self.validate(ctx)
        process = process_in(self.workspace, ctx.process_id)
        ctx.old_layouts = {}
        for shape_id in moving_shapes(process, ctx.element_ids):
            old = process.layout[shape_id]
            assert isinstance(old, ShapeLayout)  # moving_shapes only returns shapes
            ctx.old_layouts[shape_id] = old
            process.layout[shape_id] = old.moved(ctx.dx, ctx.dy)
        return tuple(ctx.old_layouts)

    def revert(self, ctx: MoveElementsContext) -> Iterable[str]:
        process = process_in(self.workspace, ctx.process_id)
        process.layout.update(ctx.old_layouts)
        return tuple(ctx.old_layouts)


class DeleteElementsHandler(Handler[DeleteElementsContext]):
    """Removes elements with their layout. First, as nested deletes (so behaviours see them and
    undo is exact): every flow attached to what goes, then everything it contains."""

    def validate(self, ctx: DeleteElementsContext) -> None:
        _check_selection(process_in(self.workspace, ctx.process_id), ctx.element_ids)

    def pre_execute(self, ctx: DeleteElementsContext) -> None:
        self.validate(ctx)
        if not ctx.cascade:
            return
        process = process_in(self.workspace, ctx.process_id)
        selected = set(ctx.element_ids)
        doomed = contents_closure(process, selected)
        # Complete closures, deleted without further cascading, so cycles (flows attached to
        # each other, a boundary event inside the sub-process it sits on) cannot recurse.
        self._delete_exactly(process, flows_closure(process, doomed) - doomed)
        self._delete_exactly(process, doomed - selected)

    def _delete_exactly(self, process: Process, element_ids: set[str]) -> None:
        if element_ids:
            ordered = tuple(i for i in process.elements if i in element_ids)
            nested = DeleteElementsContext(process.id, ordered, cascade=False)
            self.stack.execute(ELEMENTS_DELETE, nested)

    def execute(self, ctx: DeleteElementsContext) -> Iterable[str]:
        self.validate(ctx)
        process = process_in(self.workspace, ctx.process_id)
        ctx.removed_elements = [take(process.elements, i) for i in ctx.element_ids]
        laid_out = [i for i in ctx.element_ids if i in process.layout]
        ctx.removed_layouts = [take(process.layout, i) for i in laid_out]
        return ctx.element_ids

    def revert(self, ctx: DeleteElementsContext) -> Iterable[str]:
        process = process_in(self.workspace, ctx.process_id)
        for layout_slot in reversed(ctx.removed_layouts):
            put_back(process.layout, layout_slot)
        for element_slot in reversed(ctx.removed_elements):
            put_back(process.elements, element_slot)
        return ctx.element_ids
