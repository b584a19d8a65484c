"""PDF through LibreOffice headless (``soffice``), when it is installed.

No Python wheel renders DOCX faithfully; LibreOffice does, and Debian ships
it as ``libreoffice-writer-nogui``. Without it, asking for a PDF answers a
clear error and the DOCX stays available.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

from duluan.core.errors import ApplicationError


class PdfUnavailable(ApplicationError):
    status = 503


def soffice_path() -> str | None:
    configured = getattr(settings, "REPORTING_SOFFICE", "")
    if configured:
        return shutil.which(configured) or (configured if Path(configured).exists() else None)
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(content: bytes, *, timeout: int = 120) -> bytes:
    binary = soffice_path()
    if binary is None:
        raise PdfUnavailable(
            "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản DOCX."
        )
    with tempfile.TemporaryDirectory(prefix="duluan-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "bao-cao.docx"
        source.write_bytes(content)
        # A private profile: concurrent conversions must not share LibreOffice's lock.
        profile = (folder / "profile").as_uri()
        result = subprocess.run(  # noqa: S603
            [
                binary,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(source),
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        target = folder / "bao-cao.pdf"
        if result.returncode != 0 or not target.exists():
            raise PdfUnavailable(
                "LibreOffice không chuyển được báo cáo sang PDF; hãy tải bản DOCX."
            )
        return target.read_bytes()
