"""annotation.create / annotation.update / annotation.delete: the process's business notes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from bpo_desktop.core.editing.contexts import (
    CreateAnnotationContext,
    DeleteAnnotationContext,
    UpdateAnnotationContext,
    recorded,
)
from bpo_desktop.core.editing.handlers.base import Handler
from bpo_desktop.core.editing.lookup import annotation_in, process_in, require_new_id
from bpo_desktop.core.editing.slots import put_back, take
from bpo_desktop.core.model import Annotation, Process, annotation_problems
from bpo_desktop.core.model.coerce import coerce_fields


def check_annotation(process: Process, new: Annotation, old: Annotation | None = None) -> None:
    """Refuse new problems and links to missing elements.

    Problems and links the annotation already had are tolerated, so pruning a target (a behaviour)
    still works on an annotation imported with an inconsistency.
    """
    known = set(annotation_problems(old)) if old is not None else set()
    problems = [p for p in annotation_problems(new) if p not in known]
    if problems:
        raise ValueError("; ".join(problems))
    previous = set(old.targets) if old is not None else set()
    missing = [t for t in new.targets if t not in previous and t not in process.elements]
    if missing:
        raise ValueError(f"targets: no element {', '.join(map(repr, missing))} in {process.name!r}")


class CreateAnnotationHandler(Handler[CreateAnnotationContext]):
    def validate(self, ctx: CreateAnnotationContext) -> None:
        process = process_in(self.workspace, ctx.process_id)
        require_new_id(self.workspace, ctx.annotation.id)
        check_annotation(process, ctx.annotation)

    def execute(self, ctx: CreateAnnotationContext) -> Iterable[str]:
        self.validate(ctx)
        process_in(self.workspace, ctx.process_id).annotations[ctx.annotation.id] = ctx.annotation
        return (ctx.annotation.id,)

    def revert(self, ctx: CreateAnnotationContext) -> Iterable[str]:
        del process_in(self.workspace, ctx.process_id).annotations[ctx.annotation.id]
        return (ctx.annotation.id,)


class UpdateAnnotationHandler(Handler[UpdateAnnotationContext]):
    def _updated(self, ctx: UpdateAnnotationContext) -> Annotation:
        process = process_in(self.workspace, ctx.process_id)
        old = annotation_in(process, ctx.annotation_id)
        if not ctx.changes:
            raise ValueError("no annotation properties to change")
        new = replace(old, **coerce_fields(Annotation, ctx.changes))
        check_annotation(process, new, old)
        return new

    def validate(self, ctx: UpdateAnnotationContext) -> None:
        self._updated(ctx)

    def execute(self, ctx: UpdateAnnotationContext) -> Iterable[str]:
        new = self._updated(ctx)
        annotations = process_in(self.workspace, ctx.process_id).annotations
        ctx.old = annotations[ctx.annotation_id]
        annotations[ctx.annotation_id] = new
        return (ctx.annotation_id,)

    def revert(self, ctx: UpdateAnnotationContext) -> Iterable[str]:
        annotations = process_in(self.workspace, ctx.process_id).annotations
        annotations[ctx.annotation_id] = recorded(ctx.old)
        return (ctx.annotation_id,)


class DeleteAnnotationHandler(Handler[DeleteAnnotationContext]):
    def validate(self, ctx: DeleteAnnotationContext) -> None:
        annotation_in(process_in(self.workspace, ctx.process_id), ctx.annotation_id)

    def execute(self, ctx: DeleteAnnotationContext) -> Iterable[str]:
        self.validate(ctx)
        annotations = process_in(self.workspace, ctx.process_id).annotations
        ctx.slot = take(annotations, ctx.annotation_id)
        return (ctx.annotation_id,)

    def revert(self, ctx: DeleteAnnotationContext) -> Iterable[str]:
        put_back(process_in(self.workspace, ctx.process_id).annotations, recorded(ctx.slot))
        return (ctx.annotation_id,)
