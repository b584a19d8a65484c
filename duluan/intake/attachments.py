"""Attachment checks: size first, then the type read from the bytes, not the name."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings

from duluan.core.errors import ValidationFailed

ALLOWED = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
# The names a browser may give each allowed type: the form's ``accept`` and its check
# before upload read them (the server goes by the bytes, whatever the name).
EXTENSIONS = {
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "image/webp": (".webp",),
    "application/pdf": (".pdf",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
}
KINDS_LABEL = "ảnh (JPG, PNG, WEBP), PDF hoặc DOCX"


def upload_limit_label() -> str:
    """The per-file limit as people write it: "10 MB", "2,5 MB"."""
    mb = settings.UPLOAD_MAX_BYTES / (1024 * 1024)
    return f"{mb:.0f} MB" if mb == round(mb) else f"{mb:.1f} MB".replace(".", ",")


def accept_extensions() -> list[str]:
    """ ".jpg", ".jpeg", … for every allowed type, in the order of :data:`ALLOWED`."""
    return [ext for mime in ALLOWED for ext in EXTENSIONS[mime]]


@dataclass
class UploadedFile:
    name: str
    content: bytes


def _is_docx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def check_attachment(upload: UploadedFile) -> tuple[bytes, str]:
    """The bytes and their real content type, or a Vietnamese refusal."""
    limit = settings.UPLOAD_MAX_BYTES
    if len(upload.content) > limit:
        raise ValidationFailed(
            f"Tệp «{upload.name}» vượt quá {upload_limit_label()}.",
            extra={"errors": {"attachments": ["Tệp quá lớn."]}},
        )
    if not upload.content:
        raise ValidationFailed(
            f"Tệp «{upload.name}» rỗng.", extra={"errors": {"attachments": ["Tệp rỗng."]}}
        )
    kind = filetype.guess(upload.content)
    mime = kind.mime if kind else ""
    if mime == "application/zip" or (mime == ALLOWED_DOCX and not _is_docx(upload.content)):
        mime = ALLOWED_DOCX if _is_docx(upload.content) else ""
    if mime not in ALLOWED:
        raise ValidationFailed(
            f"Tệp «{upload.name}» không phải {KINDS_LABEL}.",
            extra={"errors": {"attachments": ["Loại tệp không được chấp nhận."]}},
        )
    return upload.content, mime


ALLOWED_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
