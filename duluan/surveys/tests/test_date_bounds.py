"""A poll's closing time may lie ahead, up to 10 years; never before 2000."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from duluan.conftest import PASSWORD
from duluan.core.dates import latest_event, today
from duluan.surveys.models import Survey


@pytest.mark.parametrize(
    ("closes_at", "ok"),
    [
        ("0001-01-01T08:00", False),
        ("1999-12-31T23:00", False),
        ((today() + timedelta(days=7)).isoformat() + "T17:00", True),
        ((latest_event() + timedelta(days=1)).isoformat() + "T08:00", False),
    ],
)
def test_poll_closing_time(org_tree, client, closes_at: str, ok: bool) -> None:
    assert client.login(username=org_tree.user("cs_a1").username, password=PASSWORD)
    response = client.post(
        reverse("surveys:poll_create"),
        {
            "unit": org_tree.cs_a1.pk,
            "question": "Bạn có đồng ý tăng ca?",
            "options": "Có\nKhông",
            "closes_at": closes_at,
        },
    )
    if ok:
        assert response.status_code == 302
        assert Survey.objects.count() == 1
    else:
        assert "Ngày phải từ 01/01/2000 đến " in response.content.decode()
        assert Survey.objects.count() == 0
