"""The base of this package's handlers: bound to the workspace, validation shared by both paths."""

from __future__ import annotations

from abc import abstractmethod
from typing import TypeVar

from bpo_desktop.core.editing.command_stack import CommandHandler, CommandStack
from bpo_desktop.core.model import Workspace

ContextT = TypeVar("ContextT")


class Handler(CommandHandler[ContextT]):
    """`validate` raises ValueError for an edit that must not happen.

    `can_execute` asks it without side effects; `execute` calls it again before mutating, because
    pre_execute phases and behaviours may have changed the model since.
    """

    def __init__(self, workspace: Workspace, stack: CommandStack) -> None:
        self.workspace = workspace
        self.stack = stack

    @abstractmethod
    def validate(self, ctx: ContextT) -> None: ...

    def can_execute(self, ctx: ContextT) -> bool:
        try:
            self.validate(ctx)
        except ValueError:
            return False
        return True
