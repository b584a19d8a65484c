"""``POST /api/reports`` with an ``Idempotency-Key``: a client that lost the answer
(a dropped connection, a 502 from the proxy) sends the same request again and gets
the report already stored, never a second one."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from duluan.api.services import token_issue
from duluan.audit.models import Action, AuditEvent
from duluan.intake.models import Report, SubmissionKey
from duluan.intake.services import submission_keys_prune
from duluan.org.choices import Role


def body(org_tree: Any, **changes: Any) -> dict[str, Any]:
    return {
        "unit_id": org_tree.cs_a1.pk,
        "channel": "truc_tiep",
        "heard_at": (timezone.now() - timedelta(hours=1)).isoformat(),
        "subject": "Tăng ca",
        "text": "Công nhân tổ 3 phản ánh tăng ca liên tục cả tháng.",
        "kind": "khieu_nai",
        "mood": "tieu_cuc",
        "verifiability": "nhieu_nguon",
        **changes,
    }


def post(client: Client, token: str, data: dict[str, Any], key: str | None) -> Any:
    headers = {"Authorization": f"Bearer {token}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post("/api/reports", data, content_type="application/json", headers=headers)


@pytest.fixture
def token(org_tree: Any) -> str:
    return token_issue(user=org_tree.user("cs_a1", Role.COLLABORATOR))[1]


def test_a_repeat_with_the_same_key_returns_the_stored_report(org_tree, client, token) -> None:
    data = body(org_tree)
    first = post(client, token, data, "2b1f6c1e-retry-1")
    again = post(client, token, data, "2b1f6c1e-retry-1")
    assert first.status_code == again.status_code == 201, again.content
    assert first["Idempotent-Replayed"] == "false"
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert Report.objects.filter(subject="Tăng ca").count() == 1
    assert AuditEvent.objects.filter(action=Action.REPORT_CREATE).count() == 1


def test_the_same_key_with_another_body_is_refused(org_tree, client, token) -> None:
    assert post(client, token, body(org_tree), "k-1").status_code == 201
    refused = post(client, token, body(org_tree, text="Một phản ánh khác hẳn."), "k-1")
    assert refused.status_code == 409
    assert "Idempotency-Key" in refused.json()["detail"]
    assert Report.objects.count() == 1


def test_keys_belong_to_an_account(org_tree, client, token) -> None:
    other = token_issue(user=org_tree.user("cs_a1", Role.OFFICER))[1]
    assert post(client, token, body(org_tree), "shared-key").status_code == 201
    second = post(client, other, body(org_tree), "shared-key")
    assert second.status_code == 201
    assert second["Idempotent-Replayed"] == "false"
    assert Report.objects.count() == 2


def test_without_a_key_each_request_is_a_new_report(org_tree, client, token) -> None:
    data = body(org_tree)
    assert post(client, token, data, None).status_code == 201
    assert post(client, token, data, None).status_code == 201
    assert Report.objects.count() == 2
    assert not SubmissionKey.objects.exists()


@pytest.mark.parametrize("key", ["", "có dấu", "a b", "x" * 101])
def test_a_malformed_key_is_refused_before_anything_is_written(
    org_tree, client, token, key
) -> None:
    answer = post(client, token, body(org_tree), key)
    assert answer.status_code == 422, answer.content
    assert not Report.objects.exists()


def test_the_failed_first_try_leaves_the_key_free(org_tree, client, token) -> None:
    """A first request refused (unit out of reach) writes no key: the retry is judged afresh."""
    refused = post(client, token, body(org_tree, unit_id=org_tree.cs_b1.pk), "k-2")
    assert refused.status_code == 404
    assert not SubmissionKey.objects.exists()


def test_old_keys_are_forgotten(org_tree, client, token, settings) -> None:
    assert post(client, token, body(org_tree), "k-old").status_code == 201
    assert submission_keys_prune() == 0
    later = timezone.now() + timedelta(hours=settings.API_IDEMPOTENCY_HOURS, minutes=1)
    assert submission_keys_prune(now=later) == 1
    assert post(client, token, body(org_tree), "k-old")["Idempotent-Replayed"] == "false"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL")
def test_two_racing_repeats_store_one_report(org_tree, token) -> None:
    data = body(org_tree)
    answers: list[Any] = []
    start = threading.Barrier(4)

    def send() -> None:
        start.wait()
        try:
            answers.append(post(Client(), token, data, "race-1"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status_code for a in answers] == [201] * 4
    assert len({a.json()["id"] for a in answers}) == 1
    assert sorted(a["Idempotent-Replayed"] for a in answers) == ["false"] + ["true"] * 3
    assert Report.objects.count() == 1


def test_the_jobs_pruning_forgets_old_keys(org_tree, client, token, settings) -> None:
    from duluan.jobs.services import jobs_prune

    assert post(client, token, body(org_tree), "k-hourly").status_code == 201
    later = timezone.now() + timedelta(hours=settings.API_IDEMPOTENCY_HOURS, minutes=1)
    jobs_prune(now=later, force=True)
    assert not SubmissionKey.objects.exists()
