from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from duluan.intake.models import Report, ReporterIdentity
from duluan.intake.selectors import my_report_list, report_identity, report_text_for
from duluan.intake.services import report_create
from duluan.intake.tests.test_report_create import data_for
from duluan.org.choices import Role
from duluan.org.models import LoginAttempt
from duluan.privacy.choices import Purpose, RequestKind, RequestStatus
from duluan.privacy.ledger import ledger_entries
from duluan.privacy.models import Consent
from duluan.privacy.register import impact_facts, register_markdown
from duluan.privacy.retention import retention_apply
from duluan.privacy.services import (
    consent_withdraw,
    dsr_complete,
    dsr_open,
    ledger_reapply,
    subject_erase,
    subject_export,
)
from duluan.privacy.subject import SubjectRef


@pytest.fixture(autouse=True)
def _ledger_in_tmp(settings, tmp_path) -> None:
    settings.ERASURE_LEDGER = str(tmp_path / "ledger.jsonl")


def _named_report(org_tree, contact: str = "0912 345 678") -> Report:
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    return report_create(
        actor=collaborator,
        data=data_for(
            org_tree.cs_a1.pk,
            anonymous=False,
            reporter_contact=contact,
            text="Chị Trần Thị Mai ở tổ 3 (0912 345 678) nói bị trừ lương vô lý.",
        ),
    )


def test_named_report_records_consent_per_purpose(org_tree) -> None:
    report = _named_report(org_tree)
    identity = report.identity
    purposes = set(
        Consent.objects.filter(subject_id=identity.pk, withdrawn_at__isnull=True).values_list(
            "purpose", flat=True
        )
    )
    assert purposes == {Purpose.NAMED_REPORT, Purpose.CONTACT_BACK}


def test_withdrawn_contact_consent_hides_the_contact(org_tree) -> None:
    report = _named_report(org_tree)
    officer = org_tree.user("cs_a1")
    identity = report_identity(officer, report)
    assert identity is not None and identity.contact == "0912 345 678"
    consent_withdraw(
        subject_kind="reporter_identity",
        subject_id=report.identity.pk,
        purpose=Purpose.CONTACT_BACK,
    )
    identity = report_identity(officer, report)
    assert identity is not None and identity.contact == ""


def test_personal_data_in_text_is_masked_for_other_units(org_tree) -> None:
    report = _named_report(org_tree)
    _, own_view = report_text_for(org_tree.user("cs_a1"), report)
    _, parent_view = report_text_for(org_tree.user("upper_a", Role.LEADER), report)
    assert "0912 345 678" in own_view
    assert "0912" not in parent_view and "Trần Thị Mai" not in parent_view
    assert "trừ lương" in parent_view


def test_export_holds_everything_about_the_person(org_tree) -> None:
    report = _named_report(org_tree)
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    data = subject_export(subject=SubjectRef(user_id=collaborator.pk))
    assert data["accounts"]["accounts"][0]["username"] == collaborator.username
    assert data["reports"]["named_reporter_records"][0]["contact"] == "0912 345 678"
    assert [r["id"] for r in data["reports"]["reports"]] == [report.pk]
    by_phone = subject_export(subject=SubjectRef(contacts=("+84 912-345-678",)))
    assert by_phone["reports"]["named_reporter_records"]


def test_deletion_request_erases_for_real_and_writes_the_ledger(
    org_tree, django_capture_on_commit_callbacks
) -> None:
    report = _named_report(org_tree)
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    admin = org_tree.user("province", Role.ADMIN)
    request = dsr_open(actor=admin, kind=RequestKind.DELETION, subject_user=collaborator)
    with django_capture_on_commit_callbacks(execute=True):
        dsr_complete(request=request, actor=admin)
    request.refresh_from_db()
    assert request.status == RequestStatus.DONE
    assert not ReporterIdentity.objects.exists()
    report.refresh_from_db()
    assert report.is_anonymous and report.submitter_key == ""
    assert "0912" not in report.text and "trừ lương" in report.text
    collaborator.refresh_from_db()
    assert collaborator.username.startswith("da-xoa-") and not collaborator.is_active
    assert not collaborator.has_usable_password()
    assert not Consent.objects.exists()
    assert list(my_report_list(collaborator)) == []
    (entry,) = ledger_entries()
    assert collaborator.pk in entry["keys"]["user_ids"]
    assert "0912" not in str(entry)  # keys only, never the erased data


def test_erasure_survives_a_restore_by_replaying_the_ledger(
    org_tree, django_capture_on_commit_callbacks
) -> None:
    report = _named_report(org_tree)
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    snapshot = {
        "identity": ReporterIdentity.objects.values().get(),
        "report": Report.objects.values("text", "submitter_key", "is_anonymous").get(pk=report.pk),
        "user": {"username": collaborator.username, "phone": "0912345678"},
    }
    with django_capture_on_commit_callbacks(execute=True):
        subject_erase(subject=SubjectRef(user_id=collaborator.pk, contacts=("0912 345 678",)))
    # Simulate restoring the older backup: the rows come back.
    ReporterIdentity.objects.create(**snapshot["identity"])
    Report.objects.filter(pk=report.pk).update(**snapshot["report"])
    type(collaborator).objects.filter(pk=collaborator.pk).update(**snapshot["user"], is_active=True)
    assert ledger_reapply() >= 2
    assert not ReporterIdentity.objects.exists()
    report.refresh_from_db()
    assert "0912" not in report.text and report.submitter_key == ""
    collaborator.refresh_from_db()
    assert collaborator.username.startswith("da-xoa-") and collaborator.phone == ""


def test_request_deadlines_count_working_days(org_tree) -> None:
    admin = org_tree.user("province", Role.ADMIN)
    received = timezone.make_aware(datetime(2026, 2, 13, 9, 0))  # Friday before Tết
    request = dsr_open(
        actor=admin, kind=RequestKind.ACCESS, subject_name="Nguyễn Văn A", received_at=received
    )
    assert timezone.localtime(request.reply_due).date() == datetime(2026, 2, 24).date()
    assert timezone.localtime(request.done_due).date() == datetime(2026, 3, 6).date()
    deletion = dsr_open(
        actor=admin, kind=RequestKind.DELETION, subject_name="B", received_at=received
    )
    assert timezone.localtime(deletion.done_due).date() == datetime(2026, 3, 20).date()
    assert deletion.is_overdue(now=timezone.make_aware(datetime(2026, 2, 25, 8, 0)))
    assert not deletion.is_overdue(now=timezone.make_aware(datetime(2026, 2, 23, 8, 0)))


def test_extension_moves_the_done_deadline(org_tree) -> None:
    from duluan.core.calendar import deadline_extend

    admin = org_tree.user("province", Role.ADMIN)
    received = timezone.make_aware(datetime(2026, 11, 2, 9, 0))
    request = dsr_open(
        actor=admin, kind=RequestKind.CORRECTION, subject_name="C", received_at=received
    )
    original = request.done_due
    later = original + timedelta(days=10)
    deadline_extend(
        item=request, new_due=later, reason="Chờ đơn vị cơ sở xác minh", granted_by=admin
    )
    assert request.done_due == later
    assert not request.is_overdue(now=original + timedelta(days=1)) or request.replied_at is None


def test_retention_erases_what_expired(org_tree, settings) -> None:
    report = _named_report(org_tree)
    LoginAttempt.objects.create(username="x", succeeded=False)
    later = timezone.now() + timedelta(days=settings.RETENTION_DAYS["reporter_identity"] + 1)
    preview = retention_apply(now=later, dry_run=True)
    assert preview["reporter_identities"] == 1 and ReporterIdentity.objects.exists()
    counts = retention_apply(now=later)
    assert counts["reporter_identities"] == 1 and counts["login_attempts"] >= 1
    assert not ReporterIdentity.objects.exists()
    report.refresh_from_db()
    assert report.is_anonymous
    much_later = timezone.now() + timedelta(days=settings.RETENTION_DAYS["report_text"] + 1)
    retention_apply(now=much_later)
    report.refresh_from_db()
    assert report.text_anonymised_at is not None and "0912" not in report.text
    assert retention_apply(now=much_later)["report_texts"] == 0  # idempotent


def test_processing_register_is_generated_from_the_system(org_tree) -> None:
    _named_report(org_tree)
    markdown = register_markdown()
    assert "Danh tính người phản ánh" in markdown and "Nhật ký đăng nhập" in markdown
    facts = impact_facts()
    assert facts["consents_live_by_purpose"]["named_report"] == 1
    assert any(e["sensitive"] for e in facts["register"])
