"""Fixtures for the editing tests: the sample workspace under an editor, and an event recorder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pytest

from bpo_desktop.core.editing import (
    ELEMENTS_CHANGED,
    STACK_CHANGED,
    ChangeKind,
    ChangeSet,
    Editor,
    Modeling,
    create_editor,
)
from bpo_desktop.core.model import Process, Workspace
from bpo_desktop.core.samples import CONTRACTS, ONBOARDING, sample_workspace

T = TypeVar("T")


class Recorder:
    """Every `elements.changed` and `command_stack.changed`, in firing order."""

    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []

    def attach(self, editor: Editor) -> None:
        editor.bus.on(ELEMENTS_CHANGED, lambda p: self.events.append((ELEMENTS_CHANGED, p)))
        editor.bus.on(STACK_CHANGED, lambda p: self.events.append((STACK_CHANGED, p)))

    @property
    def changes(self) -> list[ChangeSet]:
        return [payload for name, payload in self.events if name == ELEMENTS_CHANGED]

    def single_change(self, kind: ChangeKind) -> ChangeSet:
        """Assert one unit's notification: one elements.changed, then one command_stack.changed."""
        assert [name for name, _ in self.events] == [ELEMENTS_CHANGED, STACK_CHANGED]
        change = self.events[0][1]
        assert isinstance(change, ChangeSet)
        assert change.kind is kind
        return change


class Triad:
    """Execute / undo / redo of one edit, asserting deep equality and one notification each."""

    def __init__(self, editor: Editor, recorder: Recorder) -> None:
        self._editor = editor
        self._recorder = recorder
        self.before: Workspace | None = None
        self.after: Workspace | None = None

    def execute(self, action: Callable[[], T]) -> tuple[T, ChangeSet]:
        self.before = self._editor.workspace.copy()
        self._recorder.events.clear()
        result = action()
        self.after = self._editor.workspace.copy()
        assert self.after != self.before, "the edit changed nothing"
        return result, self._recorder.single_change(ChangeKind.EXECUTE)

    def undo(self) -> ChangeSet:
        self._recorder.events.clear()
        self._editor.stack.undo()
        assert self._editor.workspace == self.before
        return self._recorder.single_change(ChangeKind.UNDO)

    def redo(self) -> ChangeSet:
        self._recorder.events.clear()
        self._editor.stack.redo()
        assert self._editor.workspace == self.after
        return self._recorder.single_change(ChangeKind.REDO)


@pytest.fixture
def workspace() -> Workspace:
    return sample_workspace()


@pytest.fixture
def editor(workspace: Workspace) -> Editor:
    return create_editor(workspace)


@pytest.fixture
def modeling(editor: Editor) -> Modeling:
    return editor.modeling


@pytest.fixture
def recorder(editor: Editor) -> Recorder:
    recorder = Recorder()
    recorder.attach(editor)
    return recorder


@pytest.fixture
def triad(editor: Editor, recorder: Recorder) -> Triad:
    return Triad(editor, recorder)


@pytest.fixture
def onb(workspace: Workspace) -> Process:
    """FX-ONB: Sales, Customer Service, Finance, Marketing; S1..S5; P1 and I1 on S2."""
    return workspace.process_by_name(ONBOARDING)


@pytest.fixture
def con(workspace: Workspace) -> Process:
    """FX-CON: the planning sheet process, with a data object."""
    return workspace.process_by_name(CONTRACTS)


Refused = Callable[[Callable[[], object], str], None]


@pytest.fixture
def refused(editor: Editor, recorder: Recorder) -> Refused:
    """Assert an edit raises ValueError matching `match` and leaves no trace at all."""

    def check(action: Callable[[], object], match: str) -> None:
        before = editor.workspace.copy()
        history = (editor.stack.undo_label, editor.stack.redo_label, editor.stack.is_clean)
        recorder.events.clear()
        with pytest.raises(ValueError, match=match):
            action()
        assert editor.workspace == before
        assert recorder.events == []
        assert (editor.stack.undo_label, editor.stack.redo_label, editor.stack.is_clean) == history

    return check
