"""Writes of reports. Every report enters through :func:`report_create`."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connections, models, router, transaction
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.dates import past_date_error
from duluan.core.errors import ConflictError, NotFoundError, ValidationFailed
from duluan.core.text import fold, nfc
from duluan.org.choices import Perm
from duluan.org.models import Unit, User
from duluan.org.scope import acting_account, recorded_account, unit_in_scope
from duluan.org.types import Actor
from duluan.privacy.choices import ConsentMethod, Purpose
from duluan.privacy.services import consent_give

from .attachments import UploadedFile, check_attachment
from .choices import Source
from .keys import submitter_key
from .models import Report, ReportAttachment, ReporterIdentity, SubmissionKey
from .privacy import SUBJECT_KIND as IDENTITY_KIND
from .signals import send_reports_created


@dataclass
class ReportData:
    """The fields a person gives; everything else is derived."""

    unit_id: int
    channel: str
    heard_at: datetime
    subject: str
    text: str
    kind: str
    mood: str
    verifiability: str
    urgency: str = "binh_thuong"
    place: str = ""
    people_count: int | None = None
    anonymous: bool = True
    reporter_name: str = ""
    reporter_contact: str = ""
    attachments: list[UploadedFile] = field(default_factory=list)


def report_search_text(subject: str, text: str, place: str) -> str:
    return fold(f"{subject} {place} {text}")


def build_report(*, unit: Unit, data: ReportData, source: str) -> Report:
    """An unsaved, cleaned report (shared by the form, the API and imports)."""
    subject, text, place = nfc(data.subject), nfc(data.text), nfc(data.place)
    heard_at = data.heard_at
    if timezone.is_naive(heard_at):
        heard_at = timezone.make_aware(heard_at)
    report = Report(
        unit=unit,
        channel=data.channel,
        heard_at=heard_at,
        place=place,
        subject=subject,
        text=text,
        people_count=data.people_count,
        kind=data.kind,
        mood=data.mood,
        urgency=data.urgency,
        verifiability=data.verifiability,
        source=source,
        is_anonymous=data.anonymous,
        search_text=report_search_text(subject, text, place),
    )
    return report


def report_bulk_insert(reports: Sequence[Report], *, batch_size: int = 5000) -> int:
    """Insert already-validated reports with plain ``executemany`` (no ids come back).

    For imports of tens of thousands of rows: Django's ``bulk_create`` spends
    most of its time compiling per-value SQL; the database itself is fast.
    Values are adapted the way Django would (datetimes by the backend).
    """
    if not reports:
        return 0
    connection = connections[router.db_for_write(Report)]
    fields = [f for f in Report._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(f.column)) for f in fields)
    values = ", ".join(["%s"] * len(fields))
    # Table and column names come from the model, never from input.
    sql = f"INSERT INTO {quote(Report._meta.db_table)} ({columns}) VALUES ({values})"  # noqa: S608
    adapt = connection.ops.adapt_datetimefield_value
    is_datetime = [isinstance(f, models.DateTimeField) for f in fields]
    attnames = [f.attname for f in fields]
    now = timezone.now()
    with connection.cursor() as cursor:
        for start in range(0, len(reports), batch_size):
            rows = []
            for report in reports[start : start + batch_size]:
                report.created_at = report.created_at or now
                report.updated_at = now
                raw = [getattr(report, name) for name in attnames]
                rows.append(
                    tuple(adapt(v) if dt else v for v, dt in zip(raw, is_datetime, strict=True))
                )
            cursor.executemany(sql, rows)
    return len(reports)


def _validate(report: Report) -> None:
    try:
        report.full_clean(exclude=["unit"])
    except ValidationError as exc:
        raise ValidationFailed("Phản ánh chưa hợp lệ.", extra={"errors": exc.message_dict}) from exc
    if report.heard_at > timezone.now() + timedelta(minutes=5):
        raise ValidationFailed(
            "Thời điểm ghi nhận không được ở tương lai.",
            extra={"errors": {"heard_at": ["Thời điểm ghi nhận không được ở tương lai."]}},
        )
    # The future is refused above (a report is heard, never planned); this adds 2000.
    too_old = past_date_error(report.heard_at)
    if too_old:
        raise ValidationFailed(too_old, extra={"errors": {"heard_at": [too_old]}})


def _record_identity(*, actor: User, report: Report, data: ReportData, source: str) -> None:
    """The named reporter, kept apart, with consent recorded per purpose."""
    name = nfc(data.reporter_name) or actor.full_name or actor.get_username()
    identity = ReporterIdentity.objects.create(
        report=report, user=actor, name=name[:150], contact=nfc(data.reporter_contact)[:150]
    )
    method = ConsentMethod.API if source == Source.API else ConsentMethod.WEB
    consent_give(
        subject_kind=IDENTITY_KIND,
        subject_id=identity.pk,
        purpose=Purpose.NAMED_REPORT,
        method=method,
        recorded_by=actor,
    )
    if identity.contact:
        consent_give(
            subject_kind=IDENTITY_KIND,
            subject_id=identity.pk,
            purpose=Purpose.CONTACT_BACK,
            method=method,
            recorded_by=actor,
        )


@transaction.atomic
def report_create_once(
    *, actor: Actor, data: ReportData, source: str, key: str, fingerprint: str
) -> tuple[Report, bool]:
    """:func:`report_create` under a client's idempotency key: the first request
    with ``key`` stores the report; a repeat (same account, same key, same
    ``fingerprint`` of the body) gets that report back and ``True`` (replayed),
    nothing written, no second analysis. Two repeats racing each other: the
    unique key makes the second wait for the first and then read its report.
    The same key with another body is refused (409)."""
    account = submitter_key(acting_account(actor).pk)
    try:
        with transaction.atomic():
            claim = SubmissionKey.objects.create(
                account_key=account, key=key, request_sha256=fingerprint
            )
    except IntegrityError:
        earlier = SubmissionKey.objects.get(account_key=account, key=key)
        report = Report.objects.filter(pk=earlier.report_id).first() if earlier.report_id else None
        if earlier.request_sha256 != fingerprint or report is None:
            raise ConflictError(
                "Khóa Idempotency-Key này đã được dùng cho một phản ánh khác. "
                "Mỗi phản ánh mới cần một khóa mới."
            ) from None
        return report, True
    report = report_create(actor=actor, data=data, source=source)
    SubmissionKey.objects.filter(pk=claim.pk).update(report_id=report.pk)
    return report, False


def submission_keys_prune(*, now: datetime | None = None) -> int:
    """Forget idempotency keys older than ``DULUAN_API_IDEMPOTENCY_HOURS``."""
    moment = now or timezone.now()
    horizon = moment - timedelta(hours=settings.API_IDEMPOTENCY_HOURS)
    deleted, _ = SubmissionKey.objects.filter(created_at__lt=horizon).delete()
    return deleted


@transaction.atomic
def report_create(*, actor: Actor, data: ReportData, source: str = Source.WEB) -> Report:
    """File a report for a unit in the actor's reach.

    The row carries no identity; a named reporter is stored in ReporterIdentity.
    """
    unit = Unit.objects.filter(pk=data.unit_id, is_active=True).first()
    if unit is None or not unit_in_scope(actor, Perm.REPORT_SUBMIT, unit):
        raise NotFoundError(
            "Không tìm thấy đơn vị hoặc bạn không được gửi phản ánh cho đơn vị này."
        )
    # The system actor (a channel's message, a command-line run) files for no account:
    # the report carries no submitter key and can name no one.
    user = recorded_account(actor)
    checked = [check_attachment(upload) for upload in data.attachments]
    report = build_report(unit=unit, data=data, source=source)
    report.submitter_key = submitter_key(user.pk) if user is not None else ""
    _validate(report)
    report.save()
    if not data.anonymous and user is not None:
        _record_identity(actor=user, report=report, data=data, source=source)
    for upload, (content, content_type) in zip(data.attachments, checked, strict=True):
        digest = hashlib.sha256(content).hexdigest()
        attachment = ReportAttachment(
            report=report,
            original_name=nfc(upload.name)[:255] or "tep-dinh-kem",
            content_type=content_type,
            size=len(content),
            sha256=digest,
        )
        attachment.file.save(digest, ContentFile(content), save=False)
        attachment.save()
    audit_record(
        actor=actor,
        action=Action.REPORT_CREATE,
        object_type="report",
        object_ids=[report.pk],
        unit_id=unit.pk,
        channel=source,
    )
    send_reports_created(report_ids=[report.pk])
    return report
