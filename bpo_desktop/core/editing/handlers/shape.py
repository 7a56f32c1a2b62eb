"""shape.create / shape.resize: any non-flow element with its box on the diagram."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from bpo_desktop.core.editing.contexts import CreateShapeContext, ResizeShapeContext, recorded
from bpo_desktop.core.editing.geometry import check_bounds
from bpo_desktop.core.editing.handlers.base import Handler
from bpo_desktop.core.editing.lookup import (
    element_in,
    process_in,
    require_new_id,
    shape_layout_in,
)
from bpo_desktop.core.editing.references import check_references, reference_fields
from bpo_desktop.core.model import Flow


class CreateShapeHandler(Handler[CreateShapeContext]):
    """Nodes, lanes, pools, text annotations and data objects (flows use connection.create)."""

    def validate(self, ctx: CreateShapeContext) -> None:
        process = process_in(self.workspace, ctx.process_id)
        element = ctx.element
        if isinstance(element, Flow):
            raise ValueError("flows are created with connection.create, not shape.create")
        require_new_id(self.workspace, element.id)
        check_bounds(ctx.layout.bounds)
        check_references(self.workspace, process, element, reference_fields(type(element)))

    def execute(self, ctx: CreateShapeContext) -> Iterable[str]:
        self.validate(ctx)
        process = process_in(self.workspace, ctx.process_id)
        process.elements[ctx.element.id] = ctx.element
        process.layout[ctx.element.id] = ctx.layout
        return (ctx.element.id,)

    def revert(self, ctx: CreateShapeContext) -> Iterable[str]:
        process = process_in(self.workspace, ctx.process_id)
        del process.layout[ctx.element.id]
        del process.elements[ctx.element.id]
        return (ctx.element.id,)


class ResizeShapeHandler(Handler[ResizeShapeContext]):
    """New bounds for a shape; its external label stays where it is."""

    def validate(self, ctx: ResizeShapeContext) -> None:
        process = process_in(self.workspace, ctx.process_id)
        element_in(process, ctx.element_id)
        shape_layout_in(process, ctx.element_id)
        check_bounds(ctx.bounds)

    def execute(self, ctx: ResizeShapeContext) -> Iterable[str]:
        self.validate(ctx)
        process = process_in(self.workspace, ctx.process_id)
        old = shape_layout_in(process, ctx.element_id)
        ctx.old_layout = old
        process.layout[ctx.element_id] = replace(old, bounds=ctx.bounds)
        return (ctx.element_id,)

    def revert(self, ctx: ResizeShapeContext) -> Iterable[str]:
        process = process_in(self.workspace, ctx.process_id)
        process.layout[ctx.element_id] = recorded(ctx.old_layout)
        return (ctx.element_id,)
