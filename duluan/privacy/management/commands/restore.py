from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from duluan.core.backup import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Khôi phục từ tệp sao lưu (kiểm tra toàn bộ tổng kiểm tra trước), chạy migrate, "
        "rồi áp lại nhật ký xoá dữ liệu cá nhân."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--verify-only", action="store_true", help="Chỉ kiểm tra tệp.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Khôi phục cả khi cơ sở dữ liệu còn kết nối khác (PostgreSQL).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không thấy tệp {path}.")
        try:
            if options["verify_only"]:
                info = backup_verify(path)
                self.stdout.write(f"Tệp sao lưu hợp lệ ({info.engine}, tạo lúc {info.created_at}).")
                return
            info = backup_restore(path, force=options["force"])
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        call_command("migrate", interactive=False, verbosity=0)
        from duluan.privacy.services import ledger_reapply

        reapplied = ledger_reapply()
        self.stdout.write(
            f"Đã khôi phục bản sao lưu tạo lúc {info.created_at}; "
            f"áp lại nhật ký xoá: {reapplied} bản ghi được xoá lại."
        )
        if info.files_uploaded:
            self.stdout.write(f"Đã tải {info.files_uploaded} tệp đính kèm lên bucket S3.")
        if info.media_storage == "s3":
            self.stdout.write(
                f"Bản sao lưu không chứa tệp đính kèm: chúng nằm trong bucket S3 "
                f"{info.media_bucket}; khôi phục chúng bằng versioning của bucket nếu cần."
            )
