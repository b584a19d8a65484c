"""``heard_at`` from 01/01/2000, never in the future: on the page, the API and the import."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from duluan.api.services import token_issue
from duluan.conftest import PASSWORD
from duluan.core.sheets.system import SYSTEM_ACTOR
from duluan.intake.importing.reports import reports_import
from duluan.intake.models import Report
from duluan.org.choices import Role

from .test_import_support import row, xlsx_bytes

TOO_OLD = "Ngày phải từ 01/01/2000 đến ngày mai."
FUTURE = "Thời điểm ghi nhận không được ở tương lai."


def tomorrow(days: int = 1) -> str:
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


# (value as typed, the message or None when accepted)
CASES = [
    ("0001-01-01T08:00", TOO_OLD),
    ("1999-12-31T23:59", TOO_OLD),
    ("2000-01-01T00:00", None),
    ("tomorrow", FUTURE),
    ("after", FUTURE),
]


def typed(value: str) -> str:
    return {"tomorrow": tomorrow(1), "after": tomorrow(2)}.get(value, value)


@pytest.mark.parametrize(("value", "message"), CASES)
def test_api(org_tree, client, value: str, message: str | None) -> None:
    raw = token_issue(user=org_tree.user("cs_a1", Role.COLLABORATOR))[1]
    response = client.post(
        "/api/reports",
        {
            "unit_id": org_tree.cs_a1.pk,
            "channel": "truc_tiep",
            "heard_at": typed(value) + ":00+07:00",
            "subject": "Tăng ca",
            "text": "Tăng ca liên tục.",
            "kind": "khieu_nai",
            "mood": "tieu_cuc",
            "verifiability": "nhieu_nguon",
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    if message is None:
        assert response.status_code == 201, response.content
    else:
        assert response.status_code == 422
        assert response.json()["errors"]["heard_at"] == [message]


@pytest.mark.parametrize(("value", "message"), CASES)
def test_page(org_tree, client, value: str, message: str | None) -> None:
    assert client.login(username=org_tree.user("cs_a1").username, password=PASSWORD)
    response = client.post(
        "/phan-anh/gui/",
        {
            "unit": org_tree.cs_a1.pk,
            "channel": "truc_tiep",
            "heard_at": typed(value),
            "subject": "Tăng ca",
            "text": "Tăng ca liên tục.",
            "kind": "khieu_nai",
            "mood": "tieu_cuc",
            "urgency": "binh_thuong",
            "verifiability": "nhieu_nguon",
            "anonymous": "on",
        },
    )
    if message is None:
        assert response.status_code == 302
        assert Report.objects.count() == 1
    else:
        assert response.status_code == 200
        assert message in response.content.decode()
        assert Report.objects.count() == 0


@pytest.mark.parametrize(("value", "message"), CASES)
def test_import(org_tree, value: str, message: str | None) -> None:
    when = typed(value).replace("T", " ")
    day, clock = when.split(" ")
    y, m, d = day.split("-")
    cell = f"{d}/{m}/{y} {clock}"
    result = reports_import(
        actor=SYSTEM_ACTOR, file_name="a.xlsx", content=xlsx_bytes([row(heard_at=cell)])
    )
    if message is None:
        assert result.rows_created == 1
    else:
        assert not result.written
        (error,) = result.errors
        text = str(error)
        assert text.startswith("Dòng 2, cột «Thời điểm»: ")
        if message == TOO_OLD:
            assert text.endswith(TOO_OLD)
        else:
            assert text.endswith("ở tương lai")
