from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from duluan.privacy.retention import retention_apply


class Command(BaseCommand):
    help = "Xoá hoặc ẩn danh dữ liệu đã quá thời hạn lưu trữ (chạy định kỳ mỗi ngày)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không xoá.")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = retention_apply(dry_run=options["dry_run"])
        verb = "Sẽ xử lý" if options["dry_run"] else "Đã xử lý"
        for kind, count in counts.items():
            self.stdout.write(f"{verb} {count} bản ghi: {kind}")
