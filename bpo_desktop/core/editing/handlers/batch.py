"""elements.create / layout.update: many elements in one action (paste, auto-layout, lanes)."""

from __future__ import annotations

from collections.abc import Iterable

from bpo_desktop.core.editing.contexts import CreateElementsContext, UpdateLayoutContext
from bpo_desktop.core.editing.geometry import check_bounds, check_waypoints
from bpo_desktop.core.editing.handlers.base import Handler
from bpo_desktop.core.editing.lookup import element_in, process_in, require_new_id
from bpo_desktop.core.editing.references import check_references, reference_fields
from bpo_desktop.core.editing.rules import check_flow
from bpo_desktop.core.model import EdgeLayout, Element, Flow, Layout, Process, ShapeLayout


def _check_layout(element: Element, layout: Layout) -> None:
    if isinstance(element, Flow):
        if not isinstance(layout, EdgeLayout):
            raise ValueError(f"{element.id!r} is a flow: it needs waypoints, not bounds")
        check_waypoints(layout.waypoints)
    else:
        if not isinstance(layout, ShapeLayout):
            raise ValueError(f"{element.id!r} is a shape: it needs bounds, not waypoints")
        check_bounds(layout.bounds)


class CreateElementsHandler(Handler[CreateElementsContext]):
    def validate(self, ctx: CreateElementsContext) -> None:
        process = process_in(self.workspace, ctx.process_id)
        if not ctx.elements:
            raise ValueError("nothing to create")
        ids = [e.id for e in ctx.elements]
        if len(set(ids)) != len(ids):
            raise ValueError("an element appears twice")
        # Check against a trial process that already holds the batch, so references within
        # the batch resolve.
        trial = Process(process.id, process.name, elements=dict(process.elements))
        for element in ctx.elements:
            require_new_id(self.workspace, element.id)
            trial.elements[element.id] = element
        for element in ctx.elements:
            check_references(self.workspace, trial, element, reference_fields(type(element)))
            if isinstance(element, Flow):
                check_flow(trial, element)
            layout = ctx.layouts.get(element.id)
            if layout is not None:
                _check_layout(element, layout)
        if set(ctx.layouts) - set(ids):
            raise ValueError("layouts given for elements that are not created")

    def execute(self, ctx: CreateElementsContext) -> Iterable[str]:
        self.validate(ctx)
        process = process_in(self.workspace, ctx.process_id)
        for element in ctx.elements:
            process.elements[element.id] = element
            if element.id in ctx.layouts:
                process.layout[element.id] = ctx.layouts[element.id]
        return tuple(e.id for e in ctx.elements)

    def revert(self, ctx: CreateElementsContext) -> Iterable[str]:
        process = process_in(self.workspace, ctx.process_id)
        for element in reversed(ctx.elements):
            process.layout.pop(element.id, None)
            del process.elements[element.id]
        return tuple(e.id for e in ctx.elements)


class UpdateLayoutHandler(Handler[UpdateLayoutContext]):
    def validate(self, ctx: UpdateLayoutContext) -> None:
        process = process_in(self.workspace, ctx.process_id)
        if not ctx.layouts:
            raise ValueError("no layouts to change")
        for element_id, layout in ctx.layouts.items():
            _check_layout(element_in(process, element_id), layout)

    def execute(self, ctx: UpdateLayoutContext) -> Iterable[str]:
        self.validate(ctx)
        process = process_in(self.workspace, ctx.process_id)
        ctx.old_layouts = {i: process.layout.get(i) for i in ctx.layouts}
        process.layout.update(ctx.layouts)
        return tuple(ctx.layouts)

    def revert(self, ctx: UpdateLayoutContext) -> Iterable[str]:
        process = process_in(self.workspace, ctx.process_id)
        for element_id, old in ctx.old_layouts.items():
            if old is None:
                process.layout.pop(element_id, None)
            else:
                process.layout[element_id] = old
        return tuple(ctx.old_layouts)
