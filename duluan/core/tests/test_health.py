"""``/healthz``: open to anyone, cheap, no session, 503 only when a critical check fails."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from duluan.core.health import (
    HealthResult,
    check_broker,
    register_health_check,
    unregister_health_check,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def extra_checks() -> Iterator[list[str]]:
    names: list[str] = []
    yield names
    for name in names:
        unregister_health_check(name)


def test_healthz_answers_anonymous_with_database_and_cache(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is True
    assert isinstance(body["checks"]["database"]["ms"], float)
    assert "no-store" in response["Cache-Control"]
    assert "sessionid" not in response.cookies
    assert "csrftoken" not in response.cookies


def test_healthz_allows_head_and_refuses_post(client: Client) -> None:
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_registered_check_appears_in_the_answer(client: Client, extra_checks: list[str]) -> None:
    register_health_check("jobs", lambda: HealthResult(ok=True, detail={"oldest_s": 3}))
    extra_checks.append("jobs")
    body = client.get("/healthz").json()
    assert body["checks"]["jobs"]["ok"] is True
    assert body["checks"]["jobs"]["oldest_s"] == 3


def test_failing_non_critical_check_degrades_but_stays_200(
    client: Client, extra_checks: list[str]
) -> None:
    register_health_check("slow-jobs", lambda: HealthResult(ok=False), critical=False)
    extra_checks.append("slow-jobs")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"


def test_failing_critical_check_answers_503(client: Client, extra_checks: list[str]) -> None:
    def boom() -> HealthResult:
        raise ConnectionError("postgres://user:secret@db/duluan unreachable")

    register_health_check("storage", boom)
    extra_checks.append("storage")
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["storage"] == {
        "ok": False,
        "ms": body["checks"]["storage"]["ms"],
        "critical": True,
        "error": "ConnectionError",
    }
    assert "secret" not in response.content.decode()


def test_broker_check_fails_on_a_closed_port(settings: Any) -> None:
    settings.BROKER_URL = "redis://127.0.0.1:1/0"
    with pytest.raises(Exception):  # noqa: B017 - kombu's error class depends on the transport
        check_broker()
