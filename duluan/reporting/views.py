"""Periodic report pages: list and create, editor, approve/submit, downloads, compliance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from duluan.core.periods import period_title
from duluan.jobs.services import job_enqueue
from duluan.org.scope import has_perm, own_unit_ids, unit_in_scope
from duluan.org.selectors import unit_get

from . import permissions
from .choices import NARRATIVE_SECTIONS, SCHEDULED_TYPES, Compliance, ReportType, State
from .compliance import compliance_board, compliance_history, latest_due_period
from .documents import CONTENT_TYPES, FORMATS, document_input
from .documents import render as render_document
from .documents.layout import measure_rows
from .jobs import BUILD_DOCUMENT
from .periods import Period, period_choices
from .schedules import with_due
from .selectors import (
    own_report_units,
    periodic_report_get,
    periodic_report_list,
    viewable_units,
)
from .services import (
    EDITABLE_FIELDS,
    periodic_report_approve,
    periodic_report_create,
    periodic_report_reopen,
    periodic_report_submit,
    periodic_report_update,
)
from .synthesis import synthesis_build
from .workflow import allowed_next


def _need_view(request: HttpRequest) -> None:
    if not has_perm(request.user, permissions.VIEW):
        raise Http404("Không tìm thấy trang.")


def _fail(exc: ApplicationError) -> HttpResponse:
    if isinstance(exc, NotFoundError):
        raise Http404(exc.message) from exc
    return HttpResponse(exc.message, status=exc.status, content_type="text/plain; charset=utf-8")


@login_required
@require_GET
def period_list_view(request: HttpRequest) -> HttpResponse:
    _need_view(request)
    reports = with_due(list(periodic_report_list(request.user)[:200]))
    units = list(own_report_units(request.user))
    suggested = latest_due_period(ReportType.MONTHLY)
    return render(
        request,
        "reporting/period_list.html",
        {
            "reports": reports,
            "units": units,
            "types": ReportType.choices,
            "suggested": suggested.code,
            "period_groups": period_choices(timezone.localdate()),
        },
    )


@login_required
@require_POST
def report_create_view(request: HttpRequest) -> HttpResponse:
    data = request.POST
    try:
        unit_id = int(data.get("unit", ""))
    except ValueError:
        raise Http404("Không tìm thấy đơn vị.") from None
    try:
        report = periodic_report_create(
            actor=request.user,
            unit_id=unit_id,
            report_type=data.get("type", ReportType.MONTHLY),
            period=data.get("period", ""),
        )
    except ApplicationError as exc:
        if isinstance(exc, NotFoundError | PermissionDeniedError):
            return _fail(exc)
        messages.error(request, exc.message)
        return redirect("reporting:period_list")
    messages.success(request, "Đã lập dự thảo báo cáo từ số liệu của đơn vị.")
    return redirect("reporting:report_detail", pk=report.pk)


@login_required
@require_http_methods(["GET", "POST"])
def report_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = periodic_report_get(request.user, pk)
    if request.method == "POST":
        try:
            periodic_report_update(
                actor=request.user,
                report_id=report.pk,
                data={name: request.POST.get(name) for name in EDITABLE_FIELDS},
            )
        except ApplicationError as exc:
            if isinstance(exc, NotFoundError | PermissionDeniedError):
                return _fail(exc)
            messages.error(request, exc.message)
        else:
            messages.success(request, "Đã lưu dự thảo.")
        return redirect("reporting:report_detail", pk=report.pk)
    synthesis = synthesis_build(report.unit, Period.parse(report.period), report.report_type)
    own = request.user.is_superuser or report.unit_id in own_unit_ids(
        request.user, permissions.EDIT
    )
    allowed = allowed_next(request.user, report)
    audit_record(
        actor=request.user,
        action=Action.REPORT_VIEW,
        object_type="periodic_report",
        object_ids=[report.pk],
        unit_id=report.unit_id,
        request=request,
    )
    return render(
        request,
        "reporting/report_detail.html",
        {
            "report": report,
            "synthesis": synthesis,
            # As in the DOCX: figures as a table when the block has no table of its own.
            "blocks": [
                (b, not b.tables and any(f.value for f in b.figures)) for b in synthesis.blocks
            ],
            "sections": [(key, title, getattr(report, key)) for key, title in NARRATIVE_SECTIONS],
            "definitions": measure_rows(synthesis.blocks),
            "has_text": any(getattr(report, key).strip() for key, _ in NARRATIVE_SECTIONS),
            "can_edit": own and report.state == State.DRAFT,
            "can_approve": "approve" in allowed,
            "can_reopen": "reopen" in allowed,
            "can_submit": "submit" in allowed,
            "formats": FORMATS,
        },
    )


def _act(request: HttpRequest, pk: int, action: Any, done: str) -> HttpResponse:
    try:
        action(actor=request.user, report_id=pk)
    except ApplicationError as exc:
        if isinstance(exc, NotFoundError | PermissionDeniedError):
            return _fail(exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("reporting:report_detail", pk=pk)


@login_required
@require_POST
def report_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, periodic_report_approve, "Đã duyệt báo cáo.")


@login_required
@require_POST
def report_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, periodic_report_reopen, "Đã trả lại báo cáo để sửa.")


@login_required
@require_POST
def report_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, periodic_report_submit, "Đã gửi báo cáo lên cấp trên.")


def _report_in_format(request: HttpRequest, pk: int, fmt: str) -> Any:
    """The report the actor may read, for a format that exists; else 404."""
    if fmt not in FORMATS:
        raise Http404("Không có định dạng này.")
    return periodic_report_get(request.user, pk)


@login_required
@require_GET
def report_download_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = _report_in_format(request, pk, fmt)
    synthesis = synthesis_build(report.unit, Period.parse(report.period), report.report_type)
    try:
        content = render_document(document_input(synthesis, report), fmt)
    except ApplicationError as exc:
        return _fail(exc)
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        object_type="periodic_report",
        object_ids=[report.pk],
        unit_id=report.unit_id,
        request=request,
        note=fmt,
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = f"bao-cao-{report.unit.code}-{report.period.replace('..', '-')}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def report_build_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Ask for a document built in the background (a PDF); its job page offers the file."""
    report = _report_in_format(request, pk, fmt)
    job = job_enqueue(
        BUILD_DOCUMENT, {"report_id": report.pk, "format": fmt}, created_by=request.user
    )
    return redirect("jobs:job", pk=job.pk)


def _with_current(
    period: Period, groups: list[tuple[str, list[tuple[str, str]]]]
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The picker's groups, with the period shown added when it is older than they go."""
    groups = [group for group in groups if group[1]]
    if not any(code == period.code for _, options in groups for code, _ in options):
        groups.insert(0, ("Kỳ đang xem", [(period.code, period_title(period))]))
    return groups


@login_required
@require_GET
def compliance_view(request: HttpRequest) -> HttpResponse:
    _need_view(request)
    units = list(viewable_units(request.user).filter(numchild__gt=0).order_by("path")[:300])
    report_type = request.GET.get("type") or ReportType.MONTHLY
    if report_type not in SCHEDULED_TYPES:
        report_type = ReportType.MONTHLY
    try:
        unit = (
            unit_get(request.user, int(request.GET["unit"]))
            if request.GET.get("unit")
            else (units[0] if units else None)
        )
    except (NotFoundError, ValueError) as exc:
        raise Http404("Không tìm thấy đơn vị.") from exc
    if unit is not None and not unit_in_scope(request.user, permissions.VIEW, unit):
        raise Http404("Không tìm thấy đơn vị.")
    try:
        period = (
            Period.parse(request.GET["period"])
            if request.GET.get("period")
            else latest_due_period(report_type)
        )
    except ApplicationError:
        period = latest_due_period(report_type)
    now = timezone.now()
    board = history = None
    periods: list[Period] = []
    chart: dict[str, list[Any]] = {}
    if unit is not None:
        board = compliance_board(unit, report_type, period, now=now)
        periods, history = compliance_history(unit, report_type, period, count=12, now=now)
        chart = {"labels": [p.short_label for p in periods]}
        for status in (Compliance.ON_TIME, Compliance.LATE, Compliance.MISSING):
            chart[str(status)] = [
                sum(1 for row in history if row.statuses[i] == status) for i in range(len(periods))
            ]
    return render(
        request,
        "reporting/compliance.html",
        {
            "period_groups": _with_current(
                period, period_choices(timezone.localdate(), counts={"range": 0})
            ),
            "units": units,
            "unit": unit,
            "board": board,
            "history": history,
            "periods": periods,
            "period": period,
            "report_type": report_type,
            "types": [(t.value, t.label) for t in ReportType if t in SCHEDULED_TYPES],
            "chart": chart,
        },
    )
