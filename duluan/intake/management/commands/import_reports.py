"""``duluan import-reports FILE [--valid-only] [--user USERNAME]``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duluan.core.sheets.errors import ImportRefused
from duluan.core.sheets.files import check_size
from duluan.core.sheets.progress import ProgressBars
from duluan.core.sheets.system import SYSTEM_ACTOR
from duluan.intake.importing.reports import reports_import
from duluan.org.choices import Perm
from duluan.org.models import User
from duluan.org.scope import has_perm

SHOWN_ERRORS = 1000


class Command(BaseCommand):
    help = (
        "Nhập phản ánh từ tệp .xlsx hoặc .csv theo mẫu. Không ghi gì nếu tệp có dòng lỗi, "
        "trừ khi có --valid-only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp .xlsx hoặc .csv")
        parser.add_argument(
            "--valid-only",
            action="store_true",
            help="chỉ nhập các dòng hợp lệ, bỏ qua dòng lỗi",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="nhập với quyền của tài khoản này (mặc định: hệ thống, mọi đơn vị)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp «{path}».")
        actor = self._actor(options["user"])
        progress = ProgressBars(getattr(self.stderr, "_out", sys.stderr), unit=" dòng")
        try:
            check_size(path.stat().st_size)
            result = reports_import(
                actor=actor,
                file_name=path.name,
                content=path.read_bytes(),
                valid_only=options["valid_only"],
                progress=progress,
            )
        except ImportRefused as exc:
            raise CommandError(exc.message) from exc
        finally:
            progress.close()
        for error in result.errors[:SHOWN_ERRORS]:
            self.stderr.write(str(error))
        hidden = result.error_count - min(len(result.errors), SHOWN_ERRORS)
        if hidden > 0:
            self.stderr.write(f"… và {hidden} lỗi khác.")
        self.stdout.write(result.summary)
        if not result.written:
            raise CommandError(
                "Không ghi dòng nào vì tệp có lỗi. Sửa các lỗi trên, hoặc chạy lại với "
                "--valid-only để chỉ nhập các dòng hợp lệ."
            )

    def _actor(self, username: str | None) -> Any:
        if not username:
            return SYSTEM_ACTOR
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None or not has_perm(user, Perm.REPORT_IMPORT):
            raise CommandError(
                f"Không có tài khoản «{username}» đang hoạt động với quyền nhập phản ánh."
            )
        return user
