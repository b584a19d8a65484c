"""Training classes (registration, QR check-in, end-of-class evaluation) and briefings
(attendance, opinions collected as reports with channel «giao ban»)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Schema
from ninja.responses import Status

from duluan.core.api_schemas import PageIn
from duluan.core.dates import EventDate, EventDateTime
from duluan.org.api import UnitRef

from ..choices import BriefingKind, PetitionState
from ..selectors.meetings import (
    access_briefing,
    access_training,
    briefing_list,
    briefing_opinion_report_ids,
    briefing_present,
    training_attendances,
    training_list,
    training_present_count,
)
from ..selectors.petitions import open_items_before
from ..services import meetings
from .common import ERRORS, WRITE_ERRORS, NetworkIn, NetworkRouter, YearQuery, scoped_page

router = NetworkRouter(tags=["network"])


# ── training ────────────────────────────────────────────────────────────────
class TrainingOut(Schema):
    id: int
    unit: UnitRef
    title: str
    topic: str
    starts_on: date
    ends_on: date
    place: str
    online: bool
    trainers: str
    invited: str
    evaluation: str


class TrainingPage(Schema):
    items: list[TrainingOut]
    count: int


class TrainingIn(NetworkIn):
    unit_id: int
    title: str = Field(min_length=1, max_length=255, pattern=r"\S")
    starts_on: EventDate
    ends_on: EventDate | None = None
    topic: str = Field("", max_length=255)
    place: str = Field("", max_length=255)
    online: bool = False
    trainers: str = Field("", max_length=500)
    invited: str = Field("", max_length=500)
    materials: str = Field("", max_length=5000)


@router.get("/network/trainings", response={200: TrainingPage, **ERRORS})
def list_trainings(
    request: HttpRequest, filters: Query[YearQuery], page: Query[PageIn]
) -> dict[str, Any]:
    """Lớp tập huấn của các đơn vị trong phạm vi của bạn."""
    return scoped_page(request, training_list, page, unit=filters.unit, year=filters.year)


@router.post("/network/trainings", response={201: TrainingOut, **WRITE_ERRORS})
def create_training(request: HttpRequest, payload: TrainingIn) -> Status[Any]:
    """Mở một lớp tập huấn."""
    return Status(201, meetings.training_create(actor=request.user, **payload.model_dump()))


class AttendanceOut(Schema):
    id: int
    full_name: str
    member_id: int | None
    registered: bool
    checked_in_at: datetime | None
    source: str
    rating: int | None


class TrainingDetailOut(TrainingOut):
    attendances: list[AttendanceOut]
    present: int

    @staticmethod
    def resolve_attendances(obj: Any) -> list[Any]:
        return list(training_attendances(obj))

    @staticmethod
    def resolve_present(obj: Any) -> int:
        return training_present_count(obj)


@router.get("/network/trainings/{training_id}", response={200: TrainingDetailOut, **ERRORS})
def get_training(request: HttpRequest, training_id: int) -> Any:
    """Một lớp và danh sách học viên (có mặt theo điểm danh)."""
    return access_training(request.user, training_id)


class RegistrationIn(NetworkIn):
    member_id: int


@router.post(
    "/network/trainings/{training_id}/registrations", response={201: AttendanceOut, **WRITE_ERRORS}
)
def register_training(
    request: HttpRequest, training_id: int, payload: RegistrationIn
) -> Status[Any]:
    """Đăng ký một cộng tác viên vào lớp (chưa phải có mặt)."""
    return Status(
        201,
        meetings.training_register(
            actor=request.user, training_id=training_id, member_id=payload.member_id
        ),
    )


class CheckinIn(NetworkIn):
    token: str = Field(
        min_length=1, max_length=64, pattern=r"\S", description="Mã trong QR điểm danh"
    )


@router.post(
    "/network/trainings/{training_id}/checkin", response={200: AttendanceOut, **WRITE_ERRORS}
)
def checkin_training(request: HttpRequest, training_id: int, payload: CheckinIn) -> Any:
    """Tự điểm danh bằng mã QR của lớp, trong những ngày lớp diễn ra."""
    return meetings.training_checkin(
        actor=request.user, training_id=training_id, token=payload.token
    )


class TrainingEvaluationIn(NetworkIn):
    evaluation: str = Field(max_length=5000, description="Đánh giá cuối khoá")


@router.post(
    "/network/trainings/{training_id}/evaluation", response={200: TrainingOut, **WRITE_ERRORS}
)
def evaluate_training(request: HttpRequest, training_id: int, payload: TrainingEvaluationIn) -> Any:
    """Ghi đánh giá cuối khoá của lớp."""
    return meetings.training_evaluate(
        actor=request.user, training_id=training_id, evaluation=payload.evaluation
    )


# ── briefings ──────────────────────────────────────────────────────────────
class BriefingOut(Schema):
    id: int
    unit: UnitRef
    kind: BriefingKind
    title: str
    held_at: datetime
    place: str
    chair: str
    secretary: str
    agenda: str
    info_given: str
    conclusion: str


class BriefingPage(Schema):
    items: list[BriefingOut]
    count: int


class BriefingIn(NetworkIn):
    unit_id: int
    kind: BriefingKind
    title: str = Field(min_length=1, max_length=255, pattern=r"\S")
    held_at: EventDateTime
    place: str = Field("", max_length=255)
    chair: str = Field("", max_length=200)
    secretary: str = Field("", max_length=200)
    agenda: str = Field("", max_length=5000)
    info_given: str = Field("", max_length=5000)
    conclusion: str = Field("", max_length=5000)
    direction_ids: list[int] = Field(
        default_factory=list, description="Chỉ đạo, định hướng được phổ biến"
    )


@router.get("/network/briefings", response={200: BriefingPage, **ERRORS})
def list_briefings(
    request: HttpRequest, filters: Query[YearQuery], page: Query[PageIn]
) -> dict[str, Any]:
    """Các cuộc giao ban trong phạm vi của bạn."""
    return scoped_page(request, briefing_list, page, unit=filters.unit, year=filters.year)


@router.post("/network/briefings", response={201: BriefingOut, **WRITE_ERRORS})
def create_briefing(request: HttpRequest, payload: BriefingIn) -> Status[Any]:
    """Ghi một cuộc giao ban."""
    data = payload.model_dump()
    data["kind"] = payload.kind.value
    return Status(201, meetings.briefing_create(actor=request.user, **data))


class PetitionRef(Schema):
    id: int
    content: str
    unit_id: int
    state: PetitionState
    due_at: datetime


class BriefingDetailOut(BriefingOut):
    present: list[str]
    opinion_report_ids: list[int]
    carried_over: list[PetitionRef]

    @staticmethod
    def resolve_present(obj: Any) -> list[str]:
        return [a.full_name for a in briefing_present(obj)]

    @staticmethod
    def resolve_opinion_report_ids(obj: Any) -> list[int]:
        return briefing_opinion_report_ids(obj)

    @staticmethod
    def resolve_carried_over(obj: Any) -> list[Any]:
        return list(open_items_before(obj.unit, obj.held_at)[:200])


@router.get("/network/briefings/{briefing_id}", response={200: BriefingDetailOut, **ERRORS})
def get_briefing(request: HttpRequest, briefing_id: int) -> Any:
    """Một cuộc giao ban: có mặt, ý kiến thu nhận, kiến nghị chuyển từ kỳ trước."""
    return access_briefing(request.user, briefing_id)


class AttendanceIn(NetworkIn):
    present_member_ids: list[int] = Field(default_factory=list)
    others: list[str] = Field(default_factory=list, description="Người khác có mặt")


class CountOut(Schema):
    count: int


@router.put("/network/briefings/{briefing_id}/attendance", response={200: CountOut, **WRITE_ERRORS})
def set_briefing_attendance(
    request: HttpRequest, briefing_id: int, payload: AttendanceIn
) -> dict[str, int]:
    """Thay danh sách có mặt."""
    count = meetings.briefing_attendance_set(
        actor=request.user,
        briefing_id=briefing_id,
        present_member_ids=payload.present_member_ids,
        others=payload.others,
    )
    return {"count": count}


class OpinionBody(NetworkIn):
    subject: str = Field(min_length=1, max_length=200, pattern=r"\S")
    text: str = Field(min_length=1, max_length=20000, pattern=r"\S")
    kind: str = "thong_tin"
    mood: str = "trung_lap"
    verifiability: str = "nhieu_nguon"
    urgency: str = "binh_thuong"
    people_count: int | None = Field(None, ge=1, le=10_000_000)


class OpinionOut(Schema):
    report_id: int
    channel: str


@router.post(
    "/network/briefings/{briefing_id}/opinions", response={201: OpinionOut, **WRITE_ERRORS}
)
def add_briefing_opinion(
    request: HttpRequest, briefing_id: int, payload: OpinionBody
) -> Status[Any]:
    """Một ý kiến thu nhận tại giao ban: thành phản ánh với kênh «giao ban», gắn với cuộc giao ban."""
    report = meetings.briefing_opinion_add(
        actor=request.user,
        briefing_id=briefing_id,
        opinion=meetings.OpinionIn(**payload.model_dump()),
    )
    return Status(201, {"report_id": report.pk, "channel": report.channel})
