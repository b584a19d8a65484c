"""`duluan survey import FILE.xlsx --unit CODE` and `duluan survey export ID --out FILE.xlsx`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duluan.core.errors import ApplicationError
from duluan.org.models import Unit
from duluan.surveys import services, xlsform
from duluan.surveys.models import Survey


class Command(BaseCommand):
    help = "Nhập một XLSForm thành khảo sát, hoặc xuất khảo sát ra XLSForm."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        do_import = sub.add_parser("import", help="tạo khảo sát từ tệp XLSForm")
        do_import.add_argument("file")
        do_import.add_argument("--unit", required=True, help="mã đơn vị tổ chức khảo sát")
        do_import.add_argument("--title", default="")
        do_import.add_argument(
            "--media", nargs="*", default=[], help="tệp đính kèm biểu mẫu (CSV, XML, ảnh…)"
        )
        do_import.add_argument(
            "--named",
            action="store_true",
            help="khảo sát có danh tính: nhận câu hỏi ảnh, âm thanh, tệp, vị trí",
        )
        do_import.add_argument(
            "--without-private",
            action="store_true",
            help="khảo sát ẩn danh: nhập mà bỏ các câu hỏi ảnh, âm thanh, tệp, vị trí",
        )
        do_export = sub.add_parser("export", help="xuất khảo sát ra XLSForm")
        do_export.add_argument("id", type=int)
        do_export.add_argument("--out", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options)
        else:
            self._export(options)

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(1)

    def _import(self, options: dict[str, Any]) -> None:
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            self._fail(f"Không có đơn vị mã {options['unit']}.")
            return
        path = Path(options["file"])
        if not path.is_file():
            self._fail(f"Không đọc được tệp {path}.")
        media: dict[str, bytes] = {}
        for name in options["media"]:
            try:
                media[Path(name).name] = Path(name).read_bytes()
            except OSError as exc:  # missing, a folder, not readable
                raise CommandError(f"Không đọc được tệp đính kèm {name}.") from exc
        try:
            survey = services.survey_import(
                actor=None,
                unit=unit,
                content=path.read_bytes(),
                title=options["title"],
                check_scope=False,
                anonymous=not options["named"],
                media=media,
                drop_private=options["without_private"],
                filename=path.name,
            )
        except xlsform.FormRefused as exc:
            self._fail("\n".join(str(issue) for issue in exc.issues))
            return
        except ApplicationError as exc:
            self._fail(exc.message)
            return
        version = survey.current_version
        for warning in version.warnings if version else []:
            self.stderr.write(f"Cảnh báo: {warning}")
        for blocker in version.web_blockers if version else []:
            self.stderr.write(f"Không trả lời được trên web (chỉ ODK Collect): {blocker}")
        self.stdout.write(str(survey.pk))

    def _export(self, options: dict[str, Any]) -> None:
        survey = Survey.objects.filter(pk=options["id"]).first()
        version = survey.current_version if survey else None
        if version is None:
            self._fail(f"Không có khảo sát số {options['id']}.")
            return
        Path(options["out"]).write_bytes(xlsform.export_workbook(version.workbook))
        self.stdout.write(options["out"])
