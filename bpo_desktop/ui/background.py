"""Run pure analysis functions off the GUI thread and deliver only the newest result.

Analysis is a pure function of a model snapshot, so a panel takes a snapshot on the GUI thread,
hands the computation to a worker and applies the result when it arrives. A newer request makes
older results stale: they are dropped, so fast typing never shows figures of an old model.

Lifetimes are the hard part with Python workers: a QThreadPool owned by a panel waits for its
jobs when the panel is deleted, on the GUI thread, with the GIL held, while the job needs the
GIL to finish: a deadlock. So every runner shares one module-level pool that lives until
interpreter exit (drained then with the GIL released), results travel through one long-lived
relay on the GUI thread, and a runner that is gone simply gets nothing.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from a worker arrive there queued."""

    done = Signal(int, int, object)  # runner key, generation, result
    failed = Signal(int, int, str)


_pool: QThreadPool | None = None
_relay: _Relay | None = None
_runners: dict[int, BackgroundRunner] = {}
_keys = itertools.count(1)


def shared_pool() -> QThreadPool:
    """The one pool for Python work off the GUI thread (analysis, simulation runs)."""
    return _shared()[0]


def _shared() -> tuple[QThreadPool, _Relay]:
    global _pool, _relay
    if _pool is None or _relay is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
        _relay = _Relay()
        _relay.done.connect(_deliver_done)
        _relay.failed.connect(_deliver_failure)
        atexit.register(drain)
    return _pool, _relay


def drain(timeout_s: float = 30.0) -> bool:
    """Wait until no job runs; sleeping releases the GIL so running jobs can finish."""
    if _pool is None:
        return True
    deadline = time.monotonic() + timeout_s
    while _pool.activeThreadCount() and time.monotonic() < deadline:
        time.sleep(0.005)
    return not _pool.activeThreadCount()


def _deliver_done(key: int, generation: int, result: Any) -> None:
    runner = _runners.get(key)
    if runner is not None:
        with contextlib.suppress(RuntimeError):  # its C++ side was deleted just now
            runner._on_done(generation, result)


def _deliver_failure(key: int, generation: int, message: str) -> None:
    runner = _runners.get(key)
    if runner is not None:
        with contextlib.suppress(RuntimeError):
            runner._on_failed(generation, message)


class _Job(QRunnable):
    def __init__(self, key: int, generation: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._key, self._generation, self._work, self._relay = key, generation, work, relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # shown to the user by the panel, never a crash
            _log.exception("background computation failed")
            self._relay.failed.emit(self._key, self._generation, f"{type(exc).__name__}: {exc}")
        else:
            self._relay.done.emit(self._key, self._generation, result)


class BackgroundRunner(QObject):
    """`submit(work, on_done, on_error)`: `work()` runs on a worker thread, `on_done(result)` or
    `on_error(message)` on the GUI thread, only for the latest submission."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._key = next(_keys)
        _runners[self._key] = self
        self.destroyed.connect(lambda *_args, key=self._key: _runners.pop(key, None))
        self._generation = 0
        self._callbacks: tuple[Callable[[Any], None], Callable[[str], None]] | None = None

    @property
    def busy(self) -> bool:
        return self._callbacks is not None

    def submit(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None],
    ) -> None:
        pool, relay = _shared()
        self._generation += 1
        self._callbacks = (on_done, on_error)
        pool.start(_Job(self._key, self._generation, work, relay))

    def cancel(self) -> None:
        """Forget the pending request: its result will be dropped."""
        self._generation += 1
        self._callbacks = None

    def _on_done(self, generation: int, result: Any) -> None:
        if generation == self._generation and self._callbacks is not None:
            on_done, _ = self._callbacks
            self._callbacks = None
            on_done(result)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation and self._callbacks is not None:
            _, on_error = self._callbacks
            self._callbacks = None
            on_error(message)
