from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from duluan.privacy.register import impact_facts, register_markdown


class Command(BaseCommand):
    help = (
        "In sổ đăng ký xử lý dữ liệu cá nhân (Markdown) hoặc dữ liệu cho đánh giá tác động (JSON)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--format", choices=["md", "json"], default="md")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["format"] == "json":
            self.stdout.write(json.dumps(impact_facts(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(register_markdown())
