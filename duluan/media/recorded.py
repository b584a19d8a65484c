"""Recorded feeds (``fixtures/``) keep their dates fresh: ``{{ago:N}}`` becomes the RFC 822
date and ``{{ago-iso:N}}`` the ISO date of 08:00 (Hanoi time) N days ago, so the demo's
charts always cover the last days. Pure: bytes and a moment in, bytes out."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

FIXTURES = Path(__file__).resolve().parent / "fixtures"
_AGO = re.compile(rb"\{\{ago(-iso)?:(\d+)\}\}")
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def render(body: bytes, now: datetime | None = None) -> bytes:
    today = (now or datetime.now(HANOI)).astimezone(HANOI).date()

    def moment(match: re.Match[bytes]) -> bytes:
        when = datetime.combine(today - timedelta(days=int(match[2])), time(8, 0), HANOI)
        return (when.isoformat() if match[1] else format_datetime(when)).encode()

    return _AGO.sub(moment, body)


def recorded(path: str, now: datetime | None = None) -> bytes:
    """A recorded file under ``fixtures/`` with its dates rendered."""
    return render((FIXTURES / path).read_bytes(), now)
