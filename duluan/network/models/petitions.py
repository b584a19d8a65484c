"""Dialogues and workers' conferences, and the petitions raised there, followed until closed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duluan.intake.models import Report
from duluan.org.models import Unit

from ..choices import DialogueKind, PetitionState

USER = settings.AUTH_USER_MODEL


class Dialogue(models.Model):
    """A dialogue or conference held at an enterprise or agency (``unit``)."""

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="dialogues",
        verbose_name=_("đơn vị, doanh nghiệp"),
    )
    kind = models.CharField(_("hình thức"), max_length=20, choices=DialogueKind.choices)
    held_on = models.DateField(_("ngày tổ chức"))
    enterprise = models.CharField(_("doanh nghiệp, cơ quan"), max_length=255, blank=True)
    parties = models.CharField(_("thành phần tham dự"), max_length=500, blank=True)
    participants = models.PositiveIntegerField(_("số người tham dự"), default=0)
    summary = models.TextField(_("nội dung chính"), blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đối thoại, hội nghị")
        verbose_name_plural = _("đối thoại, hội nghị")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["unit", "held_on"], name="network_dialogue_unit_held")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}"


class DialogueObligation(models.Model):
    """An enterprise or agency that must hold a dialogue every year (from ``since_year``)."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="dialogue_obligation")
    since_year = models.PositiveSmallIntegerField(_("từ năm"))
    note = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("nghĩa vụ đối thoại định kỳ")
        verbose_name_plural = _("nghĩa vụ đối thoại định kỳ")

    def __str__(self) -> str:
        return f"{self.unit} từ {self.since_year}"


class Petition(models.Model):
    """One issue raised: who must answer by when, the answer, its follow-up.

    ``due_at`` is the computed deadline; an extension recorded in
    ``core.DeadlineExtension`` moves it (see :func:`duluan.core.calendar.effective_due`).
    ``unit`` is the dialogue's, kept on the row for scope.
    """

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="petitions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="petitions")
    content = models.TextField(_("nội dung kiến nghị"))
    answerer = models.CharField(_("người, cơ quan trả lời"), max_length=255)
    due_at = models.DateTimeField(_("hạn trả lời"))
    state = models.CharField(
        _("tình trạng"), max_length=24, choices=PetitionState.choices, default=PetitionState.OPEN
    )
    answer = models.TextField(_("trả lời"), blank=True)
    reason = models.CharField(_("lý do không giải quyết được"), max_length=500, blank=True)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    report = models.ForeignKey(
        Report,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phản ánh liên quan"),
    )
    matter = models.ForeignKey(
        "cases.Matter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("vấn đề liên quan"),
    )
    overdue_flagged_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["unit", "state", "due_at"], name="network_petition_open")]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=PetitionState.values),
                name="network_petition_state_valid",
                violation_error_message=_("Tình trạng kiến nghị không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=~Q(state=PetitionState.REFUSED) | ~Q(reason=""),
                name="network_petition_refusal_reason",
                violation_error_message=_("Kiến nghị không giải quyết được phải ghi lý do."),
            ),
        ]

    def __str__(self) -> str:
        return self.content[:80]


class PetitionUpdate(models.Model):
    """The follow-up history: every state change with its note."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="updates")
    state = models.CharField(_("tình trạng"), max_length=24, choices=PetitionState.choices)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("diễn biến kiến nghị")
        verbose_name_plural = _("diễn biến kiến nghị")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.state}"
