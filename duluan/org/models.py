"""The organisation tree, people and their roles: the access scope of everything else."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from duluan.core.text import fold

from .choices import Role


def unit_search_key(code: str, name: str, short_name: str) -> str:
    return fold(" ".join(part for part in (code, name, short_name) if part))[:500]


class UnitLevel(models.Model):
    """A level label ("LĐLĐ tỉnh", "Công đoàn cơ sở"): data, because depth changes."""

    name = models.CharField(_("tên cấp"), max_length=100, unique=True)
    short_name = models.CharField(_("tên ngắn"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("cấp đơn vị")
        verbose_name_plural = _("các cấp đơn vị")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Unit(MP_Node):
    """One union in the tree. ``path`` (materialised) makes subtree reads one index range."""

    steplen = 4
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    node_order_by = ["code"]

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên đầy đủ"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=120, blank=True)
    level = models.ForeignKey(
        UnitLevel, on_delete=models.PROTECT, related_name="units", verbose_name=_("cấp")
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    area = models.CharField(_("địa bàn"), max_length=255, blank=True)
    member_count = models.PositiveIntegerField(_("số đoàn viên"), default=0)
    search_key = models.CharField(max_length=500, blank=True, editable=False)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        # PostgreSQL needs a pattern index for "path LIKE 'prefix%'"; others ignore opclasses.
        indexes = [
            models.Index(
                fields=["path"], name="org_unit_path_like", opclasses=["varchar_pattern_ops"]
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A derived column of this row only: search finds "lien doan" in "Liên đoàn".
        self.search_key = unit_search_key(self.code, self.name, self.short_name)
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class User(AbstractUser):
    """An account. Its reach comes only from its role assignments."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def __str__(self) -> str:
        return self.full_name or self.username


class RoleAssignment(models.Model):
    """A person holds a role in a unit; it reaches the unit and its descendants."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("còn hiệu lực"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                name="org_role_unique",
                violation_error_message=_("Người này đã có vai trò này ở đơn vị này."),
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values),
                name="org_role_valid",
                violation_error_message=_("Vai trò không hợp lệ."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class LoginAttempt(models.Model):
    """One sign-in attempt (page or API). Feeds throttling and the breach drill.

    ``username`` is what was typed (lower-cased), so attempts on unknown
    accounts are throttled the same way as on real ones.
    """

    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    channel = models.CharField(max_length=10, default="web")
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("lần đăng nhập")
        verbose_name_plural = _("các lần đăng nhập")
        indexes = [models.Index(fields=["ip", "at"], name="org_login_ip_at")]

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M} {'ok' if self.succeeded else 'fail'}"


class TotpDevice(models.Model):
    """An authenticator app enrolled for two-factor sign-in (RFC 6238 TOTP)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp_device")
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_used_step = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thiết bị xác thực hai bước")
        verbose_name_plural = _("thiết bị xác thực hai bước")

    def __str__(self) -> str:
        return f"TOTP · {self.user}"
