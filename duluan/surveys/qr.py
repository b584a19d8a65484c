"""QR codes of survey distribution links (the shared drawing is ``core.qr``)."""

from __future__ import annotations

from duluan.core import qr

TITLE = "Mã QR khảo sát"


def qr_image(url: str, fmt: str) -> tuple[bytes, str]:
    return qr.qr_image(url, fmt, title=TITLE)


def qr_svg_inline(url: str) -> str:
    return qr.qr_svg_inline(url, title=TITLE)
