from __future__ import annotations

from unittest import mock

from django.test import Client

from duluan.conftest import PASSWORD


def _signed_in(user) -> Client:
    client = Client()
    assert (
        client.post("/dang-nhap/", {"username": user.username, "password": PASSWORD}).status_code
        == 302
    )
    return client


def test_idle_session_expires_after_30_minutes(org_tree) -> None:
    client = _signed_in(org_tree.user("cs_a1"))
    assert client.get("/phan-anh/cua-toi/").status_code == 200
    real = __import__("time").time()
    with mock.patch("duluan.core.middleware.time.time", return_value=real + 29 * 60):
        assert client.get("/phan-anh/cua-toi/").status_code == 200
    with mock.patch("duluan.core.middleware.time.time", return_value=real + 29 * 60 + 31 * 60):
        response = client.get("/phan-anh/cua-toi/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_active_session_still_ends_after_12_hours(org_tree) -> None:
    client = _signed_in(org_tree.user("cs_a1"))
    client.get("/")
    real = __import__("time").time()
    now = real
    for _ in range(26):  # a request every 29 minutes keeps it from idling
        now += 29 * 60
        with mock.patch("duluan.core.middleware.time.time", return_value=now):
            response = client.get("/phan-anh/cua-toi/")
        if response.status_code == 302:
            break
    assert response.status_code == 302
    assert now - real > 12 * 3600 - 29 * 60
