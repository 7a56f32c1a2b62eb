"""The discrete-event engine: one replication of a compiled net.

Design, and why it is not SimPy (ARCHITECTURE §5 suggested SimPy; the goal here is ≥ 40,000 cases
per second on a ten-task sequence, and SimPy's generator processes cap near 16,000):

- **An event list, not processes.** Events are `(time, case, stage)` tuples on one `heapq`. A
  tuple means "the token of `case` finished stage `stage` at `time`" (a task, a delay), or a case
  arrives (`stage == ARRIVAL`). Ties break on the case number: deterministic, and no counter.
- **A resource pool is a heap of the times its people become free** (Kiefer-Wolfowitz). Requests
  are handled in time order, so a token that asks at `t` starts at `max(t, earliest free)` and its
  end is known at once: FIFO with c servers, with no queue objects, no wake-up events and no
  release step. One heap event per task execution is the minimum an event list can do.
- **Compiled tables** (`net.py`): stages are integers, successors are pre-resolved through
  merges and pass-through events. The common cases (the next stage is a task, a delay, or the
  end of a single-token case) are handled inline in the loop, swapping the handled event for its
  follow-up with one `heapreplace`; gateways and joins go through `_route`.
- **Batch-drawn randomness** (`sampling.py`): each task's durations come from its own numpy
  Generator in batches; the loop calls `next()` on an iterator over a plain list.
- **Rows, not objects.** Each execution appends `(case, stage, enabled, start, end)` to one flat
  list; KPIs are computed afterwards with numpy (`kpis.py`), a chunk at a time.

Guards: a cap on events (`SimParams.max_events`), a simulated-time cap, and a stall check (too
many events with no case finishing, e.g. a loop whose exit probability is ~0) stop the run with
a message naming the step the cases keep repeating.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from heapq import heappop, heappush, heapreplace
from typing import Any

import numpy as np
import numpy.typing as npt

from bpo_desktop.core.simulation.errors import SimulationCancelledError, SimulationError
from bpo_desktop.core.simulation.net import (
    AND,
    DELAY,
    END,
    JOIN,
    OR,
    ORJOIN,
    TASK,
    XOR,
    Net,
)
from bpo_desktop.core.simulation.sampling import (
    choice_stream,
    generator,
    stream,
    uniform_stream,
)

ARRIVAL = -1
STOP = -2
CHUNK = 8192  # events between checks of cancel, progress and the guards
FLUSH_ROWS = 1 << 18  # rows kept as Python objects before they go to the sink as an array
STALL_EVENTS = 2_000_000
TIME_LIMIT_S = 100 * 365 * 86400.0  # after the last arrival

FloatArray = npt.NDArray[np.float64]
RowSink = Callable[[FloatArray], None]


@dataclass
class RunOutcome:
    """What one replication leaves besides the rows it sent to the sink."""

    finished: FloatArray  # per case: completion time, NaN when it did not finish
    end_time: float
    events: int
    stuck: dict[int, int] = field(default_factory=dict)  # stage -> cases waiting there


class Engine:
    """Runs one replication. Build it, call `run()` once."""

    def __init__(
        self,
        net: Net,
        arrivals: list[float],
        *,
        seed: int,
        replication: int,
        sink: RowSink,
        max_events: int | None = None,
        horizon: float | None = None,
        progress: Callable[[float], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> None:
        self.net = net
        self.arrivals = arrivals
        self.sink = sink
        self.max_events = max_events
        self.horizon = horizon
        self.progress = progress
        self.cancel = cancel
        n = len(arrivals)
        self.live = [1] * n
        self.finished = [math.nan] * n
        self.n_finished = 0
        self.events = 0
        self.now = 0.0
        self.heap: list[tuple[float, int, int]] = []
        self.rows: list[float] = []
        self.joins: dict[int, int] = {}
        self.or_expect: dict[int, int] = {}
        self._seen_finished = 0
        self._stalled = 0
        self.streams = _streams(net, seed, replication)
        self.slots = _slots(net)

    # -- the loop -------------------------------------------------------------------------
    def run(self) -> RunOutcome:
        if self.arrivals:
            heappush(self.heap, (self.arrivals[0], 0, ARRIVAL))
        if self.horizon is not None:
            heappush(self.heap, (self.horizon, -1, STOP))
        while self._chunk():
            self._checkpoint()
        self._flush()
        stuck: dict[int, int] = {}
        for key in set(self.joins) | set(self.or_expect):
            stage = key % self.net.size
            stuck[stage] = stuck.get(stage, 0) + 1
        return RunOutcome(np.array(self.finished), self.now, self.events, stuck)

    def _chunk(self) -> bool:
        """Process up to CHUNK events; False when the run is over.

        One long function on purpose: local variables are the interpreter's fastest lookups,
        and literals (0, 1, 3, -1) stand for FAST_TASK, FAST_DELAY, FAST_END and ARRIVAL for the
        same reason.
        The event on top of the heap is read in place; when handling it schedules exactly one
        follow-up (a task or a delay), `heapreplace` swaps it in with one sift instead of two.
        """
        heap, arrivals = self.heap, self.arrivals
        nxt, mode, streams, slots = self.net.nxt, self.net.mode, self.streams, self.slots
        first, n_cases, record, route = self.net.first, len(arrivals), self.rows.extend, self._route
        pop, push, replace, finished = heappop, heappush, heapreplace, self.finished
        first_fast, first_slots, first_stream = not mode[first], slots[first], streams[first]
        t = self.now
        for done in range(CHUNK):
            try:
                t, case, c = heap[0]
            except IndexError:
                self.now = t
                self.events += done
                return False
            if c >= 0:
                i = nxt[c]
                m = mode[i]
                if not m:  # FAST_TASK: a task on a pool without calendar
                    ph = slots[i]
                    if ph is None:
                        start = t
                        end = t + next(streams[i])
                    else:
                        s = ph[0]
                        start = s if s > t else t
                        end = start + next(streams[i])
                        replace(ph, end)
                    replace(heap, (end, case, i))
                    record((case, i, t, start, end))
                elif m == 1:  # FAST_DELAY
                    end = t + next(streams[i])
                    replace(heap, (end, case, i))
                    record((case, i, t, end, end))
                elif m == 3:  # FAST_END: the case's only token ends
                    pop(heap)
                    finished[case] = t
                    self.n_finished += 1
                else:
                    pop(heap)
                    route(case, i, t)
            elif c == -1:  # ARRIVAL: schedule the next one in its place
                k = case + 1
                if k < n_cases:
                    replace(heap, (arrivals[k], k, -1))
                else:
                    pop(heap)
                ph = first_slots
                if first_fast and ph is not None:  # the usual start: a task on a 24/7 pool
                    s = ph[0]
                    start = s if s > t else t
                    end = start + next(first_stream)
                    replace(ph, end)
                    push(heap, (end, case, first))
                    record((case, first, t, start, end))
                else:
                    route(case, first, t)
            else:  # STOP: the horizon
                self.now = t
                self.events += done
                return False
        self.now = t
        self.events += CHUNK
        return True

    def _route(self, case: int, i: int, t: float) -> None:
        """Move a token into stage i and on through gateways until it waits or ends."""
        net = self.net
        while True:
            kind = net.kind[i]
            if kind == TASK:
                self._start_task(case, i, t)
                return
            if kind == DELAY:
                end = t + next(self.streams[i])
                heappush(self.heap, (end, case, i))
                self.rows.extend((case, i, t, end, end))
                return
            if kind == XOR:
                i = net.branches[i][next(self.streams[i])]
            elif kind == AND:
                self._fork(case, net.branches[i], t)
                return
            elif kind == OR:
                self._fork(case, self._or_choice(case, i), t)
                return
            elif kind in (JOIN, ORJOIN):
                if not self._joined(case, i):
                    return
                i = net.nxt[i]
            elif kind == END:
                self._end_token(case, t)
                return
            else:
                raise SimulationError(f"stage {net.origin[i]} of kind {kind} cannot hold a token")

    def _start_task(self, case: int, i: int, t: float) -> None:
        """A task on a pool with a working calendar (tasks on 24/7 pools take the fast path)."""
        spec = self.net.pools[self.net.pool[i]]
        calendar = spec.calendar
        work = next(self.streams[i])
        ph = self.slots[i]
        ready = t if ph is None else max(t, ph[0])
        start = ready if calendar is None else calendar.next_on(ready)
        end = start + work if calendar is None else calendar.finish(start, work)
        if ph is not None:
            heapreplace(ph, end)
        heappush(self.heap, (end, case, i))
        self.rows.extend((case, i, t, start, end))

    def _fork(self, case: int, targets: tuple[int, ...], t: float) -> None:
        self.live[case] += len(targets) - 1
        for target in targets:
            self._route(case, target, t)

    def _or_choice(self, case: int, i: int) -> tuple[int, ...]:
        """Each inclusive branch fires with its probability; at least one always fires."""
        net, draws = self.net, self.streams[i]
        branches, probs = net.branches[i], net.probs[i]
        chosen = tuple(b for b, p in zip(branches, probs, strict=True) if next(draws) < p)
        if not chosen:
            u = next(draws) * sum(probs)
            acc = 0.0
            pick = branches[-1]
            for b, p in zip(branches, probs, strict=True):
                acc += p
                if u < acc:
                    pick = b
                    break
            chosen = (pick,)
        self.or_expect[case * net.size + net.or_join[i]] = len(chosen)
        return chosen

    def _joined(self, case: int, i: int) -> bool:
        """Count a token at a join; True when it was the last one the join waits for."""
        key = case * self.net.size + i
        need = self.net.need[i] if self.net.kind[i] == JOIN else self.or_expect.get(key, 1)
        got = self.joins.get(key, 0) + 1
        if got < need:
            self.joins[key] = got
            self.live[case] -= 1
            return False
        self.joins.pop(key, None)
        self.or_expect.pop(key, None)
        return True

    def _end_token(self, case: int, t: float) -> None:
        self.live[case] -= 1
        if self.live[case] == 0:
            self.finished[case] = t
            self.n_finished += 1

    # -- between chunks -------------------------------------------------------------------
    def _checkpoint(self) -> None:
        if self.cancel is not None and self.cancel():
            raise SimulationCancelledError("the simulation was cancelled")
        if self.progress is not None:
            self.progress(self.n_finished / max(1, len(self.arrivals)))
        self._guard()
        if len(self.rows) >= FLUSH_ROWS:
            self._flush()

    def _guard(self) -> None:
        if self.max_events is not None and self.events > self.max_events:
            raise SimulationError(
                f"stopped after {self.events:,} events (the limit is {self.max_events:,}); "
                + self._hot_step()
            )
        last_arrival = self.arrivals[-1] if self.arrivals else 0.0
        if self.now > last_arrival + TIME_LIMIT_S:
            raise SimulationError(
                "stopped: simulated time ran 100 years past the last arrival; " + self._hot_step()
            )
        if self.n_finished != self._seen_finished:
            self._seen_finished, self._stalled = self.n_finished, 0
            return
        self._stalled += CHUNK
        arrived = next((c for _, c, s in self.heap if s == ARRIVAL), len(self.arrivals))
        open_cases = arrived - self.n_finished
        if self._stalled > max(STALL_EVENTS, 20 * self.net.size * open_cases):
            raise SimulationError(
                f"stopped after {self._stalled:,} events without any case finishing; "
                + self._hot_step()
            )

    def _hot_step(self) -> str:
        """Name the step recent events repeat most: the likely loop that never exits."""
        stages = self.rows[1::5] if self.rows else []
        if not stages:
            return "no step ran; check the model for a loop without tasks"
        counts: dict[int, int] = {}
        for stage in stages:
            counts[int(stage)] = counts.get(int(stage), 0) + 1
        hot = max(counts, key=lambda s: (counts[s], -s))
        origin = self.net.origin[hot]
        name = self.net.names.get(origin, origin)
        return (
            f"cases keep repeating '{name}' ({origin}): check the probabilities of the loop "
            "around it (a loop must have a way out)"
        )

    def _flush(self) -> None:
        if self.rows:
            rows = np.fromiter(self.rows, dtype=np.float64, count=len(self.rows))
            self.sink(rows.reshape(-1, 5))
            self.rows.clear()


def _streams(net: Net, seed: int, replication: int) -> list[Any]:
    """Per stage its random stream: durations, branch indices or uniforms (None: no draws)."""
    out: list[Any] = []
    for i, kind in enumerate(net.kind):
        rng = generator(seed, replication, net.stream_key(i))
        dist = net.dist[i]
        if kind in (TASK, DELAY) and dist is not None:
            out.append(stream(dist, rng))
        elif kind == XOR:
            out.append(choice_stream(net.probs[i], rng))
        elif kind == OR:
            out.append(uniform_stream(rng))
        else:
            out.append(None)
    return out


def _slots(net: Net) -> list[list[float] | None]:
    """Per stage, the free-time heap of its pool (shared by the pool's tasks); None: unlimited."""
    heaps = [None if p.staff is None else [0.0] * p.staff for p in net.pools]
    return [heaps[p] if p >= 0 else None for p in net.pool]
