from __future__ import annotations

from django.core.cache import cache
from django.test import Client

from duluan.api.services import token_issue


def test_token_over_its_rate_gets_429(org_tree, settings) -> None:
    cache.clear()
    settings.API_RATE_PER_MINUTE = 3
    _, raw = token_issue(user=org_tree.user("cs_a1"))
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    codes = [client.get("/api/auth/ping").status_code for _ in range(4)]
    assert codes[:3] != [429, 429, 429]
    assert codes[3] == 429
    _, other = token_issue(user=org_tree.user("cs_a2"))
    assert Client(HTTP_AUTHORIZATION=f"Bearer {other}").get("/api/auth/ping").status_code == 200
