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

#: Durations, money and head counts: a negative value is always a typing slip.
NON_NEGATIVE = frozenset(
    {"touch_min", "wait_min", "cost_per_use", "staff", "hourly_rate", "fee_per_case"}
)


def check_ranges(values: dict[str, object]) -> None:
    for name, value in values.items():
        if name in NON_NEGATIVE and isinstance(value, float | int) and value < 0:
            raise ValueError(f"{name}: must not be negative, got {value!r}")
    probability = values.get("probability")
    if isinstance(probability, float | int) and not 0 <= probability <= 1:
        raise ValueError(f"probability: must be between 0 and 1, got {probability!r}")


class UpdatePropertiesHandler(Handler[UpdatePropertiesContext]):
    """Coerces each change to the field's type; unknown fields, wrong types and references to
    missing lanes, systems, parents or hosts are refused with a ValueError."""

    def _updated(self, ctx: UpdatePropertiesContext) -> Element:
        process = process_in(self.workspace, ctx.process_id)
        element = element_in(process, ctx.element_id)
        if not ctx.changes:
            raise ValueError("no properties to change")
        values = coerce_fields(type(element), ctx.changes)
        check_ranges(values)
        if isinstance(element, Flow) and {"source", "target"} & values.keys():
            # The route must change with the ends, which only connection.reconnect does.
            raise ValueError("change a flow's source or target with connection.reconnect")
        updated = replace(element, **values)
        check_references(self.workspace, process, updated, values)
        if "kind" in values:
            if isinstance(updated, Node) and isinstance(element, Node):
                check_kind_change(process, updated, element)  # first: its reason is the clearest
            check_references(self.workspace, process, updated, KIND_DEPENDENT_FIELDS)
            check_dependants(self.workspace, process, updated)
            if isinstance(updated, Flow):
                check_flow(process, updated)
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
