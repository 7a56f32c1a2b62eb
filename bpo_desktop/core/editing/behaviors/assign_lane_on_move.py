"""Invariant: a step dragged into another lane belongs to that lane (PRODUCT.md M1)."""

from __future__ import annotations

from bpo_desktop.core.editing.command_stack import CommandEvent, CommandStack, EventBus
from bpo_desktop.core.editing.commands import (
    ELEMENT_UPDATE_PROPERTIES,
    ELEMENTS_MOVE,
    post_execute,
)
from bpo_desktop.core.editing.containment import lane_at
from bpo_desktop.core.editing.contexts import MoveElementsContext, UpdatePropertiesContext
from bpo_desktop.core.model import Node, NodeKind, ShapeLayout, Workspace

__all__ = ["AssignLaneOnMoveBehavior", "lane_at"]


class AssignLaneOnMoveBehavior:
    """After a move, each moved step takes the lane under its centre. A step dropped outside
    every lane keeps its lane; boundary events share their host's lane and are left alone."""

    def __init__(self, workspace: Workspace, bus: EventBus, stack: CommandStack) -> None:
        self._workspace = workspace
        self._stack = stack
        bus.on(post_execute(ELEMENTS_MOVE), self._after_move)

    def _after_move(self, event: CommandEvent) -> None:
        ctx = event.context_as(MoveElementsContext)
        process = self._workspace.processes[ctx.process_id]
        for node_id in ctx.old_layouts:
            node = process.elements.get(node_id)
            layout = process.layout.get(node_id)
            if not isinstance(node, Node) or node.kind is NodeKind.BOUNDARY_EVENT:
                continue
            assert isinstance(layout, ShapeLayout)  # old_layouts only holds moved shapes
            lane_id = lane_at(process, layout.bounds.center)
            if lane_id is not None and lane_id != node.lane_id:
                update = UpdatePropertiesContext(ctx.process_id, node_id, {"lane_id": lane_id})
                self._stack.execute(ELEMENT_UPDATE_PROPERTIES, update)
