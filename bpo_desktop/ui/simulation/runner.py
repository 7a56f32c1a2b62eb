"""Starts simulation jobs for the shown process, shows their progress and Cancel in the status
bar, and stores each finished run as a `sim_run` record (one undo step, saved with the file).

A job is the as-is process alone (Run) or the as-is process and each of its scenarios with the
same seed (Compare: common random numbers, so differences are the scenario's, not the dice's).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton

from bpo_desktop.core.model import Process, ScenarioError, effective_process
from bpo_desktop.core.simulation import validate
from bpo_desktop.core.simulation.codec import CodecError
from bpo_desktop.core.simulation.store import SimSetup, effective_setup, run_record
from bpo_desktop.core.simulation.validate import errors
from bpo_desktop.ui.background import shared_pool
from bpo_desktop.ui.simulation.worker import Finished, SimulationJob, Task

if TYPE_CHECKING:
    from bpo_desktop.ui.main_window import MainWindow

RECORD_LABEL = "Record simulation run"


class SimulationRunner(QObject):
    """`started()`, `finished(list[Finished])`, `failed(str)`, `cancelled()`; one job at a time."""

    started = Signal()
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.job: SimulationJob | None = None
        # The pool is shared and outlives the window: a pool of our own would wait for a
        # running job in its destructor with the GIL held, which the job needs to stop.
        self.destroyed.connect(lambda *_args, jobs=self._live_jobs: [j.cancel() for j in jobs()])
        self._document: object = None
        self._retired: list[SimulationJob] = []
        self.progress = QProgressBar()
        self.progress.setObjectName("simulation.progress")
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(220)
        self.progress.setFormat("Simulating %p %")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("simulation.cancel")
        self.cancel_button.setToolTip("Stop the running simulation")
        self.cancel_button.clicked.connect(self.cancel)
        self.message = QLabel()
        bar = window.statusBar()
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self._show_busy(False)

    # -- state ---------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.job is not None

    def _show_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.progress.setValue(0)

    # -- starting ------------------------------------------------------------------------
    def tasks_for(self, process: Process, *, compare: bool) -> list[Task]:
        """As-is, plus each scenario when comparing. Raises ValueError with the reason
        (validation errors naming the elements, a scenario that no longer applies)."""
        workspace = self._window.workspace
        assert workspace is not None
        snapshot = process.copy()
        scenarios = list(snapshot.scenarios.values()) if compare else []
        tasks = []
        base: SimSetup | None = None
        for scenario in [None, *scenarios]:
            name = scenario.name if scenario is not None else None
            try:
                target = effective_process(snapshot, name)
                setup = effective_setup(workspace, snapshot, name)
            except (ScenarioError, CodecError) as exc:
                raise ValueError(str(exc)) from None
            if base is not None:  # the same amount of work and seed for every column
                setup = SimSetup(setup.params, base.cases, base.replications, base.seed)
            base = base or setup
            problems = errors(validate(target, setup.params))
            if problems:
                where = f"Scenario “{name}”: " if name else ""
                shown = "\n".join(f"• {p.message}" for p in problems[:8])
                raise ValueError(f"{where}the model cannot be simulated yet:\n{shown}")
            label = name or "As-is"
            tasks.append(Task(label, scenario.id if scenario else None, target, setup))
        return tasks

    def start(self, *, compare: bool = False) -> bool:
        """Start a run of the shown process; False (and `failed`) when it cannot start."""
        process = self._window.current_process()
        if self.busy or process is None or self._window.workspace is None:
            return False
        try:
            tasks = self.tasks_for(process, compare=compare)
        except ValueError as exc:
            self.failed.emit(str(exc))
            return False
        job = SimulationJob(tasks)
        job.signals.progress.connect(lambda f: self.progress.setValue(int(f * 1000)))
        job.signals.finished.connect(self._on_finished)
        job.signals.failed.connect(self._on_failed)
        job.signals.cancelled.connect(self._on_cancelled)
        self.job = job
        self._document = self._window.document  # results belong to this document only
        self._show_busy(True)
        self.started.emit()
        shared_pool().start(job)
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Cancel and wait for the worker; sleeping releases the GIL the worker needs."""
        self.cancel()
        deadline = time.monotonic() + timeout_ms / 1000
        while any(not j.done.is_set() for j in self._live_jobs()) and time.monotonic() < deadline:
            time.sleep(0.005)

    def _live_jobs(self) -> list[SimulationJob]:
        return [j for j in (self.job, *self._retired) if j is not None]

    # -- results -------------------------------------------------------------------------
    def _done(self) -> None:
        # The worker may still be returning from run(): keep the job alive until it has.
        self._retired = [j for j in self._retired if not j.done.is_set()]
        if self.job is not None:
            self._retired.append(self.job)
        self.job = None
        self._show_busy(False)

    def _on_finished(self, results: list[Finished]) -> None:
        self._done()
        self.store(results)
        self.finished.emit(results)

    def _on_failed(self, message: str) -> None:
        self._done()
        self.failed.emit(message)

    def _on_cancelled(self) -> None:
        self._done()
        self.cancelled.emit()

    def store(self, results: list[Finished]) -> None:
        """Each finished run becomes a sim_run record, all in one undo step."""
        document = self._window.document
        if document is None or document is not self._document or not results:
            return
        workspace = document.workspace
        process_id = results[0].task.process.id  # a scenario's process keeps its base's id
        if process_id not in workspace.processes:
            return  # deleted while it ran: nothing to attach the run to
        batch = workspace.new_id("Batch") if len(results) > 1 else None
        records = [
            run_record(
                workspace, process_id, r.task.scenario_id, r.task.setup, r.outcome, batch=batch
            )
            for r in results
        ]
        with document.stack.transaction(RECORD_LABEL):
            for record in records:
                document.modeling.put_record(record, RECORD_LABEL)
