"""Breakout merge (W11): bring another copy's workshop notes into this workspace.

Two laptops start from copies of one `.bpo`; every sticky, vote, action … has a random id, so
the merge matches by id: new ids are added, identical ones skipped, and an id whose content
differs is a conflict (ours is kept, theirs reported). Pure: it returns a plan, the caller
applies it as one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bpo_desktop.core.model import Annotation, Workspace
from bpo_desktop.core.model.records import Record
from bpo_desktop.core.workshop.items import KIND_TITLES
from bpo_desktop.core.workshop.store import WORKSHOP_KINDS

_RECORD_TITLES = {
    "workshop_session": "session",
    "workshop_vote_round": "vote round",
    "workshop_vote": "vote",
    "workshop_matrix_score": "matrix score",
    "workshop_parking": "parking-lot item",
    "workshop_action": "action",
    "workshop_decision": "decision",
}


@dataclass
class MergePlan:
    annotations: list[tuple[str, Annotation]] = field(default_factory=list)  # (process id, new)
    records: list[Record] = field(default_factory=list)
    skipped: int = 0  # already here, identical
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what else the user should know

    @property
    def added(self) -> int:
        return len(self.annotations) + len(self.records)

    def summary(self) -> str:
        notes = sum(1 for _ in self.annotations)
        parts = [f"{notes} note{'s' if notes != 1 else ''}"]
        counted: dict[str, int] = {}
        for record in self.records:
            title = _RECORD_TITLES.get(record.kind, record.kind)
            counted[title] = counted.get(title, 0) + 1
        parts += [f"{n} {title}{'s' if n != 1 else ''}" for title, n in counted.items()]
        text = f"Added {', '.join(parts)}; {self.skipped} already here"
        if self.conflicts:
            text += f"; {len(self.conflicts)} conflict{'s' if len(self.conflicts) != 1 else ''}"
        return text


def plan_merge(ours: Workspace, theirs: Workspace) -> MergePlan:
    plan = MergePlan()
    if theirs.id != ours.id:
        plan.notes.append(
            f"the other file is workspace {theirs.name!r}, not a copy of {ours.name!r}: "
            "only ids that match are merged"
        )
    _merge_annotations(ours, theirs, plan)
    _merge_records(ours, theirs, plan)
    return plan


def _merge_annotations(ours: Workspace, theirs: Workspace, plan: MergePlan) -> None:
    for their_process in theirs.processes.values():
        process = ours.processes.get(their_process.id)
        if process is None:
            if their_process.annotations:
                count = len(their_process.annotations)
                plan.notes.append(
                    f"process {their_process.name!r} is not in this file: "
                    f"its {count} notes were not merged"
                )
            continue
        for annotation in their_process.annotations.values():
            mine = _annotation_anywhere(ours, annotation.id)
            if mine is None:
                kept = tuple(t for t in annotation.targets if process.has_id(t))
                if len(kept) < len(annotation.targets):
                    plan.notes.append(
                        f"{_title(annotation)}: its step is not in this file, added to the process"
                    )
                plan.annotations.append((process.id, replace(annotation, targets=kept)))
            elif mine == annotation:
                plan.skipped += 1
            else:
                plan.conflicts.append(
                    f"{_title(annotation)}: changed in both copies, kept ours "
                    f"(theirs: {annotation.text!r})"
                )


def _merge_records(ours: Workspace, theirs: Workspace, plan: MergePlan) -> None:
    for record in theirs.records.values():
        if record.kind not in WORKSHOP_KINDS:
            continue
        mine = ours.records.get(record.id)
        if mine is None:
            if record.process_id is not None and record.process_id not in ours.processes:
                plan.notes.append(f"{record.id}: its process is not in this file, skipped")
                continue
            plan.records.append(record)
        elif mine.kind == record.kind and mine.body_json() == record.body_json():
            plan.skipped += 1
        else:
            title = _RECORD_TITLES.get(record.kind, record.kind)
            plan.conflicts.append(f"{title} {record.id}: changed in both copies, kept ours")


def _annotation_anywhere(workspace: Workspace, annotation_id: str) -> Annotation | None:
    for process in workspace.processes.values():
        if annotation_id in process.annotations:
            return process.annotations[annotation_id]
    return None


def _title(annotation: Annotation) -> str:
    kind = KIND_TITLES.get(str(annotation.kind), str(annotation.kind))
    return f"{kind} {annotation.ref or annotation.id} {annotation.text[:40]!r}"
