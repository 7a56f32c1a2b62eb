"""BPMN interchange benchmark: MIWG B.2.0 import + export, and the whole corpus imported.

Run: `uv run python benchmarks/bpmn.py [--corpus DIR] [--repeat R]`. The corpus is found like
the tests find it (`BPO_BPMN_CORPUS`, default `<repo>/../shared/bpmn-corpus`). Prints one line
per measurement and one JSON line last. Goal: B.2.0 import + export ≤ 200 ms (median).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from bpo_desktop.core.interchange.bpmn import BpmnImportError, export_bpmn, import_bpmn
from bpo_desktop.core.model import new_workspace

REPO = Path(__file__).resolve().parents[1]
B20 = Path("miwg-reference") / "B.2.0.bpmn"


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = os.environ.get("BPO_BPMN_CORPUS") or str(REPO.parent / "shared" / "bpmn-corpus")
    parser.add_argument("--corpus", default=default)
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not (corpus / B20).is_file():
        raise SystemExit(f"{corpus / B20}: not found (use --corpus or BPO_BPMN_CORPUS)")

    data = (corpus / B20).read_bytes()
    workspace = new_workspace()
    imports, exports, totals = [], [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        process = import_bpmn(data, source=str(B20)).processes[0]
        middle = time.perf_counter()
        export_bpmn(process, workspace)
        imports.append((middle - start) * 1000)
        exports.append(_ms(middle))
        totals.append(_ms(start))

    files = sorted(corpus.rglob("*.bpmn"))
    imported = failed = 0
    start = time.perf_counter()
    for path in files:
        try:
            import_bpmn(path.read_bytes(), source=str(path))
            imported += 1
        except BpmnImportError:
            failed += 1
    corpus_seconds = time.perf_counter() - start

    print(f"B.2.0 import ms: {[round(v, 1) for v in imports]}")
    print(f"B.2.0 export ms: {[round(v, 1) for v in exports]}")
    print(f"corpus: {imported} imported, {failed} refused cleanly, {corpus_seconds:.2f} s")
    print(
        json.dumps(
            {
                "b20_import_ms": round(statistics.median(imports), 1),
                "b20_export_ms": round(statistics.median(exports), 1),
                "b20_import_export_ms": round(statistics.median(totals), 1),
                "corpus_files": len(files),
                "corpus_imported": imported,
                "corpus_failed_cleanly": failed,
                "corpus_import_s": round(corpus_seconds, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
