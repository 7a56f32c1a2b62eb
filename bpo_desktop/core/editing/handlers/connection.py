"""connection.create / connection.reconnect / connection.update_waypoints: flows and routes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from bpo_desktop.core.editing.contexts import (
    CreateConnectionContext,
    ReconnectContext,
    UpdateWaypointsContext,
    recorded,
)
from bpo_desktop.core.editing.geometry import check_waypoints
from bpo_desktop.core.editing.handlers.base import Handler
from bpo_desktop.core.editing.lookup import edge_layout_in, flow_in, process_in, require_new_id
from bpo_desktop.core.editing.references import check_references
from bpo_desktop.core.editing.rules import check_flow
from bpo_desktop.core.model import EdgeLayout, Flow, Layout, Point, Process

ENDS = ("source", "target")


def _set_route(process: Process, flow_id: str, waypoints: tuple[Point, ...]) -> None:
    """New waypoints; a label the flow already has stays where it is."""
    old = edge_layout_in(process, flow_id)
    if old is None:
        process.layout[flow_id] = EdgeLayout(waypoints)
    else:  # keeps the label and the colour
        process.layout[flow_id] = replace(old, waypoints=waypoints)


def _restore_layout(process: Process, flow_id: str, old: Layout | None) -> None:
    if old is None:  # the flow had no route before
        process.layout.pop(flow_id, None)
    else:
        process.layout[flow_id] = old


class CreateConnectionHandler(Handler[CreateConnectionContext]):
    """A flow between two elements of the same process (any kind: sequence, message, …)."""

    def validate(self, ctx: CreateConnectionContext) -> None:
        process = process_in(self.workspace, ctx.process_id)
        require_new_id(self.workspace, ctx.flow.id)
        check_references(self.workspace, process, ctx.flow, ENDS)
        check_waypoints(ctx.layout.waypoints)
        check_flow(process, ctx.flow)

    def execute(self, ctx: CreateConnectionContext) -> Iterable[str]:
        self.validate(ctx)
        process = process_in(self.workspace, ctx.process_id)
        process.elements[ctx.flow.id] = ctx.flow
        process.layout[ctx.flow.id] = ctx.layout
        return (ctx.flow.id,)

    def revert(self, ctx: CreateConnectionContext) -> Iterable[str]:
        process = process_in(self.workspace, ctx.process_id)
        del process.layout[ctx.flow.id]
        del process.elements[ctx.flow.id]
        return (ctx.flow.id,)


class ReconnectHandler(Handler[ReconnectContext]):
    def _reconnected(self, ctx: ReconnectContext) -> Flow:
        process = process_in(self.workspace, ctx.process_id)
        flow = flow_in(process, ctx.flow_id)
        if ctx.source is None and ctx.target is None:
            raise ValueError("reconnect needs a new source or a new target")
        new = replace(flow, source=ctx.source or flow.source, target=ctx.target or flow.target)
        check_references(self.workspace, process, new, ENDS)
        check_waypoints(ctx.waypoints)
        check_flow(process, new)
        return new

    def validate(self, ctx: ReconnectContext) -> None:
        self._reconnected(ctx)

    def execute(self, ctx: ReconnectContext) -> Iterable[str]:
        new = self._reconnected(ctx)
        process = process_in(self.workspace, ctx.process_id)
        ctx.old_flow = flow_in(process, ctx.flow_id)
        ctx.old_layout = process.layout.get(ctx.flow_id)
        process.elements[ctx.flow_id] = new
        _set_route(process, ctx.flow_id, ctx.waypoints)
        return (ctx.flow_id,)

    def revert(self, ctx: ReconnectContext) -> Iterable[str]:
        process = process_in(self.workspace, ctx.process_id)
        process.elements[ctx.flow_id] = recorded(ctx.old_flow)
        _restore_layout(process, ctx.flow_id, ctx.old_layout)
        return (ctx.flow_id,)


class UpdateWaypointsHandler(Handler[UpdateWaypointsContext]):
    def validate(self, ctx: UpdateWaypointsContext) -> None:
        flow_in(process_in(self.workspace, ctx.process_id), ctx.flow_id)
        check_waypoints(ctx.waypoints)

    def execute(self, ctx: UpdateWaypointsContext) -> Iterable[str]:
        self.validate(ctx)
        process = process_in(self.workspace, ctx.process_id)
        ctx.old_layout = process.layout.get(ctx.flow_id)
        _set_route(process, ctx.flow_id, ctx.waypoints)
        return (ctx.flow_id,)

    def revert(self, ctx: UpdateWaypointsContext) -> Iterable[str]:
        _restore_layout(process_in(self.workspace, ctx.process_id), ctx.flow_id, ctx.old_layout)
        return (ctx.flow_id,)
