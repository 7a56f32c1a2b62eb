"""`bpo-desktop export --format png|svg|pdf|html|report-pdf`, run as a user runs it."""

from __future__ import annotations

from pathlib import Path

import pytest
from export.export_support import ONBOARDING, flat, pdf_text
from lxml import etree
from PySide6.QtGui import QImage
from support.cli import bpo, sha


@pytest.mark.parametrize(
    ("fmt", "magic"),
    [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF"), ("html", b"<!DOCTYPE html>"),
     ("report-pdf", b"%PDF")],
)  # fmt: skip
def test_each_format_writes_its_file(
    sample_file: Path, tmp_path: Path, fmt: str, magic: bytes
) -> None:
    out = tmp_path / f"out.{fmt}"
    run = bpo("export", str(sample_file), "--format", fmt, "--process", ONBOARDING, "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert out.read_bytes().startswith(magic)
    assert "Wrote" in run.stdout and ONBOARDING in run.stdout


def test_png_options_scale_and_page(sample_file: Path, tmp_path: Path) -> None:
    small, big, a3 = tmp_path / "1.png", tmp_path / "2.png", tmp_path / "a3.png"
    for out, extra in ((small, []), (big, ["--scale", "2"]),
                       (a3, ["--dpi", "300", "--page", "A3", "--landscape"])):  # fmt: skip
        run = bpo("export", str(sample_file), "--format", "png", "-o", str(out), *extra)
        assert run.returncode == 0, run.stderr
    one, two, page = QImage(str(small)), QImage(str(big)), QImage(str(a3))
    assert abs(two.width() - 2 * one.width()) <= 2
    assert page.width() >= 4961 and page.height() >= 3508


def test_pdf_tiled_on_a3(sample_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "tiles.pdf"
    run = bpo("export", str(sample_file), "--format", "pdf", "--page", "a3", "--tile",
              "--scale", "3", "-o", str(out))  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "Enter customer + contract in CRM" in flat(pdf_text(out))


def test_scenario_draws_the_to_be(sample_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "to-be.svg"
    run = bpo("export", str(sample_file), "--format", "svg", "--process", ONBOARDING,
              "--scenario", "Automate S2", "-o", str(out))  # fmt: skip
    assert run.returncode == 0, run.stderr
    names = {g.get("data-name") for g in etree.parse(str(out)).iter("{*}g")}
    assert "Workflow" in names  # the scenario's new lane


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--process", "Nope"], "no process named 'Nope'"),
        (["--process", ONBOARDING, "--scenario", "Nope"], "no scenario 'Nope'"),
        (["--page", "B7"], "unknown page size 'B7'"),
        (["--scale", "-1"], "must be a positive number"),
        (["--scale", "500"], "too large"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(
    sample_file: Path, tmp_path: Path, extra: list[str], message: str
) -> None:
    out = tmp_path / "out.png"
    before = sha(sample_file)
    run = bpo("export", str(sample_file), "--format", "png", "-o", str(out), *extra)
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], run.stderr
    assert not out.exists()
    assert sha(sample_file) == before


def test_html_report_of_the_sample_cli(sample_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    run = bpo("export", str(sample_file), "--format", "html", "--process", ONBOARDING,
              "--demand", "12", "-o", str(out))  # fmt: skip
    assert run.returncode == 0, run.stderr
    text = flat(out.read_text(encoding="utf-8"))
    assert "40.83 h" in text and "92.50" in text and "3 handoffs" in text
    assert "Bottleneck: Finance 112.5 %" in text


def test_report_of_the_shipped_sample_file(tmp_path: Path) -> None:
    """The packaged sample itself (read, never written), as a user's first try would use it."""
    from bpo_desktop.resources import sample_path

    sample = sample_path()
    before = sha(sample)
    out = tmp_path / "sample-report.html"
    run = bpo("export", str(sample), "--format", "html", "--process", ONBOARDING, "-o", str(out))
    assert run.returncode == 0, run.stderr
    page = out.read_text(encoding="utf-8")
    text = flat(page)
    assert "40.83 h" in text and "92.50" in text and "3 handoffs" in text
    for heading in ("Diagram", "Planning sheet", "Steps", "Off-system work", "Lint results",
                    "Analysis metrics", "Scenario comparison"):  # fmt: skip
        assert f">{heading}</h2>" in page
    assert sha(sample) == before
