"""Goal, constraint, strength and weakness guardrails (PRODUCT.md N11, M6 and C06-C16).

On the as-is process: weaknesses without a linked step or a strategy, goals without a KPI or a
step, constraints marked violated, and the system-of-record check (a data object written by a
step whose system is not a system of record, while a system-of-record constraint exists).
On a to-be (the scenario applied to its base): removed steps that a Preserve/Enhance strength
or a constraint depends on, and whether each linked weakness is addressed.
"""

from __future__ import annotations

from collections.abc import Iterator

from bpo_desktop.core.analysis.findings import Finding, LintContext, Severity
from bpo_desktop.core.analysis.graph import label
from bpo_desktop.core.model import (
    Annotation,
    AnnotationKind,
    ConstraintCategory,
    DataObject,
    FlowKind,
    Node,
    Process,
    Strategy,
    annotation_problems,
)

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def ref(annotation: Annotation) -> str:
    if annotation.ref.strip():
        return annotation.ref.strip()
    text = annotation.text.strip()
    return (text[:40] + "…" if len(text) > 40 else text) or annotation.id


def _finding(rule: str, severity: Severity, annotation: Annotation, message: str) -> Finding:
    return Finding(rule, severity, annotation.id, ref(annotation), message)


def planning_sheet(ctx: LintContext) -> Iterator[Finding]:
    for a in ctx.process.annotations.values():
        for problem in annotation_problems(a):
            yield _finding("annotation-invalid", W, a, f"{ref(a)}: {problem}")
        if a.kind is AnnotationKind.WEAKNESS:
            if not a.targets:
                yield _finding("weakness-unlinked", W, a, f"{ref(a)} is not linked to any step")
            if a.strategy is None:
                yield _finding(
                    "weakness-no-strategy",
                    W,
                    a,
                    f"{ref(a)} has no strategy (Mitigate or Eliminate)",
                )
        elif a.kind is AnnotationKind.GOAL and not a.kpi.strip() and not a.targets:
            yield _finding("goal-unmeasured", W, a, f"{ref(a)} has no KPI and no linked step")
        elif a.kind is AnnotationKind.CONSTRAINT and a.violated:
            yield _finding("constraint-violated", E, a, f"{ref(a)} is marked violated")


def system_of_record(ctx: LintContext) -> Iterator[Finding]:
    """Data objects must be written in a system of record while such a constraint exists."""
    constraints = [
        a
        for a in ctx.process.annotations.values()
        if a.kind is AnnotationKind.CONSTRAINT and a.category is ConstraintCategory.SYSTEM_OF_RECORD
    ]
    if not constraints:
        return
    elements = ctx.process.elements
    for flow in ctx.process.flows(FlowKind.DATA_ASSOCIATION):
        writer, data = elements.get(flow.source), elements.get(flow.target)
        if not isinstance(writer, Node) or not isinstance(data, DataObject):
            continue
        system = ctx.systems.get(writer.system_id or "")
        if system is not None and system.is_system_of_record:
            continue
        where = system.name if system is not None else "no system"
        for constraint in constraints:
            yield Finding(
                "system-of-record", E, writer.id, label(writer),
                f"{ref(constraint)} violated by '{label(writer)}': it writes "
                f"{data.name or data.id} in {where}, not a system of record",
            )  # fmt: skip


def _removed(base: Process, process: Process, targets: tuple[str, ...]) -> list[Node]:
    return [
        node
        for t in targets
        if isinstance(node := base.elements.get(t), Node) and t not in process.elements
    ]


def to_be(ctx: LintContext) -> Iterator[Finding]:
    """Only for a scenario: what the to-be removes or leaves unchanged."""
    base = ctx.base
    if base is None:
        return
    for a in ctx.process.annotations.values():
        removed = _removed(base, ctx.process, a.targets)
        names = ", ".join(f"'{label(n)}'" for n in removed)
        if a.kind is AnnotationKind.STRENGTH and removed:
            strategy = str(a.strategy or "no strategy").capitalize()
            if a.strategy in (Strategy.PRESERVE, Strategy.ENHANCE, None):
                yield _finding(
                    "strength-at-risk", W, a,
                    f"{ref(a)} ({strategy}) at risk: the to-be removes {names}",
                )  # fmt: skip
        elif a.kind is AnnotationKind.CONSTRAINT and removed:
            yield _finding(
                "constraint-step-removed", E, a, f"{ref(a)} violated: the to-be removes {names}"
            )
        elif a.kind is AnnotationKind.WEAKNESS and a.targets:
            yield _weakness_outcome(ctx, base, a, removed)


def _weakness_outcome(
    ctx: LintContext, base: Process, a: Annotation, removed: list[Node]
) -> Finding:
    linked = [t for t in a.targets if t in base.elements]
    changed = [t for t in linked if ctx.process.elements.get(t) != base.elements[t]]
    if removed or changed:
        steps = [label(n) for n in removed] + [
            label(node) for t in changed if isinstance(node := base.elements[t], Node)
            and t in ctx.process.elements
        ]  # fmt: skip
        text = ", ".join(f"'{s}'" for s in steps)
        return _finding(
            "weakness-addressed", INFO, a, f"{ref(a)} addressed: the to-be changes {text}"
        )
    unchanged = ", ".join(
        f"'{label(node)}'" for t in linked if isinstance(node := base.elements[t], Node)
    )
    return _finding(
        "weakness-unaddressed", W, a,
        f"{ref(a)} not addressed: its linked step {unchanged} is unchanged in the to-be",
    )  # fmt: skip


RULES = (planning_sheet, system_of_record, to_be)
