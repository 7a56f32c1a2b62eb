"""Invariant: a business annotation's targets are elements of its process."""

from __future__ import annotations

from bpo_desktop.core.editing.behaviors.after_delete import AfterDeleteBehavior
from bpo_desktop.core.editing.commands import ANNOTATION_UPDATE
from bpo_desktop.core.editing.contexts import UpdateAnnotationContext
from bpo_desktop.core.model import Process


class PruneAnnotationTargetsBehavior(AfterDeleteBehavior):
    """After elements are deleted, annotations that targeted them forget those targets.

    The annotation itself stays: a pain point about a deleted step is still a finding.
    """

    def after_delete(self, process: Process, gone: frozenset[str]) -> None:
        for annotation in list(process.annotations.values()):
            kept = tuple(t for t in annotation.targets if t not in gone)
            if kept != annotation.targets:
                update = UpdateAnnotationContext(process.id, annotation.id, {"targets": kept})
                self._stack.execute(ANNOTATION_UPDATE, update)
