"""EventBus and CommandStack: every model edit runs through here (ARCHITECTURE §1.2, §7.3 rule 6).

A *unit* is what one undo reverts: a top-level `execute` with everything its pre/post phases and
behaviours execute, or everything inside one `transaction()`. Each unit is all-or-nothing and
sends exactly one `elements.changed` (a `ChangeSet`) followed by one `command_stack.changed`.
"""

from __future__ import annotations

import itertools
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

ContextT = TypeVar("ContextT")
T = TypeVar("T")
Listener = Callable[[Any], None]

ELEMENTS_CHANGED = "elements.changed"
STACK_CHANGED = "command_stack.changed"


class EventBus:
    """Named events with synchronous listeners, called in subscription order.

    A listener's exception propagates out of `fire`; in a command phase it rolls the unit back.
    """

    def __init__(self) -> None:
        self._listeners: dict[str, list[Listener]] = {}

    def on(self, event: str, callback: Listener) -> None:
        self._listeners.setdefault(event, []).append(callback)

    def off(self, event: str, callback: Listener) -> None:
        listeners = self._listeners.get(event, [])
        if callback in listeners:
            listeners.remove(callback)

    def fire(self, event: str, payload: Any = None) -> None:
        # Iterate over a copy: a listener may unsubscribe itself while being called.
        for callback in list(self._listeners.get(event, ())):
            callback(payload)


class ChangeKind(StrEnum):
    EXECUTE = "execute"
    UNDO = "undo"
    REDO = "redo"


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """The payload of `elements.changed`: every id one unit touched, and how it got there."""

    ids: frozenset[str]
    kind: ChangeKind


@dataclass(frozen=True, slots=True)
class CommandEvent:
    """The payload of `<command>.pre_execute` / `<command>.post_execute`."""

    command: str
    context: Any

    def context_as(self, kind: type[T]) -> T:
        if not isinstance(self.context, kind):
            raise TypeError(f"{self.command}: expected {kind.__name__}, got {self.context!r}")
        return self.context


class IllegalInvocationError(RuntimeError):
    """A command was executed inside an atomic execute/revert phase, or the stack was busy."""


class UnknownCommandError(LookupError):
    """No handler is registered under this command name."""


class CommandHandler(ABC, Generic[ContextT]):
    """One command's four phases, as in diagram-js.

    `pre_execute` / `post_execute` may execute nested commands (they join the unit).
    `execute` / `revert` are atomic exact inverses: `execute` validates before it mutates, records
    in the context what `revert` needs, and both return the ids they touched.
    """

    def can_execute(self, ctx: ContextT) -> bool:
        return True

    def pre_execute(self, ctx: ContextT) -> None:
        """Run nested commands that must happen before this one."""

    @abstractmethod
    def execute(self, ctx: ContextT) -> Iterable[str]: ...

    @abstractmethod
    def revert(self, ctx: ContextT) -> Iterable[str]: ...

    def post_execute(self, ctx: ContextT) -> None:
        """Run nested commands that must happen after this one."""


@dataclass(slots=True)
class _Action:
    command: str
    handler: CommandHandler[Any]
    context: Any


@dataclass(slots=True)
class _Unit:
    serial: int  # unique for the stack's lifetime: the clean marker compares these
    label: str
    actions: list[_Action] = field(default_factory=list)


class CommandStack:
    """Executes commands through registered handlers and keeps the undo/redo history."""

    def __init__(self, bus: EventBus) -> None:
        self._bus = bus
        self._handlers: dict[str, CommandHandler[Any]] = {}
        self._done: list[_Unit] = []
        self._undone: list[_Unit] = []
        self._open: _Unit | None = None
        self._atomic = False
        self._dirty: set[str] = set()
        self._serials = itertools.count(1)
        self._clean_serial = 0

    # -- registration ---------------------------------------------------------------------
    def register(self, command: str, handler: CommandHandler[Any]) -> None:
        if command in self._handlers:
            raise ValueError(f"a handler for {command!r} is already registered")
        self._handlers[command] = handler

    @property
    def commands(self) -> frozenset[str]:
        return frozenset(self._handlers)

    # -- executing ------------------------------------------------------------------------
    def can_execute(self, command: str, ctx: Any) -> bool:
        handler = self._handlers.get(command)
        return handler is not None and handler.can_execute(ctx)

    def execute(self, command: str, ctx: Any) -> None:
        """Run all phases; on any exception the whole unit is rolled back and re-raised."""
        handler = self._handler(command)
        if self._atomic:
            raise IllegalInvocationError(f"{command!r} executed inside an execute/revert phase")
        if self._open is not None:
            with self._all_or_nothing():
                self._run_phases(command, handler, ctx)
            return
        with self._unit_scope(_label_of(ctx, command)), self._all_or_nothing():
            self._run_phases(command, handler, ctx)

    @contextmanager
    def transaction(self, label: str) -> Iterator[None]:
        """Group several top-level executes into one undo unit with one notification.

        Inside another unit the transaction simply joins it (its label is then unused).
        """
        self._forbid_atomic("open a transaction")
        if self._open is not None:
            with self._all_or_nothing():
                yield
            return
        with self._unit_scope(label), self._all_or_nothing():
            yield

    # -- undo / redo ----------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def undo(self) -> None:
        """Revert the last unit, newest action first. Does nothing when there is none."""
        self._forbid_busy("undo")
        if not self._done:
            return
        unit = self._done[-1]
        touched = self._revert_all(unit.actions, restore_on_error=True)
        self._undone.append(self._done.pop())
        self._notify(ChangeKind.UNDO, touched)

    def redo(self) -> None:
        """Replay the last undone unit without pre/post: nested actions are already recorded."""
        self._forbid_busy("redo")
        if not self._undone:
            return
        unit = self._undone[-1]
        touched = self._reapply_all(unit.actions)
        self._done.append(self._undone.pop())
        self._notify(ChangeKind.REDO, touched)

    # -- clean state ----------------------------------------------------------------------
    @property
    def is_clean(self) -> bool:
        """True when the model is as it was at the last `mark_clean` (e.g. the last save)."""
        return self._top_serial() == self._clean_serial

    def mark_clean(self) -> None:
        self._forbid_busy("mark the stack clean")
        self._clean_serial = self._top_serial()
        self._bus.fire(STACK_CHANGED)

    def clear(self) -> None:
        """Forget all history and treat the current model as clean (as `QUndoStack.clear`)."""
        self._forbid_busy("clear the stack")
        self._done.clear()
        self._undone.clear()
        self._clean_serial = 0
        self._bus.fire(STACK_CHANGED)

    # -- internals ------------------------------------------------------------------------
    def _handler(self, command: str) -> CommandHandler[Any]:
        try:
            return self._handlers[command]
        except KeyError:
            raise UnknownCommandError(f"no handler registered for {command!r}") from None

    def _run_phases(self, command: str, handler: CommandHandler[Any], ctx: Any) -> None:
        event = CommandEvent(command, ctx)
        self._bus.fire(f"{command}.pre_execute", event)
        handler.pre_execute(ctx)
        action = _Action(command, handler, ctx)
        self._dirty |= self._apply(action)
        self._current_unit().actions.append(action)
        self._bus.fire(f"{command}.post_execute", event)
        handler.post_execute(ctx)

    @contextmanager
    def _unit_scope(self, label: str) -> Iterator[None]:
        unit = _Unit(next(self._serials), label)
        self._open, self._dirty = unit, set()
        try:
            yield
        finally:
            self._open = None
        if unit.actions:  # an empty transaction leaves no trace and sends nothing
            self._done.append(unit)
            self._undone.clear()
            self._notify(ChangeKind.EXECUTE, self._dirty)

    @contextmanager
    def _all_or_nothing(self) -> Iterator[None]:
        """Undo whatever ran inside the block if it raises, so a caught failure leaves no trace."""
        unit = self._current_unit()
        mark, dirty = len(unit.actions), set(self._dirty)
        try:
            yield
        except BaseException:
            self._revert_all(unit.actions[mark:], restore_on_error=False)
            del unit.actions[mark:]
            self._dirty = dirty
            raise

    def _apply(self, action: _Action) -> set[str]:
        with self._atomic_phase():
            return set(action.handler.execute(action.context))

    def _revert(self, action: _Action) -> set[str]:
        with self._atomic_phase():
            return set(action.handler.revert(action.context))

    def _revert_all(self, actions: list[_Action], *, restore_on_error: bool) -> set[str]:
        touched: set[str] = set()
        reverted: list[_Action] = []
        try:
            for action in reversed(actions):
                touched |= self._revert(action)
                reverted.append(action)
        except BaseException:
            if restore_on_error:  # put the model back to where the failed undo started
                for action in reversed(reverted):
                    self._apply(action)
            raise
        return touched

    def _reapply_all(self, actions: list[_Action]) -> set[str]:
        touched: set[str] = set()
        applied: list[_Action] = []
        try:
            for action in actions:
                touched |= self._apply(action)
                applied.append(action)
        except BaseException:
            self._revert_all(applied, restore_on_error=False)
            raise
        return touched

    @contextmanager
    def _atomic_phase(self) -> Iterator[None]:
        self._atomic = True
        try:
            yield
        finally:
            self._atomic = False

    def _current_unit(self) -> _Unit:
        if self._open is None:
            raise IllegalInvocationError("no command is executing")
        return self._open

    def _notify(self, kind: ChangeKind, ids: Iterable[str]) -> None:
        self._bus.fire(ELEMENTS_CHANGED, ChangeSet(frozenset(ids), kind))
        self._bus.fire(STACK_CHANGED)

    def _top_serial(self) -> int:
        return self._done[-1].serial if self._done else 0

    def _forbid_atomic(self, what: str) -> None:
        if self._atomic:
            raise IllegalInvocationError(f"cannot {what} inside an execute/revert phase")

    def _forbid_busy(self, what: str) -> None:
        self._forbid_atomic(what)
        if self._open is not None:
            raise IllegalInvocationError(f"cannot {what} while a command is executing")


def _label_of(ctx: Any, command: str) -> str:
    """The undo text: the context's `label` when it has one, else the command name."""
    label = getattr(ctx, "label", None)
    return label if isinstance(label, str) and label else command
