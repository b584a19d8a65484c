"""The API walks the same cycle as the pages; documents download; queries stay few."""

from __future__ import annotations

from io import BytesIO, StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from docx import Document

from duluan.api.services import token_issue
from duluan.conftest import OrgTree
from duluan.org.choices import Role

from .conftest import add_reports, local

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> tuple[Client, dict[str, str]]:
    return Client(), {"Authorization": f"Bearer {token_issue(user=user)[1]}"}


def test_api_cycle_and_document(org_tree: OrgTree, settings: Any) -> None:
    add_reports(org_tree.cs_a1, local(2026, 10, 2), 3, kind="khieu_nai")
    officer, auth = client_for(org_tree.user("upper_a", Role.OFFICER))
    created = officer.post(
        "/api/periodic-reports",
        {"unit_id": org_tree.upper_a.pk, "report_type": "monthly", "period": "2026-10"},
        content_type="application/json",
        headers=auth,
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["state"] == "draft"
    patched = officer.patch(
        f"/api/periodic-reports/{pk}",
        {"issues": "Công nhân bức xúc về lương.", "number": "15/BC-CĐKCN"},
        content_type="application/json",
        headers=auth,
    )
    assert patched.json()["issues"] == "Công nhân bức xúc về lương."
    refused = officer.post(f"/api/periodic-reports/{pk}/approve", headers=auth)
    assert refused.status_code == 403 and refused.json()["detail"]
    leader, leader_auth = client_for(org_tree.user("upper_a", Role.LEADER))
    assert (
        leader.post(f"/api/periodic-reports/{pk}/approve", headers=leader_auth).json()["state"]
        == "approved"
    )
    submitted = officer.post(f"/api/periodic-reports/{pk}/submit", headers=auth).json()
    assert submitted["state"] == "submitted" and submitted["figures"]["kind.khieu_nai"] == 3

    province, province_auth = client_for(org_tree.user("province", Role.OFFICER))
    listed = province.get("/api/periodic-reports", {"period": "2026-10"}, headers=province_auth)
    assert [item["id"] for item in listed.json()["items"]] == [pk]
    document = province.get(f"/api/periodic-reports/{pk}/document", headers=province_auth)
    assert document.status_code == 200
    doc = Document(BytesIO(document.content))
    text = "\n".join(p.text for p in doc.paragraphs) + "".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    assert "Số: 15/BC-CĐKCN" in text and "Công nhân bức xúc về lương." in text
    board = province.get(
        "/api/reporting/compliance",
        {"unit": org_tree.province.pk, "period": "2026-10"},
        headers=province_auth,
    ).json()
    by_code = {row["unit"]["code"]: row for row in board["rows"]}
    assert by_code["T01-A"]["report_id"] == pk
    settings.REPORTING_SOFFICE = "/khong/co/soffice"
    pdf = province.get(
        f"/api/periodic-reports/{pk}/document", {"format": "pdf"}, headers=province_auth
    )
    assert pdf.status_code == 503 and "LibreOffice" in pdf.json()["detail"]


def test_api_rejects_bad_periods_in_vietnamese(org_tree: OrgTree) -> None:
    officer, auth = client_for(org_tree.user("upper_a", Role.OFFICER))
    answer = officer.post(
        "/api/periodic-reports",
        {"unit_id": org_tree.upper_a.pk, "report_type": "quarterly", "period": "2026-10"},
        content_type="application/json",
        headers=auth,
    )
    assert answer.status_code == 422 and "không khớp" in answer.json()["detail"]


def test_command_uses_the_saved_report(org_tree: OrgTree, tmp_path: Path) -> None:
    client = Client()
    client.force_login(org_tree.user("upper_a", Role.OFFICER))
    client.post(
        reverse("reporting:report_create"),
        {"unit": org_tree.upper_a.pk, "type": "monthly", "period": "2026-10"},
    )
    from duluan.reporting.models import PeriodicReport

    report = PeriodicReport.objects.get()
    client.post(
        reverse("reporting:report_detail", args=[report.pk]),
        {"forecast": "Dự báo: ổn định.", "signer_name": "Trần Thị Bình", "place": "Hải Dương"},
    )
    out = tmp_path / "a.docx"
    call_command(
        "report",
        "build",
        "--unit",
        "T01-A",
        "--period",
        "2026-10",
        "--out",
        str(out),
        stdout=StringIO(),
    )
    doc = Document(BytesIO(out.read_bytes()))
    text = "\n".join(p.text for p in doc.paragraphs) + "".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    assert "Dự báo: ổn định." in text and "Trần Thị Bình" in text and "Hải Dương, ngày" in text


def test_list_and_board_pages_read_a_bounded_number_of_queries(
    org_tree: OrgTree, django_assert_max_num_queries: Any
) -> None:
    from duluan.reporting.models import PeriodicReport
    from duluan.reporting.periods import Period

    for month in range(1, 11):
        for unit in (org_tree.upper_a, org_tree.upper_b):
            period = Period.parse(f"2026-{month:02d}")
            PeriodicReport.objects.create(
                unit=unit,
                report_type="monthly",
                period=period.code,
                span_start=period.span().start,
                span_end=period.span().end,
                state="submitted",
                submitted_at=local(2026, month + 1, 10),
            )
    client = Client()
    client.force_login(org_tree.user("province", Role.OFFICER))
    client.get(reverse("reporting:period_list"))  # warm the session and caches
    with django_assert_max_num_queries(12):
        assert client.get(reverse("reporting:period_list")).status_code == 200
    with django_assert_max_num_queries(20):
        page = client.get(reverse("reporting:compliance"), {"unit": org_tree.province.pk})
    assert page.status_code == 200
