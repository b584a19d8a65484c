"""``duluan petitions_overdue``: remind overdue dialogue petitions (also a periodic job)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from duluan.network.services.petitions import petitions_overdue_check


class Command(BaseCommand):
    help = "Nhắc các kiến nghị quá hạn trả lời và báo lên công đoàn cấp trên."

    def handle(self, *args: Any, **options: Any) -> None:
        run = petitions_overdue_check()
        self.stdout.write(
            f"Kiến nghị quá hạn: {run.overdue}; đã nhắc {run.notified} người, "
            f"báo lên cấp trên {run.raised} người."
        )
