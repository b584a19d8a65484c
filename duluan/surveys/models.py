"""Surveys and quick polls: forms (XLSForm versions), distribution, responses.

A response carries its answers, its unit, its form version and the day it came
in: no account, no IP address, no device id (the ODK device row names the
collector's phone, never the respondent). See docs/surveys.md.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duluan.org.models import Unit

from .choices import ResponseSource, SurveyKind


def new_public_key() -> str:
    return secrets.token_urlsafe(12)


class Survey(models.Model):
    """A survey or quick poll owned by ``unit``, aimed at its subtree."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("đơn vị tổ chức")
    )
    title = models.CharField(_("tên khảo sát"), max_length=255)
    description = models.TextField(_("giới thiệu"), blank=True)
    kind = models.CharField(
        _("loại"), max_length=10, choices=SurveyKind.choices, default=SurveyKind.SURVEY
    )
    opens_at = models.DateTimeField(_("mở từ"), null=True, blank=True)
    closes_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    anonymous = models.BooleanField(_("ẩn danh"), default=True)
    codes_required = models.BooleanField(_("cần mã dùng một lần"), default=False)
    public_key = models.CharField(max_length=32, unique=True, default=new_public_key)
    raking_margins = models.JSONField(
        _("cơ cấu tổng thể để hiệu chỉnh (raking)"), default=dict, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("khảo sát")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__isnull=True)
                | models.Q(opens_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="survey_window_order",
                violation_error_message=_("Thời điểm đóng phải sau thời điểm mở."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, at: datetime | None = None) -> bool:
        now = at or timezone.now()
        return (self.opens_at is None or self.opens_at <= now) and (
            self.closes_at is None or now < self.closes_at
        )

    @property
    def current_version(self) -> SurveyVersion | None:
        return self.versions.order_by("-number").first()


class SurveyVersion(models.Model):
    """One form of a survey; a form changed after responses exist is a new version."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("phiên bản"))
    workbook = models.JSONField(_("các trang XLSForm"))
    spec = models.JSONField(_("cây biểu mẫu (pyxform JSON)"))
    xform = models.TextField(_("XForm"))
    # Told at import: what only ODK Collect does on this form (capabilities.py).
    warnings = models.JSONField(_("cảnh báo khi nhập"), default=list, blank=True)
    # Why the web form cannot be answered at all; non-empty: no posters, QR or links.
    web_blockers = models.JSONField(
        _("lý do không trả lời được trên web"), default=list, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["survey", "number"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="survey_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.survey} v{self.number}"

    @property
    def form_id(self) -> str:
        return f"duluan-{self.survey_id}"

    @property
    def version_label(self) -> str:
        return str(self.number)

    @property
    def web_ready(self) -> bool:
        return not self.web_blockers


def media_path(instance: SurveyMedia, filename: str) -> str:
    return f"surveys/media/{instance.sha256[:2]}/{instance.sha256}"


class SurveyMedia(models.Model):
    """A file beside a form version (ODK form attachment): a CSV for pulldata or a
    from-file list, ``itemsets.csv``, an image or sound in a label. Each version
    keeps its own rows (a re-import copies them), files are stored by hash."""

    version = models.ForeignKey(SurveyVersion, on_delete=models.CASCADE, related_name="media")
    filename = models.CharField(_("tên tệp"), max_length=255)
    file = models.FileField(upload_to=media_path, max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    md5 = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version", "filename"]
        verbose_name = _("tệp đính kèm biểu mẫu")
        constraints = [
            models.UniqueConstraint(fields=["version", "filename"], name="survey_media_unique")
        ]

    def __str__(self) -> str:
        return self.filename


class Response(models.Model):
    """One respondent's answers. ``data``: question name -> text, or list for multiple choice."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="responses")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="survey_responses")
    source = models.CharField(max_length=10, choices=ResponseSource.choices)
    instance_id = models.CharField(max_length=80)
    data = models.JSONField(default=dict)
    submitted_on = models.DateField(_("ngày nhận"), default=timezone.localdate)
    collector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("phỏng vấn viên (chế độ phỏng vấn), không phải người trả lời"),
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "instance_id"], name="survey_response_instance_unique"
            )
        ]
        indexes = [models.Index(fields=["survey", "unit"], name="survey_response_unit_idx")]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.instance_id}"


def response_file_path(instance: ResponseFile, filename: str) -> str:
    return f"surveys/answers/{instance.sha256[:2]}/{instance.sha256}"


class ResponseFile(models.Model):
    """A file answered to an image, audio, video or file question of a named survey
    (or an interviewer's), checked like a report attachment. Personal data: shown
    only within the survey unit's scope, registered with the privacy registry."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="files")
    question = models.CharField(_("câu hỏi"), max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    file = models.FileField(upload_to=response_file_path, max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["response", "question"]
        verbose_name = _("tệp trả lời khảo sát")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="survey_response_file_unique"
            )
        ]

    def __str__(self) -> str:
        return self.original_name


class AccessCode(models.Model):
    """A one-time code for a strict sample; used once, never tied to the response."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="codes")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    code_hash = models.CharField(max_length=64, unique=True)
    used_at = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.code_hash[:8]}"


class CollectDevice(models.Model):
    """An ODK Collect app user: a token in the server URL, like ODK Central's."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="devices")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("tên thiết bị / người thu"), max_length=120)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class PollVoter(models.Model):
    """That an account answered a poll (keyed hash), kept apart from its answer."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="voters")
    voter_key = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "voter_key"], name="poll_voter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.voter_key[:8]}"
