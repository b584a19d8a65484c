"""Members (the roster as dated events), their activity and commendations; coverage,
the inactive list and media groups; yearly evaluations.

Staff data follows the same rule as the pages: the person themself, or ``matter.handle``
on their unit's subtree. Out of reach answers 404, like something that does not exist.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Schema
from ninja.responses import Status

from duluan.core.api_schemas import PageIn
from duluan.core.dates import EventDate, PastDate
from duluan.core.errors import NotFoundError
from duluan.org.api import UnitRef
from duluan.org.scope import access_unit_in_reach

from ..choices import CommendationKind, EventKind, Grade, MemberKind, Platform, RosterStatus
from ..permissions import MANAGE, VIEW
from ..selectors.activity import (
    access_evaluation,
    formula_text,
    inactive_list,
    suggested_grade,
)
from ..selectors.activity import member_activity as activity_of
from ..selectors.common import active_account, within
from ..selectors.roster import access_member, coverage, media_group_list, member_events, member_list
from ..services import activity, roster
from .common import ERRORS, WRITE_ERRORS, NetworkIn, NetworkRouter, scoped_page

router = NetworkRouter(tags=["network"])


# ── members ─────────────────────────────────────────────────────────────────
class EventOut(Schema):
    id: int
    kind: EventKind
    on: date
    unit_id: int
    status: RosterStatus
    decision_no: str
    decision_date: date | None
    issuer: str
    term_end: date | None
    note: str


class MemberOut(Schema):
    id: int
    kind: MemberKind
    full_name: str
    unit: UnitRef
    status: RosterStatus
    position: str
    fields_followed: str
    groups_reached: str
    has_account: bool = Field(False, description="Có tài khoản (đếm được phản ánh đã gửi)")

    @staticmethod
    def resolve_has_account(obj: Any) -> bool:
        return obj.user_id is not None


class MemberDetailOut(MemberOut):
    events: list[EventOut]

    @staticmethod
    def resolve_events(obj: Any) -> list[Any]:
        return list(member_events(obj))


class MemberPage(Schema):
    items: list[MemberOut]
    count: int


class MemberQuery(Schema):
    unit: int | None = Field(None, description="Đơn vị và các đơn vị trực thuộc")
    kind: MemberKind | None = None
    status: RosterStatus | None = None


class AppointmentIn(NetworkIn):
    on: PastDate = Field(description="Từ ngày")
    decision_no: str = Field("", max_length=60)
    decision_date: PastDate | None = None
    issuer: str = Field("", max_length=200)
    term_end: EventDate | None = None
    note: str = Field("", max_length=500)


class MemberIn(NetworkIn):
    unit_id: int
    kind: MemberKind
    full_name: str = Field(min_length=1, max_length=150, pattern=r"\S")
    appointment: AppointmentIn
    username: str = Field("", max_length=150, description="Tài khoản của người này, nếu có")
    position: str = Field("", max_length=200)
    phone: str = Field("", max_length=20)
    fields_followed: str = Field("", max_length=255)
    groups_reached: str = Field("", max_length=255)


@router.get("/network/members", response={200: MemberPage, **ERRORS})
def list_members(
    request: HttpRequest, filters: Query[MemberQuery], page: Query[PageIn]
) -> dict[str, Any]:
    """Cộng tác viên, báo cáo viên của các đơn vị trong phạm vi quản lý của bạn."""
    return scoped_page(
        request, member_list, page, unit=filters.unit, kind=filters.kind, status=filters.status
    )


@router.post("/network/members", response={201: MemberDetailOut, **WRITE_ERRORS})
def create_member(request: HttpRequest, payload: MemberIn) -> Status[Any]:
    """Thêm một người kèm quyết định công nhận (diễn biến đầu tiên)."""
    user = None
    if payload.username:
        user = active_account(payload.username)
        if user is None:
            raise NotFoundError("Không có tài khoản này.")
    member = roster.member_create(
        actor=request.user,
        unit_id=payload.unit_id,
        kind=payload.kind.value,
        full_name=payload.full_name,
        user=user,
        position=payload.position,
        phone=payload.phone,
        fields_followed=payload.fields_followed,
        groups_reached=payload.groups_reached,
        appointment=roster.Appointment(**payload.appointment.model_dump()),
    )
    return Status(201, member)


@router.get("/network/members/{member_id}", response={200: MemberDetailOut, **ERRORS})
def get_member(request: HttpRequest, member_id: int) -> Any:
    """Một người: chính họ, hoặc cán bộ đơn vị họ và cấp trên."""
    return access_member(request.user, member_id)


class EventIn(NetworkIn):
    kind: EventKind
    status: RosterStatus | None = None
    unit_id: int | None = Field(None, description="Đơn vị mới khi chuyển")
    appointment: AppointmentIn


@router.post("/network/members/{member_id}/events", response={201: EventOut, **WRITE_ERRORS})
def add_member_event(request: HttpRequest, member_id: int, payload: EventIn) -> Status[Any]:
    """Ghi một diễn biến: tạm dừng, chuyển đơn vị, thôi, công nhận lại."""
    event = roster.member_event_add(
        actor=request.user,
        member_id=member_id,
        kind=payload.kind.value,
        status=payload.status.value if payload.status else None,
        unit_id=payload.unit_id,
        data=roster.Appointment(**payload.appointment.model_dump()),
    )
    return Status(201, event)


class ActivityOut(Schema):
    year: int
    reports_sent: int
    reports_confirmed: int
    reports_rumour: int
    hot_spot_reports: int
    briefings_attended: int
    trainings_attended: int
    articles: int
    has_account: bool
    score: int
    suggested: Grade


@router.get("/network/members/{member_id}/activity", response={200: ActivityOut, **ERRORS})
def member_activity(
    request: HttpRequest, member_id: int, year: int | None = None
) -> dict[str, Any]:
    """Hoạt động trong năm, tính từ dữ liệu (có mặt theo điểm danh)."""
    member = access_member(request.user, member_id)
    year = year or timezone.localdate().year
    found = activity_of(member, date(year, 1, 1), date(year + 1, 1, 1))
    score = found.score()
    return {
        "year": year,
        **found.__dict__,
        "score": score,
        "suggested": suggested_grade(score),
    }


class CommendationIn(NetworkIn):
    kind: CommendationKind
    form: str = Field(min_length=1, max_length=200, pattern=r"\S")
    decision_no: str = Field(min_length=1, max_length=60, pattern=r"\S")
    decision_date: PastDate
    issuer: str = Field("", max_length=200)
    reason: str = Field("", max_length=500)


class CommendationOut(Schema):
    id: int
    kind: CommendationKind
    form: str
    decision_no: str
    decision_date: date
    issuer: str
    reason: str


@router.post(
    "/network/members/{member_id}/commendations", response={201: CommendationOut, **WRITE_ERRORS}
)
def add_commendation(request: HttpRequest, member_id: int, payload: CommendationIn) -> Status[Any]:
    """Ghi khen thưởng hoặc kỷ luật kèm số quyết định."""
    data = payload.model_dump()
    data["kind"] = payload.kind.value
    return Status(201, activity.commendation_add(actor=request.user, member_id=member_id, **data))


# ── coverage, inactive ──────────────────────────────────────────────────────
class CoverageLevelOut(Schema):
    level: str
    units: int
    with_team: int
    with_media: int


class CoverageOut(Schema):
    unit: UnitRef
    day: date
    collaborators: int
    reporters: int
    paused: int
    units: int
    units_with_team: int
    units_with_media: int
    members: int
    per_1000: float
    levels: list[CoverageLevelOut]
    lacking: list[UnitRef]


@router.get("/network/coverage", response={200: CoverageOut, **ERRORS})
def get_coverage(request: HttpRequest, unit: int, day: date | None = None) -> dict[str, Any]:
    """Độ bao phủ của một đơn vị và các đơn vị trực thuộc, tại một ngày bất kỳ."""
    root = access_unit_in_reach(request.user, unit, VIEW)
    found = coverage(root, day or timezone.localdate())
    return {**found.__dict__, "unit": root, "per_1000": found.per_1000}


class InactiveOut(Schema):
    member: MemberOut
    last_report: datetime | None


@router.get("/network/inactive", response={200: list[InactiveOut], **ERRORS})
def list_inactive(request: HttpRequest) -> list[Any]:
    """Cộng tác viên không gửi phản ánh trong số tuần quy định: chỉ của chính đơn vị bạn."""
    return inactive_list(request.user)


class MediaGroupOut(Schema):
    id: int
    unit: UnitRef
    platform: Platform
    name: str
    members: int
    opened_on: date
    closed_on: date | None


class MediaGroupIn(NetworkIn):
    unit_id: int
    platform: Platform
    name: str = Field(min_length=1, max_length=200, pattern=r"\S")
    opened_on: PastDate
    members: int = Field(0, ge=0, le=100_000_000)
    closed_on: EventDate | None = None


@router.get("/network/media-groups", response={200: list[MediaGroupOut], **ERRORS})
def list_media_groups(request: HttpRequest, unit: int | None = None) -> list[Any]:
    """Nhóm truyền thông (Zalo, fanpage, trang tin) của các đơn vị bạn quản lý."""
    groups = media_group_list(request.user, within=within(request.user, unit, MANAGE))
    return list(groups[:1000])


@router.post("/network/media-groups", response={201: MediaGroupOut, **WRITE_ERRORS})
def add_media_group(request: HttpRequest, payload: MediaGroupIn) -> Status[Any]:
    """Ghi một nhóm truyền thông của đơn vị (tính vào độ bao phủ theo ngày lập, ngày ngừng)."""
    data = payload.model_dump()
    data["platform"] = payload.platform.value
    return Status(201, roster.media_group_add(actor=request.user, **data))


# ── evaluations ─────────────────────────────────────────────────────────────
class EvaluationOut(Schema):
    id: int
    member_id: int
    year: int
    figures: dict[str, Any]
    score: int
    suggested: Grade
    grade: Grade
    comment: str
    signed_at: datetime | None
    formula: str

    @staticmethod
    def resolve_formula(obj: Any) -> str:
        return formula_text()


class EvaluationIn(NetworkIn):
    member_id: int
    year: int = Field(ge=1990, le=2100)


@router.post("/network/evaluations", response={201: EvaluationOut, **WRITE_ERRORS})
def prefill_evaluation(request: HttpRequest, payload: EvaluationIn) -> Status[Any]:
    """Lập (hoặc tính lại) phiếu đánh giá năm từ số liệu; chưa ký."""
    return Status(
        201,
        activity.evaluation_prefill(
            actor=request.user, member_id=payload.member_id, year=payload.year
        ),
    )


@router.get("/network/evaluations/{evaluation_id}", response={200: EvaluationOut, **ERRORS})
def get_evaluation(request: HttpRequest, evaluation_id: int) -> Any:
    """Một phiếu đánh giá, với công thức và số liệu làm căn cứ."""
    return access_evaluation(request.user, evaluation_id)


class SignIn(NetworkIn):
    grade: Grade
    comment: str = Field("", max_length=2000)


@router.post(
    "/network/evaluations/{evaluation_id}/sign", response={200: EvaluationOut, **WRITE_ERRORS}
)
def sign_evaluation(request: HttpRequest, evaluation_id: int, payload: SignIn) -> Any:
    """Lãnh đạo chỉnh xếp loại và ký duyệt; đã ký thì không sửa được."""
    return activity.evaluation_sign(
        actor=request.user,
        evaluation_id=evaluation_id,
        grade=payload.grade.value,
        comment=payload.comment,
    )
