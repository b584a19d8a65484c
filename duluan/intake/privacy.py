"""Personal data held in intake: named reporters, their contacts, their reports."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Q

from duluan.core.files import files_delete_on_commit, files_location
from duluan.core.pii import mask_pii
from duluan.privacy.choices import Purpose
from duluan.privacy.models import Consent
from duluan.privacy.registry import ErasureKeys, RegisterEntry
from duluan.privacy.subject import SubjectRef, contact_hash

from .keys import submitter_key
from .models import Report, ReportAttachment, ReporterIdentity

SUBJECT_KIND = "reporter_identity"


def _identities(subject: SubjectRef) -> list[ReporterIdentity]:
    found: dict[int, ReporterIdentity] = {}
    if subject.user_id:
        for identity in ReporterIdentity.objects.filter(user_id=subject.user_id):
            found[identity.pk] = identity
    if subject.contacts:
        hashes = subject.contact_hashes
        for identity in ReporterIdentity.objects.exclude(contact="").only(
            "id", "contact", "report_id"
        ):
            if contact_hash(identity.contact) in hashes:
                found[identity.pk] = identity
    return list(found.values())


def _reports_of(subject: SubjectRef, identities: list[ReporterIdentity]) -> Any:
    query = Q(pk__in=[i.report_id for i in identities])
    if subject.user_id:
        query |= Q(submitter_key=submitter_key(subject.user_id))
    return Report.objects.filter(query)


def _scrub_reports(reports: Any) -> None:
    for report in reports:
        report.subject = mask_pii(report.subject)
        report.text = mask_pii(report.text)
        report.place = mask_pii(report.place)
        report.submitter_key = ""
        report.is_anonymous = True
        report.save(update_fields=["subject", "text", "place", "submitter_key", "is_anonymous"])


class IntakeProvider:
    key = "reports"

    def export(self, subject: SubjectRef) -> dict[str, list[dict[str, Any]]]:
        identities = _identities(subject)
        reports = _reports_of(subject, identities).select_related("unit")
        consents = Consent.objects.filter(
            subject_kind=SUBJECT_KIND, subject_id__in=[i.pk for i in identities]
        )
        return {
            "named_reporter_records": [
                {"report_id": i.report_id, "name": i.name, "contact": i.contact} for i in identities
            ],
            "reports": [
                {
                    "id": r.pk,
                    "unit": r.unit.name,
                    "heard_at": r.heard_at,
                    "subject": r.subject,
                    "text": r.text,
                    "anonymous": r.is_anonymous,
                }
                for r in reports
            ],
            "consents": [
                {
                    "purpose": c.purpose,
                    "given_at": c.given_at,
                    "method": c.method,
                    "withdrawn_at": c.withdrawn_at,
                }
                for c in consents
            ],
        }

    def erase(self, subject: SubjectRef, keys: ErasureKeys) -> int:
        identities = _identities(subject)
        reports = list(_reports_of(subject, identities))
        ids = [i.pk for i in identities]
        keys.add("identity_ids", ids)
        keys.add("contact_hashes", sorted(subject.contact_hashes))
        if subject.user_id:
            keys.add("submitter_keys", [submitter_key(subject.user_id)])
        keys.add("report_ids", [r.pk for r in reports])
        Consent.objects.filter(subject_kind=SUBJECT_KIND, subject_id__in=ids).delete()
        ReporterIdentity.objects.filter(pk__in=ids).delete()
        _scrub_reports(reports)
        return len(ids) + len(reports)

    def reapply(self, keys: dict[str, list[Any]]) -> int:
        hashes = set(keys.get("contact_hashes", []))
        ids = set(keys.get("identity_ids", []))
        if hashes:
            for identity in ReporterIdentity.objects.exclude(contact="").only("id", "contact"):
                if contact_hash(identity.contact) in hashes:
                    ids.add(identity.pk)
        still_there = list(ReporterIdentity.objects.filter(pk__in=ids).values_list("pk", flat=True))
        Consent.objects.filter(subject_kind=SUBJECT_KIND, subject_id__in=ids).delete()
        ReporterIdentity.objects.filter(pk__in=still_there).delete()
        candidates = Report.objects.filter(
            Q(pk__in=keys.get("report_ids", []))
            | Q(submitter_key__in=keys.get("submitter_keys", []))
        )
        # Only what the restore brought back (a link, or unmasked personal data).
        reports = [
            r
            for r in candidates
            if r.submitter_key or not r.is_anonymous or mask_pii(r.text) != r.text
        ]
        _scrub_reports(reports)
        return len(still_there) + len(reports)

    def restrict(self, subject: SubjectRef, when: datetime) -> int:
        ids = [i.pk for i in _identities(subject)]
        return Consent.objects.filter(
            subject_kind=SUBJECT_KIND, subject_id__in=ids, withdrawn_at__isnull=True
        ).update(withdrawn_at=when)

    def retention_apply(self, now: datetime, dry_run: bool) -> dict[str, int]:
        days = settings.RETENTION_DAYS
        identities = ReporterIdentity.objects.filter(
            report__created_at__lt=now - timedelta(days=days["reporter_identity"])
        )
        texts = Report.objects.filter(
            created_at__lt=now - timedelta(days=days["report_text"]),
            text_anonymised_at__isnull=True,
        )
        attachments = ReportAttachment.objects.filter(
            created_at__lt=now - timedelta(days=days["attachments"])
        )
        counts = {
            "reporter_identities": identities.count(),
            "report_texts": texts.count(),
            "attachments": attachments.count(),
        }
        if dry_run:
            return counts
        report_ids = list(identities.values_list("report_id", flat=True))
        Consent.objects.filter(
            subject_kind=SUBJECT_KIND, subject_id__in=identities.values("pk")
        ).delete()
        identities.delete()
        Report.objects.filter(pk__in=report_ids).update(is_anonymous=True)
        for report in texts.iterator(chunk_size=1000):
            report.subject = mask_pii(report.subject)
            report.text = mask_pii(report.text)
            report.place = mask_pii(report.place)
            report.text_anonymised_at = now
            report.save(update_fields=["subject", "text", "place", "text_anonymised_at"])
        doomed = list(attachments.only("id", "file"))
        ReportAttachment.objects.filter(pk__in=[a.pk for a in doomed]).delete()
        files_delete_on_commit(default_storage, [a.file.name for a in doomed])
        return counts

    def register_entries(self) -> list[RegisterEntry]:
        days = settings.RETENTION_DAYS
        named = ReporterIdentity.objects.count()
        return [
            RegisterEntry(
                category="Danh tính người phản ánh (khi họ chọn không ẩn danh)",
                fields=["họ tên", "cách liên hệ"],
                purpose=f"{Purpose.NAMED_REPORT.label}; {Purpose.CONTACT_BACK.label}",
                legal_basis="Sự đồng ý của chủ thể dữ liệu, ghi nhận theo từng mục đích",
                subjects="Đoàn viên, người lao động phản ánh",
                recipients="Chỉ cán bộ tuyên giáo của chính đơn vị nhận phản ánh",
                retention=f"{days['reporter_identity']} ngày kể từ khi nhận, rồi xoá",
                storage="Cơ sở dữ liệu duluan (bảng intake_reporteridentity), tách khỏi phản ánh",
                sensitive=True,
                count=named,
            ),
            RegisterEntry(
                category="Nội dung phản ánh dư luận",
                fields=["nội dung", "tiêu đề", "nơi, doanh nghiệp", "tệp đính kèm"],
                purpose="Nắm bắt, tổng hợp, xử lý dư luận xã hội trong đoàn viên, người lao động",
                legal_basis="Thực hiện nhiệm vụ của tổ chức công đoàn (Luật Công đoàn 2024)",
                subjects="Đoàn viên, người lao động (có thể nêu quan điểm chính trị: dữ liệu nhạy cảm)",
                recipients="Cán bộ đơn vị nhận và các cấp công đoàn cấp trên theo cây tổ chức",
                retention=(
                    f"Nội dung: che dữ liệu cá nhân sau {days['report_text']} ngày; "
                    f"tệp đính kèm: xoá sau {days['attachments']} ngày"
                ),
                storage=f"Cơ sở dữ liệu duluan (intake_report); tệp đính kèm: {files_location()}",
                sensitive=True,
                count=Report.objects.count(),
            ),
        ]
