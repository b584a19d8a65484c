"""``duluan hot-spots-check``: flag overdue hot spots and remind their parent units, once;
send again the hot-spot webhooks the gateway has not taken yet."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from duluan.cases.notify import hot_spots_overdue_check
from duluan.notifications.webhooks import webhooks_retry


class Command(BaseCommand):
    help = (
        "Đánh dấu điểm nóng quá hạn báo cáo và nhắc đơn vị cấp trên (mỗi vấn đề một lần); "
        "gửi lại webhook điểm nóng chưa được nhận."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = hot_spots_overdue_check()
        self.stdout.write(
            f"Điểm nóng quá hạn mới: {counts['flagged']}; "
            f"thông báo: {counts['notified']}; e-mail: {counts['emails']}"
        )
        hooks = webhooks_retry()
        self.stdout.write(
            f"Webhook gửi lại: {hooks['retried']}; đã được nhận: {hooks['delivered']}"
        )
