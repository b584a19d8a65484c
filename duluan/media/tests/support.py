"""Sources on the recorded feeds, shared by the media tests."""

from __future__ import annotations

from duluan.media.choices import SourceKind
from duluan.media.models import Source
from duluan.media.services import source_create
from duluan.org.models import Unit

RSS = "https://baocongnhan.example/feeds/baocongnhan.rss"
ATOM = "https://laodongmau.example/feeds/laodongmau.atom"
SITEMAP = "https://tinkcn.example/sitemaps/tinkcn-news.xml"
# Every person's name and profile id present in the recorded files: none may be stored.
AUTHOR_NAMES = [
    "Hoàng Thị Mận",
    "Đỗ Văn Kiên Trung",
    "Vũ Quang Bút",
    "Trịnh Thị Ký Giả",
    "Phan Văn Tin Tức",
    "Lương Thị Phóng Sự",
    "Ngô Thị Thu Hà",
    "Bùi Văn Tài Xế",
    "Tạ Thị Bình Luận",
    "Đinh Quốc Nick Ảo",
    "Mai Văn Thợ Hàn",
    "Châu Thị Chuyền Trưởng",
    "Quản trị nhóm Mẫu",
    "100023456789012",
    "100098765432109",
    "100045645645645",
    "100012312312312",
    "hoangthiman@",
    "kygia@",
]


def feed_sources(unit: Unit) -> list[Source]:
    return [
        source_create(
            actor=None, unit=unit, name="Báo Công Nhân Mẫu", kind=SourceKind.FEED, url=RSS
        ),
        source_create(
            actor=None, unit=unit, name="Tạp chí Lao Động Mẫu", kind=SourceKind.FEED, url=ATOM
        ),
        source_create(
            actor=None, unit=unit, name="Tin KCN Mẫu", kind=SourceKind.SITEMAP, url=SITEMAP
        ),
    ]
