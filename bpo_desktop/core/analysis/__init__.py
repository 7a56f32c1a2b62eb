"""Process analysis: lint, soundness and metrics as pure functions of a process snapshot.

- `lint(process, systems, base=None)` → `LintReport` of `Finding`s (bpmnlint-style structure,
  reachability, probabilities, loops, gateway soundness, goal/constraint/strength/weakness rules).
- `analyze(process, systems, AnalysisOptions(...))` → `ProcessMetrics` (PRODUCT.md §3).
- `compare(before, after)` → `Comparison` (as-is vs to-be, N12).

Nothing here imports Qt or the database, and nothing writes back to the model (ARCHITECTURE
rule 13): pass the effective process of a scenario (`core.model.effective_process`).
"""

from bpo_desktop.core.analysis.compare import Comparison, GapList, MetricDelta, compare, gap_list
from bpo_desktop.core.analysis.findings import Finding, LintReport, Severity
from bpo_desktop.core.analysis.graph import ControlFlow
from bpo_desktop.core.analysis.lint import lint
from bpo_desktop.core.analysis.metrics import AnalysisOptions, analyze
from bpo_desktop.core.analysis.paths import PathLimits, PathReport, Variant
from bpo_desktop.core.analysis.results import (
    Capacity,
    CostBreakdown,
    Handoff,
    LaneLoad,
    LoopMetrics,
    ProcessMetrics,
    StepMetrics,
)

__all__ = [
    "AnalysisOptions",
    "Capacity",
    "Comparison",
    "ControlFlow",
    "CostBreakdown",
    "Finding",
    "GapList",
    "Handoff",
    "LaneLoad",
    "LintReport",
    "LoopMetrics",
    "MetricDelta",
    "PathLimits",
    "PathReport",
    "ProcessMetrics",
    "Severity",
    "StepMetrics",
    "Variant",
    "analyze",
    "compare",
    "gap_list",
    "lint",
]
