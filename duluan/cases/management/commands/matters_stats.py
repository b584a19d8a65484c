"""``duluan matters-stats [--json]``: matters per state in the current database."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from duluan.cases.choices import State
from duluan.cases.selectors import matters_stats


class Command(BaseCommand):
    help = "Đếm số vấn đề DLXH theo từng trạng thái."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = matters_stats()
        if options["json"]:
            self.stdout.write(json.dumps(counts, ensure_ascii=False, sort_keys=True))
            return
        for state, n in counts.items():
            self.stdout.write(f"{State(state).label}: {n}")
