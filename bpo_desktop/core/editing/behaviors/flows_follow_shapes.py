"""Invariant: a flow's route starts and ends at its shapes when they move."""

from __future__ import annotations

from bpo_desktop.core.editing.command_stack import CommandEvent, CommandStack, EventBus
from bpo_desktop.core.editing.commands import (
    CONNECTION_UPDATE_WAYPOINTS,
    ELEMENTS_MOVE,
    post_execute,
)
from bpo_desktop.core.editing.containment import shape_bounds
from bpo_desktop.core.editing.contexts import MoveElementsContext, UpdateWaypointsContext
from bpo_desktop.core.editing.routing import follow_route
from bpo_desktop.core.model import EdgeLayout, Workspace


class FlowsFollowShapesBehavior:
    """After a move, flows between two moved shapes shift entirely; flows with one moved end
    drag that end (keeping the next segment orthogonal), or are re-routed when dragging the
    end would leave a diagonal segment."""

    def __init__(self, workspace: Workspace, bus: EventBus, stack: CommandStack) -> None:
        self._workspace = workspace
        self._stack = stack
        bus.on(post_execute(ELEMENTS_MOVE), self._after_move)

    def _after_move(self, event: CommandEvent) -> None:
        ctx = event.context_as(MoveElementsContext)
        moved = set(ctx.old_layouts)
        process = self._workspace.processes[ctx.process_id]
        for flow in list(process.flows(kind=None)):
            start, end = flow.source in moved, flow.target in moved
            layout = process.layout.get(flow.id)
            if not (start or end) or not isinstance(layout, EdgeLayout):
                continue
            points = follow_route(
                layout.waypoints, ctx.dx, ctx.dy, start=start, end=end,
                source=shape_bounds(process, flow.source),
                target=shape_bounds(process, flow.target),
            )  # fmt: skip
            update = UpdateWaypointsContext(ctx.process_id, flow.id, points)
            self._stack.execute(CONNECTION_UPDATE_WAYPOINTS, update)
