"""QR codes of public links (segno, loaded on use): survey links and tip pages.

``qr_image`` gives the file a unit prints or shares (PNG or SVG), ``qr_svg_inline``
the markup the A4 posters embed (no data: URI needed). ``title`` names the code for
screen readers, in Vietnamese.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import segno


def _code(url: str) -> segno.QRCode:
    import segno  # on use: most processes never draw a QR code

    return segno.make(url, error="m")


def qr_image(url: str, fmt: str, *, title: str) -> tuple[bytes, str]:
    code = _code(url)
    out = io.BytesIO()
    if fmt == "svg":
        code.save(out, kind="svg", scale=8, border=2, title=title)
        return out.getvalue(), "image/svg+xml"
    code.save(out, kind="png", scale=10, border=2)
    return out.getvalue(), "image/png"


def qr_svg_inline(url: str, *, title: str) -> str:
    out = io.BytesIO()
    _code(url).save(
        out,
        kind="svg",
        scale=12,
        border=2,
        xmldecl=False,
        svgns=True,
        title=title,
        svgclass="poster-qr",
    )
    return out.getvalue().decode()
