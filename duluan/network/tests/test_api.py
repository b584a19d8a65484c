"""The API end to end: a dialogue's petitions followed through, the overdue command."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from duluan.api.services import token_issue
from duluan.intake.models import Report
from duluan.notifications.models import Notification

pytestmark = pytest.mark.django_db


def api(user: Any) -> tuple[Client, dict[str, str]]:
    return Client(), {"Authorization": f"Bearer {token_issue(user=user, name='t')[1]}"}


def test_petitions_through_the_api(org_tree: Any) -> None:
    client, auth = api(org_tree.user("cs_a1"))
    held = (timezone.localdate() - timedelta(days=60)).isoformat()
    dialogue = client.post(
        "/api/network/dialogues",
        {"unit_id": org_tree.cs_a1.pk, "kind": "doi_thoai", "held_on": held, "participants": 50},
        content_type="application/json",
        headers=auth,
    )
    assert dialogue.status_code == 201, dialogue.content
    did = dialogue.json()["id"]
    report = Report.objects.create(
        unit=org_tree.cs_a1,
        channel="doi_thoai",
        heard_at=timezone.now(),
        subject="Nêu tại đối thoại",
        text="x",
        kind="kien_nghi",
        mood="trung_lap",
        verifiability="chung_kien",
        source="web",
    )
    added = client.post(
        f"/api/network/dialogues/{did}/petitions",
        {"content": "Tăng phụ cấp", "answerer": "Giám đốc", "report_id": report.pk},
        content_type="application/json",
        headers=auth,
    )
    assert added.status_code == 201, added.content
    petition = added.json()
    assert petition["report_id"] == report.pk and petition["state"] == "chua_giai_quyet"
    assert petition["overdue"] is True  # 60 days ago plus 15 working days is past
    listed = client.get("/api/network/petitions", {"overdue": "true"}, headers=auth).json()
    assert [p["id"] for p in listed["items"]] == [petition["id"]]
    refused = client.post(
        f"/api/network/petitions/{petition['id']}/updates",
        {"state": "khong_giai_quyet_duoc"},
        content_type="application/json",
        headers=auth,
    )
    assert refused.status_code == 422 and "lý do" in refused.json()["detail"]
    extended = client.post(
        f"/api/network/petitions/{petition['id']}/extensions",
        {"new_due": (timezone.now() + timedelta(days=10)).isoformat(), "reason": "Chờ ý kiến"},
        content_type="application/json",
        headers=auth,
    )
    assert extended.status_code == 200 and extended.json()["overdue"] is False
    sibling, sibling_auth = api(org_tree.user("cs_a2"))
    assert sibling.get(f"/api/network/dialogues/{did}", headers=sibling_auth).status_code == 404
    assert sibling.get("/api/network/petitions", headers=sibling_auth).json()["count"] == 0


def test_overdue_command_reminds_once(org_tree: Any) -> None:
    client, auth = api(org_tree.user("cs_a1"))
    did = client.post(
        "/api/network/dialogues",
        {
            "unit_id": org_tree.cs_a1.pk,
            "kind": "hoi_nghi_nld",
            "held_on": (date.today() - timedelta(days=90)).isoformat(),
        },
        content_type="application/json",
        headers=auth,
    ).json()["id"]
    client.post(
        f"/api/network/dialogues/{did}/petitions",
        {"content": "Nhà gửi xe", "answerer": "Phòng HC"},
        content_type="application/json",
        headers=auth,
    )
    out = StringIO()
    call_command("petitions_overdue", stdout=out)
    assert "Kiến nghị quá hạn: 1" in out.getvalue()
    assert (
        Notification.objects.filter(
            kind="network.petition_raised", recipient=org_tree.user("upper_a")
        ).count()
        == 1
    )
    call_command("petitions_overdue", stdout=StringIO())
    assert (
        Notification.objects.filter(kind="network.petition_overdue").count() == 2
    )  # officer and leader, once


def test_coverage_and_declarations_in_the_api(org_tree: Any) -> None:
    client, auth = api(org_tree.user("province"))
    member = client.post(
        "/api/network/members",
        {
            "unit_id": org_tree.cs_a1.pk,
            "kind": "ctv",
            "full_name": "Người API",
            "appointment": {"on": "2020-01-01", "decision_no": "3/QĐ"},
        },
        content_type="application/json",
        headers=auth,
    )
    assert member.status_code == 201 and member.json()["events"][0]["decision_no"] == "3/QĐ"
    past = client.get(
        "/api/network/coverage", {"unit": org_tree.province.pk, "day": "2019-12-31"}, headers=auth
    ).json()
    now = client.get("/api/network/coverage", {"unit": org_tree.province.pk}, headers=auth).json()
    assert (past["collaborators"], now["collaborators"]) == (0, 1)
    assert now["units_with_team"] == 1 and now["units"] == 6
    mine, mine_auth = api(org_tree.user("cs_a1", "reporter"))
    declared = mine.post(
        "/api/network/declarations",
        {
            "unit_id": org_tree.cs_a1.pk,
            "pages": [{"platform": "zalo", "address": "0900 000 000", "purpose": "Nhóm tổ"}],
        },
        content_type="application/json",
        headers=mine_auth,
    )
    assert declared.status_code == 201
    officer, officer_auth = api(org_tree.user("cs_a1"))
    completion = officer.get(
        "/api/network/declarations/completion", {"unit": org_tree.cs_a1.pk}, headers=officer_auth
    ).json()
    assert completion["text"] == "1/6 đã khai báo"
    assert (
        client.get(
            "/api/network/declarations/completion", {"unit": org_tree.cs_a1.pk}, headers=auth
        ).status_code
        == 404
    )
