from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from duluan.audit.breach import breach_exposure
from duluan.audit.models import Action, AppendOnly, AuditEvent
from duluan.conftest import PASSWORD
from duluan.intake.services import report_create
from duluan.intake.tests.test_report_create import data_for
from duluan.org.choices import Role
from duluan.privacy.retention import retention_apply


def _client(user) -> Client:
    client = Client()
    client.post("/dang-nhap/", {"username": user.username, "password": PASSWORD})
    return client


@pytest.fixture
def reports(org_tree):
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    named = report_create(
        actor=collaborator,
        data=data_for(org_tree.cs_a1.pk, anonymous=False, reporter_contact="0912345678"),
    )
    plain = report_create(
        actor=collaborator, data=data_for(org_tree.cs_a1.pk, subject="Lo tăng ca")
    )
    return named, plain


def test_reads_are_logged_with_ids_and_no_content(org_tree, reports) -> None:
    named, plain = reports
    officer = org_tree.user("cs_a1")
    client = _client(officer)
    assert client.get("/phan-anh/").status_code == 200
    assert client.get(f"/phan-anh/{named.pk}/").status_code == 200
    listing = AuditEvent.objects.get(actor=officer, action=Action.REPORT_LIST)
    assert set(listing.object_ids) == {named.pk, plain.pk}
    opened = AuditEvent.objects.get(actor=officer, action=Action.IDENTITY_VIEW)
    assert opened.object_ids == [named.pk]
    dump = str(list(AuditEvent.objects.values()))
    assert "0912345678" not in dump and "nợ lương" not in dump.lower()


def test_log_is_append_only(org_tree, reports) -> None:
    event = AuditEvent.objects.first()
    assert event is not None
    event.note = "sửa"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()


def test_breach_drill_lists_what_an_account_exposed(org_tree, reports, capsys) -> None:
    named, plain = reports
    leaked = org_tree.user("cs_a1")
    client = _client(leaked)
    client.get("/phan-anh/")
    client.get(f"/phan-anh/{named.pk}/")
    _client(org_tree.user("upper_b")).get("/phan-anh/")  # another account, other records
    exposure = breach_exposure(actor_id=leaked.pk).as_dict()
    assert exposure["record_ids"]["report"] == sorted([named.pk, plain.pk])
    assert exposure["named_reporters_exposed"] == 1
    call_command("breach_drill", "--account", leaked.username)
    out = capsys.readouterr().out
    assert "Bản ghi report bị lộ: 2" in out and "danh tính bị lộ: 1" in out
    window = breach_exposure(since=timezone.now() - timedelta(minutes=5)).as_dict()
    assert len(window["accounts"]) >= 2


def test_old_events_leave_only_through_retention(org_tree, reports, settings) -> None:
    before = AuditEvent.objects.count()
    later = timezone.now() + timedelta(days=settings.RETENTION_DAYS["audit"] + 1)
    assert retention_apply(now=later)["audit_events"] == before
    assert AuditEvent.objects.count() == 0
