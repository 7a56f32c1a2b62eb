"""Large generated processes for benchmarks and scale tests."""

from __future__ import annotations

import random

from bpo_desktop.core.model import NodeKind, Process, VAClass, Workspace, new_workspace
from bpo_desktop.core.samples.builder import ProcessBuilder

LANES = 8


def generated_workspace(elements: int, seed: int = 1) -> Workspace:
    """A workspace with one laid-out process of about `elements` elements (nodes + flows + lanes).

    Tasks run in a zig-zag across eight lanes with an XOR split/merge every tenth step, so the
    graph has branches and handoffs like a real map, not just a chain.
    """
    ws = new_workspace(f"Generated {elements}")
    add_generated_process(ws, elements, seed)
    return ws


def add_generated_process(ws: Workspace, elements: int, seed: int = 1) -> Process:
    rng = random.Random(seed)
    b = ProcessBuilder(ws, f"Generated process ({elements} elements)")
    lanes = [b.lane(f"Team {i + 1}", hourly_rate=40 + 5 * i) for i in range(LANES)]
    previous = b.node(NodeKind.START_EVENT, "Start", lane=lanes[0], col=0)
    count, col, step = 1 + LANES + 1, 1, 0
    budget = max(elements - 3, 4)  # the end event and its flow
    while count + 2 <= budget:
        lane = lanes[step % LANES]
        if step % 10 == 9 and count + 7 <= budget:
            previous, used = _diamond(b, previous, lane, col, rng)
            count, col = count + used, col + 3
        else:
            task = b.task(
                f"Step {step + 1}", lane=lane, col=col, touch_min=rng.randint(5, 60),
                wait_min=rng.randint(0, 480), va_class=rng.choice(list(VAClass)),
            )  # fmt: skip
            b.flow(previous, task)
            previous, count, col = task, count + 2, col + 1
        step += 1
    end = b.node(NodeKind.END_EVENT, "End", lane=lanes[step % LANES], col=col)
    b.flow(previous, end)
    return b.build()


def _diamond(
    b: ProcessBuilder, previous: str, lane: str, col: int, rng: random.Random
) -> tuple[str, int]:
    """split → {task, skip} → merge; returns the merge and the number of elements added."""
    split = b.node(NodeKind.EXCLUSIVE_GATEWAY, "Decide?", lane=lane, col=col)
    b.flow(previous, split)
    share = rng.choice([0.5, 0.7, 0.9])
    first = b.task("Handle A", lane=lane, col=col + 1, touch_min=10)
    b.flow(split, first, probability=share, name="A")
    merge = b.node(NodeKind.EXCLUSIVE_GATEWAY, "", lane=lane, col=col + 2)
    b.flow(first, merge)
    b.flow(split, merge, probability=round(1 - share, 2), name="skip")
    return merge, 7  # split, task, merge and four flows
