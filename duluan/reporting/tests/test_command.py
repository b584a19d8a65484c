"""``duluan report build``: documents from the command line, ten-year reviews included."""

from __future__ import annotations

from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from duluan.conftest import OrgTree
from duluan.reporting.periods import Period
from duluan.reporting.synthesis import synthesis_build

from .conftest import add_reports, local

pytestmark = pytest.mark.django_db


def test_ten_year_review_builds_from_multi_year_data(org_tree: OrgTree, tmp_path: Path) -> None:
    add_reports(org_tree.cs_a1, local(2014, 1, 1, 0), 2)  # the very first local hour counts
    add_reports(org_tree.cs_a2, local(2018, 6, 15), 3, kind="kien_nghi")
    add_reports(org_tree.cs_b1, local(2023, 12, 31, 23), 1)
    add_reports(org_tree.cs_b1, local(2024, 1, 1, 0), 4)  # after the range
    add_reports(org_tree.cs_b1, local(2013, 12, 31, 23), 5)  # before: the previous decade
    out = tmp_path / "tong-ket.docx"
    stdout = StringIO()
    call_command(
        "report",
        "build",
        "--unit",
        "T01",
        "--period",
        "2014..2023",
        "--format",
        "docx",
        "--out",
        str(out),
        stdout=stdout,
    )
    assert "6 phản ánh" in stdout.getvalue()
    doc = Document(BytesIO(out.read_bytes()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "giai đoạn 2014 - 2023" in text and "Tổng kết" in text
    synthesis = synthesis_build(org_tree.province, Period.parse("2014..2023"))
    assert synthesis.report_type == "review"
    assert synthesis.figures()["reports_total"] == 6
    assert synthesis.figures()["kind.kien_nghi"] == 3
    assert synthesis.figures()["compare.previous.total"] == 5
    assert synthesis.block("unit").figure("unit.T01-A") == 5


@pytest.mark.parametrize("period", ["2026-10", "2026-Q4", "2026-H2", "2026"])
def test_every_period_kind_builds_an_xlsx(org_tree: OrgTree, tmp_path: Path, period: str) -> None:
    add_reports(org_tree.cs_a1, local(2026, 10, 9), 2)
    out = tmp_path / "annex.xlsx"
    call_command(
        "report",
        "build",
        "--unit",
        "T01-A",
        "--period",
        period,
        "--format",
        "xlsx",
        "--out",
        str(out),
        stdout=StringIO(),
    )
    assert out.read_bytes()[:2] == b"PK"


def test_command_refuses_unknown_unit_and_bad_period(org_tree: OrgTree, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Không có đơn vị"):
        call_command(
            "report",
            "build",
            "--unit",
            "KHONG",
            "--period",
            "2026-10",
            "--out",
            str(tmp_path / "x"),
        )
    with pytest.raises(CommandError, match="Kỳ báo cáo"):
        call_command(
            "report", "build", "--unit", "T01", "--period", "2026-13", "--out", str(tmp_path / "x")
        )
