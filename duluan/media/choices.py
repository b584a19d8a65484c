from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    FEED = "feed", _("Báo điện tử: RSS/Atom")
    SITEMAP = "sitemap", _("Báo điện tử: sitemap tin tức")
    PAGE_FEED = "page_feed", _("Trang công khai: nguồn tin RSS")
    EXPORT = "export", _("Fanpage, nhóm: tệp xuất do cán bộ tải lên")


class Health(models.TextChoices):
    NEW = "moi", _("Chưa đọc lần nào")
    OK = "tot", _("Hoạt động")
    FAILING = "loi", _("Đang lỗi")
    OFF = "tat", _("Đã tắt do lỗi liên tiếp")
    PAUSED = "tam_dung", _("Tạm dừng")


class ItemKind(models.TextChoices):
    ARTICLE = "bai_bao", _("Bài báo")
    POST = "bai_dang", _("Bài đăng mạng xã hội")
