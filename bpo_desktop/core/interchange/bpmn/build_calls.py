"""Builder, part 4: a process that a call activity calls sits inside that call activity.

BPMN keeps a called process as a top-level `<process>`, but a diagram draws its steps inside
an expanded call activity (MIWG B.2.0), or not at all for a collapsed one. The model says
"drawn inside" with `Node.parent_id`, so the called process's top-level steps get the call
activity as their parent. Their records keep the BPMN process they came from (`parent`),
which is where export writes them back.
"""

from __future__ import annotations

from dataclasses import replace

from bpo_desktop.core.interchange.bpmn.build_elements import Context, local_ref
from bpo_desktop.core.model import Node, NodeKind


def nest_called_processes(ctx: Context, callable_ids: set[str]) -> None:
    """Give the top-level steps of each process in `callable_ids` (processes no pool shows and
    not the main one) the call activity that calls it as parent: an expanded caller first."""
    elements, kept = ctx.process.elements, ctx.process.verbatim
    callers = [
        node
        for node in elements.values()
        if isinstance(node, Node) and node.kind is NodeKind.CALL_ACTIVITY
    ]
    callers.sort(key=lambda node: not node.expanded)  # stable: file order within each group
    nested: set[str] = set()
    for caller in callers:
        record = kept.get(caller.id)
        called = local_ref(dict(record.attributes).get("calledElement")) if record else ""
        if called not in callable_ids or called in nested:
            continue
        steps = [
            node.id
            for node in elements.values()
            if isinstance(node, Node)
            and node.parent_id is None
            and (kept_step := kept.get(node.id)) is not None
            and kept_step.parent == called
        ]
        if not steps or _inside(ctx, caller.id, set(steps)):
            continue  # a process that calls itself stays where it is
        nested.add(called)
        for step_id in steps:
            step = elements[step_id]
            assert isinstance(step, Node)
            elements[step_id] = replace(step, parent_id=caller.id)


def _inside(ctx: Context, node_id: str, ancestors: set[str]) -> bool:
    """Whether `node_id` is one of `ancestors` or sits (transitively) inside one of them."""
    seen: set[str] = set()
    current: str | None = node_id
    while current is not None and current not in seen:
        if current in ancestors:
            return True
        seen.add(current)
        node = ctx.process.elements.get(current)
        current = node.parent_id if isinstance(node, Node) else None
    return False
