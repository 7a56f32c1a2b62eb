"""Invariant: a node's `lane_id` names a lane of its process."""

from __future__ import annotations

from bpo_desktop.core.editing.behaviors.after_delete import AfterDeleteBehavior
from bpo_desktop.core.editing.commands import ELEMENT_UPDATE_PROPERTIES
from bpo_desktop.core.editing.contexts import UpdatePropertiesContext
from bpo_desktop.core.model import Process


class UnassignDeletedLanesBehavior(AfterDeleteBehavior):
    """After a lane is deleted, its steps stay on the diagram with no lane.

    Steps are not deleted with their lane: the lane is a role, the step is still work to be done.
    """

    def after_delete(self, process: Process, gone: frozenset[str]) -> None:
        for node in list(process.nodes()):
            if node.lane_id in gone:
                update = UpdatePropertiesContext(process.id, node.id, {"lane_id": None})
                self._stack.execute(ELEMENT_UPDATE_PROPERTIES, update)
