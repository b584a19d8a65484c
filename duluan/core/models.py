"""Shared data: the working-day calendar's overrides and recorded deadline extensions."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class HolidayOverride(models.Model):
    """A day that differs from the computed calendar, as the government announces:
    an extra day off (``is_day_off``) or a weekend made a working day."""

    date = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên"), max_length=200)
    is_day_off = models.BooleanField(_("là ngày nghỉ"), default=True)
    note = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("ngày nghỉ/làm bù điều chỉnh")
        verbose_name_plural = _("ngày nghỉ/làm bù điều chỉnh")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class DeadlineExtension(models.Model):
    """A deadline moved by someone with the authority to, and why. An extended
    item is measured against the latest extension, not its computed due date."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    new_due = models.DateTimeField(_("hạn mới"))
    reason = models.CharField(_("lý do"), max_length=500)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gia hạn")
        verbose_name_plural = _("gia hạn")
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_ext_item")]

    def __str__(self) -> str:
        return f"{self.item} → {self.new_due:%d/%m/%Y}"
