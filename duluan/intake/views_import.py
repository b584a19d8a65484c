"""Spreadsheet import pages: the upload form, its result, and the templates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from duluan.core.errors import ApplicationError
from duluan.core.sheets.files import check_size, too_large
from duluan.jobs.files import job_enqueue_with_input
from duluan.jobs.services import job_runs_in_background
from duluan.jobs.views import job_context
from duluan.org.choices import Perm
from duluan.org.scope import has_perm

from .importing.template import XLSX_TYPE, choice_tables, column_notes, template_csv, template_xlsx
from .jobs import IMPORT_REPORTS

ACCEPT = ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp bảng tính (.xlsx hoặc .csv)",
        widget=forms.ClearableFileInput(
            attrs={"accept": ACCEPT, "aria-describedby": "import-help"}
        ),
    )
    valid_only = forms.BooleanField(
        label="Chỉ nhập các dòng hợp lệ (bỏ qua dòng lỗi)", required=False
    )


class _SizeLimit(FileUploadHandler):
    """Stops reading an upload once it passes IMPORT_MAX_BYTES, so an oversized
    file is neither held in memory nor spooled whole to disk."""

    def __init__(self, request: HttpRequest) -> None:
        super().__init__(request)
        self.exceeded = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > settings.IMPORT_MAX_BYTES:
            self.exceeded = start + len(raw_data)
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _require_importer(request: HttpRequest) -> None:
    if not has_perm(request.user, Perm.REPORT_IMPORT):
        raise Http404("Không tìm thấy trang.")


@csrf_exempt  # only so the size limit is installed before the body is read; see below
@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    limit = _SizeLimit(request)
    request.upload_handlers.insert(0, limit)
    return _import(request, limit)


@csrf_protect
def _import(request: HttpRequest, limit: _SizeLimit) -> HttpResponse:
    """Check the upload here (size, form); validate and write in a job (its own page)."""
    form = ImportForm(request.POST or None, request.FILES or None)
    refusal = ""
    if request.method == "POST":
        if limit.exceeded:
            form = ImportForm(request.POST)
            refusal = too_large()
        elif form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                check_size(upload.size)
            except ApplicationError as exc:
                refusal = exc.message
            else:
                job = job_enqueue_with_input(
                    IMPORT_REPORTS,
                    {"valid_only": form.cleaned_data["valid_only"]},
                    created_by=request.user,
                    file_name=upload.name or "",
                    content=upload.read(),
                )
                if request.headers.get("HX-Request"):
                    if not job_runs_in_background(job):
                        job.refresh_from_db()  # it ran at once: show its result
                    # The form stays on screen; the fragment polls the job (and links its page).
                    return render(request, "jobs/_status.html", job_context(job))
                return redirect("jobs:job", pk=job.pk)
    context: dict[str, Any] = {
        "form": form,
        "result": None,
        "refusal": refusal,
        "errors": [],
        "max_mb": settings.IMPORT_MAX_BYTES // (1024 * 1024),
        "max_rows": settings.IMPORT_MAX_ROWS,
        "choice_tables": choice_tables(),
        "column_notes": column_notes(),
    }
    if request.headers.get("HX-Request"):
        return render(request, "intake/import_result.html", context)
    return render(request, "intake/import.html", context)


@login_required
@require_GET
def template_view(request: HttpRequest, fmt: str) -> HttpResponse:
    _require_importer(request)
    if fmt == "xlsx":
        content, content_type = template_xlsx(), XLSX_TYPE
    elif fmt == "csv":
        content, content_type = template_csv(), "text/csv; charset=utf-8"
    else:
        raise Http404("Không tìm thấy tệp mẫu.")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-phan-anh.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
