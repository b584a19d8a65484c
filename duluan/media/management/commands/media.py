"""``duluan media poll --once`` (the due sources, once: cron on the embedded default),
``duluan media backfill SOURCE_ID``, ``duluan media upload SOURCE_ID FILE``, ``duluan media spikes``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from duluan.core.errors import ApplicationError
from duluan.media.models import Source


class Command(BaseCommand):
    help = "Đọc báo chí, mạng xã hội: đọc các nguồn đến hạn, đọc lại sitemap, nạp tệp xuất fanpage."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        poll = sub.add_parser("poll", help="đọc các nguồn đến hạn")
        poll.add_argument("--once", action="store_true", help="một lượt rồi dừng")
        poll.add_argument("--all", action="store_true", help="coi mọi nguồn đang bật là đến hạn")
        backfill = sub.add_parser("backfill", help="đọc toàn bộ sitemap của một nguồn")
        backfill.add_argument("source_id", type=int)
        upload = sub.add_parser("upload", help="nạp tệp xuất (CSV/JSON) của fanpage, nhóm")
        upload.add_argument("source_id", type=int)
        upload.add_argument("file")
        sub.add_parser("spikes", help="tìm chủ đề tăng đột biến trên báo chí, mạng xã hội")

    def handle(self, *args: Any, **options: Any) -> None:
        from duluan.media import services

        action = options["action"]
        if action == "poll":
            if options["all"]:
                Source.objects.filter(is_active=True, disabled_at__isnull=True).update(
                    next_fetch_at=None
                )
            result = services.media_poll_due()
            spikes = services.media_spikes_detect()
            self.stdout.write(
                f"{result.sources} nguồn, {result.not_modified} không đổi (304), "
                f"{result.failed} lỗi, {result.articles} bài mới, {result.folded} bài trùng gộp, "
                f"{len(spikes)} cảnh báo tăng đột biến"
            )
            for name, error in result.errors.items():
                self.stderr.write(f"{name}: {error}")
        elif action == "backfill":
            result = services.media_backfill(options["source_id"])
            self.stdout.write(f"{result.articles} bài mới, {result.failed} lỗi")
        elif action == "upload":
            source = Source.objects.filter(pk=options["source_id"]).first()
            path = Path(options["file"])
            if source is None or not path.is_file():
                self.stderr.write("Không có nguồn hoặc không đọc được tệp.")
                sys.exit(1)
            try:
                counts = services.export_upload(
                    actor=None, source=source, filename=path.name, content=path.read_bytes()
                )
            except ApplicationError as exc:
                self.stderr.write(exc.message)
                sys.exit(1)
            self.stdout.write(f"{counts['articles']} bài đăng, {counts['comments']} bình luận")
        else:
            self.stdout.write(f"{len(services.media_spikes_detect())} cảnh báo")
