"""A token animation of a short run for workshops: ~20 cases, tokens moving along the flows.

The run is an ordinary simulation with an event log (`keep_log`), so what moves is what the
engine did: a token travels from the step it left to the next one while the case waits (the
step's wait time and queueing for the pool), then sits on the step while it is worked on.
Parallel branches show one token each. Simulated time is played back over `PLAY_MS` with a
QVariantAnimation (Play / Pause / Stop); each frame places the tokens as overlay dots.
"""

from __future__ import annotations

import itertools
import math
from collections import deque
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEasingCurve, QObject, QPointF, QVariantAnimation, Signal
from PySide6.QtGui import QColor

from bpo_desktop.core.model import FlowKind, NodeKind, Process
from bpo_desktop.core.simulation import simulate
from bpo_desktop.core.simulation.run import arrival_times
from bpo_desktop.core.simulation.store import SimSetup
from bpo_desktop.ui.canvas.overlays import Token

if TYPE_CHECKING:
    from bpo_desktop.ui.main_window import MainWindow

CASES = 20
PLAY_MS = 20_000
TAIL = 0.03  # share of the run a finished token takes to reach the end event


@dataclass(frozen=True)
class Leg:
    """One token's movement: along `points` (travel) or resting at points[0] (work)."""

    case: int
    start: float
    end: float
    points: tuple[QPointF, ...]

    def position(self, t: float) -> QPointF:
        if len(self.points) == 1 or self.end <= self.start:
            return self.points[-1] if t >= self.end else self.points[0]
        return along(self.points, (t - self.start) / (self.end - self.start))


def along(points: tuple[QPointF, ...], fraction: float) -> QPointF:
    """The point at `fraction` of a polyline's length."""
    lengths = [math.dist((a.x(), a.y()), (b.x(), b.y())) for a, b in itertools.pairwise(points)]
    total = sum(lengths)
    if total <= 0:
        return points[0]
    left = min(1.0, max(0.0, fraction)) * total
    for (a, b), length in zip(itertools.pairwise(points), lengths, strict=True):
        if left <= length and length > 0:
            f = left / length
            return QPointF(a.x() + (b.x() - a.x()) * f, a.y() + (b.y() - a.y()) * f)
        left -= length
    return points[-1]


def case_colour(case: int) -> QColor:
    return QColor.fromHsvF((case * 0.161) % 1.0, 0.75, 0.95)


class TokenAnimation(QObject):
    """`state_changed(str)` ("playing", "paused", "stopped"), `clock(float)` simulated seconds."""

    state_changed = Signal(str)
    clock = Signal(float)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.legs: list[Leg] = []
        self.span = 0.0
        self._anim = QVariantAnimation(self)
        self._anim.setEasingCurve(QEasingCurve.Type.Linear)
        self._anim.valueChanged.connect(self._frame)
        self._anim.finished.connect(self.stop)
        self.state = "stopped"
        self._process: Process | None = None
        # The legs hold scene points of the plane shown when they were built.
        window.scene.plane_changed.connect(self._plane_changed)

    # -- preparing -----------------------------------------------------------------------
    def prepare(self, process: Process, setup: SimSetup) -> None:
        """Simulate CASES cases of `process` with an event log and build the token legs."""
        self._window.canvas.planes.show(None)  # the whole run plays on the main plane
        self._process = process
        params = replace(setup.params, warmup_s=0.0, horizon_s=None)
        result = simulate(process, params, setup.seed, cases=CASES, keep_log=True)
        log = result.log
        assert log is not None
        arrivals = arrival_times(params.arrival, setup.seed, 0, CASES, None)
        routes = _Routes(process, self._centre, self._flow_points)
        by_name: dict[str, str] = {}
        for node in process.nodes():
            by_name.setdefault(node.name or node.id, node.id)
        rows: dict[int, list[tuple[str, float, float, float]]] = {}
        for i in range(len(log)):
            step = by_name.get(log.activity[i])
            if step is not None:
                case = int(log.case[i])
                rows.setdefault(case, []).append(
                    (step, float(log.enabled[i]), float(log.start[i]), float(log.end[i]))
                )
        legs: list[Leg] = []
        last_end = max((r[3] for case_rows in rows.values() for r in case_rows), default=0.0)
        tail = max(1.0, last_end * TAIL)
        for case, case_rows in rows.items():
            case_rows.sort(key=lambda r: r[2])
            arrived = arrivals[case] if case < len(arrivals) else case_rows[0][1]
            successors: set[int] = set()
            for j, (step, enabled, start, end) in enumerate(case_rows):
                before = [
                    k for k in range(j)
                    if case_rows[k][3] <= enabled + 1e-9 and routes.path(case_rows[k][0], step)
                ]  # fmt: skip
                pred = max(before, key=lambda k: case_rows[k][3]) if before else None
                if pred is None:
                    points, leave = routes.from_start(step), arrived
                else:
                    points, leave = routes.path(case_rows[pred][0], step), case_rows[pred][3]
                    successors.add(pred)
                if points:
                    legs.append(Leg(case, leave, start, tuple(points)))
                legs.append(Leg(case, start, end, (self._centre(step),)))
            for j, (step, _e, _s, end) in enumerate(case_rows):
                if j not in successors:
                    points = routes.to_end(step)
                    if points:
                        legs.append(Leg(case, end, end + tail, tuple(points)))
        self.legs = legs
        self.span = max((leg.end for leg in legs), default=0.0)

    def _centre(self, element_id: str) -> QPointF:
        item = self._window.scene.item_for(self._drawn(element_id))
        if item is None or not hasattr(item, "scene_rect"):
            return QPointF()
        centre: QPointF = item.scene_rect().center()
        return centre

    def _drawn(self, element_id: str) -> str:
        """The step, or the collapsed sub-process on this plane it lies inside."""
        process, seen = self._process, element_id
        while process is not None and self._window.scene.item_for(seen) is None:
            node = process.elements.get(seen)
            parent = getattr(node, "parent_id", None) or getattr(node, "attached_to", None)
            if not parent:
                return element_id
            seen = parent
        return seen

    def _plane_changed(self) -> None:
        if self.state != "stopped":  # the tokens' points belong to the plane that was shown
            self.stop()

    def _flow_points(self, flow_id: str) -> list[QPointF]:
        item = self._window.scene.item_for(flow_id)
        return list(getattr(item, "points", []) or [])

    # -- playing -------------------------------------------------------------------------
    def play(self) -> None:
        if not self.legs:
            return
        if self.state == "paused":
            self._anim.resume()
        else:
            self._anim.stop()
            self._anim.setStartValue(0.0)
            self._anim.setEndValue(self.span)
            self._anim.setDuration(PLAY_MS)
            self._anim.start()
        self._set_state("playing")

    def pause(self) -> None:
        if self.state == "playing":
            self._anim.pause()
            self._set_state("paused")

    def stop(self) -> None:
        self._anim.stop()
        self._window.canvas.overlays.tokens = []
        self._window.canvas.update_overlays()
        self._set_state("stopped")

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    def tokens_at(self, t: float) -> list[Token]:
        return [
            Token(leg.position(t), case_colour(leg.case), leg.case)
            for leg in self.legs
            if leg.start <= t <= leg.end
        ]

    def _frame(self, value: object) -> None:
        t = float(value)  # type: ignore[arg-type]
        self._window.canvas.overlays.tokens = self.tokens_at(t)
        self._window.canvas.update_overlays()
        self.clock.emit(t)


class _Routes:
    """Drawn paths between steps along sequence flows (through gateways and events)."""

    def __init__(self, process: Process, centre, flow_points) -> None:  # type: ignore[no-untyped-def]
        self.process = process
        self.centre = centre
        self.flow_points = flow_points
        self.out: dict[str, list[tuple[str, str]]] = {}
        for flow in process.flows(FlowKind.SEQUENCE):
            self.out.setdefault(flow.source, []).append((flow.id, flow.target))
        self._cache: dict[tuple[str, str], list[QPointF]] = {}

    def _search(self, source: str, done) -> list[str] | None:  # type: ignore[no-untyped-def]
        """Flow ids from `source` to the first node `done(node)` accepts, not through tasks."""
        parent: dict[str, tuple[str, str] | None] = {source: None}
        queue = deque([source])
        while queue:
            here = queue.popleft()
            if here != source and done(here):
                flows = []
                while parent[here] is not None:
                    prev, flow_id = parent[here]  # type: ignore[misc]
                    flows.append(flow_id)
                    here = prev
                return flows[::-1]
            node = self.process.elements.get(here)
            if here != source and getattr(getattr(node, "kind", None), "is_activity", False):
                continue
            for flow_id, target in self.out.get(here, []):
                if target not in parent:
                    parent[target] = (here, flow_id)
                    queue.append(target)
        return None

    def _points(self, flows: list[str]) -> list[QPointF]:
        points: list[QPointF] = []
        for flow_id in flows:
            points += self.flow_points(flow_id)
        return points

    def path(self, a: str, b: str) -> list[QPointF]:
        key = (a, b)
        if key not in self._cache:
            flows = self._search(a, lambda n: n == b)
            self._cache[key] = self._points(flows) if flows else []
        return self._cache[key]

    def from_start(self, step: str) -> list[QPointF]:
        for node in self.process.nodes():
            if node.kind is NodeKind.START_EVENT and node.parent_id is None:
                points = self.path(node.id, step)
                if points:
                    return points
        return [self.centre(step)]

    def to_end(self, step: str) -> list[QPointF]:
        flows = self._search(
            step,
            lambda n: getattr(self.process.elements.get(n), "kind", None) is NodeKind.END_EVENT,
        )
        return self._points(flows) if flows else []
