"""QR codes of distribution links (segno): PNG and SVG, for the A4 poster."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import segno


def _code(url: str) -> segno.QRCode:
    import segno  # on use: most processes never draw a QR code

    return segno.make(url, error="m")


def qr_image(url: str, fmt: str) -> tuple[bytes, str]:
    code = _code(url)
    out = io.BytesIO()
    if fmt == "svg":
        code.save(out, kind="svg", scale=8, border=2, title="Mã QR khảo sát")
        return out.getvalue(), "image/svg+xml"
    code.save(out, kind="png", scale=10, border=2)
    return out.getvalue(), "image/png"


def qr_svg_inline(url: str) -> str:
    """The SVG markup, embedded in the poster page (no data: URI needed)."""
    code = _code(url)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        scale=12,
        border=2,
        xmldecl=False,
        svgns=True,
        title="Mã QR khảo sát",
        svgclass="poster-qr",
    )
    return out.getvalue().decode()
