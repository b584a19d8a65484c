from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from duluan.privacy.services import subject_export
from duluan.privacy.subject import SubjectRef


class Command(BaseCommand):
    help = "Xuất mọi dữ liệu đang lưu về một người (theo tài khoản và/hoặc điện thoại, e-mail)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--user-id", type=int)
        parser.add_argument("--contact", action="append", default=[])

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["user_id"] and not options["contact"]:
            raise CommandError("Cần --user-id hoặc ít nhất một --contact.")
        subject = SubjectRef(user_id=options["user_id"], contacts=tuple(options["contact"]))
        self.stdout.write(json.dumps(subject_export(subject=subject), ensure_ascii=False, indent=2))
