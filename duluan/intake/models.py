"""Opinion reports (phản ánh DLXH) and what hangs off them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duluan.org.models import Unit

from .choices import Channel, Kind, Mood, Source, Urgency, Verifiability


class Report(models.Model):
    """One captured opinion. Carries no identity: see :class:`ReporterIdentity`.

    ``submitter_key`` is a keyed hash of the submitting account, so the account
    can list its own reports while the row itself names nobody.
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reports", verbose_name=_("đơn vị")
    )
    channel = models.CharField(_("kênh"), max_length=20, choices=Channel.choices)
    heard_at = models.DateTimeField(_("thời điểm ghi nhận"))
    place = models.CharField(_("nơi, doanh nghiệp"), max_length=255, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=200)
    text = models.TextField(_("nội dung"))
    people_count = models.PositiveIntegerField(
        _("số người liên quan (ước tính)"), null=True, blank=True
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    mood = models.CharField(_("tâm trạng"), max_length=20, choices=Mood.choices)
    urgency = models.CharField(
        _("mức độ"), max_length=20, choices=Urgency.choices, default=Urgency.NORMAL
    )
    verifiability = models.CharField(
        _("độ kiểm chứng nguồn"), max_length=20, choices=Verifiability.choices
    )
    source = models.CharField(_("nguồn nhập"), max_length=10, choices=Source.choices)
    is_anonymous = models.BooleanField(_("ẩn danh"), default=True)
    submitter_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    import_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    import_batch = models.ForeignKey(
        "ImportBatch", on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )
    search_text = models.TextField(blank=True, editable=False)
    text_anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("ngày nhập"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phản ánh")
        verbose_name_plural = _("phản ánh")
        ordering = ["-heard_at", "-id"]
        indexes = [
            # Covers the list's filters, so a filtered count reads the index only.
            models.Index(
                fields=["unit", "-heard_at", "kind", "channel", "urgency", "mood"],
                name="intake_report_unit_heard",
            ),
            models.Index(fields=["-heard_at", "-id"], name="intake_report_heard"),
            # A date range with filters over the whole tree counts off this index alone.
            models.Index(
                fields=["-heard_at", "kind", "channel", "urgency", "mood"],
                name="intake_report_heard_filters",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(channel__in=Channel.values),
                name="intake_report_channel_valid",
                violation_error_message=_("Kênh không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values),
                name="intake_report_kind_valid",
                violation_error_message=_("Loại phản ánh không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=models.Q(mood__in=Mood.values),
                name="intake_report_mood_valid",
                violation_error_message=_("Tâm trạng không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=models.Q(urgency__in=Urgency.values),
                name="intake_report_urgency_valid",
                violation_error_message=_("Mức độ không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=models.Q(verifiability__in=Verifiability.values),
                name="intake_report_verifiability_valid",
                violation_error_message=_("Độ kiểm chứng không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=models.Q(people_count__isnull=True) | models.Q(people_count__gte=1),
                name="intake_report_people_positive",
                violation_error_message=_("Số người liên quan phải từ 1 trở lên."),
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class ReporterIdentity(models.Model):
    """Who reported, when they chose to be named. Stored apart from the report;
    only officers of the report's own unit may read it."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="identity")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    name = models.CharField(_("họ tên"), max_length=150, blank=True)
    contact = models.CharField(_("liên hệ"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("danh tính người phản ánh")
        verbose_name_plural = _("danh tính người phản ánh")

    def __str__(self) -> str:
        return self.name or str(self.user or "")


def attachment_path(instance: ReportAttachment, filename: str) -> str:
    # Never the user's file name on disk: the hash is the name.
    return f"attachments/{instance.sha256[:2]}/{instance.sha256}"


class ReportAttachment(models.Model):
    """An image, PDF or DOCX (≤ 10 MB, type checked by content) attached to a report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self) -> str:
        return self.original_name


class ImportBatch(models.Model):
    """One spreadsheet import: what came in and what it wrote."""

    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_created = models.PositiveIntegerField(default=0)
    rows_duplicate = models.PositiveIntegerField(default=0)
    rows_invalid = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lần nhập")
        verbose_name_plural = _("các lần nhập")

    def __str__(self) -> str:
        return self.file_name


class SubmissionKey(models.Model):
    """An ``Idempotency-Key`` a client sent with ``POST /api/reports``: a retry of
    the same request (the answer was lost on the way back) gets the report the
    first try stored instead of a second one. The account is a keyed hash, as on
    the report; rows are dropped after ``DULUAN_API_IDEMPOTENCY_HOURS``."""

    account_key = models.CharField(max_length=64, editable=False)
    key = models.CharField(max_length=100, editable=False)
    request_sha256 = models.CharField(max_length=64, editable=False)
    report_id = models.BigIntegerField(null=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)

    class Meta:
        verbose_name = _("khóa gửi lại")
        verbose_name_plural = _("khóa gửi lại")
        constraints = [
            models.UniqueConstraint(
                fields=["account_key", "key"], name="intake_submission_key_once"
            )
        ]

    def __str__(self) -> str:
        return self.key
