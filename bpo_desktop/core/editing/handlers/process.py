"""process.create / process.delete / process.update: the processes of a workspace."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bpo_desktop.core.editing.contexts import (
    CreateProcessContext,
    DeleteProcessContext,
    UpdateProcessContext,
    recorded,
)
from bpo_desktop.core.editing.handlers.base import Handler
from bpo_desktop.core.editing.lookup import process_in, require_name, require_new_id
from bpo_desktop.core.editing.slots import put_back, take
from bpo_desktop.core.model import Process

EDITABLE = frozenset({"name", "documentation", "owner"})


def text_changes(changes: Mapping[str, Any], editable: frozenset[str], what: str) -> dict[str, str]:
    """Check plain text field updates (process and workspace attributes)."""
    if not changes:
        raise ValueError(f"no {what} properties to change")
    for name, value in changes.items():
        if name not in editable:
            raise ValueError(f"{what} has no editable property {name!r}")
        if not isinstance(value, str):
            raise ValueError(f"{name}: expected text, got {value!r}")
    if "name" in changes:
        require_name(changes["name"], f"a {what}")
    return dict(changes)


class CreateProcessHandler(Handler[CreateProcessContext]):
    """Adds a process; a pre-filled one (a copy, a template) is fine if its ids are all new."""

    def validate(self, ctx: CreateProcessContext) -> None:
        process = ctx.process
        require_name(process.name, "a process")
        for new_id in (process.id, *process.elements, *process.annotations, *process.scenarios):
            require_new_id(self.workspace, new_id)

    def execute(self, ctx: CreateProcessContext) -> Iterable[str]:
        self.validate(ctx)
        self.workspace.processes[ctx.process.id] = ctx.process
        return (ctx.process.id,)

    def revert(self, ctx: CreateProcessContext) -> Iterable[str]:
        del self.workspace.processes[ctx.process.id]
        return (ctx.process.id,)


class DeleteProcessHandler(Handler[DeleteProcessContext]):
    def validate(self, ctx: DeleteProcessContext) -> None:
        process_in(self.workspace, ctx.process_id)

    def execute(self, ctx: DeleteProcessContext) -> Iterable[str]:
        self.validate(ctx)
        records = self.workspace.records
        owned = [rid for rid, r in records.items() if r.process_id == ctx.process_id]
        ctx.record_slots = [take(records, rid) for rid in owned]
        ctx.slot = take(self.workspace.processes, ctx.process_id)
        return (ctx.process_id, *owned)

    def revert(self, ctx: DeleteProcessContext) -> Iterable[str]:
        put_back(self.workspace.processes, recorded(ctx.slot))
        for slot in reversed(ctx.record_slots):
            put_back(self.workspace.records, slot)
        return (ctx.process_id, *(slot.key for slot in ctx.record_slots))


class UpdateProcessHandler(Handler[UpdateProcessContext]):
    """Name, documentation and owner; the process's contents have their own commands."""

    def validate(self, ctx: UpdateProcessContext) -> None:
        process_in(self.workspace, ctx.process_id)
        text_changes(ctx.changes, EDITABLE, "process")

    def execute(self, ctx: UpdateProcessContext) -> Iterable[str]:
        self.validate(ctx)
        process = process_in(self.workspace, ctx.process_id)
        ctx.old = {name: getattr(process, name) for name in ctx.changes}
        _assign(process, ctx.changes)
        return (ctx.process_id,)

    def revert(self, ctx: UpdateProcessContext) -> Iterable[str]:
        _assign(process_in(self.workspace, ctx.process_id), ctx.old)
        return (ctx.process_id,)


def _assign(process: Process, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        setattr(process, name, value)
