"""element.update_properties: typed field updates of any element (the property inspector)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from bpo_desktop.core.editing.contexts import UpdatePropertiesContext
from bpo_desktop.core.editing.handlers.base import Handler
from bpo_desktop.core.editing.lookup import element_in, process_in
from bpo_desktop.core.editing.references import (
    KIND_DEPENDENT_FIELDS,
    check_dependants,
    check_references,
)
from bpo_desktop.core.editing.rules import check_flow, check_kind_change
from bpo_desktop.core.model import Element, Flow, Node
from bpo_desktop.core.model.coerce import coerce_fields


class UpdatePropertiesHandler(Handler[UpdatePropertiesContext]):
    """Coerces each change to the field's type; unknown fields, wrong types and references to
    missing lanes, systems, parents or hosts are refused with a ValueError."""

    def _updated(self, ctx: UpdatePropertiesContext) -> Element:
        process = process_in(self.workspace, ctx.process_id)
        element = element_in(process, ctx.element_id)
        if not ctx.changes:
            raise ValueError("no properties to change")
        values = coerce_fields(type(element), ctx.changes)
        if isinstance(element, Flow) and {"source", "target"} & values.keys():
            # The route must change with the ends, which only connection.reconnect does.
            raise ValueError("change a flow's source or target with connection.reconnect")
        updated = replace(element, **values)
        check_references(self.workspace, process, updated, values)
        if "kind" in values:
            check_references(self.workspace, process, updated, KIND_DEPENDENT_FIELDS)
            check_dependants(self.workspace, process, updated)
            if isinstance(updated, Flow):
                check_flow(process, updated)
            elif isinstance(updated, Node) and isinstance(element, Node):
                check_kind_change(process, updated, element)
        return updated

    def validate(self, ctx: UpdatePropertiesContext) -> None:
        self._updated(ctx)

    def execute(self, ctx: UpdatePropertiesContext) -> Iterable[str]:
        updated = self._updated(ctx)
        process = process_in(self.workspace, ctx.process_id)
        ctx.old_element = process.elements[ctx.element_id]
        process.elements[ctx.element_id] = updated
        return (ctx.element_id,)

    def revert(self, ctx: UpdatePropertiesContext) -> Iterable[str]:
        process = process_in(self.workspace, ctx.process_id)
        if ctx.old_element is None:  # `recorded()` would widen the Element union to object
            raise RuntimeError("revert called on a context that was never executed")
        process.elements[ctx.element_id] = ctx.old_element
        return (ctx.element_id,)
