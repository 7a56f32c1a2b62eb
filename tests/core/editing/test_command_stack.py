"""CommandStack semantics on a toy model (a dict), independent of the process model."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest

from bpo_desktop.core.editing import (
    ELEMENTS_CHANGED,
    STACK_CHANGED,
    ChangeKind,
    ChangeSet,
    CommandEvent,
    CommandHandler,
    CommandStack,
    EventBus,
    IllegalInvocationError,
    UnknownCommandError,
)


@dataclass
class SetCtx:
    key: str
    value: int
    label: str = "Set value"
    old: dict[str, int] = field(default_factory=dict)


@dataclass
class ComposeCtx:
    """pre_execute sets `before`, execute sets `key`, post_execute sets `after`."""

    key: str
    before: str | None = None
    after: str | None = None
    fail_in: str | None = None  # "pre", "execute" or "post": raise there, after the nested sets
    label: str = "Compose"
    old: dict[str, int] = field(default_factory=dict)


class BoomError(Exception):
    pass


class SetHandler(CommandHandler[SetCtx]):
    """Validates (no negative values) before it mutates; records the old value for revert."""

    def __init__(self, store: dict[str, int]) -> None:
        self.store = store

    def can_execute(self, ctx: SetCtx) -> bool:
        return ctx.value >= 0

    def execute(self, ctx: SetCtx) -> Iterable[str]:
        if ctx.value < 0:
            raise ValueError("negative")
        ctx.old = {ctx.key: self.store[ctx.key]} if ctx.key in self.store else {}
        self.store[ctx.key] = ctx.value
        return (ctx.key,)

    def revert(self, ctx: SetCtx) -> Iterable[str]:
        if ctx.old:
            self.store.update(ctx.old)
        else:
            del self.store[ctx.key]
        return (ctx.key,)


class ComposeHandler(CommandHandler[ComposeCtx]):
    def __init__(self, store: dict[str, int], stack: CommandStack) -> None:
        self.store = store
        self.stack = stack

    def pre_execute(self, ctx: ComposeCtx) -> None:
        if ctx.before:
            self.stack.execute("set", SetCtx(ctx.before, 1))
        if ctx.fail_in == "pre":
            raise BoomError("pre")

    def execute(self, ctx: ComposeCtx) -> Iterable[str]:
        if ctx.fail_in == "execute":
            raise BoomError("execute")
        ctx.old = {ctx.key: self.store[ctx.key]} if ctx.key in self.store else {}
        self.store[ctx.key] = 2
        return (ctx.key,)

    def revert(self, ctx: ComposeCtx) -> Iterable[str]:
        if ctx.old:
            self.store.update(ctx.old)
        else:
            del self.store[ctx.key]
        return (ctx.key,)

    def post_execute(self, ctx: ComposeCtx) -> None:
        if ctx.after:
            self.stack.execute("set", SetCtx(ctx.after, 3))
        if ctx.fail_in == "post":
            raise BoomError("post")


class NestInExecuteHandler(CommandHandler[SetCtx]):
    """Illegal: runs a command inside its atomic execute phase."""

    def __init__(self, stack: CommandStack) -> None:
        self.stack = stack

    def execute(self, ctx: SetCtx) -> Iterable[str]:
        self.stack.execute("set", ctx)
        return ()

    def revert(self, ctx: SetCtx) -> Iterable[str]:
        return ()


class NestInRevertHandler(SetHandler):
    """Illegal: runs a command inside its atomic revert phase."""

    def __init__(self, store: dict[str, int], stack: CommandStack) -> None:
        super().__init__(store)
        self.stack = stack

    def revert(self, ctx: SetCtx) -> Iterable[str]:
        self.stack.execute("set", SetCtx("x", 9))
        return ()


class Env:
    def __init__(self) -> None:
        self.bus = EventBus()
        self.stack = CommandStack(self.bus)
        self.store: dict[str, int] = {"a": 0}
        self.events: list[tuple[str, Any]] = []
        self.bus.on(ELEMENTS_CHANGED, lambda p: self.events.append((ELEMENTS_CHANGED, p)))
        self.bus.on(STACK_CHANGED, lambda p: self.events.append((STACK_CHANGED, p)))
        self.stack.register("set", SetHandler(self.store))
        self.stack.register("compose", ComposeHandler(self.store, self.stack))
        self.stack.register("nest_in_execute", NestInExecuteHandler(self.stack))
        self.stack.register("nest_in_revert", NestInRevertHandler(self.store, self.stack))

    def put(self, key: str, value: int) -> None:
        self.stack.execute("set", SetCtx(key, value, label=f"Set {key}"))

    def one_notification(self, ids: set[str], kind: ChangeKind) -> None:
        assert self.events == [
            (ELEMENTS_CHANGED, ChangeSet(frozenset(ids), kind)),
            (STACK_CHANGED, None),
        ]
        self.events.clear()


@pytest.fixture
def env() -> Env:
    return Env()


class TestExecuteUndoRedo:
    def test_execute_changes_and_notifies_once(self, env: Env) -> None:
        env.put("a", 5)
        assert env.store == {"a": 5}
        env.one_notification({"a"}, ChangeKind.EXECUTE)

    def test_undo_reverts_and_notifies_once(self, env: Env) -> None:
        env.put("b", 5)
        env.events.clear()
        env.stack.undo()
        assert env.store == {"a": 0}
        env.one_notification({"b"}, ChangeKind.UNDO)

    def test_redo_replays_and_notifies_once(self, env: Env) -> None:
        env.put("b", 5)
        env.stack.undo()
        env.events.clear()
        env.stack.redo()
        assert env.store == {"a": 0, "b": 5}
        env.one_notification({"b"}, ChangeKind.REDO)

    def test_undo_and_redo_without_history_do_nothing(self, env: Env) -> None:
        env.stack.undo()
        env.stack.redo()
        assert env.store == {"a": 0}
        assert env.events == []

    def test_executing_after_undo_drops_the_redo_tail(self, env: Env) -> None:
        env.put("a", 1)
        env.put("a", 2)
        env.stack.undo()
        assert env.stack.can_redo
        env.put("a", 3)
        assert not env.stack.can_redo
        env.stack.undo()
        assert env.store == {"a": 1}

    def test_unknown_command_is_refused(self, env: Env) -> None:
        with pytest.raises(UnknownCommandError, match="nope"):
            env.stack.execute("nope", SetCtx("a", 1))

    def test_registering_a_command_twice_is_refused(self, env: Env) -> None:
        with pytest.raises(ValueError, match="already registered"):
            env.stack.register("set", SetHandler(env.store))

    def test_can_execute_asks_the_handler(self, env: Env) -> None:
        assert env.stack.can_execute("set", SetCtx("a", 1))
        assert not env.stack.can_execute("set", SetCtx("a", -1))
        assert not env.stack.can_execute("nope", SetCtx("a", 1))
        assert env.store == {"a": 0}


class TestNesting:
    def test_pre_and_post_nested_commands_join_one_unit(self, env: Env) -> None:
        env.stack.execute("compose", ComposeCtx("k", before="b", after="c"))
        assert env.store == {"a": 0, "b": 1, "k": 2, "c": 3}
        env.one_notification({"b", "k", "c"}, ChangeKind.EXECUTE)
        env.stack.undo()
        assert env.store == {"a": 0}
        env.one_notification({"b", "k", "c"}, ChangeKind.UNDO)

    def test_redo_replays_nested_actions_without_running_pre_or_post(self, env: Env) -> None:
        ctx = ComposeCtx("k", before="b", after="c")
        env.stack.execute("compose", ctx)
        env.stack.undo()
        env.events.clear()
        ctx.before = ctx.after = "z"  # if pre/post ran again, "z" would appear
        env.stack.redo()
        assert env.store == {"a": 0, "b": 1, "k": 2, "c": 3}
        env.one_notification({"b", "k", "c"}, ChangeKind.REDO)

    def test_nested_execute_inside_execute_raises(self, env: Env) -> None:
        with pytest.raises(IllegalInvocationError, match="execute/revert phase"):
            env.stack.execute("nest_in_execute", SetCtx("a", 1))
        assert env.store == {"a": 0}
        assert env.events == []
        assert not env.stack.can_undo

    def test_nested_execute_inside_revert_raises_and_keeps_the_unit(self, env: Env) -> None:
        env.stack.execute("nest_in_revert", SetCtx("a", 7))
        env.events.clear()
        with pytest.raises(IllegalInvocationError):
            env.stack.undo()
        assert env.store == {"a": 7}
        assert env.events == []
        assert env.stack.can_undo and not env.stack.can_redo

    def test_listeners_see_pre_and_post_execute_events(self, env: Env) -> None:
        seen: list[tuple[str, str]] = []
        env.bus.on("set.pre_execute", lambda e: seen.append(("pre", e.context.key)))
        env.bus.on("set.post_execute", lambda e: seen.append(("post", e.context.key)))
        env.put("a", 1)
        assert seen == [("pre", "a"), ("post", "a")]

    def test_behaviour_commands_join_the_unit(self, env: Env) -> None:
        def mirror(event: CommandEvent) -> None:
            ctx = event.context_as(SetCtx)
            if ctx.key == "a":
                env.stack.execute("set", SetCtx("mirror", ctx.value))

        env.bus.on("set.post_execute", mirror)
        env.put("a", 4)
        assert env.store == {"a": 4, "mirror": 4}
        env.one_notification({"a", "mirror"}, ChangeKind.EXECUTE)
        env.stack.undo()
        assert env.store == {"a": 0}

    def test_context_as_rejects_the_wrong_context_type(self) -> None:
        event = CommandEvent("set", SetCtx("a", 1))
        with pytest.raises(TypeError, match="expected ComposeCtx"):
            event.context_as(ComposeCtx)


class TestRollback:
    @pytest.mark.parametrize("phase", ["pre", "execute", "post"])
    def test_failure_in_any_phase_rolls_back_the_whole_unit(self, env: Env, phase: str) -> None:
        env.put("a", 1)
        env.put("a", 2)
        env.stack.undo()  # keep a redo tail: a failed command must not drop it
        env.events.clear()
        with pytest.raises(BoomError, match=phase):
            env.stack.execute("compose", ComposeCtx("k", before="b", after="c", fail_in=phase))
        assert env.store == {"a": 1}
        assert env.events == []
        assert env.stack.undo_label == "Set a" and env.stack.redo_label == "Set a"

    def test_failing_listener_rolls_back_and_reraises(self, env: Env) -> None:
        def fail(_event: CommandEvent) -> None:
            raise BoomError("listener")

        env.bus.on("set.post_execute", fail)
        with pytest.raises(BoomError):
            env.put("a", 1)
        assert env.store == {"a": 0}
        assert env.events == []
        assert not env.stack.can_undo

    def test_a_caught_nested_failure_leaves_only_the_rest(self, env: Env) -> None:
        def try_and_fail(event: CommandEvent) -> None:
            if event.context_as(SetCtx).key == "a":
                with pytest.raises(BoomError):
                    env.stack.execute("compose", ComposeCtx("n", before="m", fail_in="post"))

        env.bus.on("set.pre_execute", try_and_fail)
        env.put("a", 1)
        assert env.store == {"a": 1}  # neither "m" nor "n" survived the nested failure
        env.one_notification({"a"}, ChangeKind.EXECUTE)

    def test_failed_redo_restores_the_model_and_keeps_the_redo_entry(self, env: Env) -> None:
        ctx = SetCtx("b", 5)
        env.put("a", 1)
        env.stack.execute("set", ctx)
        env.stack.undo()
        env.events.clear()
        ctx.value = -1  # the handler now refuses to execute it
        with pytest.raises(ValueError):
            env.stack.redo()
        assert env.store == {"a": 1}
        assert env.events == [] and env.stack.can_redo


class TestTransaction:
    def test_groups_several_executes_into_one_unit(self, env: Env) -> None:
        with env.stack.transaction("Set two"):
            env.put("a", 1)
            env.put("b", 2)
            assert env.events == []  # nothing is announced before the unit ends
        assert env.store == {"a": 1, "b": 2}
        env.one_notification({"a", "b"}, ChangeKind.EXECUTE)
        assert env.stack.undo_label == "Set two"
        env.stack.undo()
        assert env.store == {"a": 0}
        assert not env.stack.can_undo

    def test_exception_rolls_back_the_whole_transaction(self, env: Env) -> None:
        with pytest.raises(BoomError), env.stack.transaction("Set two"):
            env.put("a", 1)
            env.put("b", 2)
            raise BoomError("user code")
        assert env.store == {"a": 0}
        assert env.events == []
        assert not env.stack.can_undo

    def test_a_caught_failure_inside_keeps_the_other_edits(self, env: Env) -> None:
        with env.stack.transaction("Mixed"):
            env.put("a", 1)
            with pytest.raises(ValueError):
                env.put("b", -1)
            env.put("c", 3)
        assert env.store == {"a": 1, "c": 3}
        env.one_notification({"a", "c"}, ChangeKind.EXECUTE)

    def test_empty_transaction_leaves_no_trace(self, env: Env) -> None:
        with env.stack.transaction("Nothing"):
            pass
        assert env.events == [] and not env.stack.can_undo and env.stack.is_clean

    def test_nested_transaction_joins_the_outer_one(self, env: Env) -> None:
        with env.stack.transaction("Outer"):
            env.put("a", 1)
            with env.stack.transaction("Inner"):
                env.put("b", 2)
        env.one_notification({"a", "b"}, ChangeKind.EXECUTE)
        assert env.stack.undo_label == "Outer"

    def test_undo_inside_a_transaction_is_refused(self, env: Env) -> None:
        with pytest.raises(IllegalInvocationError), env.stack.transaction("T"):
            env.put("a", 1)
            env.stack.undo()
        assert env.store == {"a": 0}


class TestLabels:
    def test_labels_come_from_the_top_level_context(self, env: Env) -> None:
        assert env.stack.undo_label is None and env.stack.redo_label is None
        env.put("a", 1)
        env.stack.execute("compose", ComposeCtx("k", before="b"))
        assert env.stack.undo_label == "Compose"
        env.stack.undo()
        assert env.stack.undo_label == "Set a"
        assert env.stack.redo_label == "Compose"

    def test_command_name_is_the_fallback_label(self, env: Env) -> None:
        env.stack.execute("set", SetCtx("a", 1, label=""))
        assert env.stack.undo_label == "set"


class TestCleanState:
    def test_new_stack_is_clean_and_an_edit_makes_it_dirty(self, env: Env) -> None:
        assert env.stack.is_clean
        env.put("a", 1)
        assert not env.stack.is_clean
        env.stack.undo()
        assert env.stack.is_clean

    def test_mark_clean_remembers_the_position(self, env: Env) -> None:
        env.put("a", 1)
        env.events.clear()
        env.stack.mark_clean()
        assert env.stack.is_clean
        assert env.events == [(STACK_CHANGED, None)]
        env.stack.undo()
        assert not env.stack.is_clean
        env.stack.redo()
        assert env.stack.is_clean

    def test_clean_position_dropped_from_the_redo_tail_is_never_clean_again(self, env: Env) -> None:
        env.put("a", 1)
        env.put("a", 2)
        env.stack.mark_clean()
        env.stack.undo()
        env.put("a", 3)  # same depth as the saved state, different content
        assert not env.stack.is_clean
        env.stack.undo()
        assert not env.stack.is_clean

    def test_clear_forgets_history_and_is_clean(self, env: Env) -> None:
        env.put("a", 1)
        env.put("a", 2)
        env.stack.undo()
        env.stack.clear()
        assert env.stack.is_clean
        assert not env.stack.can_undo and not env.stack.can_redo
        assert env.store == {"a": 1}
