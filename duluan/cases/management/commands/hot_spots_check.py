"""``duluan hot-spots-check``: flag overdue hot spots and remind their parent units, once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from duluan.cases.notify import hot_spots_overdue_check


class Command(BaseCommand):
    help = "Đánh dấu điểm nóng quá hạn báo cáo và nhắc đơn vị cấp trên (mỗi vấn đề một lần)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = hot_spots_overdue_check()
        self.stdout.write(
            f"Điểm nóng quá hạn mới: {counts['flagged']}; "
            f"thông báo: {counts['notified']}; e-mail: {counts['emails']}"
        )
