"""QR codes of tip-page links (segno, loaded on use), as the surveys draw theirs."""

from __future__ import annotations

import io


def qr_image(url: str, fmt: str) -> tuple[bytes, str]:
    import segno  # on use: most processes never draw a QR code

    code = segno.make(url, error="m")
    out = io.BytesIO()
    if fmt == "svg":
        code.save(out, kind="svg", scale=8, border=2, title="Mã QR trang góp ý ẩn danh")
        return out.getvalue(), "image/svg+xml"
    code.save(out, kind="png", scale=10, border=2)
    return out.getvalue(), "image/png"


def qr_svg_inline(url: str) -> str:
    """The SVG markup for the A4 poster."""
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(
        out,
        kind="svg",
        scale=12,
        border=2,
        xmldecl=False,
        svgns=True,
        title="Mã QR trang góp ý ẩn danh",
        svgclass="poster-qr",
    )
    return out.getvalue().decode()
