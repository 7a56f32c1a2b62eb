"""Event log export: CSV and XES (parsed back with a real XML parser)."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from typing import Any

from bpo_desktop.core.model import NodeKind
from bpo_desktop.core.simulation import exponential, fixed, simulate
from bpo_desktop.core.simulation.eventlog import escape, write_csv, write_xes

XES = "{http://www.xes-standard.org/}"


def test_csv_has_one_row_per_execution_in_time_order(models: Any) -> None:
    m = models.stations([(1, exponential(30.0)), (2, fixed(20.0))], exponential(40.0))
    result = simulate(m.process, m.params, 3, cases=50, keep_log=True)
    assert result.log is not None and len(result.log) == 100
    out = io.StringIO()
    assert write_csv(result.log, out) == 100
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == ["case", "activity", "resource", "start", "end", "enabled"]
    assert rows[0]["case"] == "1" and rows[0]["activity"] == "S1"
    assert rows[0]["start"] == "2024-01-01T00:00:00.000+00:00"  # the first case arrives at 0
    assert {r["resource"] for r in rows} == {"Pool 1", "Pool 2"}
    for row in rows:
        assert row["enabled"] <= row["start"] <= row["end"]
    by_case: dict[str, list[str]] = {}
    for row in rows:
        by_case.setdefault(row["case"], []).append(row["activity"])
    assert all(acts == ["S1", "S2"] for acts in by_case.values())


def test_xes_is_well_formed_with_start_and_complete_events(models: Any) -> None:
    m = models.split(NodeKind.PARALLEL_GATEWAY, [(None, fixed(10.0)), (None, fixed(20.0))])
    result = simulate(m.process, m.params, 1, cases=5, replications=2, keep_log=True)
    assert result.log is not None
    out = io.StringIO()
    assert write_xes(result.log, out) == 10
    root = ET.fromstring(out.getvalue())
    traces = root.findall(f"{XES}trace")
    names = [t.find(f"{XES}string").get("value") for t in traces]  # type: ignore[union-attr]
    assert names[:3] == ["1-1", "1-2", "1-3"] and names[-1] == "2-5"
    events = traces[0].findall(f"{XES}event")
    assert len(events) == 4
    transitions = [
        e.find(f"{XES}string[@key='lifecycle:transition']").get("value")  # type: ignore[union-attr]
        for e in events
    ]
    assert sorted(transitions) == ["complete", "complete", "start", "start"]
    stamps = [e.find(f"{XES}date").get("value") for e in events]  # type: ignore[union-attr]
    assert stamps == sorted(stamps)


def test_escape_makes_any_name_safe() -> None:
    nasty = 'Check "A" & <B>\x01\nnext'
    doc = f'<a v="{escape(nasty)}"/>'
    assert ET.fromstring(doc).get("v") == 'Check "A" & <B>\nnext'
