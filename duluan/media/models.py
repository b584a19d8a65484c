"""Press and social sources, the articles read from them, and daily aggregates.

Nothing here names a person: no author, commenter or profile field exists,
and comments are kept only as a hashed key with their day, topic and
sentiment (for the aggregate and the re-upload check), never their text.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from duluan.org.models import Unit

from .choices import Health, ItemKind, SourceKind


class Source(models.Model):
    """A feed, sitemap or fanpage followed by a unit, with its fetch state (as Media Cloud's
    rss-fetcher keeps it: conditional-GET validators, next attempt, failures, switch-off)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="media_sources")
    name = models.CharField(_("tên nguồn"), max_length=200)
    outlet = models.CharField(_("cơ quan báo chí, trang"), max_length=200)
    kind = models.CharField(_("loại"), max_length=12, choices=SourceKind.choices)
    url = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    is_active = models.BooleanField(_("đang theo dõi"), default=True)
    poll_minutes = models.PositiveIntegerField(_("đọc lại sau (phút)"), default=30)
    # Fetch state.
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    next_fetch_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    failure_score = models.FloatField(default=0)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    backfilled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nguồn báo chí, mạng xã hội")
        verbose_name_plural = _("nguồn báo chí, mạng xã hội")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "url"],
                condition=~models.Q(url=""),
                name="media_source_unit_url_unique",
                violation_error_message=_("Đơn vị đã theo dõi địa chỉ này."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def health(self) -> str:
        if self.disabled_at:
            return Health.OFF
        if not self.is_active:
            return Health.PAUSED
        if self.consecutive_failures:
            return Health.FAILING
        return Health.OK if self.last_success_at else Health.NEW


class Story(models.Model):
    """Articles that say the same thing (reposts, near-duplicates) folded into one."""

    first_article = models.ForeignKey(
        "Article", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    first_seen = models.DateTimeField(db_index=True)
    article_count = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("tin (đã gộp bài trùng)")
        verbose_name_plural = _("tin (đã gộp bài trùng)")

    def __str__(self) -> str:
        return f"Tin #{self.pk}"


class Article(models.Model):
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="articles")
    kind = models.CharField(max_length=10, choices=ItemKind.choices, default=ItemKind.ARTICLE)
    link = models.CharField(_("liên kết"), max_length=700, unique=True)
    title = models.CharField(_("tiêu đề"), max_length=300)
    outlet = models.CharField(_("cơ quan báo chí, trang"), max_length=200)
    published_at = models.DateTimeField(_("thời điểm đăng"), db_index=True)
    language = models.CharField(max_length=8)
    topic = models.CharField(_("chủ đề"), max_length=40, blank=True)
    sentiment = models.CharField(_("sắc thái"), max_length=12, blank=True)
    model_version = models.CharField(max_length=60, blank=True)
    story = models.ForeignKey(Story, on_delete=models.SET_NULL, null=True, related_name="articles")
    minhash = models.JSONField(default=list)  # 64 integers: fold.signature
    comment_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bài báo, bài đăng")
        verbose_name_plural = _("bài báo, bài đăng")
        indexes = [models.Index(fields=["source", "published_at"])]

    def __str__(self) -> str:
        return self.title


class CommentMark(models.Model):
    """One comment of an uploaded export, counted: its text and author are never kept."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="comment_marks")
    key = models.CharField(max_length=32)
    day = models.DateField()
    topic = models.CharField(max_length=40, blank=True)
    sentiment = models.CharField(max_length=12, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="media_comment_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source_id}/{self.day}"


class DailyCount(models.Model):
    """Articles and comments per source, day, topic and sentiment (recomputed, idempotent)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="daily")
    day = models.DateField()
    topic = models.CharField(max_length=40, blank=True)
    sentiment = models.CharField(max_length=12, blank=True)
    articles = models.PositiveIntegerField(default=0)
    comments = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "day", "topic", "sentiment"], name="media_daily_unique"
            )
        ]
        indexes = [models.Index(fields=["day", "topic"])]

    def __str__(self) -> str:
        return f"{self.source_id} {self.day} {self.topic} {self.sentiment}"


class MediaSpike(models.Model):
    """A media topic whose last 7 days stand out from its past (nlp's robust score),
    for a unit's sources; an officer may open a matter from it."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="media_spikes")
    topic = models.CharField(max_length=40)
    window_end = models.DateField()
    count = models.PositiveIntegerField()
    baseline = models.FloatField()
    score = models.FloatField()
    matter = models.ForeignKey("cases.Matter", on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "topic", "window_end"], name="media_spike_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.window_end}"
