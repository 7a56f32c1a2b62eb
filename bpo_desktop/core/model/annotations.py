"""Business annotations on a process and its steps: the planning sheet and workshop notes."""

from __future__ import annotations

from dataclasses import dataclass

from bpo_desktop.core.model.enums import (
    ALLOWED_STRATEGIES,
    AnnotationKind,
    ConstraintCategory,
    Strategy,
)


@dataclass(frozen=True, slots=True)
class Annotation:
    """A goal, constraint, strength, weakness, pain point, idea, question or risk.

    `targets` are element ids of the process; empty means the annotation is about the whole process.
    """

    id: str
    kind: AnnotationKind
    text: str = ""
    ref: str = ""  # a short label users cite, such as "K1" or "W2"
    strategy: Strategy | None = None
    strategy_text: str = ""
    category: ConstraintCategory | None = None
    kpi: str = ""
    target_value: str = ""
    evidence: str = ""
    severity: int | None = None
    violated: bool = False
    author: str = ""
    created_at: str = ""
    targets: tuple[str, ...] = ()


def annotation_problems(annotation: Annotation) -> list[str]:
    """What is inconsistent about an annotation on its own (empty when it is fine)."""
    problems: list[str] = []
    allowed = ALLOWED_STRATEGIES.get(annotation.kind, frozenset())
    if annotation.strategy is not None and annotation.strategy not in allowed:
        choices = ", ".join(sorted(allowed)) or "none"
        problems.append(
            f"a {annotation.kind} cannot have strategy {annotation.strategy} (allowed: {choices})"
        )
    if annotation.category is not None and annotation.kind is not AnnotationKind.CONSTRAINT:
        problems.append("only constraints have a category")
    if annotation.severity is not None and not 1 <= annotation.severity <= 3:
        problems.append("severity must be 1, 2 or 3")
    return problems
