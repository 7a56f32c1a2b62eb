"""Event log export: CSV (case, activity, resource, start, end, enabled) and XES.

Simulated time 0 is Monday 00:00 (calendars are weekly), written from `BASE` (2024-01-01, a
Monday, UTC) unless the caller gives another Monday.

XES is written as text with our own escaping rather than through an XML library: the layer
contract "xml-only-in-interchange" keeps XML *parsing* in core.interchange, a log writer needs
none, and core.interchange is another service (siblings do not import each other). The tests
parse the output with a real XML parser.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TextIO

from bpo_desktop.core.simulation.results import EventLog

BASE = datetime(2024, 1, 1, tzinfo=UTC)
_XES_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
  <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>
  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
  <global scope="trace"><string key="concept:name" value="?"/></global>
  <global scope="event">
    <string key="concept:name" value="?"/>
    <string key="lifecycle:transition" value="complete"/>
    <date key="time:timestamp" value="1970-01-01T00:00:00.000+00:00"/>
  </global>
  <classifier name="Activity" keys="concept:name"/>
  <string key="source" value="BPO Desktop simulation"/>
"""


def case_labels(log: EventLog) -> list[str]:
    """Case ids count from 1; with several replications they read '2-17' (replication-case)."""
    cases = (log.case + 1).tolist()
    if log.replication.size and int(log.replication.max()) > 0:
        reps = (log.replication + 1).tolist()
        return [f"{r}-{c}" for r, c in zip(reps, cases, strict=True)]
    return [str(c) for c in cases]


def timestamp(seconds: float, base: datetime = BASE) -> str:
    """ISO 8601 with milliseconds and offset, e.g. 2024-01-01T09:30:00.000+00:00."""
    moment = base + timedelta(seconds=float(seconds))
    return moment.isoformat(timespec="milliseconds")


def write_csv(log: EventLog, out: TextIO, base: datetime = BASE) -> int:
    """One row per task execution; returns the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["case", "activity", "resource", "start", "end", "enabled"])
    labels = case_labels(log)
    for row in range(len(log)):
        writer.writerow(
            [
                labels[row],
                log.activity[row],
                log.resource[row],
                timestamp(log.start[row], base),
                timestamp(log.end[row], base),
                timestamp(log.enabled[row], base),
            ]
        )
    return len(log)


def escape(text: str) -> str:
    """Text safe inside a double-quoted XML attribute (control characters dropped)."""
    cleaned = "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)
    return (
        cleaned.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def write_xes(log: EventLog, out: TextIO, base: datetime = BASE) -> int:
    """An XES 1.0 log: one trace per case, a start and a complete event per execution."""
    out.write(_XES_HEAD)
    traces = 0
    for label, rows in _traces(log):
        traces += 1
        out.write(f'  <trace>\n    <string key="concept:name" value="{escape(label)}"/>\n')
        events = [(float(log.start[r]), 0, r) for r in rows]
        events += [(float(log.end[r]), 1, r) for r in rows]
        for moment, phase, r in sorted(events):
            transition = "start" if phase == 0 else "complete"
            out.write(
                "    <event>"
                f'<string key="concept:name" value="{escape(log.activity[r])}"/>'
                f'<string key="org:resource" value="{escape(log.resource[r])}"/>'
                f'<string key="lifecycle:transition" value="{transition}"/>'
                f'<date key="time:timestamp" value="{timestamp(moment, base)}"/>'
                "</event>\n"
            )
        out.write("  </trace>\n")
    out.write("</log>\n")
    return traces


def _traces(log: EventLog) -> Iterator[tuple[str, list[int]]]:
    """Rows grouped by case (the log is sorted by replication, case, start)."""
    current: str | None = None
    rows: list[int] = []
    for row, label in enumerate(case_labels(log)):
        if label != current and rows:
            yield current or "", rows
            rows = []
        current = label
        rows.append(row)
    if rows:
        yield current or "", rows
