"""``/api/reports``: read the reports in the caller's reach, file new ones.

Output is built from explicit schemas. The reporter's identity appears only
through :func:`report_identity` (officers of the report's own unit), never by
reading the model's relation; subject and text go through
:func:`report_text_for`, as on the pages, so other units see personal data masked.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from ninja import Field, Header, Query, Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.api_schemas import AUTH_ERRORS, BODY_ERRORS, ErrorOut, PageIn
from duluan.org.api import UnitRef
from duluan.org.selectors import unit_get
from duluan.org.types import Actor

from .choices import Channel, Kind, Mood, Source, Urgency, Verifiability
from .models import Report, ReporterIdentity
from .selectors import (
    LIST_COUNT_CAP,
    SEARCH_COUNT_CAP,
    ReportFilters,
    my_report_list,
    report_count_capped,
    report_get,
    report_identity,
    report_list,
    report_text_for,
)
from .services import ReportData, report_create, report_create_once

router = Router(tags=["reports"])


def _codes(choices: type[models.TextChoices]) -> str:
    """The codes with their Vietnamese labels, for the OpenAPI descriptions."""
    return "; ".join(f"{c.value}: {c.label}" for c in choices)


class ReportIn(Schema):
    """Các trường được gửi; trường nào khác đều bị từ chối (không gán hàng loạt)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    unit_id: int = Field(description="Đơn vị được phản ánh (trong phạm vi gửi của bạn)")
    channel: Channel = Field(description=_codes(Channel))
    heard_at: datetime = Field(description="Thời điểm nghe được (ISO 8601)")
    subject: str = Field(min_length=1, max_length=200, pattern=r"\S")
    text: str = Field(min_length=1, max_length=20000, pattern=r"\S")
    kind: Kind = Field(description=_codes(Kind))
    mood: Mood = Field(description=_codes(Mood))
    verifiability: Verifiability = Field(description=_codes(Verifiability))
    urgency: Urgency = Field(Urgency.NORMAL, description=_codes(Urgency))
    place: str = Field("", max_length=255)
    people_count: int | None = Field(None, ge=1, le=10_000_000)
    anonymous: bool = True
    reporter_name: str = Field("", max_length=150, description="Chỉ dùng khi không ẩn danh")
    reporter_contact: str = Field("", max_length=150, description="Chỉ dùng khi không ẩn danh")


class ReporterOut(Schema):
    name: str
    contact: str


class ReportOut(Schema):
    id: int
    unit: UnitRef
    channel: Channel
    heard_at: datetime
    place: str
    subject: str
    text: str
    people_count: int | None
    kind: Kind
    mood: Mood
    urgency: Urgency
    verifiability: Verifiability
    source: Source
    is_anonymous: bool
    created_at: datetime


class ReportDetailOut(ReportOut):
    # Never read from the model: only _detail() fills it, from report_identity().
    reporter: ReporterOut | None = Field(
        None,
        description="Danh tính người phản ánh: chỉ cán bộ tuyên giáo của chính đơn vị đó thấy",
    )


def _detail(report: Report, identity: ReporterIdentity | None) -> ReportDetailOut:
    out = ReportDetailOut.model_validate(report)
    out.reporter = ReporterOut.model_validate(identity) if identity is not None else None
    return out


class ReportPage(Schema):
    items: list[ReportOut]
    count: int = Field(
        description="Số phản ánh khớp; khi vượt ngưỡng đếm (count_capped) thì là ngưỡng đó"
    )
    count_capped: bool = Field(
        False, description="Đúng khi có nhiều hơn count phản ánh (không đếm hết để trả lời nhanh)"
    )


class ReportQuery(Schema):
    date_from: date | None = Field(None, description="Nghe được từ ngày (gồm ngày này)")
    date_to: date | None = Field(None, description="Đến ngày (gồm ngày này)")
    unit: int | None = Field(None, description="Đơn vị và các đơn vị trực thuộc")
    channel: Channel | None = None
    kind: Kind | None = None
    urgency: Urgency | None = None
    mood: Mood | None = None
    q: str | None = Field(
        None, max_length=200, description="Tìm trong nội dung (có hoặc không dấu)"
    )


def _for_display(actor: Actor, report: Report) -> Report:
    # Display only, never saved: personal data masked for other units' eyes.
    report.subject, report.text = report_text_for(actor, report)
    return report


@router.get("/reports", response={200: ReportPage, 404: ErrorOut, **AUTH_ERRORS})
def list_reports(
    request: HttpRequest, filters: Query[ReportQuery], page: Query[PageIn]
) -> dict[str, Any]:
    """Phản ánh của các đơn vị trong phạm vi của bạn, mới nhất trước."""
    if filters.unit is not None:
        unit_get(request.user, filters.unit)  # outside the caller's reach: 404
    reports = report_list(request.user, ReportFilters.from_values(filters.model_dump()))
    cap = SEARCH_COUNT_CAP if filters.q else LIST_COUNT_CAP
    counted = report_count_capped(reports, cap)
    answer: dict[str, Any] = {
        "items": [
            _for_display(request.user, r) for r in reports[page.offset : page.offset + page.limit]
        ],
        "count": min(counted, cap),
        "count_capped": counted > cap,
    }
    audit_record(
        actor=request.user,
        action=Action.REPORT_LIST,
        object_type="report",
        object_ids=[r.pk for r in answer["items"]],
        request=request,
        channel="api",
    )
    return answer


IDEMPOTENCY_KEY: Any = Header(  # type: ignore[type-arg]
    None,
    alias="Idempotency-Key",
    min_length=1,
    max_length=100,
    pattern=r"^[!-~]+$",
    description=(
        "Khóa do máy khách tạo cho mỗi phản ánh mới (ví dụ một UUID). Gửi lại cùng yêu cầu "
        "với cùng khóa (khi mất câu trả lời vì đứt mạng) thì nhận lại phản ánh đã lưu, "
        "không tạo phản ánh thứ hai; câu trả lời có `Idempotent-Replayed: true`. "
        "Cùng khóa với nội dung khác: 409. Khóa được nhớ trong DULUAN_API_IDEMPOTENCY_HOURS giờ."
    ),
)


@router.post(
    "/reports",
    response={201: ReportDetailOut, 404: ErrorOut, 409: ErrorOut, **AUTH_ERRORS, **BODY_ERRORS},
)
def create_report(
    request: HttpRequest,
    response: HttpResponse,
    payload: ReportIn,
    idempotency_key: str | None = IDEMPOTENCY_KEY,
) -> Status[ReportDetailOut]:
    """Gửi một phản ánh cho đơn vị trong phạm vi của bạn (nguồn nhập: API).

    Nên gửi kèm tiêu đề `Idempotency-Key` để có thể gửi lại an toàn khi mất kết nối."""
    data = ReportData(
        unit_id=payload.unit_id,
        channel=payload.channel.value,
        heard_at=payload.heard_at,
        subject=payload.subject,
        text=payload.text,
        kind=payload.kind.value,
        mood=payload.mood.value,
        verifiability=payload.verifiability.value,
        urgency=payload.urgency.value,
        place=payload.place,
        people_count=payload.people_count,
        anonymous=payload.anonymous,
        reporter_name=payload.reporter_name,
        reporter_contact=payload.reporter_contact,
    )
    if idempotency_key is None:
        report = report_create(actor=request.user, data=data, source=Source.API)
    else:
        fingerprint = hashlib.sha256(payload.model_dump_json().encode()).hexdigest()
        report, replayed = report_create_once(
            actor=request.user,
            data=data,
            source=Source.API,
            key=idempotency_key,
            fingerprint=fingerprint,
        )
        response["Idempotent-Replayed"] = "true" if replayed else "false"
    return Status(201, _detail(report, report_identity(request.user, report)))


@router.get("/reports/{report_id}", response={200: ReportDetailOut, 404: ErrorOut, **AUTH_ERRORS})
def get_report(request: HttpRequest, report_id: int) -> ReportDetailOut:
    """Một phản ánh. Phản ánh ngoài phạm vi của bạn trả 404 như phản ánh không tồn tại."""
    report = report_get(request.user, report_id)
    if not my_report_list(request.user).filter(pk=report.pk).exists():
        _for_display(request.user, report)  # the submitter alone reads their own words
    identity = report_identity(request.user, report)
    audit_record(
        actor=request.user,
        action=Action.IDENTITY_VIEW if identity else Action.REPORT_VIEW,
        object_type="report",
        object_ids=[report.pk],
        unit_id=report.unit_id,
        request=request,
        channel="api",
    )
    return _detail(report, identity)
