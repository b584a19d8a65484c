from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from duluan.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp đính kèm vào một tệp có tổng kiểm tra."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "file", nargs="?", help="Tệp đích (mặc định var/backups/duluan-<thời điểm>.tar)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        default = Path(settings.VAR_DIR) / "backups" / f"duluan-{timezone.now():%Y%m%d-%H%M%S}.tar"
        target = Path(options["file"]) if options["file"] else default
        try:
            info = backup_create(target)
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        total = sum(m["size"] for m in info.members.values())
        size = f"{total:,}".replace(",", ".")
        self.stdout.write(f"Đã sao lưu ({info.engine}, {size} byte) vào {info.path}")
        if info.media_storage == "s3":
            self.stdout.write(
                f"Tệp đính kèm nằm trong bucket S3 {info.media_bucket} và không có trong bản "
                "sao lưu này: bật versioning hoặc sao chép (replication) của bucket để giữ chúng."
            )
