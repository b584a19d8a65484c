"""``duluan dashboard rebuild [--since YYYY-MM-DD]`` and ``duluan dashboard refresh ID...``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duluan.dashboard.services import RefreshResult, dashboard_rebuild, dashboard_refresh_reports


class Command(BaseCommand):
    help = "Tính lại bảng số liệu tổng hợp của bảng điều khiển."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        rebuild = sub.add_parser("rebuild", help="Tính lại toàn bộ (hoặc từ một ngày).")
        rebuild.add_argument("--since", type=date.fromisoformat, default=None)
        refresh = sub.add_parser("refresh", help="Cập nhật theo các phản ánh có mã cho trước.")
        refresh.add_argument("report_ids", nargs="+", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        result: RefreshResult
        if options["action"] == "rebuild":
            result = dashboard_rebuild(since=options["since"])
        elif options["action"] == "refresh":
            result = dashboard_refresh_reports(options["report_ids"])
        else:  # pragma: no cover - argparse refuses it first
            raise CommandError("Lệnh không hợp lệ.")
        self.stdout.write(
            f"Đã tính {result.reports:,} phản ánh, {result.days:,} ngày: "
            f"{result.day_rows:,} dòng ngày, {result.month_rows:,} dòng tháng."
        )
