"""system.create / system.update / system.delete: the workspace's system catalogue.

Deleting a system that steps use is allowed: the clear-deleted-system behaviour first clears
their `system_id` with nested, undoable commands. Without that behaviour the delete is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from bpo_desktop.core.editing.contexts import (
    CreateSystemContext,
    DeleteSystemContext,
    UpdateSystemContext,
    recorded,
)
from bpo_desktop.core.editing.handlers.base import Handler
from bpo_desktop.core.editing.lookup import require_name, require_new_id, system_in
from bpo_desktop.core.editing.slots import put_back, take
from bpo_desktop.core.model import System, Workspace
from bpo_desktop.core.model.coerce import coerce_fields


def check_system(workspace: Workspace, system: System) -> None:
    require_name(system.name, "a system")
    for other in workspace.systems.values():
        if other.id != system.id and other.name == system.name:
            raise ValueError(f"the catalogue already has a system {system.name!r}")


def steps_using(workspace: Workspace, system_id: str) -> list[str]:
    return [
        node.id
        for process in workspace.processes.values()
        for node in process.nodes()
        if node.system_id == system_id
    ]


class CreateSystemHandler(Handler[CreateSystemContext]):
    def validate(self, ctx: CreateSystemContext) -> None:
        require_new_id(self.workspace, ctx.system.id)
        check_system(self.workspace, ctx.system)

    def execute(self, ctx: CreateSystemContext) -> Iterable[str]:
        self.validate(ctx)
        self.workspace.systems[ctx.system.id] = ctx.system
        return (ctx.system.id,)

    def revert(self, ctx: CreateSystemContext) -> Iterable[str]:
        del self.workspace.systems[ctx.system.id]
        return (ctx.system.id,)


class UpdateSystemHandler(Handler[UpdateSystemContext]):
    def _updated(self, ctx: UpdateSystemContext) -> System:
        old = system_in(self.workspace, ctx.system_id)
        if not ctx.changes:
            raise ValueError("no system properties to change")
        new = replace(old, **coerce_fields(System, ctx.changes))
        check_system(self.workspace, new)
        return new

    def validate(self, ctx: UpdateSystemContext) -> None:
        self._updated(ctx)

    def execute(self, ctx: UpdateSystemContext) -> Iterable[str]:
        new = self._updated(ctx)
        ctx.old = self.workspace.systems[ctx.system_id]
        self.workspace.systems[ctx.system_id] = new
        return (ctx.system_id,)

    def revert(self, ctx: UpdateSystemContext) -> Iterable[str]:
        self.workspace.systems[ctx.system_id] = recorded(ctx.old)
        return (ctx.system_id,)


class DeleteSystemHandler(Handler[DeleteSystemContext]):
    def validate(self, ctx: DeleteSystemContext) -> None:
        system_in(self.workspace, ctx.system_id)

    def execute(self, ctx: DeleteSystemContext) -> Iterable[str]:
        self.validate(ctx)
        users = steps_using(self.workspace, ctx.system_id)
        if users:  # the behaviour has not cleared them: keep every reference valid
            raise ValueError(f"system {ctx.system_id!r} is still used by {', '.join(users)}")
        ctx.slot = take(self.workspace.systems, ctx.system_id)
        return (ctx.system_id,)

    def revert(self, ctx: DeleteSystemContext) -> Iterable[str]:
        put_back(self.workspace.systems, recorded(ctx.slot))
        return (ctx.system_id,)
