"""What ``duluan report ...`` and ``duluan reporting ...`` do (one implementation)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duluan.core.errors import ApplicationError
from duluan.org.models import Unit

from .choices import ReportType
from .documents import FORMATS, document_input, render


class ReportingCommand(BaseCommand):
    help = (
        "Báo cáo định kỳ: `build` lập văn bản báo cáo (DOCX, XLSX, PDF);"
        " `remind` nhắc hạn các đơn vị."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        build = sub.add_parser("build", help="lập báo cáo của một đơn vị cho một kỳ")
        build.add_argument("--unit", required=True, help="mã đơn vị")
        build.add_argument(
            "--period", required=True, help="2026-10, 2026-Q4, 2026-H2, 2026 hoặc 2014..2023"
        )
        build.add_argument("--format", choices=FORMATS, default="docx")
        build.add_argument("--type", choices=ReportType.values, default=None, dest="report_type")
        build.add_argument("--out", required=True, type=Path, help="tệp kết quả")
        sub.add_parser("remind", help="gửi nhắc hạn trước và sau hạn (in-app và e-mail)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "remind":
            from .compliance import reminders_send

            counts = reminders_send()
            self.stdout.write(
                f"Đã nhắc: {counts['before']} sắp đến hạn, {counts['overdue']} quá hạn,"
                f" {counts['recipients']} thông báo cho cấp nhận báo cáo."
            )
            return
        self._build(options)

    def _build(self, options: dict[str, Any]) -> None:
        import time

        from .models import PeriodicReport
        from .periods import Period
        from .synthesis import synthesis_build

        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị mã «{options['unit']}».")
        try:
            period = Period.parse(options["period"])
            started = time.perf_counter()
            synthesis = synthesis_build(unit, period, options["report_type"])
            report = PeriodicReport.objects.filter(
                unit=unit, report_type=synthesis.report_type, period=period.code
            ).first()
            content = render(document_input(synthesis, report), options["format"])
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        out: Path = options["out"]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
        elapsed = time.perf_counter() - started
        total = synthesis.figures().get("reports_total", 0)
        self.stdout.write(
            f"Đã lập {out} ({len(content):,} byte, {total} phản ánh, {elapsed:.2f} s)."
        )
