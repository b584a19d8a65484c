from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from duluan.audit.breach import breach_exposure
from duluan.org.models import User


def _moment(value: str | None) -> datetime | None:
    if not value:
        return None
    for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            return timezone.make_aware(datetime.strptime(value, fmt))
        except ValueError:
            continue
    raise CommandError(f"Không hiểu thời điểm «{value}» (dạng dd/mm/yyyy hoặc dd/mm/yyyy HH:MM).")


class Command(BaseCommand):
    help = (
        "Diễn tập sự cố lộ lọt: từ nhật ký truy cập, liệt kê bản ghi mà một tài khoản "
        "hoặc một khoảng thời gian đã làm lộ (dữ liệu cho thông báo trong 72 giờ)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--account", help="Tên đăng nhập bị nghi lộ")
        parser.add_argument("--since", help="Từ thời điểm (dd/mm/yyyy [HH:MM])")
        parser.add_argument("--until", help="Đến thời điểm")
        parser.add_argument("--json", action="store_true", help="In JSON kèm mã bản ghi")

    def handle(self, *args: Any, **options: Any) -> None:
        actor_id = None
        if options["account"]:
            user = User.objects.filter(username=options["account"]).first()
            if user is None:
                raise CommandError(f"Không có tài khoản «{options['account']}».")
            actor_id = user.pk
        since, until = _moment(options["since"]), _moment(options["until"])
        if actor_id is None and since is None:
            raise CommandError("Cần --account hoặc --since.")
        exposure = breach_exposure(actor_id=actor_id, since=since, until=until).as_dict()
        if options["json"]:
            self.stdout.write(json.dumps(exposure, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Sự kiện truy cập: {exposure['events']}")
        self.stdout.write(f"Từ {exposure['first_at']} đến {exposure['last_at']}")
        for kind, count in exposure["records"].items():
            self.stdout.write(f"Bản ghi {kind} bị lộ: {count}")
        self.stdout.write(
            f"Người phản ánh có danh tính bị lộ: {exposure['named_reporters_exposed']}"
        )
        self.stdout.write(f"Đơn vị liên quan: {len(exposure['units'])}")
