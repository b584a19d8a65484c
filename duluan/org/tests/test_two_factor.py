from __future__ import annotations

import time

import pyotp
import pytest
from django.test import Client

from duluan.conftest import PASSWORD
from duluan.org.choices import Role
from duluan.org.models import TotpDevice


@pytest.fixture
def enforced(settings) -> None:
    settings.TWO_FACTOR_WAIVED = False


def _sign_in(client: Client, user) -> None:
    response = client.post("/dang-nhap/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


def test_leader_is_held_on_code_page_until_enrolled(org_tree, enforced) -> None:
    leader = org_tree.user("province", Role.LEADER)
    client = Client()
    _sign_in(client, leader)
    response = client.get("/phan-anh/")
    assert response.status_code == 302 and "/xac-thuc-hai-buoc/" in response["Location"]
    page = client.get(response["Location"])
    assert "<svg" in page.content.decode() and "quét mã QR" in page.content.decode()
    device = TotpDevice.objects.get(user=leader)
    wrong = client.post("/xac-thuc-hai-buoc/?next=/phan-anh/", {"code": "000000"})
    assert wrong.status_code == 200 and "Mã không đúng" in wrong.content.decode()
    ok = client.post(
        "/xac-thuc-hai-buoc/?next=/phan-anh/", {"code": pyotp.TOTP(device.secret).now()}
    )
    assert ok.status_code == 302 and ok["Location"] == "/phan-anh/"
    assert client.get("/phan-anh/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed_at is not None


def test_code_cannot_be_replayed(org_tree, enforced) -> None:
    from duluan.org.two_factor import code_verify, device_start

    analyst = org_tree.user("upper_a", Role.ANALYST)
    device = device_start(user=analyst)
    now = time.time()
    code = pyotp.TOTP(device.secret).at(now)
    assert code_verify(user=analyst, code=code, now=now)
    assert not code_verify(user=analyst, code=code, now=now)


def test_collaborator_needs_no_second_factor(org_tree, enforced) -> None:
    client = Client()
    _sign_in(client, org_tree.user("cs_a1", Role.COLLABORATOR))
    assert client.get("/phan-anh/cua-toi/").status_code == 200


def test_api_token_for_admin_needs_otp(org_tree, enforced) -> None:
    from duluan.org.two_factor import device_start

    admin = org_tree.user("province", Role.ADMIN)
    client = Client()
    body = {"username": admin.username, "password": PASSWORD}
    r = client.post("/api/auth/token", body, content_type="application/json")
    assert r.status_code == 401 and "thiết lập" in r.json()["detail"]
    device = device_start(user=admin)
    device.confirmed_at = device.created_at
    device.save()
    r = client.post("/api/auth/token", body, content_type="application/json")
    assert r.status_code == 401 and "otp" in r.json()["detail"]
    body["otp"] = pyotp.TOTP(device.secret).now()
    r = client.post("/api/auth/token", body, content_type="application/json")
    assert r.status_code == 200 and r.json()["token"]


def test_waiver_is_ignored_outside_demo_mode(monkeypatch) -> None:
    import importlib

    from django.conf import settings as live

    monkeypatch.setenv("DULUAN_WAIVE_2FA", "1")
    monkeypatch.setenv("DULUAN_DEMO_MODE", "0")
    import config.settings as module

    reloaded = importlib.reload(module)
    try:
        assert reloaded.TWO_FACTOR_WAIVED is False
    finally:
        monkeypatch.undo()
        importlib.reload(module)
    assert live.configured
