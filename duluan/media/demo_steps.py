"""Demo data: the province follows two recorded press feeds, a news sitemap and a union
fanpage and a workers' group (exports), all under ``duluan/media/fixtures/`` and
answered without network (hosts under ``.example``); one poll reads them."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from duluan.core.extensions import demo_step, demo_wipe_step
from duluan.org.models import Unit
from duluan.org.scope import subtree_q

from .choices import SourceKind
from .models import MediaSpike, Source
from .recorded import recorded

FEEDS = [
    ("Báo Công Nhân Mẫu", SourceKind.FEED, "https://baocongnhan.example/feeds/baocongnhan.rss"),
    ("Tạp chí Lao Động Mẫu", SourceKind.FEED, "https://laodongmau.example/feeds/laodongmau.atom"),
    ("Tin KCN Mẫu", SourceKind.SITEMAP, "https://tinkcn.example/sitemaps/tinkcn-news.xml"),
]
EXPORTS = [
    ("Fanpage Công đoàn KCN Mẫu", "exports/fanpage-cdkcn.json"),
    ("Nhóm công nhân KCN Tân Mẫu", "exports/nhom-congnhan.csv"),
]


@demo_step("media", "Báo chí, mạng xã hội (nguồn ghi sẵn)", order=66)
def media_demo(ctx: Any) -> dict[str, int]:
    from .services import export_upload, media_poll_due, media_spikes_detect, source_create

    root = ctx.root
    with transaction.atomic():
        for name, kind, url in FEEDS:
            source_create(actor=None, unit=root, name=name, outlet=name, kind=kind, url=url)
        exports = [
            (source_create(actor=None, unit=root, name=name, kind=SourceKind.EXPORT), path)
            for name, path in EXPORTS
        ]
    result = media_poll_due()
    comments = 0
    for source, path in exports:
        counts = export_upload(actor=None, source=source, filename=path, content=recorded(path))
        comments += counts["comments"]
    media_spikes_detect(today=ctx.today)
    return {
        "media_sources": len(FEEDS) + len(EXPORTS),
        "articles": result.articles,
        "comments": comments,
    }


@demo_wipe_step("media", "Xoá nguồn báo chí mẫu")
def media_wipe(root: Unit) -> None:
    MediaSpike.objects.filter(subtree_q(root)).delete()
    Source.objects.filter(subtree_q(root)).delete()
