"""Run pure analysis functions off the GUI thread and deliver only the newest result.

Analysis is a pure function of a model snapshot, so a panel takes a snapshot on the GUI thread,
hands the computation to a worker and applies the result when it arrives. A newer request makes
older results stale: they are dropped, so fast typing never shows figures of an old model.
Each runner owns its thread pool (one thread: requests of one panel run in order) and waits for
it when destroyed, so no worker outlives the objects it reports to.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from a worker arrive there queued."""

    done = Signal(int, object)
    failed = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, generation: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._generation, self._work, self._relay = generation, work, relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # shown to the user by the panel, never a crash
            detail = f"{type(exc).__name__}: {exc}"
            _log.exception("background computation failed")
            self._emit(self._relay.failed, detail)
        else:
            self._emit(self._relay.done, result)

    def _emit(self, signal: Any, payload: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the panel was deleted while we worked
            signal.emit(self._generation, payload)


class BackgroundRunner(QObject):
    """`submit(work, on_done, on_error)`: `work()` runs on a worker thread, `on_done(result)` or
    `on_error(message)` on the GUI thread, only for the latest submission."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
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
        self._generation += 1
        self._callbacks = (on_done, on_error)
        self._pool.start(_Job(self._generation, work, self._relay))

    def cancel(self) -> None:
        """Forget the pending request: its result will be dropped."""
        self._generation += 1
        self._callbacks = None

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (shutdown); results still arrive through the loop."""
        return self._pool.waitForDone(msecs)

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
