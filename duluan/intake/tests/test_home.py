"""A collaborator's first screen: the report form one tap away and their recent reports."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from duluan.conftest import OrgTree
from duluan.intake.services import ReportData, report_create
from duluan.intake.views_home import RECENT
from duluan.org.choices import Role


def report_make(actor: Any, unit: Any, subject: str) -> None:
    data = ReportData(
        unit_id=unit.pk,
        channel="truc_tiep",
        heard_at=timezone.now() - timedelta(hours=3),
        subject=subject,
        text="Nhiều anh chị em phản ánh công ty chậm trả lương tháng 10.",
        kind="khieu_nai",
        mood="tieu_cuc",
        verifiability="nhieu_nguon",
    )
    report_create(actor=actor, data=data)


def test_collaborator_home_offers_the_form_and_recent_reports(org_tree: OrgTree) -> None:
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    for n in range(RECENT + 2):
        report_make(collaborator, org_tree.cs_a1, subject=f"Phản ánh số {n}")
    report_make(org_tree.user("cs_a2", Role.COLLABORATOR), org_tree.cs_a2, subject="Của người khác")
    client = Client()
    client.force_login(collaborator)
    page = client.get("/").content.decode()
    assert 'role="button" href="/phan-anh/gui/">Gửi phản ánh mới</a>' in page
    assert page.count("Phản ánh số ") == RECENT
    assert "Của người khác" not in page
    assert f"trong {RECENT + 2} phản ánh bạn đã gửi" in page
    assert 'href="/phan-anh/cua-toi/">Xem tất cả phản ánh của tôi</a>' in page


def test_a_collaborator_without_reports_is_told_how_to_start(org_tree: OrgTree) -> None:
    client = Client()
    client.force_login(org_tree.user("cs_b1", Role.REPORTER))
    page = client.get("/").content.decode()
    assert "Bạn chưa gửi phản ánh nào." in page and "Vai trò của bạn" in page
