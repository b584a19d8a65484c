"""Hot-spot notifications: every ancestor told once (in-app, mail, signed webhook);
overdue hot spots flagged and the parent unit reminded once."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from duluan.audit.models import AuditEvent
from duluan.cases.choices import State
from duluan.cases.models import Matter, NotificationKind, overdue_matter_ids
from duluan.cases.notify import hot_spot_notify, hot_spots_overdue_check
from duluan.cases.selectors import matter_list
from duluan.cases.services import matter_create_from_report, matter_mark_hot
from duluan.cases.tasks import hot_spots_overdue_task
from duluan.conftest import OrgTree
from duluan.notifications.models import Notification
from duluan.org.choices import Role
from duluan.org.models import User

from .helpers import make_report, verified_matter

pytestmark = pytest.mark.django_db
TZ = timezone.get_default_timezone()
SECRET = "bi-mat-webhook-thu-nghiem"


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 2, hour, minute, tzinfo=TZ)


@pytest.fixture
def tree(org_tree: OrgTree) -> OrgTree:
    """The org tree with an e-mail address for everyone."""
    for user in org_tree.users.values():
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    return org_tree


def staff(tree: OrgTree, *units: str) -> set[User]:
    return {tree.user(u, role) for u in units for role in (Role.OFFICER, Role.LEADER)}


def hot_matter(tree: OrgTree, callbacks: Any) -> Matter:
    with callbacks(execute=True):
        return matter_create_from_report(
            actor=tree.user("cs_a1"), report=make_report(tree, urgency="diem_nong")
        )


class Hook(BaseHTTPRequestHandler):
    received: list[tuple[dict[str, str], bytes]] = []
    refuse = 0  # answer 503 to this many requests first (a gateway that is down)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Hook.received.append((dict(self.headers.items()), body))
        if Hook.refuse > 0:
            Hook.refuse -= 1
            self.send_response(503)
        else:
            self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def hook_server() -> Iterator[str]:
    Hook.received = []
    Hook.refuse = 0
    server = HTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/hook"
    finally:
        server.shutdown()
        server.server_close()


def test_a_hot_spot_notifies_every_ancestors_officers_once(
    tree: OrgTree, django_capture_on_commit_callbacks: Any
) -> None:
    matter = hot_matter(tree, django_capture_on_commit_callbacks)
    expected = staff(tree, "cs_a1", "upper_a", "province")
    notices = Notification.objects.filter(matter=matter, kind=NotificationKind.HOT_SPOT)
    assert {n.recipient for n in notices} == expected
    assert notices.count() == len(expected) == 6
    outsiders = staff(tree, "cs_a2", "upper_b", "cs_b1")
    assert not Notification.objects.filter(recipient__in=outsiders).exists()

    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in expected)
    first = mail.outbox[0]
    assert first.subject == f"[Điểm nóng] {matter.title}"
    assert f"/van-de/{matter.pk}/" in first.body
    assert "CĐCS May Sông Xanh" in first.body
    assert "bàn tán" not in first.body  # the opinion text stays out

    matter.refresh_from_db()
    assert matter.hot_notified_at is not None
    audit = AuditEvent.objects.get(object_type="hot_spot_notify", object_ids=[matter.pk])
    assert audit.note == "notified=6 emails=6 webhook=off"

    hot_spot_notify(matter.pk)  # a second run (a job delivered twice) sends nothing
    assert len(mail.outbox) == 6
    assert notices.count() == 6


def test_the_webhook_is_signed_with_the_secret(
    tree: OrgTree, settings: Any, hook_server: str, django_capture_on_commit_callbacks: Any
) -> None:
    settings.HOT_SPOT_WEBHOOK_URL = hook_server
    settings.HOT_SPOT_WEBHOOK_SECRET = SECRET
    matter = hot_matter(tree, django_capture_on_commit_callbacks)
    assert len(Hook.received) == 1
    headers, body = Hook.received[0]
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Duluan-Signature"], expected)
    payload = json.loads(body)
    assert str(payload["timestamp"]) == headers["X-Duluan-Timestamp"]
    assert payload["event"] == "hot_spot"
    assert payload["matter_id"] == matter.pk
    assert payload["title"] == matter.title
    assert payload["unit_code"] == "T01-A-1"
    assert payload["hot_since"] == matter.hot_since.isoformat()  # type: ignore[union-attr]
    assert "bàn tán" not in body.decode()

    hot_spot_notify(matter.pk)  # a second run (a job delivered twice) sends nothing
    assert len(Hook.received) == 1


def test_a_webhook_that_is_down_breaks_nothing(
    tree: OrgTree, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.HOT_SPOT_WEBHOOK_URL = f"http://127.0.0.1:{port}/hook"
    settings.HOT_SPOT_WEBHOOK_SECRET = SECRET
    matter = hot_matter(tree, django_capture_on_commit_callbacks)
    assert matter.is_hot_spot
    assert len(mail.outbox) == 6
    assert AuditEvent.objects.filter(
        object_type="hot_spot_webhook_failed", object_ids=[matter.pk]
    ).exists()
    audit = AuditEvent.objects.get(object_type="hot_spot_notify", object_ids=[matter.pk])
    assert audit.note.endswith("webhook=failed")


def test_overdue_is_flagged_after_the_configured_hours_and_the_parent_reminded_once(
    tree: OrgTree, settings: Any
) -> None:
    settings.HOT_SPOT_REPORT_HOURS = 6
    officer = tree.user("cs_a1")
    matter = matter_create_from_report(actor=officer, report=make_report(tree))
    reported = matter_create_from_report(
        actor=tree.user("cs_a2"), report=make_report(tree, "cs_a2")
    )
    with mock.patch("django.utils.timezone.now", return_value=at(8)):
        matter_mark_hot(actor=officer, matter=matter, note="Công nhân tụ tập")
        matter_mark_hot(actor=tree.user("cs_a2"), matter=reported)
    reported.hot_reported_at = at(10)
    reported.save(update_fields=["hot_reported_at"])

    assert hot_spots_overdue_check(now=at(13, 59)) == {"flagged": 0, "notified": 0, "emails": 0}
    counts = hot_spots_overdue_check(now=at(14, 1))
    assert counts == {"flagged": 1, "notified": 2, "emails": 2}
    matter.refresh_from_db()
    reported.refresh_from_db()
    assert matter.hot_overdue_flagged_at == at(14, 1)
    assert reported.hot_overdue_flagged_at is None

    notices = Notification.objects.filter(kind=NotificationKind.HOT_SPOT_OVERDUE)
    assert {n.recipient for n in notices} == staff(tree, "upper_a")
    assert {n.matter_id for n in notices} == {matter.pk}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in staff(tree, "upper_a"))
    assert mail.outbox[0].subject.startswith("[Điểm nóng quá hạn]")
    assert f"/van-de/{matter.pk}/" in mail.outbox[0].body

    with mock.patch("django.utils.timezone.now", return_value=at(20)):
        assert hot_spots_overdue_task() == {"flagged": 0, "notified": 0, "emails": 0}
        out = StringIO()
        call_command("hot_spots_check", stdout=out)
    assert "Điểm nóng quá hạn mới: 0" in out.getvalue()
    assert notices.count() == 2
    assert len(mail.outbox) == 2


def test_the_overdue_check_is_a_periodic_job() -> None:
    from config.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert hot_spots_overdue_task.name in tasks


def test_a_refused_webhook_is_tried_again_with_growing_pauses_until_taken(
    tree: OrgTree, settings: Any, hook_server: str, django_capture_on_commit_callbacks: Any
) -> None:
    from datetime import timedelta

    from duluan.notifications.models import WebhookDelivery
    from duluan.notifications.webhooks import webhooks_retry

    settings.HOT_SPOT_WEBHOOK_URL = hook_server
    settings.HOT_SPOT_WEBHOOK_SECRET = SECRET
    Hook.refuse = 2
    matter = hot_matter(tree, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get(matter=matter)
    assert (delivery.attempts, delivery.delivered_at) == (1, None)
    assert delivery.last_error.startswith("HTTPError") and delivery.next_at is not None
    first_due = delivery.next_at

    assert webhooks_retry(now=first_due - timedelta(seconds=1)) == {"retried": 0, "delivered": 0}
    assert webhooks_retry(now=first_due) == {"retried": 1, "delivered": 0}  # refused again
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.next_at == first_due + timedelta(minutes=10)
    assert webhooks_retry(now=delivery.next_at) == {"retried": 1, "delivered": 1}
    delivery.refresh_from_db()
    assert delivery.delivered_at is not None and delivery.next_at is None
    assert webhooks_retry(now=delivery.next_at or first_due + timedelta(days=1))["retried"] == 0

    assert len(Hook.received) == 3
    bodies = [json.loads(body) for _, body in Hook.received]
    assert {b["delivery_id"] for b in bodies} == {delivery.pk}  # the gateway can drop repeats
    for headers, body in Hook.received:
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(headers["X-Duluan-Signature"], expected)
    failures = AuditEvent.objects.filter(object_type="hot_spot_webhook_failed")
    assert failures.count() == 2


def test_a_webhook_is_given_up_after_the_configured_tries(
    tree: OrgTree, settings: Any, hook_server: str, django_capture_on_commit_callbacks: Any
) -> None:
    from duluan.notifications.models import WebhookDelivery
    from duluan.notifications.webhooks import webhooks_retry

    settings.HOT_SPOT_WEBHOOK_URL = hook_server
    settings.HOT_SPOT_WEBHOOK_ATTEMPTS = 3
    Hook.refuse = 10
    matter = hot_matter(tree, django_capture_on_commit_callbacks)
    for _ in range(5):
        delivery = WebhookDelivery.objects.get(matter=matter)
        if delivery.next_at is None:
            break
        webhooks_retry(now=delivery.next_at)
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.next_at, delivery.delivered_at) == (3, None, None)
    assert len(Hook.received) == 3
    last = AuditEvent.objects.filter(object_type="hot_spot_webhook_failed").order_by("-id")[0]
    assert last.note.endswith("given up")
    out = StringIO()
    call_command("hot_spots_check", stdout=out)
    assert "Webhook gửi lại: 0" in out.getvalue()


def test_a_closed_matter_is_never_overdue(org_tree: OrgTree) -> None:
    """A hot spot whose written report came late (or never) is not "quá hạn" once closed."""
    matter = verified_matter(org_tree, "cs_a1")
    long_ago = timezone.now() - timedelta(days=30)
    Matter.objects.filter(pk=matter.pk).update(is_hot_spot=True, hot_since=long_ago)
    matter.refresh_from_db()
    assert matter.is_hot_overdue()
    assert matter.pk in overdue_matter_ids([matter], timezone.now())
    Matter.objects.filter(pk=matter.pk).update(state=State.DONG)
    matter.refresh_from_db()
    assert not matter.is_hot_overdue()
    assert overdue_matter_ids([matter], timezone.now()) == set()
    officer = org_tree.user("cs_a1")
    assert matter_list(officer, state=State.DONG, overdue=True).count() == 0
    client = Client()
    client.force_login(officer)
    page = client.get(f"/van-de/{matter.pk}/").content.decode()
    assert "badge-late" not in page and "(quá hạn)" not in page
    # A report sent late stays visible as such, without the overdue badge.
    Matter.objects.filter(pk=matter.pk).update(hot_reported_at=timezone.now())
    page = client.get(f"/van-de/{matter.pk}/").content.decode()
    assert "đã báo cáo chậm" in page and "badge-late" not in page
