"""The shared shape of behaviours that tidy references after `elements.delete`."""

from __future__ import annotations

from abc import ABC, abstractmethod

from bpo_desktop.core.editing.command_stack import CommandEvent, CommandStack, EventBus
from bpo_desktop.core.editing.commands import ELEMENTS_DELETE, post_execute
from bpo_desktop.core.editing.contexts import DeleteElementsContext
from bpo_desktop.core.model import Process, Workspace


class AfterDeleteBehavior(ABC):
    """Subscribes to the post-execute phase of `elements.delete`; subclasses keep one invariant
    by executing nested commands (which join the delete's undo unit)."""

    def __init__(self, workspace: Workspace, bus: EventBus, stack: CommandStack) -> None:
        self._workspace = workspace
        self._stack = stack
        bus.on(post_execute(ELEMENTS_DELETE), self._after_delete)

    def _after_delete(self, event: CommandEvent) -> None:
        ctx = event.context_as(DeleteElementsContext)
        self.after_delete(self._workspace.processes[ctx.process_id], frozenset(ctx.element_ids))

    @abstractmethod
    def after_delete(self, process: Process, gone: frozenset[str]) -> None: ...
