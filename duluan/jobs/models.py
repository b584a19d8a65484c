"""The job outbox: one row per piece of background work, written in the same
transaction as the data it follows, so a broker outage, a killed worker or a
dropped database connection never loses it (docs/operations.md, "Jobs")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class JobState(models.TextChoices):
    PENDING = "pending", "Đang chờ"
    RUNNING = "running", "Đang chạy"
    DONE = "done", "Xong"
    FAILED = "failed", "Thất bại"


class Job(models.Model):
    kind = models.CharField("loại", max_length=64, db_index=True)
    payload = models.JSONField("dữ liệu", default=dict, blank=True)
    state = models.CharField(
        "trạng thái", max_length=10, choices=JobState.choices, default=JobState.PENDING
    )
    attempts = models.PositiveSmallIntegerField("số lần chạy", default=0)
    run_after = models.DateTimeField("chạy từ", default=timezone.now)
    created_at = models.DateTimeField("tạo lúc", default=timezone.now)
    dispatched_at = models.DateTimeField("gửi hàng đợi lúc", null=True, blank=True)
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    heartbeat_at = models.DateTimeField("tín hiệu sống lúc", null=True, blank=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)
    progress_done = models.PositiveIntegerField("đã xử lý", default=0)
    progress_total = models.PositiveIntegerField("tổng", default=0)
    progress_note = models.CharField("ghi chú tiến độ", max_length=200, blank=True)
    result = models.JSONField("kết quả", null=True, blank=True)
    error = models.TextField("lỗi", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "công việc nền"
        verbose_name_plural = "công việc nền"
        indexes = [
            models.Index(fields=["state", "run_after"], name="jobs_state_run_after"),
            models.Index(fields=["created_by", "-created_at"], name="jobs_by_user"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} ({self.get_state_display()})"

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(99, int(100 * self.progress_done / self.progress_total))
