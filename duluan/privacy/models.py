"""Consent, data-subject requests and the erasure ledger (Law 91/2025/QH15)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duluan.core.calendar import due_after_working_days, effective_due

from .choices import ConsentMethod, Purpose, RequestKind, RequestStatus

# Legal deadlines in working days, counted from receipt.
REPLY_WORKING_DAYS = 2
DONE_WORKING_DAYS = {
    RequestKind.ACCESS: 10,
    RequestKind.CORRECTION: 10,
    RequestKind.RESTRICTION: 10,
    RequestKind.DELETION: 20,
}


class Consent(models.Model):
    """A person's consent to one purpose: who, when, for what, how; withdrawable.

    ``subject_kind``/``subject_id`` name the record that holds the identity
    ("user" for an account, "reporter_identity" for a named report).
    """

    subject_kind = models.CharField(max_length=30)
    subject_id = models.PositiveBigIntegerField()
    purpose = models.CharField(_("mục đích"), max_length=30, choices=Purpose.choices)
    method = models.CharField(_("cách thức"), max_length=10, choices=ConsentMethod.choices)
    given_at = models.DateTimeField(_("thời điểm đồng ý"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("thời điểm rút"), null=True, blank=True)

    class Meta:
        verbose_name = _("sự đồng ý")
        verbose_name_plural = _("sự đồng ý")
        indexes = [
            models.Index(
                fields=["subject_kind", "subject_id", "purpose"], name="privacy_consent_subject"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purpose__in=Purpose.values),
                name="privacy_consent_purpose_valid",
                violation_error_message=_("Mục đích không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True)
                | models.Q(withdrawn_at__gte=models.F("given_at")),
                name="privacy_consent_withdrawn_after_given",
                violation_error_message=_("Thời điểm rút phải sau thời điểm đồng ý."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_kind}:{self.subject_id} · {self.get_purpose_display()}"


class DataSubjectRequest(models.Model):
    """A person's request about their data, tracked against the legal deadlines."""

    kind = models.CharField(_("loại yêu cầu"), max_length=20, choices=RequestKind.choices)
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.RECEIVED,
    )
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tài khoản của người yêu cầu"),
    )
    subject_name = models.CharField(_("họ tên người yêu cầu"), max_length=150, blank=True)
    subject_contacts = models.CharField(
        _("điện thoại, e-mail (cách nhau bởi dấu phẩy)"), max_length=300, blank=True
    )
    details = models.TextField(_("nội dung yêu cầu"), blank=True)
    received_at = models.DateTimeField(_("thời điểm nhận"), default=timezone.now)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    replied_at = models.DateTimeField(_("thời điểm phản hồi"), null=True, blank=True)
    done_at = models.DateTimeField(_("thời điểm hoàn thành"), null=True, blank=True)
    outcome = models.TextField(_("kết quả, lý do"), blank=True)

    class Meta:
        verbose_name = _("yêu cầu của chủ thể dữ liệu")
        verbose_name_plural = _("yêu cầu của chủ thể dữ liệu")
        ordering = ["-received_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=RequestKind.values),
                name="privacy_dsr_kind_valid",
                violation_error_message=_("Loại yêu cầu không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=models.Q(subject_user__isnull=False)
                | ~models.Q(subject_contacts="")
                | ~models.Q(subject_name=""),
                name="privacy_dsr_identifies_subject",
                violation_error_message=_(
                    "Cần tài khoản, họ tên hoặc cách liên hệ của người yêu cầu."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.subject_name or self.subject_user}"

    # Due dates are recomputed from their inputs every time, never stored.
    @property
    def reply_due(self) -> datetime:
        return due_after_working_days(self.received_at, REPLY_WORKING_DAYS)

    @property
    def done_due(self) -> datetime:
        computed = due_after_working_days(
            self.received_at, DONE_WORKING_DAYS[RequestKind(self.kind)]
        )
        return effective_due(self, computed) if self.pk else computed

    def is_overdue(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.status in (RequestStatus.DONE, RequestStatus.REFUSED):
            return False
        if self.replied_at is None and now > self.reply_due:
            return True
        return now > self.done_due


class ErasureEntry(models.Model):
    """What an erasure removed, by keys only (never the erased data itself).

    The same entry is appended to the ledger file outside the database, so a
    restore from an older backup can re-apply it.
    """

    at = models.DateTimeField(auto_now_add=True)
    request = models.ForeignKey(
        DataSubjectRequest, on_delete=models.SET_NULL, null=True, blank=True
    )
    keys = models.JSONField(default=dict)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("lần xoá dữ liệu")
        verbose_name_plural = _("nhật ký xoá dữ liệu")

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M}"
