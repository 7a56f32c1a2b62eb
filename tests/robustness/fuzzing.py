"""Shared pieces of the hostile-input fuzz tests: a hard time bound per input, the number of
inputs per target (500 in CI; `BPO_FUZZ_EXAMPLES=20000` or `-m slow` for the long run), and
a tally of inputs tried per target printed at the end of the session (`-s` shows it)."""

from __future__ import annotations

import os
import signal
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import HealthCheck, settings

CI_EXAMPLES = 500
LONG_EXAMPLES = 20_000
SECONDS_PER_INPUT = 10.0  # generous for a loaded CI machine; a hang is minutes, not seconds

TRIED: Counter[str] = Counter()


class InputTookTooLongError(AssertionError):
    """The target spent more than SECONDS_PER_INPUT on one input: a hang is a defect."""


@contextmanager
def time_bound(seconds: float = SECONDS_PER_INPUT) -> Iterator[None]:
    """Abort the block (SIGALRM) once it runs longer than `seconds` (POSIX, main thread)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise InputTookTooLongError(f"one input took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def examples(long: bool = False) -> int:
    if long:
        return int(os.environ.get("BPO_FUZZ_EXAMPLES", LONG_EXAMPLES))
    return int(os.environ.get("BPO_FUZZ_EXAMPLES", CI_EXAMPLES))


def fuzz_settings(long: bool = False) -> settings:
    return settings(
        max_examples=examples(long),
        deadline=None,  # the hard bound is time_bound(); hypothesis' deadline only reports
        suppress_health_check=list(HealthCheck),
        derandomize=not long,  # CI: the same inputs every run; the long run explores
        database=None,
    )
