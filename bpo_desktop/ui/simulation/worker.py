"""Simulation runs on a worker thread: a QRunnable with its own signals and a cancel flag.

The engine is a pure function of (process snapshot, parameters, seed), so the worker gets
copies and shares nothing with the GUI. It reports progress through `simulate(progress=…)`
(throttled to a few updates a second) and checks the cancel flag every few thousand events,
so Cancel takes effect within milliseconds. Results come back as signals, queued onto the GUI
thread by Qt.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, Signal

from bpo_desktop.core.model import Process
from bpo_desktop.core.simulation import SimulationCancelledError, SimulationError
from bpo_desktop.core.simulation.store import Outcome, SimSetup, execute

PROGRESS_EVERY_S = 0.1


@dataclass(frozen=True)
class Task:
    """One simulation of a job: a label (“As-is”, a scenario name), its process and setup."""

    label: str
    scenario_id: str | None
    process: Process
    setup: SimSetup


@dataclass(frozen=True)
class Finished:
    task: Task
    outcome: Outcome


class JobSignals(QObject):
    progress = Signal(float)  # 0..1 over the whole job
    finished = Signal(object)  # list[Finished], in task order
    failed = Signal(str)
    cancelled = Signal()


class SimulationJob(QRunnable):
    """Runs its tasks one after the other; emits `finished` with every outcome, or `failed`
    (the engine's message, which names the elements) or `cancelled`."""

    def __init__(self, tasks: list[Task]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the controller keeps it until its signals are handled
        self.tasks = tasks
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self._last_report = 0.0
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            outcomes = []
            total = len(self.tasks)
            for i, task in enumerate(self.tasks):

                def progress(fraction: float, done: int = i) -> None:
                    self._report((done + fraction) / total)

                outcome = execute(
                    task.process, task.setup, progress=progress, cancel=self._cancel.is_set
                )
                outcomes.append(Finished(task, outcome))
                if self._cancel.is_set():
                    raise SimulationCancelledError("cancelled")
            self.signals.finished.emit(outcomes)
        except SimulationCancelledError:
            self.signals.cancelled.emit()
        except SimulationError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:
            self.signals.failed.emit(f"internal error: {type(exc).__name__}: {exc}")
        finally:
            self.done.set()

    def _report(self, fraction: float) -> None:
        now = time.monotonic()
        if now - self._last_report >= PROGRESS_EVERY_S:
            self._last_report = now
            self.signals.progress.emit(min(1.0, max(0.0, fraction)))
