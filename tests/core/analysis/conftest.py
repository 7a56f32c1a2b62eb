"""Fixtures for the analysis tests: the sample fixtures and a sketcher for small models."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from bpo_desktop.core.model import NodeKind, Process, Workspace, new_workspace
from bpo_desktop.core.samples import (
    CONTRACTS,
    ONBOARDING,
    ONBOARDING_REWORK,
    ProcessBuilder,
    sample_workspace,
)


class Sketch:
    """A small process built by step names: `s.chain("Start", "A", "End")` after adding them.

    Each added node gets the next column; nodes are found by their name (or `key`).
    """

    def __init__(self, name: str = "Sketch", workspace: Workspace | None = None) -> None:
        self.ws = workspace or new_workspace("test")
        self.builder = ProcessBuilder(self.ws, name)
        self.lanes: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        self.col = 0

    def lane(self, name: str, **attrs: Any) -> str:
        if name not in self.lanes:
            self.lanes[name] = self.builder.lane(name, **attrs)
        return self.lanes[name]

    def add(
        self, kind: NodeKind, name: str, *, lane: str = "Team", key: str | None = None, **attrs: Any
    ) -> str:
        node_id = self.builder.node(kind, name, lane=self.lane(lane), col=self.col, **attrs)
        self.col += 1
        self.ids[key or name] = node_id
        return node_id

    def start(self, name: str = "Start", **attrs: Any) -> str:
        return self.add(NodeKind.START_EVENT, name, **attrs)

    def end(self, name: str = "End", **attrs: Any) -> str:
        return self.add(NodeKind.END_EVENT, name, **attrs)

    def task(self, name: str, **attrs: Any) -> str:
        return self.add(NodeKind.TASK, name, **attrs)

    def xor(self, name: str, **attrs: Any) -> str:
        return self.add(NodeKind.EXCLUSIVE_GATEWAY, name, **attrs)

    def and_(self, name: str, **attrs: Any) -> str:
        return self.add(NodeKind.PARALLEL_GATEWAY, name, **attrs)

    def flow(self, source: str, target: str, **attrs: Any) -> str:
        return self.builder.flow(self.ids[source], self.ids[target], **attrs)

    def chain(self, *names: str) -> None:
        for source, target in itertools.pairwise(names):
            self.flow(source, target)

    def build(self) -> Process:
        return self.builder.build()


@pytest.fixture
def sketch() -> Callable[..., Sketch]:
    return Sketch


@pytest.fixture
def ws() -> Workspace:
    return sample_workspace()


@pytest.fixture
def onboarding(ws: Workspace) -> Process:
    return ws.process_by_name(ONBOARDING)


@pytest.fixture
def rework(ws: Workspace) -> Process:
    return ws.process_by_name(ONBOARDING_REWORK)


@pytest.fixture
def contracts(ws: Workspace) -> Process:
    return ws.process_by_name(CONTRACTS)


class Edit:
    """Copies of a process with one element changed (building, not editing: no command stack)."""

    @staticmethod
    def step(process: Process, step_name: str, /, **changes: Any) -> Process:
        copy = process.copy()
        node = copy.node_by_name(step_name)
        copy.elements[node.id] = replace(node, **changes)
        return copy

    @staticmethod
    def lane(process: Process, lane_name: str, /, **changes: Any) -> Process:
        copy = process.copy()
        lane = copy.lane_by_name(lane_name)
        copy.elements[lane.id] = replace(lane, **changes)
        return copy


@pytest.fixture
def edit() -> type[Edit]:
    return Edit
