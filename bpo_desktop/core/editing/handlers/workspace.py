"""workspace.update: the workspace's own attributes (its name)."""

from __future__ import annotations

from collections.abc import Iterable

from bpo_desktop.core.editing.contexts import UpdateWorkspaceContext
from bpo_desktop.core.editing.handlers.base import Handler
from bpo_desktop.core.editing.handlers.process import text_changes

EDITABLE = frozenset({"name"})


class UpdateWorkspaceHandler(Handler[UpdateWorkspaceContext]):
    def validate(self, ctx: UpdateWorkspaceContext) -> None:
        text_changes(ctx.changes, EDITABLE, "workspace")

    def execute(self, ctx: UpdateWorkspaceContext) -> Iterable[str]:
        self.validate(ctx)
        ctx.old = {name: getattr(self.workspace, name) for name in ctx.changes}
        for name, value in ctx.changes.items():
            setattr(self.workspace, name, value)
        return (self.workspace.id,)

    def revert(self, ctx: UpdateWorkspaceContext) -> Iterable[str]:
        for name, value in ctx.old.items():
            setattr(self.workspace, name, value)
        return (self.workspace.id,)
