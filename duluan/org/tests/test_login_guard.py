from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from duluan.conftest import PASSWORD
from duluan.org.choices import Role
from duluan.org.models import LoginAttempt


def _login(client: Client, username: str, password: str):
    return client.post("/dang-nhap/", {"username": username, "password": password})


def test_five_failures_lock_the_account_even_with_the_right_password(org_tree) -> None:
    user = org_tree.user("cs_a1", Role.COLLABORATOR)
    client = Client()
    for _ in range(5):
        response = _login(client, user.username, "sai-mat-khau")
        assert response.status_code == 200
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 200  # form shown again, not a redirect
    assert "tạm thời bị khoá" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lock_expires_after_the_window(org_tree) -> None:
    user = org_tree.user("cs_a1", Role.COLLABORATOR)
    client = Client()
    for _ in range(5):
        _login(client, user.username, "sai")
    LoginAttempt.objects.update(at=timezone.now() - timedelta(minutes=31))
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 302


def test_api_token_answers_429_when_locked(org_tree) -> None:
    user = org_tree.user("cs_a1")
    client = Client()
    for _ in range(5):
        r = client.post(
            "/api/auth/token",
            {"username": user.username, "password": "x"},
            content_type="application/json",
        )
        assert r.status_code == 401
    r = client.post(
        "/api/auth/token",
        {"username": user.username, "password": PASSWORD},
        content_type="application/json",
    )
    assert r.status_code == 429
    assert "thử lại" in r.json()["detail"]


def test_failures_on_one_account_do_not_lock_another(org_tree) -> None:
    client = Client()
    for _ in range(6):
        _login(client, org_tree.user("cs_a1").username, "sai")
    assert _login(client, org_tree.user("cs_a2").username, PASSWORD).status_code == 302


def test_per_ip_limit_spans_accounts(org_tree, settings) -> None:
    from duluan.org import login_guard

    client = Client(REMOTE_ADDR="10.9.9.9")
    names = [u.username for u in org_tree.users.values()][:12]
    attempts = 0
    for name in names:
        for _ in range(4):
            _login(client, name, "sai")
            attempts += 1
            if attempts >= login_guard.IP_LIMIT:
                break
    target = org_tree.user("upper_b", Role.ANALYST)
    if attempts < login_guard.IP_LIMIT:
        LoginAttempt.objects.bulk_create(
            [
                LoginAttempt(username="x", ip="10.9.9.9")
                for _ in range(login_guard.IP_LIMIT - attempts)
            ]
        )
    response = _login(client, target.username, PASSWORD)
    assert response.status_code == 200 and "thử lại" in response.content.decode()
