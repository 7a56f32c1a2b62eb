"""Analysis benchmark: analyze + validate (lint) of a generated 5,000-element process.

Run: `uv run python benchmarks/analysis.py [--elements N] [--repeat R]`. Prints one line per
measurement and one JSON line last (median milliseconds). Goal: total <= 500 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from bpo_desktop.core.analysis import AnalysisOptions, analyze, lint
from bpo_desktop.core.samples.generated import generated_workspace


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--elements", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    workspace = generated_workspace(args.elements)
    process = next(iter(workspace.processes.values()))
    options = AnalysisOptions(demand_per_day=12)
    analyze_ms, validate_ms, total_ms = [], [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        metrics = analyze(process, workspace.systems, options)
        analyze_ms.append(_ms(start))
        middle = time.perf_counter()
        report = lint(process, workspace.systems)
        validate_ms.append(_ms(middle))
        total_ms.append(_ms(start))
        assert metrics.lead_time_min > 0 and len(metrics.steps) > 0
        assert report.errors == 0, [f.message for f in report.findings[:5]]
    print(f"analyze ms:  {[round(v, 1) for v in analyze_ms]}")
    print(f"validate ms: {[round(v, 1) for v in validate_ms]}")
    print(f"lead time {metrics.lead_time_h:.1f} h, {len(metrics.steps)} steps, "
          f"{len(metrics.paths.variants)} path variant(s) listed, "
          f"{metrics.paths.truncated:.0%} truncated; {len(report.findings)} findings; "
          f"state space: {report.state_space}")  # fmt: skip
    figures = {
        "elements": len(process.elements),
        "analyze_ms": round(statistics.median(analyze_ms), 1),
        "validate_ms": round(statistics.median(validate_ms), 1),
        "total_ms": round(statistics.median(total_ms), 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
