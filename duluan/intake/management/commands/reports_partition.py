"""``duluan reports-partition [--apply] [--months-ahead N]``: monthly report partitions."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from duluan.core.errors import ApplicationError
from duluan.intake.partitions import (
    MONTHS_AHEAD,
    report_partitions_apply,
    report_partitions_status,
)


class Command(BaseCommand):
    help = "Phân vùng bảng phản ánh theo tháng (PostgreSQL). Không có --apply: chỉ xem trạng thái."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--apply",
            action="store_true",
            help="Chuyển bảng sang phân vùng (khóa bảng trong lúc chép) và tạo các tháng tới.",
        )
        parser.add_argument("--months-ahead", type=int, default=MONTHS_AHEAD)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["apply"]:
            if not settings.REPORTS_PARTITIONED:
                raise CommandError(
                    "Đặt DULUAN_REPORTS_PARTITIONED=1 trước (để beat tạo phân vùng các tháng tới)."
                )
            started = time.perf_counter()
            try:
                result = report_partitions_apply(months_ahead=options["months_ahead"])
            except ApplicationError as exc:
                raise CommandError(str(exc)) from exc
            seconds = time.perf_counter() - started
            if result.converted:
                self.stdout.write(
                    f"Đã chuyển bảng phản ánh sang phân vùng theo tháng: chép {result.copied_rows:,}"
                    f" phản ánh trong {seconds:.1f} giây."
                )
            if result.dropped_foreign_keys:
                self.stdout.write(
                    "Đã bỏ ràng buộc khóa ngoại trỏ tới phản ánh: "
                    + ", ".join(result.dropped_foreign_keys)
                )
            if result.created:
                self.stdout.write("Phân vùng mới: " + ", ".join(result.created))
            if result.moved_rows:
                self.stdout.write(
                    f"Đã chuyển {result.moved_rows:,} phản ánh khỏi phân vùng mặc định."
                )
        status = report_partitions_status()
        if status["vendor"] != "postgresql":
            self.stdout.write("Cơ sở dữ liệu không phải PostgreSQL: không phân vùng.")
            return
        state = "đã phân vùng" if status["partitioned"] else "chưa phân vùng"
        self.stdout.write(f"Bảng phản ánh: {state}.")
        if status["partitioned"]:
            months = status["partitions"]
            span = f" ({months[0]} … {months[-1]})" if months else ""
            self.stdout.write(f"{len(months)} phân vùng tháng{span}.")
            self.stdout.write(f"Phân vùng mặc định: {status['default_rows']:,} phản ánh.")
        if status["foreign_keys_to_reports"]:
            self.stdout.write(
                f"{len(status['foreign_keys_to_reports'])} khóa ngoại trỏ tới phản ánh."
            )
