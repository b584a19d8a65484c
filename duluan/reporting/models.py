"""Schedules (who owes which report, to whom, by when) and the reports themselves."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from duluan.org.models import Unit, UnitLevel

from .choices import ReportType, State


class Schedule(models.Model):
    """One obligation: units of ``level`` (or, when no level is given, at tree
    ``depth``) owe a ``report_type`` report to ``to_unit`` (their parent when
    empty), due on ``due_day`` of the ``months_after``-th month after the period.

    With no active row at all, :data:`duluan.reporting.schedules.DEFAULT_SCHEDULES`
    applies (the seeds' rule: the upper-level unions report monthly by the 20th).
    """

    report_type = models.CharField(_("loại báo cáo"), max_length=20, choices=ReportType.choices)
    level = models.ForeignKey(
        UnitLevel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cấp phải báo cáo"),
    )
    depth = models.PositiveSmallIntegerField(
        _("độ sâu trong cây (khi không chọn cấp)"), null=True, blank=True
    )
    to_unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gửi đến (trống: cấp trên trực tiếp)"),
    )
    due_day = models.PositiveSmallIntegerField(_("hạn: ngày trong tháng"), default=20)
    months_after = models.PositiveSmallIntegerField(_("hạn: tháng thứ mấy sau kỳ"), default=1)
    remind_days_before = models.PositiveSmallIntegerField(_("nhắc trước hạn (ngày)"), default=3)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("lịch báo cáo")
        verbose_name_plural = _("lịch báo cáo")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__isnull=False) | models.Q(depth__isnull=False),
                name="reporting_schedule_level_or_depth",
                violation_error_message=_("Chọn cấp hoặc độ sâu phải báo cáo."),
            ),
            models.CheckConstraint(
                condition=models.Q(due_day__gte=1, due_day__lte=31),
                name="reporting_schedule_due_day",
                violation_error_message=_("Ngày hạn phải từ 1 đến 31."),
            ),
            models.CheckConstraint(
                condition=models.Q(months_after__gte=1, months_after__lte=12),
                name="reporting_schedule_months_after",
                violation_error_message=_("Hạn phải trong vòng 1 đến 12 tháng sau kỳ."),
            ),
        ]

    def __str__(self) -> str:
        who = self.level.name if self.level else f"độ sâu {self.depth}"
        return f"{self.get_report_type_display()} · {who} · ngày {self.due_day}"


class PeriodicReport(models.Model):
    """A unit's synthesis for one period: draft → approved by a leader → submitted.

    ``figures`` keeps the numbers as sent (code → value), so the parent's
    synthesis and the compliance board read what was submitted even after
    late reports change the live aggregates.
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="periodic_reports", verbose_name=_("đơn vị")
    )
    report_type = models.CharField(_("loại báo cáo"), max_length=20, choices=ReportType.choices)
    period = models.CharField(_("kỳ"), max_length=20)
    span_start = models.DateTimeField(_("từ"))
    span_end = models.DateTimeField(_("đến (không gồm)"))
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=State.choices, default=State.DRAFT
    )
    title = models.CharField(_("trích yếu"), max_length=255, blank=True)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    situation = models.TextField(_("Tình hình tư tưởng, dư luận xã hội"), blank=True)
    issues = models.TextField(_("Những vấn đề nổi cộm"), blank=True)
    results = models.TextField(_("Kết quả giải quyết"), blank=True)
    forecast = models.TextField(_("Dự báo"), blank=True)
    proposals = models.TextField(_("Kiến nghị, đề xuất"), blank=True)
    recipients = models.TextField(_("Nơi nhận"), blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=150, blank=True)
    figures = models.JSONField(_("số liệu khi gửi"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")
        ordering = ["-span_start", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "report_type", "period"],
                condition=~models.Q(report_type__in=["ad_hoc", "hot_spot"]),
                name="reporting_one_per_unit_type_period",
                violation_error_message=_("Đơn vị đã có báo cáo loại này cho kỳ này."),
            ),
            models.CheckConstraint(
                condition=models.Q(span_end__gt=models.F("span_start")),
                name="reporting_span_order",
                violation_error_message=_("Kỳ báo cáo phải kết thúc sau khi bắt đầu."),
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=State.values),
                name="reporting_state_valid",
                violation_error_message=_("Trạng thái không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=models.Q(report_type__in=ReportType.values),
                name="reporting_type_valid",
                violation_error_message=_("Loại báo cáo không hợp lệ."),
            ),
        ]
        indexes = [
            models.Index(fields=["report_type", "period", "state"], name="reporting_type_period"),
        ]

    def __str__(self) -> str:
        return f"{self.get_report_type_display()} {self.period} · {self.unit}"

    @property
    def display_title(self) -> str:
        """ "Báo cáo tháng 11/2026" (the period's code when it no longer parses)."""
        from duluan.core.errors import ApplicationError

        from .choices import report_title
        from .periods import Period

        try:
            return report_title(self.report_type, Period.parse(self.period))
        except ApplicationError:
            return f"{self.get_report_type_display()} {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.state == State.DRAFT

    @cached_property
    def due_at(self) -> datetime | None:
        """Computed from the schedules, the working-day calendar and any extension,
        never stored (``schedules.report_due``)."""
        from .schedules import report_due

        return report_due(self)

    @property
    def on_time(self) -> bool | None:
        if self.submitted_at is None or self.due_at is None:
            return None
        return self.submitted_at <= self.due_at
