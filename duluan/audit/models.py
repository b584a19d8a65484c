"""The append-only audit log: who read or changed what, when. Never the content."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    REPORT_VIEW = "report.view", _("Mở phản ánh")
    REPORT_LIST = "report.list", _("Xem danh sách phản ánh")
    REPORT_CREATE = "report.create", _("Gửi phản ánh")
    REPORT_IMPORT = "report.import", _("Nhập phản ánh")
    IDENTITY_VIEW = "identity.view", _("Xem danh tính người phản ánh")
    ATTACHMENT_DOWNLOAD = "attachment.download", _("Tải tệp đính kèm")
    EXPORT = "export", _("Xuất dữ liệu")
    STATE_CHANGE = "state.change", _("Đổi trạng thái")
    PRIVACY = "privacy", _("Thao tác dữ liệu cá nhân")
    SURVEY_CREATE = "survey.create", _("Tạo khảo sát")
    SURVEY_FORM_REPLACE = "survey.form_replace", _("Thay biểu mẫu khảo sát")
    SURVEY_UPDATE = "survey.update", _("Sửa khảo sát")
    SURVEY_CODES_ISSUE = "survey.codes_issue", _("Phát mã tham gia khảo sát")
    SURVEY_DEVICE_CREATE = "survey.device_create", _("Đăng ký thiết bị thu thập")
    SURVEY_EXPORT = "survey.export", _("Xuất kết quả khảo sát")


class AppendOnly(Exception):
    pass


class AuditEvent(models.Model):
    """One event. ``object_ids`` lists every record the actor was shown."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=30, choices=Action.choices)
    object_type = models.CharField(max_length=40)
    object_ids = models.JSONField(default=list)
    unit_id = models.BigIntegerField(null=True, blank=True)
    channel = models.CharField(max_length=10, default="web")
    ip = models.GenericIPAddressField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký truy cập")
        ordering = ["-at"]
        indexes = [models.Index(fields=["actor", "at"], name="audit_actor_at")]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action} {self.object_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("Nhật ký chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnly("Nhật ký chỉ được ghi thêm, không được xoá.")
