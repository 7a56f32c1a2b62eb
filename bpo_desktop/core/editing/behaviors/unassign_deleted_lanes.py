"""Invariant: a node's `lane_id` names a lane of its process."""

from __future__ import annotations

from bpo_desktop.core.editing.command_stack import CommandEvent, CommandStack, EventBus
from bpo_desktop.core.editing.commands import (
    ELEMENT_UPDATE_PROPERTIES,
    ELEMENTS_DELETE,
    post_execute,
)
from bpo_desktop.core.editing.contexts import DeleteElementsContext, UpdatePropertiesContext
from bpo_desktop.core.model import Workspace


class UnassignDeletedLanesBehavior:
    """After a lane is deleted, its steps stay on the diagram with no lane.

    Steps are not deleted with their lane: the lane is a role, the step is still work to be done.
    """

    def __init__(self, workspace: Workspace, bus: EventBus, stack: CommandStack) -> None:
        self._workspace = workspace
        self._stack = stack
        bus.on(post_execute(ELEMENTS_DELETE), self._after_delete)

    def _after_delete(self, event: CommandEvent) -> None:
        ctx = event.context_as(DeleteElementsContext)
        gone = set(ctx.element_ids)
        process = self._workspace.processes[ctx.process_id]
        for node in list(process.nodes()):
            if node.lane_id in gone:
                update = UpdatePropertiesContext(ctx.process_id, node.id, {"lane_id": None})
                self._stack.execute(ELEMENT_UPDATE_PROPERTIES, update)
