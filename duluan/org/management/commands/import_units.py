"""``duluan import-units FILE.xlsx [--user USERNAME]``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duluan.core.sheets.errors import ImportRefused
from duluan.core.sheets.files import check_size
from duluan.core.sheets.progress import ProgressBars
from duluan.core.sheets.system import SYSTEM_ACTOR
from duluan.org.choices import Perm
from duluan.org.models import User
from duluan.org.scope import has_perm
from duluan.org.tree_io import units_import


def acting_user(username: str | None, perm: str) -> Any:
    """The account named by --user (it must hold ``perm``), or the system actor."""
    if not username:
        return SYSTEM_ACTOR
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None or not has_perm(user, perm):
        raise CommandError(f"Không có tài khoản «{username}» đang hoạt động với quyền cần thiết.")
    return user


class Command(BaseCommand):
    help = (
        "Nhập cây đơn vị từ tệp .xlsx hoặc .csv (cột: mã, tên đầy đủ, tên ngắn, cấp, mã đơn vị "
        "cha, địa bàn, số đoàn viên, đang hoạt động). Đơn vị đã có được cập nhật theo mã. "
        "Không ghi gì nếu tệp có lỗi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp .xlsx hoặc .csv")
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="nhập với quyền quản lý đơn vị của tài khoản này (mặc định: hệ thống)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp «{path}».")
        actor = acting_user(options["user"], Perm.UNIT_MANAGE)
        progress = ProgressBars(getattr(self.stderr, "_out", sys.stderr), unit=" đơn vị")
        try:
            check_size(path.stat().st_size)
            result = units_import(actor=actor, content=path.read_bytes(), progress=progress)
        except ImportRefused as exc:
            raise CommandError(exc.message) from exc
        finally:
            progress.close()
        for error in result.errors[:1000]:
            self.stderr.write(str(error))
        if len(result.errors) > 1000:
            self.stderr.write(f"… và {len(result.errors) - 1000} lỗi khác.")
        self.stdout.write(result.summary)
        if not result.written:
            raise CommandError("Không ghi gì vì tệp có lỗi. Sửa các lỗi trên rồi chạy lại.")
