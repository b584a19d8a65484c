"""PDF through LibreOffice headless (``soffice``), when it is installed.

No Python wheel renders DOCX faithfully; LibreOffice does, and Debian ships
it as ``libreoffice-writer-nogui``. Without it, asking for a PDF answers a
clear error and the DOCX stays available.
"""

from __future__ import annotations

import contextlib
import fcntl
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
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


@contextlib.contextmanager
def _profile(scratch: Path) -> Iterator[Path]:
    """LibreOffice's user profile: a kept one under ``VAR_DIR`` (created by the first
    conversion, it spares every later one the profile's set-up), held by an
    exclusive lock because LibreOffice must not share it; a fresh one in
    ``scratch`` while another conversion holds it, or when it cannot be written."""
    kept = Path(settings.VAR_DIR) / "soffice-profile"
    try:
        kept.mkdir(parents=True, exist_ok=True)
        handle = (kept.parent / "soffice-profile.lock").open("w")
    except OSError:
        yield scratch / "profile"
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield scratch / "profile"
            return
        try:
            yield kept
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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
        with _profile(folder) as profile:
            result = subprocess.run(  # noqa: S603
                [
                    binary,
                    f"-env:UserInstallation={profile.as_uri()}",
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
