"""``duluan province-create``: the root unit and its first admin on a fresh database."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from duluan.core.errors import ApplicationError
from duluan.org.services import province_create


class Command(BaseCommand):
    help = (
        "Tạo đơn vị gốc (LĐLĐ tỉnh) và tài khoản quản trị đầu tiên trên cơ sở dữ liệu mới "
        "(docs/operations.md). Các đơn vị khác: duluan import-units."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", required=True, help="mã đơn vị gốc, ví dụ SH")
        parser.add_argument("--name", required=True, help="tên đầy đủ")
        parser.add_argument("--short-name", default="", help="tên ngắn")
        parser.add_argument("--level", default="LĐLĐ tỉnh", help="tên cấp (mặc định: LĐLĐ tỉnh)")
        parser.add_argument("--admin", required=True, metavar="USERNAME", help="tên đăng nhập")
        parser.add_argument("--admin-name", default="", help="họ và tên người quản trị")
        parser.add_argument("--email", default="", help="thư điện tử người quản trị")
        parser.add_argument(
            "--password-file",
            type=Path,
            help="tệp chứa mật khẩu (dòng đầu); không có thì hỏi trên bàn phím",
        )
        parser.add_argument(
            "--superuser",
            action="store_true",
            help="cho tài khoản vào cả trang quản trị Django (/admin/)",
        )

    def _password(self, options: dict[str, Any]) -> str:
        if options["password_file"]:
            try:
                lines = options["password_file"].read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise CommandError(f"Không đọc được tệp mật khẩu: {exc}") from exc
            return lines[0].strip() if lines else ""
        first = getpass.getpass("Mật khẩu: ")
        if first != getpass.getpass("Nhập lại mật khẩu: "):
            raise CommandError("Hai lần nhập mật khẩu không khớp.")
        return first

    def handle(self, *args: Any, **options: Any) -> None:
        password = self._password(options)
        try:
            validate_password(password)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        try:
            unit, user = province_create(
                code=options["code"],
                name=options["name"],
                short_name=options["short_name"],
                level=options["level"],
                admin_username=options["admin"],
                admin_password=password,
                admin_name=options["admin_name"],
                admin_email=options["email"],
                superuser=options["superuser"],
            )
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Đã tạo đơn vị {unit.code} ({unit.name}) và tài khoản quản trị {user.username}. "
            "Lần đăng nhập đầu tiên sẽ yêu cầu thiết lập xác thực hai bước."
        )
