"""``duluan channel simulate KIND FILE [--forge] [--unit CODE]``: replay recorded
payloads (no outside service); ``duluan channel poll-mail``: read the IMAP folder once."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Kênh tiếp nhận: phát lại tin nhắn đã ghi (simulate)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        simulate = sub.add_parser("simulate", help="Phát lại một tệp tin nhắn đã ghi.")
        simulate.add_argument("kind", help="zalo, email, sms …")
        simulate.add_argument("file", help="Tệp JSON (hoặc .eml cho email); '-' đọc stdin.")
        simulate.add_argument("--forge", action="store_true", help="Ký sai (phải bị từ chối 403).")
        simulate.add_argument(
            "--unit",
            default="",
            help="Mã đơn vị: tạo điểm tiếp nhận ở địa chỉ của tin nếu chưa có (cho bản demo).",
        )
        sub.add_parser("poll-mail", help="Đọc hộp thư IMAP một lần (cron, hoặc Celery beat).")

    def handle(self, *args: Any, **options: Any) -> None:
        from .._cli import read_input

        if options["action"] == "simulate":
            from duluan.channels.simulate import channel_simulate

            raw = read_input(options["file"])
            try:
                if options["unit"]:
                    from duluan.channels.simulate import endpoint_ensure

                    done = endpoint_ensure(kind=options["kind"], raw=raw, unit_code=options["unit"])
                    if done:
                        self.stdout.write(done)
                result = channel_simulate(kind=options["kind"], raw=raw, forge=options["forge"])
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            body = result.body
            self.stdout.write(
                f"HTTP {result.status}: nhận {body.get('received', 0)}, "
                f"trùng {body.get('duplicates', 0)}, vượt giới hạn {body.get('throttled', 0)}"
                + (f", chưa xác định đơn vị {body['unrouted']}" if body.get("unrouted") else "")
                + (f" ({body['detail']})" if "detail" in body else "")
            )
            if result.status >= 400:
                sys.exit(1)
        elif options["action"] == "poll-mail":
            from duluan.channels.email import mail_poll

            polled = mail_poll()
            self.stdout.write(
                f"đọc {polled.fetched}, nhận {polled.received}, trùng {polled.duplicates}, "
                f"chuyển thư mục {polled.moved}"
            )
