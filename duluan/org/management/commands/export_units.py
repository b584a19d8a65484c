"""``duluan export-units FILE.xlsx [--user USERNAME]`` (or FILE.csv)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duluan.org.choices import Perm
from duluan.org.tree_export import units_export

from .import_units import acting_user


class Command(BaseCommand):
    help = (
        "Xuất cây đơn vị ra tệp .xlsx (hoặc .csv) theo đúng các cột mà import-units đọc; "
        "ô bắt đầu bằng = + - @ được thêm dấu ' để bảng tính không chạy như công thức."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp .xlsx hoặc .csv sẽ ghi")
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="chỉ xuất các đơn vị tài khoản này được xem (mặc định: toàn bộ cây)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        suffix = path.suffix.lower()
        if suffix not in {".xlsx", ".csv"}:
            raise CommandError("Tên tệp phải kết thúc bằng .xlsx hoặc .csv.")
        actor = acting_user(options["user"], Perm.UNIT_VIEW)
        content = units_export(actor=actor, fmt=suffix[1:])
        path.write_bytes(content)
        self.stdout.write(f"Đã xuất cây đơn vị ra «{path}» ({len(content) // 1024} KB).")
