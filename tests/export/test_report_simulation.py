"""The report's simulation section: present exactly when the file holds a stored run."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from export.export_support import ONBOARDING, flat, pdf_text
from lxml import html as lxml_html

from bpo_desktop.core.model import Workspace, effective_process
from bpo_desktop.core.simulation.store import effective_setup, execute, run_record
from bpo_desktop.core.storage import read_workspace, save_workspace_as
from bpo_desktop.reporting import SECTIONS
from bpo_desktop.ui.export.report import make_report, report_html, report_pdf

SEED = 12345


def with_stored_run(workspace: Workspace, scenario: str | None = None) -> Workspace:
    process = workspace.process_by_name(ONBOARDING)
    setup = replace(effective_setup(workspace, process, scenario), cases=150, replications=2)
    setup = replace(setup, seed=SEED)
    scenario_id = next((s.id for s in process.scenarios.values() if s.name == scenario), None)
    outcome = execute(effective_process(process, scenario), setup)
    when = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    record = run_record(workspace, process.id, scenario_id, setup, outcome, created_at=when)
    workspace.records[record.id] = record
    return workspace


def page_of(workspace: Workspace, scenario: str | None = None) -> str:
    process = workspace.process_by_name(ONBOARDING)
    report, _render = make_report(workspace, process, file_name="s.bpo", scenario=scenario)
    return report_html(report).decode("utf-8")


def test_stored_run_adds_the_simulation_section_with_its_seed(
    qapp: object, workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "simulated.bpo"
    save_workspace_as(with_stored_run(workspace), path)
    page = page_of(read_workspace(path))  # the run survives the file round trip
    root = lxml_html.fromstring(page)
    assert [h.text_content() for h in root.iter("h2")] == list(SECTIONS)
    header = {r.findtext("th"): r.findtext("td") for r in root.xpath("//table[@class='facts']/tr")}
    assert header["Seed"] == str(SEED)
    assert root.xpath("//th[text()='Replications']/following-sibling::td")[0].text == "2"
    assert root.xpath("//th[text()='Cases per replication']/following-sibling::td")[0].text == "150"
    for label in ("Lead time", "Cost per case", "Throughput", "Bottleneck"):
        assert root.xpath(f"//th[text()='{label}']"), label
    charts = root.xpath("//svg[@role='img']")
    titles = {c.get("aria-label") for c in charts}
    assert titles == {
        "Lead time distribution (cases)",
        "Utilisation per resource pool",
        "Mean waiting per step",
    }
    assert "Send welcome kit" in flat(charts[-1].text_content())


def test_without_a_run_there_is_no_section_and_a_scenario_run_is_not_the_as_is(
    qapp: object, workspace: Workspace
) -> None:
    with_stored_run(workspace, scenario="Automate S2")
    as_is = lxml_html.fromstring(page_of(workspace))
    assert "Simulation" not in [h.text_content() for h in as_is.iter("h2")]
    to_be = lxml_html.fromstring(page_of(workspace, scenario="Automate S2"))
    assert "Simulation" in [h.text_content() for h in to_be.iter("h2")]


def test_simulation_report_is_deterministic_and_in_the_pdf(
    qapp: object, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    with_stored_run(workspace)
    assert page_of(workspace) == page_of(workspace)
    process = workspace.process_by_name(ONBOARDING)
    report, render = make_report(workspace, process, file_name="s.bpo")
    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdf(report, render))
    text = flat(pdf_text(path))
    for expected in ("Simulation", "Key figures", "Seed 12345", "Utilisation per resource pool"):
        assert expected in text, expected


def test_run_time_reads_as_a_date(qapp: object, workspace: Workspace) -> None:
    root = lxml_html.fromstring(page_of(with_stored_run(workspace)))
    assert root.xpath("//th[text()='Run at']/following-sibling::td")[0].text == (
        "2026-11-23 08:00 UTC"
    )
