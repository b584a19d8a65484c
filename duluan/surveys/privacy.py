"""The personal data of surveys: files answered in named surveys (images, sound,
video, documents) and the places in geopoint answers beside them.

A response is tied to no account (docs/surveys.md), so a data subject's request
cannot find "their" files by account or contact: export and erasure by subject
return nothing, and the processing register says so. Files are kept as long as
report attachments (``RETENTION_ATTACHMENT_DAYS``), then deleted with their rows.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage

from duluan.core.files import files_delete_on_commit
from duluan.privacy.registry import ErasureKeys, RegisterEntry
from duluan.privacy.subject import SubjectRef

from .models import ResponseFile


class SurveyFilesProvider:
    key = "survey_files"

    def export(self, subject: SubjectRef) -> dict[str, list[dict[str, Any]]]:
        return {}  # responses carry no account or contact to find a subject by

    def erase(self, subject: SubjectRef, keys: ErasureKeys) -> int:
        return 0

    def reapply(self, keys: dict[str, list[Any]]) -> int:
        return 0

    def restrict(self, subject: SubjectRef, when: datetime) -> int:
        return 0

    def retention_apply(self, now: datetime, dry_run: bool) -> dict[str, int]:
        days = settings.RETENTION_DAYS["attachments"]
        old = ResponseFile.objects.filter(created_at__lt=now - timedelta(days=days))
        counts = {"survey_answer_files": old.count()}
        if dry_run:
            return counts
        doomed = list(old.only("id", "file"))
        ResponseFile.objects.filter(pk__in=[f.pk for f in doomed]).delete()
        files_delete_on_commit(default_storage, [f.file.name for f in doomed])
        return counts

    def register_entries(self) -> list[RegisterEntry]:
        days = settings.RETENTION_DAYS["attachments"]
        return [
            RegisterEntry(
                category="Tệp trả lời khảo sát có danh tính (ảnh, âm thanh, video, tệp, vị trí)",
                fields=[
                    "ảnh, ghi âm, video, tệp người trả lời gửi",
                    "vị trí GPS trong câu trả lời",
                ],
                purpose="Khảo sát, điều tra dư luận có danh tính hoặc do phỏng vấn viên thực hiện",
                legal_basis="Sự đồng ý của người trả lời (khảo sát không ẩn danh)",
                subjects="Người lao động, đoàn viên trả lời khảo sát",
                recipients="Cán bộ có phạm vi bao trùm đơn vị tổ chức khảo sát",
                retention=f"{days} ngày kể từ khi nhận, rồi xoá tệp",
                storage="Kho tệp của duluan (surveys/answers/), bảng surveys_responsefile",
                sensitive=True,
                count=ResponseFile.objects.count(),
            )
        ]
