"""QR codes of distribution links (segno): PNG and SVG, for the A4 poster."""

from __future__ import annotations

import io

import segno


def qr_image(url: str, fmt: str) -> tuple[bytes, str]:
    code = segno.make(url, error="m")
    out = io.BytesIO()
    if fmt == "svg":
        code.save(out, kind="svg", scale=8, border=2, title="Mã QR khảo sát")
        return out.getvalue(), "image/svg+xml"
    code.save(out, kind="png", scale=10, border=2)
    return out.getvalue(), "image/png"


def qr_svg_inline(url: str) -> str:
    """The SVG markup, embedded in the poster page (no data: URI needed)."""
    code = segno.make(url, error="m")
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
