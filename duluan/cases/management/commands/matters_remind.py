"""``duluan matters-remind``: remind units of overdue steps and unacknowledged directions."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from duluan.cases.reminders import matters_overdue_check


class Command(BaseCommand):
    help = (
        "Nhắc đơn vị về các vấn đề quá hạn xử lý và các định hướng chưa báo cáo phổ biến "
        "(mỗi lần quá hạn nhắc một lần)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = matters_overdue_check()
        self.stdout.write(
            f"Vấn đề quá hạn: {counts['steps']}; định hướng chậm: {counts['targets']}; "
            f"thông báo mới: {counts['notified']}; e-mail: {counts['emails']}"
        )
