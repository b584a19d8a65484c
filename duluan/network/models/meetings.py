"""Training classes and briefings (giao ban), with who registered and who came."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duluan.intake.models import Report
from duluan.org.models import Unit

from ..choices import AttendanceSource, BriefingKind
from .roster import NetworkMember

USER = settings.AUTH_USER_MODEL


def new_token() -> str:
    return secrets.token_urlsafe(16)


class TrainingClass(models.Model):
    """A training class (lớp tập huấn, bồi dưỡng nghiệp vụ) organised by a unit."""

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="training_classes",
        verbose_name=_("đơn vị tổ chức"),
    )
    title = models.CharField(_("tên lớp"), max_length=255)
    topic = models.CharField(_("chủ đề"), max_length=255, blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    online = models.BooleanField(_("trực tuyến"), default=False)
    trainers = models.CharField(_("giảng viên"), max_length=500, blank=True)
    invited = models.CharField(_("đơn vị, người được mời"), max_length=500, blank=True)
    materials = models.TextField(_("tài liệu"), blank=True)
    evaluation = models.TextField(_("đánh giá cuối khoá"), blank=True)
    checkin_token = models.CharField(max_length=40, default=new_token, editable=False)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lớp tập huấn")
        verbose_name_plural = _("lớp tập huấn")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="network_training_dates",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class TrainingAttendance(models.Model):
    """One person at one class. Attendance counts only ``checked_in_at``;
    a registration alone is not attendance. ``person_key`` identifies the
    person across classes (roster id, else folded name and unit), so counts
    can be given with and without repeats."""

    training = models.ForeignKey(
        TrainingClass, on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(
        NetworkMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="trainings"
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    person_key = models.CharField(max_length=200)
    registered = models.BooleanField(_("đã đăng ký"), default=False)
    checked_in_at = models.DateTimeField(_("có mặt lúc"), null=True, blank=True)
    source = models.CharField(_("nguồn"), max_length=10, choices=AttendanceSource.choices)
    rating = models.PositiveSmallIntegerField(_("đánh giá lớp (1–5)"), null=True, blank=True)

    class Meta:
        verbose_name = _("học viên")
        verbose_name_plural = _("học viên")
        ordering = ["full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "person_key"],
                name="network_training_person_unique",
                violation_error_message=_("Người này đã có trong danh sách lớp."),
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="network_training_rating_range",
                violation_error_message=_("Điểm đánh giá từ 1 đến 5."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class Briefing(models.Model):
    """A briefing meeting: information given down, opinions collected up."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="briefings", verbose_name=_("đơn vị")
    )
    kind = models.CharField(_("loại"), max_length=10, choices=BriefingKind.choices)
    title = models.CharField(_("tên cuộc giao ban"), max_length=255)
    held_at = models.DateTimeField(_("thời gian"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    chair = models.CharField(_("chủ trì"), max_length=200, blank=True)
    secretary = models.CharField(_("thư ký"), max_length=200, blank=True)
    agenda = models.TextField(_("chương trình"), blank=True)
    info_given = models.TextField(_("thông tin định hướng, tài liệu phổ biến"), blank=True)
    conclusion = models.TextField(_("kết luận"), blank=True)
    directions = models.ManyToManyField(
        "cases.Direction",
        blank=True,
        related_name="briefings",
        verbose_name=_("chỉ đạo, định hướng phổ biến"),
    )
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("giao ban")
        verbose_name_plural = _("giao ban")
        ordering = ["-held_at", "-id"]
        indexes = [models.Index(fields=["unit", "held_at"], name="network_briefing_unit_held")]

    def __str__(self) -> str:
        return self.title


class BriefingAttendance(models.Model):
    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(
        NetworkMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="briefings"
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    present = models.BooleanField(_("có mặt"), default=True)

    class Meta:
        verbose_name = _("thành phần dự giao ban")
        verbose_name_plural = _("thành phần dự giao ban")
        ordering = ["full_name", "id"]

    def __str__(self) -> str:
        return self.full_name


class BriefingOpinion(models.Model):
    """An opinion collected at the briefing: it is an opinion report (channel giao ban)."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="opinions")
    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="briefing_link")

    class Meta:
        verbose_name = _("ý kiến thu nhận tại giao ban")
        verbose_name_plural = _("ý kiến thu nhận tại giao ban")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.briefing_id} → {self.report_id}"
