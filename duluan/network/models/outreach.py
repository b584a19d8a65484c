"""Counter-messaging articles and posts; declarations of personal web pages (QĐ 85-QĐ/TW).

A declaration stores what the person typed; nothing here fetches, monitors or
scrapes a declared page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duluan.org.models import Unit

from ..choices import ArticleKind, ArticleSource, Platform
from .roster import NetworkMember

USER = settings.AUTH_USER_MODEL


class Article(models.Model):
    """An article written or a post shared, with its reach and interactions."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="articles", verbose_name=_("đơn vị")
    )
    kind = models.CharField(_("loại"), max_length=10, choices=ArticleKind.choices)
    platform = models.CharField(_("nơi đăng"), max_length=10, choices=Platform.choices)
    title = models.CharField(_("tiêu đề"), max_length=255)
    url = models.URLField(_("liên kết"), max_length=500, blank=True)
    published_on = models.DateField(_("ngày đăng"))
    author = models.ForeignKey(
        NetworkMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("người viết"),
    )
    author_name = models.CharField(_("người viết, chia sẻ"), max_length=150, blank=True)
    reach = models.PositiveIntegerField(_("lượt tiếp cận"), default=0)
    interactions = models.PositiveIntegerField(_("lượt tương tác"), default=0)
    counters_rumour = models.BooleanField(_("phản bác tin đồn, thông tin sai"), default=False)
    matter = models.ForeignKey(
        "cases.Matter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("trả lời vấn đề"),
    )
    source = models.CharField(
        max_length=10, choices=ArticleSource.choices, default=ArticleSource.MANUAL
    )
    import_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bài viết, bài đăng")
        verbose_name_plural = _("bài viết, bài đăng")
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["unit", "published_on"], name="network_article_unit_on")]

    def __str__(self) -> str:
        return self.title


class Declaration(models.Model):
    """One declaration by a person to their unit; a later one replaces it
    (``replaced_at``), and the history stays."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="page_declarations")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="page_declarations")
    declared_at = models.DateTimeField(_("khai báo lúc"), default=timezone.now)
    no_pages = models.BooleanField(_("không có trang cá nhân nào"), default=False)
    replaced_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("bản khai báo trang cá nhân")
        verbose_name_plural = _("bản khai báo trang cá nhân")
        ordering = ["-declared_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.declared_at:%d/%m/%Y}"


class DeclaredPage(models.Model):
    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="pages")
    platform = models.CharField(_("nền tảng"), max_length=10, choices=Platform.choices)
    address = models.CharField(_("địa chỉ, tên tài khoản"), max_length=500)
    purpose = models.CharField(_("mục đích sử dụng"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("trang được khai báo")
        verbose_name_plural = _("trang được khai báo")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.address
