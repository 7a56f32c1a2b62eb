"""Small models for the simulation tests, built with ProcessBuilder (deterministic ids)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest

from bpo_desktop.core.model import NodeKind, Process, new_workspace
from bpo_desktop.core.samples import ProcessBuilder, counter_ids
from bpo_desktop.core.simulation import (
    ArrivalParams,
    Distribution,
    PoolParams,
    SimParams,
    TaskParams,
    exponential,
    make_params,
)


@dataclass
class Model:
    process: Process
    params: SimParams
    ids: dict[str, str]  # names used in the test -> element ids


class Models:
    """Builders (each returns a Model) and closed forms. Tests get this class as `models`."""

    @staticmethod
    def erlang_c_wait(c: int, lam: float, mu: float) -> float:
        """Mean time in system of an M/M/c queue: C(c, a) / (c mu - lam) + 1 / mu."""
        a = lam / mu
        assert a < c
        tail = a**c / math.factorial(c) * c / (c - a)
        prob_wait = tail / (sum(a**k / math.factorial(k) for k in range(c)) + tail)
        return prob_wait / (c * mu - lam) + 1 / mu

    @staticmethod
    def stations(
        stations: list[tuple[int | None, Distribution]], arrival: Distribution, tag: str = "st"
    ) -> Model:
        """Start -> S1 -> ... -> End, each station its own lane and pool (staff, duration)."""
        ws = new_workspace("t")
        b = ProcessBuilder(ws, f"stations {tag}", ids=counter_ids(tag))
        lanes = [b.lane(f"Pool {i + 1}") for i in range(len(stations))]
        previous = b.node(NodeKind.START_EVENT, "Start", lane=lanes[0], col=0)
        ids = {"start": previous}
        tasks: dict[str, TaskParams] = {}
        pools: dict[str, PoolParams] = {}
        for i, ((staff, duration), lane) in enumerate(zip(stations, lanes, strict=True)):
            task = b.task(f"S{i + 1}", lane=lane, col=i + 1)
            b.flow(previous, task)
            tasks[task] = TaskParams(duration, lane)
            pools[lane] = PoolParams(f"Pool {i + 1}", staff, 36.0)
            ids[f"S{i + 1}"] = task
            previous = task
        end = b.node(NodeKind.END_EVENT, "End", lane=lanes[-1], col=len(stations) + 1)
        b.flow(previous, end)
        return Model(b.build(), make_params(ArrivalParams(arrival), tasks, pools), ids)

    @staticmethod
    def split(
        kind: NodeKind,
        branches: list[tuple[float | None, Distribution]],
        arrival: Distribution | None = None,
        tag: str = "sp",
    ) -> Model:
        """Start -> split -> one task per branch -> join -> End, unlimited staff."""
        ws = new_workspace("t")
        b = ProcessBuilder(ws, f"split {tag}", ids=counter_ids(tag))
        lane = b.lane("Team")
        start = b.node(NodeKind.START_EVENT, "Start", lane=lane, col=0)
        split = b.node(kind, "Split", lane=lane, col=1)
        join = b.node(kind, "Join", lane=lane, col=3)
        end = b.node(NodeKind.END_EVENT, "End", lane=lane, col=4)
        b.flow(start, split)
        b.flow(join, end)
        ids = {"split": split, "join": join}
        tasks: dict[str, TaskParams] = {}
        for i, (probability, duration) in enumerate(branches):
            name = "AB"[i] if i < 2 else f"X{i}"
            task = b.task(name, lane=lane, col=2)
            ids[name] = task
            ids[f"flow_{name}"] = b.flow(split, task, probability=probability, name=name)
            b.flow(task, join)
            tasks[task] = TaskParams(duration, lane)
        pools = {lane: PoolParams("Team", None, 60.0)}
        gap = arrival or exponential(600.0)
        return Model(b.build(), make_params(ArrivalParams(gap), tasks, pools), ids)

    @staticmethod
    def loop(p_back: float, duration: Distribution, tag: str = "lp") -> Model:
        """Start -> merge -> Work -> Check? (back with p_back) -> End, unlimited staff."""
        ws = new_workspace("t")
        b = ProcessBuilder(ws, f"loop {tag}", ids=counter_ids(tag))
        lane = b.lane("Team")
        start = b.node(NodeKind.START_EVENT, "Start", lane=lane, col=0)
        merge = b.node(NodeKind.EXCLUSIVE_GATEWAY, "", lane=lane, col=1)
        work = b.task("Work", lane=lane, col=2)
        check = b.node(NodeKind.EXCLUSIVE_GATEWAY, "Check?", lane=lane, col=3)
        end = b.node(NodeKind.END_EVENT, "End", lane=lane, col=4)
        b.flow(start, merge)
        b.flow(merge, work)
        b.flow(work, check)
        done = b.flow(check, end, probability=1 - p_back, name="ok")
        back = b.flow(check, merge, probability=p_back, name="redo")
        tasks = {work: TaskParams(duration, lane)}
        pools = {lane: PoolParams("Team", None, 60.0)}
        params = make_params(ArrivalParams(exponential(600.0)), tasks, pools)
        ids = {"work": work, "check": check, "done": done, "back": back}
        return Model(b.build(), params, ids)


@pytest.fixture
def models() -> type[Models]:
    return Models
