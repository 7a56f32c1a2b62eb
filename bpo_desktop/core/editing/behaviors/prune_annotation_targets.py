"""Invariant: a business annotation's targets are elements of its process."""

from __future__ import annotations

from bpo_desktop.core.editing.command_stack import CommandEvent, CommandStack, EventBus
from bpo_desktop.core.editing.commands import ANNOTATION_UPDATE, ELEMENTS_DELETE, post_execute
from bpo_desktop.core.editing.contexts import DeleteElementsContext, UpdateAnnotationContext
from bpo_desktop.core.model import Workspace


class PruneAnnotationTargetsBehavior:
    """After elements are deleted, annotations that targeted them forget those targets.

    The annotation itself stays: a pain point about a deleted step is still a finding.
    """

    def __init__(self, workspace: Workspace, bus: EventBus, stack: CommandStack) -> None:
        self._workspace = workspace
        self._stack = stack
        bus.on(post_execute(ELEMENTS_DELETE), self._after_delete)

    def _after_delete(self, event: CommandEvent) -> None:
        ctx = event.context_as(DeleteElementsContext)
        gone = set(ctx.element_ids)
        process = self._workspace.processes[ctx.process_id]
        for annotation in list(process.annotations.values()):
            kept = tuple(t for t in annotation.targets if t not in gone)
            if kept != annotation.targets:
                update = UpdateAnnotationContext(ctx.process_id, annotation.id, {"targets": kept})
                self._stack.execute(ANNOTATION_UPDATE, update)
