"""The process report: the FX-ONB figures, every section, self-contained, deterministic, safe."""

from __future__ import annotations

from pathlib import Path

import pytest
from export.export_support import (
    HOSTILE,
    ONBOARDING,
    flat,
    hostile_workspace,
    pdf_text,
    pdf_to_pngs,
)
from lxml import html as lxml_html

from bpo_desktop.core.model import ScenarioError, Workspace
from bpo_desktop.reporting import SECTIONS, ReportOptions, build_report, render_html
from bpo_desktop.ui.export.report import make_report, report_html, report_pdf


def sample_html(workspace: Workspace, **options: object) -> str:
    process = workspace.process_by_name(ONBOARDING)
    report, _render = make_report(workspace, process, file_name="sample.bpo", **options)  # type: ignore[arg-type]
    return report_html(report).decode("utf-8")


def headings(page: str) -> list[str]:
    return [h.text_content() for h in lxml_html.fromstring(page).iter("h2")]


def header_facts(page: str) -> dict[str | None, str | None]:
    rows = lxml_html.fromstring(page).xpath("//table[@class='facts']/tr")
    return {row.findtext("th"): row.findtext("td") for row in rows}


def test_sample_report_has_the_fx_onb_figures(qapp: object, workspace: Workspace) -> None:
    page = sample_html(workspace, demand_per_day=12)
    text = flat(lxml_html.fromstring(page).text_content())
    assert "40.83 h" in text
    assert "92.50" in text
    assert "3 handoffs" in text
    assert "Bottleneck: Finance 112.5 %" in text
    assert "(27.3 % of touch time)" in text
    assert "Send welcome kit Paper 20 min" in text
    # the scenario comparison: Automate S2 cuts lead time to 32.67 h (-20.0 %) and cost to 82.50
    assert "32.67 h" in text and "-20.0 %" in text and "82.50" in text


def test_every_section_heading_and_the_reproducibility_header(
    qapp: object, workspace: Workspace
) -> None:
    page = sample_html(workspace)
    assert headings(page) == [s for s in SECTIONS if s != "Simulation"]  # no stored run
    facts = header_facts(page)
    assert facts["File"] == "sample.bpo"
    assert facts["Process"] == ONBOARDING
    assert facts["Scenario"] == "as-is"
    assert facts["App version"].startswith("BPO Desktop ")


def test_report_is_self_contained(qapp: object, workspace: Workspace) -> None:
    page = sample_html(workspace)
    root = lxml_html.fromstring(page)
    assert root.xpath("//svg") or "<svg" in page  # the diagram is inline
    for element in root.iter("img", "script", "link", "iframe"):
        src = element.get("src") or element.get("href") or ""
        assert src.startswith("data:"), src
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page


def test_report_is_deterministic_apart_from_the_timestamp(
    qapp: object, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = sample_html(workspace).splitlines()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    second = sample_html(workspace).splitlines()
    changed = [(a, b) for a, b in zip(first, second, strict=True) if a != b]
    assert len(changed) == 1 and "Generated 1970-01-02 00:00 UTC" in changed[0][1]
    assert sample_html(workspace).splitlines() == second


def test_scenario_report_states_and_uses_the_scenario(qapp: object, workspace: Workspace) -> None:
    page = sample_html(workspace, scenario="Automate S2")
    assert header_facts(page)["Scenario"] == "Automate S2"
    text = flat(lxml_html.fromstring(page).text_content())
    assert "Lead time 32.67 h" in text
    with pytest.raises(ScenarioError, match="no scenario 'Nope'"):
        sample_html(workspace, scenario="Nope")


def test_planning_sheet_lists_strategies(qapp: object, workspace: Workspace) -> None:
    process = workspace.process_by_name("Manage client contracts")
    report = build_report(workspace, process, ReportOptions(file_name="x.bpo"))
    text = flat(lxml_html.fromstring(render_html(report)).text_content())
    for expected in (
        "G1 Contract data current, correct and complete",
        "K1 Contract data maintained in the system of record (CRM)",
        "Preserve: maintain tight data validation",
        "Eliminate: MDM + automate spreadsheet consolidation",
    ):
        assert expected in text


def test_hostile_names_are_escaped(qapp: object) -> None:
    ws = hostile_workspace()
    process = next(iter(ws.processes.values()))
    report, _render = make_report(ws, process, file_name="<evil>.bpo")
    page = report_html(report).decode("utf-8")
    root = lxml_html.fromstring(page)
    assert not root.xpath("//script") and not root.xpath("//body//b[text()='R&D']")
    assert HOSTILE in root.text_content()
    assert "<evil>.bpo" in root.text_content()


def test_report_pdf_has_the_figures_as_text(
    qapp: object, workspace: Workspace, tmp_path: Path
) -> None:
    process = workspace.process_by_name(ONBOARDING)
    report, render = make_report(workspace, process, file_name="sample.bpo")
    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdf(report, render))
    raw = " ".join(pdf_text(path).split())  # as copied: ligatures would stay "ﬀ"
    for expected in ("40.83 h", "92.50", "3 handoffs", *SECTIONS[:-1], "Send welcome kit"):
        assert expected in raw, expected
    pngs = pdf_to_pngs(path, tmp_path)
    assert len(pngs) >= 2


def test_long_name_lists_are_cut_but_tables_keep_every_row() -> None:
    """Pure data, no Qt: a 600-element process lists every step in the tables."""
    from bpo_desktop.core.samples.generated import generated_workspace

    ws = generated_workspace(600)
    process = next(iter(ws.processes.values()))
    report = build_report(ws, process, ReportOptions(file_name="big.bpo"))
    steps = [n for n in process.nodes() if n.kind.is_activity]
    assert len(report.steps) == len(steps)
    critical = next(f.value for f in report.metrics if f.label == "Critical path")
    assert critical.count(" → ") == 40 and critical.endswith("more")
    assert len(report.off_system) == len(steps)  # no systems in this file: all off-system
    assert report.off_system_line.count(";") == 40
