"""A job a person waits for: its progress (HTMX polling) and its result."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from duluan.audit.models import Action
from duluan.audit.services import audit_record

from .files import job_output_open
from .models import Job, JobState
from .registry import kind_get
from .selectors import job_for_user

POLL_SECONDS = 1


def _job(request: HttpRequest, pk: int) -> Job:
    job = job_for_user(user=request.user, job_id=pk)
    if job is None:
        raise Http404("Không tìm thấy công việc.")
    return job


def job_context(job: Job) -> dict[str, object]:
    kind = kind_get(job.kind)
    context: dict[str, object] = {
        "job": job,
        "title": kind.title or "Công việc nền",
        "result_template": kind.result_template,
        "poll_seconds": POLL_SECONDS,
        "retrying": job.state == JobState.PENDING and job.attempts > 0,
        "output": bool((job.result or {}).get("output")) if job.state == JobState.DONE else False,
    }
    if job.state == JobState.DONE and kind.result_context:
        context.update(kind.result_context(job))
    return context


@login_required
@require_GET
def job_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    return render(request, "jobs/job.html", job_context(job))


@login_required
@require_GET
def job_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The fragment the page polls; once the job has ended it stops polling."""
    job = _job(request, pk)
    response = render(request, "jobs/_status.html", job_context(job))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def job_download_view(request: HttpRequest, pk: int) -> FileResponse:
    job = _job(request, pk)
    result = job.result or {}
    if job.state != JobState.DONE or not result.get("output"):
        raise Http404("Tệp không còn: hãy tạo lại.")
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        object_type="job_output",
        object_ids=[job.pk],
        request=request,
        note=job.kind,
    )
    response = FileResponse(
        job_output_open(job),
        as_attachment=True,
        filename=result.get("output_name") or "tep",
        content_type=result.get("content_type") or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
