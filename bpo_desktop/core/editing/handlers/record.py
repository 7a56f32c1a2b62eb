"""record.put / record.delete: workspace records (simulation runs, workshop notes …).

A put adds a record or replaces the one with the same id; the kind and owning process of an
existing record never change, so a feature cannot silently take over another's data.
"""

from __future__ import annotations

from collections.abc import Iterable

from bpo_desktop.core.editing.contexts import DeleteRecordContext, PutRecordContext, recorded
from bpo_desktop.core.editing.handlers.base import Handler
from bpo_desktop.core.editing.slots import put_back, take


class PutRecordHandler(Handler[PutRecordContext]):
    def validate(self, ctx: PutRecordContext) -> None:
        record = ctx.record
        old = self.workspace.records.get(record.id)
        if old is None:
            if self.workspace.has_id(record.id):
                raise ValueError(f"id {record.id!r} is already used by something else")
        elif (old.kind, old.process_id) != (record.kind, record.process_id):
            raise ValueError(f"record {record.id!r} is a {old.kind!r} record of another owner")
        if record.process_id is not None and record.process_id not in self.workspace.processes:
            raise ValueError(f"no process {record.process_id!r}")

    def execute(self, ctx: PutRecordContext) -> Iterable[str]:
        self.validate(ctx)
        ctx.old = self.workspace.records.get(ctx.record.id)
        self.workspace.records[ctx.record.id] = ctx.record
        return (ctx.record.id,)

    def revert(self, ctx: PutRecordContext) -> Iterable[str]:
        if ctx.old is None:
            del self.workspace.records[ctx.record.id]
        else:
            self.workspace.records[ctx.record.id] = ctx.old
        return (ctx.record.id,)


class DeleteRecordHandler(Handler[DeleteRecordContext]):
    def validate(self, ctx: DeleteRecordContext) -> None:
        if ctx.record_id not in self.workspace.records:
            raise ValueError(f"no record {ctx.record_id!r}")

    def execute(self, ctx: DeleteRecordContext) -> Iterable[str]:
        self.validate(ctx)
        ctx.slot = take(self.workspace.records, ctx.record_id)
        return (ctx.record_id,)

    def revert(self, ctx: DeleteRecordContext) -> Iterable[str]:
        put_back(self.workspace.records, recorded(ctx.slot))
        return (ctx.record_id,)
