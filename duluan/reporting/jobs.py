"""A report's PDF is built in a job (LibreOffice takes seconds, longer under
load): the page asks for it, follows its progress and downloads the file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from duluan.jobs.registry import job_handler

if TYPE_CHECKING:
    from duluan.jobs.models import Job

BUILD_DOCUMENT = "reporting.build_document"


@job_handler(
    BUILD_DOCUMENT,
    background=True,
    queue="exports",
    stale_after=600,
    max_attempts=2,
    title="Tạo văn bản báo cáo",
)
def build_document_job(job: Job) -> dict[str, Any]:
    """Build the document as its author may see it now (access checked at run time)."""
    from duluan.audit.models import Action
    from duluan.audit.services import audit_record
    from duluan.jobs.files import job_output_save
    from duluan.jobs.services import job_progress

    from .documents import CONTENT_TYPES, document_input, render
    from .periods import Period
    from .selectors import periodic_report_get
    from .synthesis import synthesis_build

    fmt = str(job.payload["format"])
    report = periodic_report_get(job.created_by, int(job.payload["report_id"]))
    job_progress(job, done=0, total=2, note="Đang tổng hợp số liệu")
    synthesis = synthesis_build(report.unit, Period.parse(report.period), report.report_type)
    job_progress(job, done=1, total=2, note=f"Đang dựng tệp {fmt.upper()}: {report.display_title}")
    content = render(document_input(synthesis, report), fmt)
    audit_record(
        actor=job.created_by,
        action=Action.EXPORT,
        object_type="periodic_report",
        object_ids=[report.pk],
        unit_id=report.unit_id,
        channel="job",
        note=fmt,
    )
    name = f"bao-cao-{report.unit.code}-{report.period.replace('..', '-')}.{fmt}"
    return job_output_save(job, name=name, content=content, content_type=CONTENT_TYPES[fmt])
