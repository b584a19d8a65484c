"""``duluan demo``: load the fictional demo province (see duluan/demo/loader.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from duluan.demo.loader import demo_accounts_from_db, demo_load, demo_wipe
from duluan.demo.people import DEMO_PASSWORD
from duluan.org.choices import Role
from duluan.org.models import Unit

JSON_KEYS = ("username", "password", "role", "unit_code", "parent_unit_code")


class Command(BaseCommand):
    help = "Tạo tỉnh mẫu (đơn vị, tài khoản, 12 tháng phản ánh) để trình diễn và thử nghiệm."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="hạt giống ngẫu nhiên")
        parser.add_argument("--reports", type=int, default=20_000, help="số phản ánh")
        parser.add_argument("--if-empty", action="store_true", help="không làm gì nếu đã có đơn vị")
        parser.add_argument(
            "--force", action="store_true", help="xóa dữ liệu mẫu cũ (kể cả tài khoản admin)"
        )
        parser.add_argument("--accounts-json", type=Path, help="ghi danh sách tài khoản mẫu")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reports"] < 0:
            raise CommandError("--reports phải là số không âm.")
        if not settings.DEMO_MODE:
            self.stderr.write(
                "Lưu ý: DULUAN_DEMO_MODE chưa bật; tài khoản mẫu dùng mật khẩu công khai."
            )
        wipe = False
        if Unit.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Cơ sở dữ liệu đã có đơn vị: bỏ qua tạo dữ liệu mẫu.")
                self._write_json(options["accounts_json"], demo_accounts_from_db())
                return
            if not options["force"]:
                raise CommandError(
                    "Cơ sở dữ liệu đã có đơn vị. Dùng --force để xóa dữ liệu mẫu cũ và tạo lại,"
                    " hoặc --if-empty để bỏ qua."
                )
            wipe = True
        try:
            # One transaction: a failure keeps the old demo (with --force) and writes nothing.
            with transaction.atomic():
                if wipe:
                    wiped = demo_wipe()
                    self.stdout.write(
                        f"Đã xóa dữ liệu mẫu cũ: {wiped['units']} đơn vị,"
                        f" {wiped['reports']:,} phản ánh, {wiped['users']} tài khoản."
                    )
                result = demo_load(
                    seed=options["seed"], reports=options["reports"], progress=self.stdout.write
                )
        except Exception as exc:
            raise CommandError(
                f"Tạo dữ liệu mẫu thất bại ({type(exc).__name__}: {exc}). Không có gì được ghi:"
                " cơ sở dữ liệu vẫn như trước khi chạy lệnh. Chạy lại với --traceback để xem"
                " chi tiết."
            ) from exc
        self._summary(result)
        self._write_json(options["accounts_json"], result.accounts)

    def _summary(self, result: Any) -> None:
        out = self.stdout.write
        out(self.style.SUCCESS(f"Xong trong {result.seconds:.1f} giây."))
        for level, count in result.levels.items():
            out(f"  {level}: {count}")
        out(f"  Tài khoản: {result.users}; phản ánh: {result.reports:,} ({result.named:,} ghi tên)")
        for key, counts in result.steps.items():
            if counts:
                out(f"  {key}: " + ", ".join(f"{name} {n:,}" for name, n in counts.items()))
        if result.timeline:
            tl = result.timeline
            for hot in tl.hotspots:
                day = tl.day(hot.start)
                out(f"  Điểm nóng: {hot.unit} từ {day:%d/%m/%Y}, {hot.days} ngày ({hot.cause})")
            for camp in tl.campaigns:
                day = tl.day(camp.start)
                out(f"  Tin đồn lan truyền: {camp.theme} từ {day:%d/%m/%Y}, {camp.count} phản ánh")
        self._table(result.accounts)

    def _table(self, accounts: list[dict[str, Any]]) -> None:
        out = self.stdout.write
        out("")
        out(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        out(f"  {'Tài khoản':<16} {'Vai trò':<24} {'Mã đơn vị':<12} Đơn vị")
        for row in accounts:
            role = str(Role(row["role"]).label)
            if row.get("superuser"):
                role += " + superuser"
            out(f"  {row['username']:<16} {role:<24} {row['unit_code']:<12} {row['unit_name']}")

    def _write_json(self, path: Path | None, accounts: list[dict[str, Any]]) -> None:
        if path is None:
            return
        rows = [{key: row[key] for key in JSON_KEYS} for row in accounts]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        self.stdout.write(f"Đã ghi {len(rows)} tài khoản vào {path}")
