from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from duluan.core.files import ORPHAN_FOLDERS, files_orphans


class Command(BaseCommand):
    help = (
        "Liệt kê (và với --delete, xoá) tệp đính kèm không còn bản ghi nào trỏ tới: "
        "tệp của lần gửi bị huỷ giữa chừng, của phản ánh đã xoá. "
        f"Chỉ xét các thư mục {', '.join(ORPHAN_FOLDERS)}."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--delete", action="store_true", help="Xoá các tệp tìm thấy.")
        parser.add_argument(
            "--hours",
            type=int,
            default=24,
            help="Chỉ xét tệp cũ hơn chừng này giờ (mặc định 24), để không chạm tệp đang gửi.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cutoff = timezone.now() - timedelta(hours=max(options["hours"], 1))
        orphans = files_orphans(older_than=cutoff)
        for name in orphans:
            if options["delete"]:
                default_storage.delete(name)
            self.stdout.write(name)
        verb = "Đã xoá" if options["delete"] else "Tìm thấy"
        self.stdout.write(f"{verb} {len(orphans)} tệp không còn bản ghi.")
