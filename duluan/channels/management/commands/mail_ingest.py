"""``duluan mail-ingest``: one message on stdin (a Postfix pipe transport).

Exit codes follow sysexits, as Postfix expects: 0 stored (or a replay, or
mail we never file: a bounce, our own loop), 69 (unavailable) when the e-mail
channel is off, 75 (temporary failure: Postfix retries) on any other error."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

EX_UNAVAILABLE = 69
EX_TEMPFAIL = 75


class Command(BaseCommand):
    help = "Nhận một thư điện tử từ stdin (Postfix pipe) thành phản ánh chờ phân loại."

    def handle(self, *args: Any, **options: Any) -> None:
        from duluan.channels.services import channel_receive

        if "email" not in settings.CHANNELS:
            self.stderr.write("Kênh email đang tắt (DULUAN_CHANNELS).")
            sys.exit(EX_UNAVAILABLE)
        raw = sys.stdin.buffer.read()
        try:
            result = channel_receive(kind="email", raw=raw)
        except Exception as exc:  # Postfix keeps the mail and tries again
            self.stderr.write(f"Lỗi tạm thời: {exc}")
            sys.exit(EX_TEMPFAIL)
        self.stdout.write(f"nhận {len(result.created)}, trùng {result.duplicates}")
