"""What the text analytics writes about each report (the contract other apps read).

* :class:`Topic`: the topic taxonomy staff can edit (seeded with the codes of
  ``shared/taxonomy/labels.csv``; codes are stable, names editable);
* :class:`ReportAnalysis`: one row per analysed report: sentiment and kind with
  confidence, urgency signals, the model version that produced it;
* :class:`ReportTopic`: the report's topics (multi-label), one row each, so
  aggregates group by topic with a plain join.

The dashboard, periodic reports and surveys read these; only the nlp app writes them.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duluan.intake.models import Report


class Sentiment(models.TextChoices):
    NEGATIVE = "tieu_cuc", _("Tiêu cực")
    NEUTRAL = "trung_lap", _("Trung lập")
    POSITIVE = "tich_cuc", _("Tích cực")


class Urgency(models.TextChoices):
    NORMAL = "binh_thuong", _("Bình thường")
    ATTENTION = "can_chu_y", _("Cần chú ý")
    HOT = "diem_nong", _("Điểm nóng")


class Topic(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    covers = models.TextField(_("bao gồm"), blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        verbose_name = _("chủ đề")
        verbose_name_plural = _("chủ đề")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class ReportAnalysis(models.Model):
    report = models.OneToOneField(
        Report, on_delete=models.CASCADE, related_name="analysis", verbose_name=_("phản ánh")
    )
    sentiment = models.CharField(_("cảm xúc"), max_length=20, choices=Sentiment.choices)
    sentiment_confidence = models.FloatField(_("độ tin cậy cảm xúc"), default=0.0)
    kind = models.CharField(_("loại"), max_length=20, blank=True)
    kind_confidence = models.FloatField(_("độ tin cậy loại"), default=0.0)
    urgency = models.CharField(
        _("mức khẩn"), max_length=20, choices=Urgency.choices, default=Urgency.NORMAL
    )
    urgency_confidence = models.FloatField(_("độ tin cậy mức khẩn"), default=0.0)
    urgency_signals = models.CharField(_("dấu hiệu khẩn"), max_length=255, blank=True)
    suggests_hot_spot = models.BooleanField(_("gợi ý điểm nóng"), default=False)
    model_version = models.CharField(_("phiên bản mô hình"), max_length=40)
    analysed_at = models.DateTimeField(_("lúc phân tích"), default=timezone.now)

    class Meta:
        verbose_name = _("kết quả phân tích")
        verbose_name_plural = _("kết quả phân tích")
        indexes = [models.Index(fields=["sentiment"], name="nlp_analysis_sentiment")]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.sentiment}"


class ReportTopic(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="topics")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="report_links")
    confidence = models.FloatField(_("độ tin cậy"), default=0.0)

    class Meta:
        verbose_name = _("chủ đề của phản ánh")
        verbose_name_plural = _("chủ đề của phản ánh")
        constraints = [
            models.UniqueConstraint(fields=["report", "topic"], name="nlp_reporttopic_unique")
        ]
        indexes = [models.Index(fields=["topic", "report"], name="nlp_reporttopic_topic")]

    def __str__(self) -> str:
        return f"{self.report_id} · {self.topic_id}"


class ModelVersion(models.Model):
    """A trained model bundle on disk; exactly one is active (none: the seed model)."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Đang đánh giá")
        PROMOTED = "promoted", _("Đã đưa vào dùng")
        REJECTED = "rejected", _("Không dùng (kém hơn)")

    version = models.CharField(_("phiên bản"), max_length=40, unique=True)
    path = models.CharField(_("thư mục"), max_length=500)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.CANDIDATE
    )
    is_active = models.BooleanField(_("đang dùng"), default=False)
    n_train = models.PositiveIntegerField(_("số mẫu huấn luyện"), default=0)
    n_corrections = models.PositiveIntegerField(_("số hiệu chỉnh dùng"), default=0)
    metrics = models.JSONField(_("chỉ số"), default=dict, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("lúc tạo"), default=timezone.now)

    class Meta:
        verbose_name = _("phiên bản mô hình")
        verbose_name_plural = _("phiên bản mô hình")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=models.Q(is_active=True),
                name="nlp_modelversion_one_active",
            )
        ]

    def __str__(self) -> str:
        return self.version


class Correction(models.Model):
    """What a person says one label of a report is, beside what the model said.

    ``value == previous`` is a confirmation (the officer tapped "đúng"): it teaches
    the model as much as a change does, and keeps the held-out comparison fair.
    """

    class Field(models.TextChoices):
        TOPICS = "topics", _("Chủ đề")
        SENTIMENT = "sentiment", _("Cảm xúc")
        KIND = "kind", _("Loại")
        URGENCY = "urgency", _("Mức khẩn")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="nlp_corrections")
    field = models.CharField(_("trường"), max_length=20, choices=Field.choices)
    value = models.CharField(_("giá trị đúng"), max_length=200)  # topics: codes ';'-joined
    previous = models.CharField(_("giá trị của mô hình"), max_length=200, blank=True)
    model_version = models.CharField(_("phiên bản mô hình"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        "org.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("lúc hiệu chỉnh"), default=timezone.now)

    class Meta:
        verbose_name = _("hiệu chỉnh")
        verbose_name_plural = _("hiệu chỉnh")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["report", "field"], name="nlp_correction_report")]

    def __str__(self) -> str:
        return f"{self.report_id} {self.field}={self.value}"


class SpikeAlert(models.Model):
    """A topic × unit whose count in the recent window is far above its own history."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="spikes")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="nlp_spikes")
    window_end = models.DateField(_("đến ngày"))
    window_days = models.PositiveSmallIntegerField(_("số ngày"), default=7)
    count = models.PositiveIntegerField(_("số phản ánh"))
    baseline = models.FloatField(_("mức thường (trung vị)"))
    spread = models.FloatField(_("độ phân tán (MAD)"))
    score = models.FloatField(_("điểm bất thường"))
    created_at = models.DateTimeField(_("lúc phát hiện"), default=timezone.now)

    class Meta:
        verbose_name = _("cảnh báo tăng đột biến")
        verbose_name_plural = _("cảnh báo tăng đột biến")
        ordering = ["-window_end", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "unit", "window_end"], name="nlp_spike_unique")
        ]

    def __str__(self) -> str:
        return f"{self.topic_id}@{self.unit_id} {self.window_end}"
