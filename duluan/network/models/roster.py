"""The roster as dated events, the yearly evaluation, rewards and discipline, media groups."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duluan.org.models import Unit

from ..choices import CommendationKind, EventKind, Grade, MemberKind, Platform, RosterStatus

USER = settings.AUTH_USER_MODEL


class NetworkMember(models.Model):
    """A collaborator or reporter. Who they are; where and whether they serve
    on a given day comes from their :class:`RosterEvent` rows, never from here.

    ``unit`` and ``status`` mirror the latest event (for lists and scope);
    the events are the record.
    """

    kind = models.CharField(_("loại"), max_length=3, choices=MemberKind.choices)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    user = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_members",
        verbose_name=_("tài khoản"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="network_members", verbose_name=_("đơn vị")
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=RosterStatus.choices, default=RosterStatus.ACTIVE
    )
    position = models.CharField(_("chức vụ, nơi làm việc"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    fields_followed = models.CharField(_("lĩnh vực theo dõi"), max_length=255, blank=True)
    groups_reached = models.CharField(
        _("nhóm đoàn viên, nhóm mạng tiếp cận"), max_length=255, blank=True
    )
    external_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cộng tác viên, báo cáo viên")
        verbose_name_plural = _("cộng tác viên, báo cáo viên")
        ordering = ["full_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=MemberKind.values),
                name="network_member_kind_valid",
                violation_error_message=_("Loại nhân sự không hợp lệ."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class RosterEvent(models.Model):
    """One dated change: appointment (with its decision), status change, transfer, departure.

    The roster on day D is, for each member, their latest event on or before D.
    """

    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=12, choices=EventKind.choices)
    on = models.DateField(_("từ ngày"))
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    status = models.CharField(_("trạng thái"), max_length=12, choices=RosterStatus.choices)
    decision_no = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    term_end = models.DateField(_("hết nhiệm kỳ"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("diễn biến nhân sự")
        verbose_name_plural = _("diễn biến nhân sự")
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["member", "on"], name="network_event_member_on")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RosterStatus.values),
                name="network_event_status_valid",
                violation_error_message=_("Trạng thái không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("on")),
                name="network_event_term_after_start",
                violation_error_message=_("Ngày hết nhiệm kỳ phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.on:%d/%m/%Y} {self.get_kind_display()}"


class MediaGroup(models.Model):
    """A unit's media group (Zalo group, fanpage, website) that carries information down."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="media_groups")
    platform = models.CharField(_("nền tảng"), max_length=10, choices=Platform.choices)
    name = models.CharField(_("tên nhóm, trang"), max_length=200)
    members = models.PositiveIntegerField(_("số thành viên"), default=0)
    opened_on = models.DateField(_("lập ngày"))
    closed_on = models.DateField(_("ngừng ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhóm truyền thông")
        verbose_name_plural = _("nhóm truyền thông")
        ordering = ["unit_id", "opened_on"]

    def __str__(self) -> str:
        return self.name


class Evaluation(models.Model):
    """The yearly grading of one member: prefilled from the figures, signed by a leader."""

    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="evaluations")
    year = models.PositiveSmallIntegerField(_("năm"))
    figures = models.JSONField(_("số liệu làm căn cứ"), default=dict)
    score = models.PositiveSmallIntegerField(_("điểm theo công thức"), default=0)
    suggested = models.CharField(_("xếp loại gợi ý"), max_length=20, choices=Grade.choices)
    grade = models.CharField(_("xếp loại"), max_length=20, choices=Grade.choices)
    comment = models.TextField(_("nhận xét"), blank=True)
    signed_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(_("ký duyệt lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đánh giá, xếp loại")
        verbose_name_plural = _("đánh giá, xếp loại")
        ordering = ["-year", "member_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year"],
                name="network_evaluation_unique",
                violation_error_message=_("Người này đã có phiếu đánh giá năm này."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.year}: {self.get_grade_display()}"


class Commendation(models.Model):
    """A reward or a disciplinary measure, with its decision."""

    member = models.ForeignKey(
        NetworkMember, on_delete=models.CASCADE, related_name="commendations"
    )
    kind = models.CharField(_("loại"), max_length=12, choices=CommendationKind.choices)
    form = models.CharField(_("hình thức"), max_length=200)
    reason = models.CharField(_("lý do"), max_length=500, blank=True)
    decision_no = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("khen thưởng, kỷ luật")
        verbose_name_plural = _("khen thưởng, kỷ luật")
        ordering = ["-decision_date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.decision_no}"
