"""Files beside a form (ODK form attachments) and files answered in a submission.

Both go through the guards of report attachments (``intake.attachments``): the
size limit ``UPLOAD_MAX_BYTES`` first, then the type read from the bytes, never
the name. Form attachments may also be text (CSV, XML, GeoJSON), which have no
magic bytes: those must decode as UTF-8 and parse.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import posixpath
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile

from duluan.core.errors import ValidationFailed
from duluan.intake.attachments import ALLOWED, upload_limit_label

from .xlsform import MEDIA_TYPES

if TYPE_CHECKING:
    from .models import Response, SurveyMedia, SurveyVersion

TEXT_TYPES = {".csv", ".xml", ".geojson"}
SAFE_NAME = re.compile(r"^[\w][\w .()+-]{0,200}$")
# Per question type, the content types an answered file may have (sniffed).
ANSWER_TYPES = {
    "image": {"image/jpeg", "image/png", "image/webp", "image/gif"},
    "photo": {"image/jpeg", "image/png", "image/webp", "image/gif"},
    "audio": {"audio/mp4", "audio/x-m4a", "audio/mpeg", "audio/ogg", "audio/x-wav", "audio/amr"},
    "video": {"video/mp4", "video/webm", "video/3gpp", "video/quicktime"},
    "file": set(ALLOWED),
}


def _limit(name: str, content: bytes) -> None:
    from django.conf import settings

    if len(content) > settings.UPLOAD_MAX_BYTES:
        raise ValidationFailed(f"Tệp «{name}» vượt quá {upload_limit_label()}.")
    if not content:
        raise ValidationFailed(f"Tệp «{name}» rỗng.")


def form_media_check(name: str, content: bytes) -> str:
    """The content type of a file given beside a form, or a Vietnamese refusal."""
    import filetype

    base = posixpath.basename(name.replace("\\", "/"))
    if base != name or not SAFE_NAME.match(name):
        raise ValidationFailed(f"Tên tệp «{name[:80]}» không dùng được làm tệp đính kèm.")
    _limit(name, content)
    ext = posixpath.splitext(name.lower())[1]
    if ext not in MEDIA_TYPES:
        raise ValidationFailed(
            f"Tệp «{name}»: chỉ nhận CSV, XML, GeoJSON, ảnh, âm thanh hoặc video."
        )
    expected = MEDIA_TYPES[ext]
    if ext in TEXT_TYPES:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationFailed(f"Tệp «{name}» không phải văn bản UTF-8.") from exc
        try:
            if ext == ".xml":
                from defusedxml import ElementTree

                ElementTree.fromstring(content)
            elif ext == ".geojson":
                json.loads(text)
            elif "\x00" in text:
                raise ValueError
        except Exception as exc:
            raise ValidationFailed(f"Tệp «{name}» không đọc được.") from exc
        return expected
    kind = filetype.guess(content)
    if kind is None or kind.mime.split("/")[0] != expected.split("/")[0]:
        raise ValidationFailed(f"Nội dung tệp «{name}» không khớp đuôi {ext}.")
    return str(kind.mime)


def answer_file_check(kind: str, name: str, content: bytes) -> str:
    """The sniffed content type of a file answered to a ``kind`` question."""
    import filetype

    _limit(name, content)
    guess = filetype.guess(content)
    mime = guess.mime if guess else ""
    if mime not in ANSWER_TYPES.get(kind, set()):
        raise ValidationFailed(f"Tệp «{name[:80]}» không đúng loại cho câu hỏi này.")
    return str(mime)


def media_save(version: SurveyVersion, files: Mapping[str, bytes]) -> list[SurveyMedia]:
    """Store ``files`` (already checked) beside ``version``, replacing same names."""
    from .models import SurveyMedia

    rows = []
    for name, content in files.items():
        version.media.filter(filename=name).delete()
        digest = hashlib.sha256(content).hexdigest()
        row = SurveyMedia(
            version=version,
            filename=name,
            content_type=MEDIA_TYPES.get(posixpath.splitext(name.lower())[1], "")
            or "application/octet-stream",
            size=len(content),
            sha256=digest,
            md5=hashlib.md5(content, usedforsecurity=False).hexdigest(),
        )
        row.file.save(digest, ContentFile(content), save=False)
        row.save()
        rows.append(row)
    return rows


def media_copy(source: SurveyVersion, target: SurveyVersion, skip: Iterable[str]) -> None:
    """The files of ``source`` not in ``skip`` on ``target`` too (same stored file)."""
    from .models import SurveyMedia

    skipped = set(skip)
    SurveyMedia.objects.bulk_create(
        [
            SurveyMedia(
                version=target,
                filename=m.filename,
                file=m.file.name,
                content_type=m.content_type,
                size=m.size,
                sha256=m.sha256,
                md5=m.md5,
            )
            for m in source.media.all()
            if m.filename not in skipped
        ]
    )


def file_choices(version: SurveyVersion) -> dict[str, set[str]]:
    """file name -> the ``name`` column of each CSV beside ``version`` (for checking a
    choice read from a file)."""
    out: dict[str, set[str]] = {}
    for media in version.media.filter(filename__iendswith=".csv"):
        with media.file.open("rb") as handle:
            text = handle.read().decode("utf-8-sig", errors="replace")
        reader = csv.DictReader(io.StringIO(text))
        out[media.filename] = {row.get("name", "") or "" for row in reader}
    return out


def answer_files_save(
    response: Response, wanted: Mapping[str, tuple[str, str]], files: Mapping[str, bytes]
) -> int:
    """Store the parts named in ``wanted`` (file name -> (question, kind)) for
    ``response``; a question that already has its file keeps it (Collect resends)."""
    from .models import ResponseFile

    stored = 0
    have = set(response.files.values_list("question", flat=True))
    for name, content in files.items():
        if name not in wanted:
            continue  # a part no question names: never stored
        question, kind = wanted[name]
        if question in have:
            continue
        mime = answer_file_check(kind, name, content)
        digest = hashlib.sha256(content).hexdigest()
        row = ResponseFile(
            response=response,
            question=question,
            original_name=name[:255],
            content_type=mime,
            size=len(content),
            sha256=digest,
        )
        row.file.save(digest, ContentFile(content), save=False)
        row.save()
        have.add(question)
        stored += 1
    return stored
