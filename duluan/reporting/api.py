"""JSON API of periodic reporting (mounted under /api/ by duluan.api.router).

The same services and selectors as the pages: a unit's own staff see its
reports in every state, ancestors only what was submitted; out of reach is 404.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.api_schemas import AUTH_ERRORS, BODY_ERRORS, ErrorOut, PageIn, paginate
from duluan.core.errors import NotFoundError
from duluan.org.api import UnitRef
from duluan.org.scope import unit_in_scope
from duluan.org.selectors import unit_get

from . import permissions
from .choices import SCHEDULED_TYPES, Compliance, ReportType, State
from .compliance import compliance_board, latest_due_period
from .documents import CONTENT_TYPES, document_input, render
from .models import PeriodicReport
from .periods import Period
from .schedules import with_due
from .selectors import periodic_report_get, periodic_report_list
from .services import (
    periodic_report_approve,
    periodic_report_create,
    periodic_report_submit,
    periodic_report_update,
)
from .synthesis import synthesis_build

router = Router(tags=["periodic reports"])


class PeriodicReportIn(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    unit_id: int = Field(description="Đơn vị của bạn (báo cáo chỉ do chính đơn vị lập)")
    report_type: ReportType = ReportType.MONTHLY
    period: str = Field(
        max_length=20, description="2026-10, 2026-Q4, 2026-H2, 2026 hoặc 2014..2023"
    )


class PeriodicReportPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    situation: str | None = Field(None, max_length=50_000)
    issues: str | None = Field(None, max_length=50_000)
    results: str | None = Field(None, max_length=50_000)
    forecast: str | None = Field(None, max_length=50_000)
    proposals: str | None = Field(None, max_length=50_000)
    title: str | None = Field(None, max_length=255)
    number: str | None = Field(None, max_length=60)
    place: str | None = Field(None, max_length=100)
    recipients: str | None = Field(None, max_length=5_000)
    signer_title: str | None = Field(None, max_length=100)
    signer_name: str | None = Field(None, max_length=150)


class PeriodicReportOut(Schema):
    id: int
    unit: UnitRef
    report_type: ReportType
    period: str
    state: State
    due_at: datetime | None
    submitted_at: datetime | None
    approved_at: datetime | None
    title: str
    number: str
    situation: str
    issues: str
    results: str
    forecast: str
    proposals: str
    figures: dict[str, Any]


class PeriodicReportPage(Schema):
    items: list[PeriodicReportOut]
    count: int


class ListQuery(Schema):
    unit: int | None = Field(None, description="Đơn vị và các đơn vị trực thuộc")
    report_type: ReportType | None = None
    period: str | None = Field(None, max_length=20)
    state: State | None = None


@router.get("/periodic-reports", response={200: PeriodicReportPage, 404: ErrorOut, **AUTH_ERRORS})
def list_periodic_reports(
    request: HttpRequest, filters: Query[ListQuery], page: Query[PageIn]
) -> dict[str, Any]:
    """Báo cáo định kỳ của đơn vị mình (mọi trạng thái) và của cấp dưới (đã gửi)."""
    reports = periodic_report_list(
        request.user,
        unit_id=filters.unit,
        report_type=filters.report_type.value if filters.report_type else None,
        period=filters.period,
        state=filters.state.value if filters.state else None,
    )
    answer = paginate(reports, page)
    answer["items"] = with_due(answer["items"])
    return answer


@router.post(
    "/periodic-reports",
    response={201: PeriodicReportOut, 403: ErrorOut, 404: ErrorOut, **AUTH_ERRORS, **BODY_ERRORS},
)
def create_periodic_report(
    request: HttpRequest, payload: PeriodicReportIn
) -> Status[PeriodicReport]:
    """Lập dự thảo báo cáo cho đơn vị của bạn, số liệu và nội dung điền sẵn."""
    report = periodic_report_create(
        actor=request.user,
        unit_id=payload.unit_id,
        report_type=payload.report_type.value,
        period=payload.period,
    )
    return Status(201, report)


@router.get(
    "/periodic-reports/{report_id}",
    response={200: PeriodicReportOut, 404: ErrorOut, **AUTH_ERRORS},
)
def get_periodic_report(request: HttpRequest, report_id: int) -> PeriodicReport:
    return periodic_report_get(request.user, report_id)


@router.patch(
    "/periodic-reports/{report_id}",
    response={200: PeriodicReportOut, 403: ErrorOut, 404: ErrorOut, **AUTH_ERRORS, **BODY_ERRORS},
)
def update_periodic_report(
    request: HttpRequest, report_id: int, payload: PeriodicReportPatch
) -> PeriodicReport:
    """Sửa nội dung dự thảo (chỉ cán bộ của chính đơn vị, khi còn là dự thảo)."""
    return periodic_report_update(
        actor=request.user, report_id=report_id, data=payload.model_dump(exclude_none=True)
    )


@router.post(
    "/periodic-reports/{report_id}/approve",
    response={200: PeriodicReportOut, 403: ErrorOut, 404: ErrorOut, **AUTH_ERRORS},
)
def approve_periodic_report(request: HttpRequest, report_id: int) -> PeriodicReport:
    """Lãnh đạo (Ban Thường vụ) của đơn vị duyệt dự thảo."""
    return periodic_report_approve(actor=request.user, report_id=report_id)


@router.post(
    "/periodic-reports/{report_id}/submit",
    response={200: PeriodicReportOut, 403: ErrorOut, 404: ErrorOut, **AUTH_ERRORS},
)
def submit_periodic_report(request: HttpRequest, report_id: int) -> PeriodicReport:
    """Gửi báo cáo đã duyệt lên cấp trên; số liệu được lưu như lúc gửi."""
    return periodic_report_submit(actor=request.user, report_id=report_id)


class DocumentQuery(Schema):
    format: str = Field("docx", pattern="^(docx|xlsx|pdf)$")


@router.get(
    "/periodic-reports/{report_id}/document",
    response={200: None, 404: ErrorOut, 503: ErrorOut, **AUTH_ERRORS},
)
def periodic_report_document(
    request: HttpRequest, report_id: int, query: Query[DocumentQuery]
) -> HttpResponse:
    """Văn bản báo cáo: DOCX (thể thức Nghị định 30/2020), phụ lục XLSX hoặc PDF."""
    report = periodic_report_get(request.user, report_id)
    synthesis = synthesis_build(report.unit, Period.parse(report.period), report.report_type)
    content = render(document_input(synthesis, report), query.format)
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        object_type="periodic_report",
        object_ids=[report.pk],
        unit_id=report.unit_id,
        request=request,
        channel="api",
        note=query.format,
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[query.format])
    name = f"bao-cao-{report.unit.code}-{report.period.replace('..', '-')}.{query.format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class BoardRowOut(Schema):
    unit: UnitRef
    due_at: datetime
    status: Compliance
    submitted_at: datetime | None
    report_id: int | None


class BoardOut(Schema):
    unit: UnitRef
    report_type: ReportType
    period: str
    counts: dict[str, int]
    rows: list[BoardRowOut]


class BoardQuery(Schema):
    unit: int = Field(description="Đơn vị nhận báo cáo (ví dụ LĐLĐ tỉnh)")
    report_type: ReportType = ReportType.MONTHLY
    period: str | None = Field(None, max_length=20, description="Mặc định: kỳ vừa đến hạn")


@router.get("/reporting/compliance", response={200: BoardOut, 404: ErrorOut, **AUTH_ERRORS})
def compliance(request: HttpRequest, query: Query[BoardQuery]) -> dict[str, Any]:
    """Đơn vị nào đã gửi đúng hạn, trễ hạn, chưa gửi trong một kỳ."""
    unit = unit_get(request.user, query.unit)
    if not unit_in_scope(request.user, permissions.VIEW, unit):
        raise NotFoundError("Không tìm thấy đơn vị.")
    report_type = query.report_type.value
    if report_type not in SCHEDULED_TYPES:
        report_type = ReportType.MONTHLY
    period = Period.parse(query.period) if query.period else latest_due_period(report_type)
    board = compliance_board(unit, report_type, period, now=timezone.now())
    return {
        "unit": unit,
        "report_type": report_type,
        "period": period.code,
        "counts": board.counts,
        "rows": [
            {
                "unit": row.unit,
                "due_at": row.due_at,
                "status": row.status,
                "submitted_at": row.submitted_at,
                "report_id": row.report.pk if row.report else None,
            }
            for row in board.rows
        ],
    }
