"""``duluan channel simulate KIND FILE``: replay recorded payloads (no outside service)."""

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

    def handle(self, *args: Any, **options: Any) -> None:
        from .._cli import read_input

        if options["action"] == "simulate":
            from duluan.channels.simulate import channel_simulate

            raw = read_input(options["file"])
            try:
                result = channel_simulate(kind=options["kind"], raw=raw, forge=options["forge"])
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            body = result.body
            self.stdout.write(
                f"HTTP {result.status}: nhận {body.get('received', 0)}, "
                f"trùng {body.get('duplicates', 0)}, vượt giới hạn {body.get('throttled', 0)}"
                + (f" ({body['detail']})" if "detail" in body else "")
            )
            if result.status >= 400:
                sys.exit(1)
        elif options["action"] == "poll_mail" or options["action"] == "poll-mail":
            from duluan.channels.email import mail_poll

            polled = mail_poll()
            self.stdout.write(
                f"đọc {polled.fetched}, nhận {polled.received}, trùng {polled.duplicates}, "
                f"chuyển thư mục {polled.moved}"
            )
