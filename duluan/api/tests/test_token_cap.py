from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from duluan.api.models import ApiToken
from duluan.api.services import TokenLimitReached, token_issue, token_revoke
from duluan.conftest import PASSWORD
from duluan.org.services import user_create


def test_issue_beyond_the_cap_is_refused(org_tree, settings) -> None:
    settings.API_TOKENS_PER_ACCOUNT = 3
    user = org_tree.user("cs_a1")
    for _ in range(3):
        token_issue(user=user)
    with pytest.raises(TokenLimitReached) as raised:
        token_issue(user=user)
    assert raised.value.status == 409
    assert "tối đa 3 mã" in raised.value.message
    assert ApiToken.objects.filter(user=user).count() == 3


def test_revoked_and_expired_tokens_do_not_count(org_tree, settings) -> None:
    settings.API_TOKENS_PER_ACCOUNT = 2
    user = org_tree.user("cs_a1")
    first, _ = token_issue(user=user)
    second, _ = token_issue(user=user)
    token_revoke(user=user, token_id=first.pk)
    ApiToken.objects.filter(pk=second.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    token_issue(user=user)
    token_issue(user=user)
    with pytest.raises(TokenLimitReached):
        token_issue(user=user)
    # Another account has its own allowance.
    token_issue(user=org_tree.user("cs_a2"))


def test_api_mint_beyond_the_cap_answers_409_json(org_tree, settings) -> None:
    settings.API_TOKENS_PER_ACCOUNT = 1
    client = Client()
    body = {"username": "cs_a1_officer", "password": PASSWORD}
    first = client.post("/api/auth/token", body, content_type="application/json")
    assert first.status_code == 200
    second = client.post("/api/auth/token", body, content_type="application/json")
    assert second.status_code == 409
    detail = second.json()["detail"]
    assert detail.startswith("Tài khoản đã có tối đa 1 mã truy cập còn hiệu lực")
    assert "thu hồi" in detail


@pytest.mark.django_db(transaction=True)
def test_two_mints_at_once_cannot_pass_the_cap(settings) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    settings.API_TOKENS_PER_ACCOUNT = 1
    user = user_create(username="dong_thoi", password=PASSWORD, full_name="Đồng Thời")
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def mint() -> None:
        try:
            barrier.wait()
            token_issue(user=user)
            outcomes.append("ok")
        except TokenLimitReached:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=mint) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused", "refused", "refused"]
    assert ApiToken.objects.filter(user=user).count() == 1


def test_admin_revokes_a_lost_token_to_free_a_place(org_tree, settings) -> None:
    settings.API_TOKENS_PER_ACCOUNT = 1
    user = org_tree.user("cs_a1")
    token, _ = token_issue(user=user)
    admin_user = user_create(username="quan_tri", password=PASSWORD, full_name="Quản trị")
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client = Client()
    client.force_login(admin_user)
    response = client.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    token_issue(user=user)
