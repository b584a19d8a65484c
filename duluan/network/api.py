"""JSON API of the network app (mounted under /api/ by duluan.api.router).

Every page action has an operation here. Staff data (members, evaluations)
follows the same rule as the pages: the person themself, or ``matter.handle``
on their unit's subtree; declarations only the person and their own unit's
officers. Out of reach answers 404, like something that does not exist.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict

from duluan.core.api_schemas import AUTH_ERRORS, BODY_ERRORS, ErrorOut, PageIn, paginate
from duluan.core.dates import EventDate, EventDateTime, PastDate
from duluan.core.errors import NotFoundError
from duluan.org.api import UnitRef
from duluan.org.models import User

from .access import MANAGE, VIEW, unit_for
from .choices import (
    ArticleKind,
    BriefingKind,
    CommendationKind,
    DialogueKind,
    EventKind,
    Grade,
    MemberKind,
    PetitionState,
    Platform,
    RosterStatus,
)
from .services import activity, meetings, outreach, petitions, roster

router = Router(tags=["network"])
ERRORS: dict[int, Any] = {404: ErrorOut, **AUTH_ERRORS}
WRITE_ERRORS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut, **AUTH_ERRORS, **BODY_ERRORS}


class NetworkIn(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


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
        return list(obj.events.order_by("on", "id"))


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
    within = unit_for(request.user, filters.unit, VIEW) if filters.unit else None
    members = roster.member_list(request.user, within=within)
    if filters.kind:
        members = members.filter(kind=filters.kind)
    if filters.status:
        members = members.filter(status=filters.status)
    return paginate(members.order_by("unit__path", "full_name", "id"), page)


@router.post("/network/members", response={201: MemberDetailOut, **WRITE_ERRORS})
def create_member(request: HttpRequest, payload: MemberIn) -> Status[Any]:
    """Thêm một người kèm quyết định công nhận (diễn biến đầu tiên)."""
    user = None
    if payload.username:
        user = User.objects.filter(username__iexact=payload.username, is_active=True).first()
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
    return roster.member_get(request.user, member_id)


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
    member = roster.member_get(request.user, member_id)
    year = year or timezone.localdate().year
    found = activity.member_activity(member, date(year, 1, 1), date(year + 1, 1, 1))
    score = found.score()
    return {
        "year": year,
        **found.__dict__,
        "score": score,
        "suggested": activity.suggested_grade(score),
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
    root = unit_for(request.user, unit, VIEW)
    found = roster.coverage(root, day or timezone.localdate())
    return {**found.__dict__, "unit": root, "per_1000": found.per_1000}


class InactiveOut(Schema):
    member: MemberOut
    last_report: datetime | None


@router.get("/network/inactive", response={200: list[InactiveOut], **ERRORS})
def list_inactive(request: HttpRequest) -> list[Any]:
    """Cộng tác viên không gửi phản ánh trong số tuần quy định: chỉ của chính đơn vị bạn."""
    return activity.inactive_list(request.user)


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
    within = unit_for(request.user, unit, MANAGE) if unit else None
    return list(roster.media_group_list(request.user, within=within)[:1000])


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
        return activity.formula_text()


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
    return activity.evaluation_get(request.user, evaluation_id)


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


class YearQuery(Schema):
    unit: int | None = Field(None, description="Đơn vị và các đơn vị trực thuộc")
    year: int | None = Field(None, ge=1990, le=2100)


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


def _within(request: HttpRequest, unit: int | None) -> Any:
    return unit_for(request.user, unit, VIEW) if unit else None


@router.get("/network/trainings", response={200: TrainingPage, **ERRORS})
def list_trainings(
    request: HttpRequest, filters: Query[YearQuery], page: Query[PageIn]
) -> dict[str, Any]:
    """Lớp tập huấn của các đơn vị trong phạm vi của bạn."""
    return paginate(
        meetings.training_list(
            request.user, within=_within(request, filters.unit), year=filters.year
        ),
        page,
    )


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
        return list(obj.attendances.order_by("full_name", "id"))

    @staticmethod
    def resolve_present(obj: Any) -> int:
        return int(obj.attendances.filter(checked_in_at__isnull=False).count())


@router.get("/network/trainings/{training_id}", response={200: TrainingDetailOut, **ERRORS})
def get_training(request: HttpRequest, training_id: int) -> Any:
    """Một lớp và danh sách học viên (có mặt theo điểm danh)."""
    return meetings.training_get(request.user, training_id)


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
    return paginate(
        meetings.briefing_list(
            request.user, within=_within(request, filters.unit), year=filters.year
        ),
        page,
    )


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
        return [a.full_name for a in obj.attendances.filter(present=True)]

    @staticmethod
    def resolve_opinion_report_ids(obj: Any) -> list[int]:
        return list(obj.opinions.values_list("report_id", flat=True))

    @staticmethod
    def resolve_carried_over(obj: Any) -> list[Any]:
        return list(petitions.open_items_before(obj.unit, obj.held_at)[:200])


@router.get("/network/briefings/{briefing_id}", response={200: BriefingDetailOut, **ERRORS})
def get_briefing(request: HttpRequest, briefing_id: int) -> Any:
    """Một cuộc giao ban: có mặt, ý kiến thu nhận, kiến nghị chuyển từ kỳ trước."""
    return meetings.briefing_get(request.user, briefing_id)


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


# ── dialogues and petitions ─────────────────────────────────────────────────
class DialogueOut(Schema):
    id: int
    unit: UnitRef
    kind: DialogueKind
    held_on: date
    enterprise: str
    parties: str
    participants: int
    summary: str


class DialoguePage(Schema):
    items: list[DialogueOut]
    count: int


class DialogueIn(NetworkIn):
    unit_id: int
    kind: DialogueKind
    held_on: EventDate
    enterprise: str = Field("", max_length=255)
    parties: str = Field("", max_length=500)
    participants: int = Field(0, ge=0, le=1_000_000)
    summary: str = Field("", max_length=5000)


class PetitionOut(Schema):
    id: int
    dialogue_id: int
    unit_id: int
    content: str
    answerer: str
    due_at: datetime
    effective_due: datetime
    overdue: bool
    state: PetitionState
    answer: str
    reason: str
    closed_at: datetime | None
    report_id: int | None
    matter_id: int | None

    @staticmethod
    def resolve_effective_due(obj: Any) -> datetime:
        return petitions.effective_due_of(obj)

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        return petitions.is_overdue(obj)


class DialogueDetailOut(DialogueOut):
    petitions: list[PetitionOut]

    @staticmethod
    def resolve_petitions(obj: Any) -> list[Any]:
        return list(petitions.with_effective_due(obj.petitions.all()).order_by("id"))


@router.get("/network/dialogues", response={200: DialoguePage, **ERRORS})
def list_dialogues(
    request: HttpRequest, filters: Query[YearQuery], page: Query[PageIn]
) -> dict[str, Any]:
    """Đối thoại, hội nghị trong phạm vi của bạn."""
    return paginate(
        petitions.dialogue_list(
            request.user, within=_within(request, filters.unit), year=filters.year
        ),
        page,
    )


@router.post("/network/dialogues", response={201: DialogueOut, **WRITE_ERRORS})
def create_dialogue(request: HttpRequest, payload: DialogueIn) -> Status[Any]:
    """Ghi một cuộc đối thoại, hội nghị."""
    data = payload.model_dump()
    data["kind"] = payload.kind.value
    return Status(201, petitions.dialogue_create(actor=request.user, **data))


@router.get("/network/dialogues/{dialogue_id}", response={200: DialogueDetailOut, **ERRORS})
def get_dialogue(request: HttpRequest, dialogue_id: int) -> Any:
    """Một cuộc đối thoại và các kiến nghị của nó."""
    return petitions.dialogue_get(request.user, dialogue_id)


class PetitionIn(NetworkIn):
    content: str = Field(min_length=1, max_length=5000, pattern=r"\S")
    answerer: str = Field(min_length=1, max_length=255, pattern=r"\S")
    due_at: EventDateTime | None = Field(
        None, description="Để trống: theo số ngày làm việc quy định"
    )
    report_id: int | None = None
    matter_id: int | None = None


@router.post(
    "/network/dialogues/{dialogue_id}/petitions", response={201: PetitionOut, **WRITE_ERRORS}
)
def add_petition(request: HttpRequest, dialogue_id: int, payload: PetitionIn) -> Status[Any]:
    """Ghi một kiến nghị: ai trả lời, hạn khi nào."""
    petition = petitions.petition_add(
        actor=request.user, dialogue_id=dialogue_id, **payload.model_dump()
    )
    return Status(
        201, petitions.with_effective_due(type(petition).objects.filter(pk=petition.pk)).get()
    )


class PetitionQuery(Schema):
    unit: int | None = Field(None, description="Đơn vị và các đơn vị trực thuộc")
    state: PetitionState | None = None
    overdue: bool = False


class PetitionPage(Schema):
    items: list[PetitionOut]
    count: int


@router.get("/network/petitions", response={200: PetitionPage, **ERRORS})
def list_petitions(
    request: HttpRequest, filters: Query[PetitionQuery], page: Query[PageIn]
) -> dict[str, Any]:
    """Kiến nghị trong phạm vi của bạn; ``overdue=true`` chỉ những kiến nghị quá hạn (đã tính gia hạn)."""
    found = petitions.petition_list(
        request.user,
        within=_within(request, filters.unit),
        state=filters.state.value if filters.state else None,
        overdue=filters.overdue,
    )
    return paginate(found, page)


class PetitionUpdateIn(NetworkIn):
    state: PetitionState
    answer: str = Field("", max_length=5000)
    reason: str = Field("", max_length=500, description="Bắt buộc khi không giải quyết được")
    note: str = Field("", max_length=500)


def _petition_out(petition_id: int) -> Any:
    from .models import Petition

    return petitions.with_effective_due(Petition.objects.filter(pk=petition_id)).get()


@router.post(
    "/network/petitions/{petition_id}/updates", response={200: PetitionOut, **WRITE_ERRORS}
)
def update_petition(request: HttpRequest, petition_id: int, payload: PetitionUpdateIn) -> Any:
    """Cập nhật tình trạng, trả lời; không giải quyết được thì phải có lý do."""
    petitions.petition_update(
        actor=request.user,
        petition_id=petition_id,
        state=payload.state.value,
        answer=payload.answer,
        reason=payload.reason,
        note=payload.note,
    )
    return _petition_out(petition_id)


class ExtensionIn(NetworkIn):
    new_due: EventDateTime
    reason: str = Field(min_length=1, max_length=500, pattern=r"\S")


@router.post(
    "/network/petitions/{petition_id}/extensions", response={200: PetitionOut, **WRITE_ERRORS}
)
def extend_petition(request: HttpRequest, petition_id: int, payload: ExtensionIn) -> Any:
    """Gia hạn trả lời (ghi người cho gia hạn và lý do); kiến nghị được gia hạn không bị tính quá hạn."""
    petitions.petition_extend(
        actor=request.user, petition_id=petition_id, new_due=payload.new_due, reason=payload.reason
    )
    return _petition_out(petition_id)


class ObligationOut(Schema):
    unit: UnitRef
    since_year: int
    note: str


class ObligationIn(NetworkIn):
    unit_id: int
    since_year: int = Field(ge=1990, le=2100)
    note: str = Field("", max_length=255)


@router.get("/network/obligations/missing", response={200: list[ObligationOut], **ERRORS})
def missing_obligations(request: HttpRequest, unit: int, year: int | None = None) -> list[Any]:
    """Doanh nghiệp, cơ quan phải đối thoại hằng năm mà chưa tổ chức trong năm."""
    root = unit_for(request.user, unit, VIEW)
    return petitions.obligations_missing(root, year or timezone.localdate().year)


@router.post("/network/obligations", response={200: ObligationOut, **WRITE_ERRORS})
def set_obligation(request: HttpRequest, payload: ObligationIn) -> Any:
    """Ghi một đơn vị phải tổ chức đối thoại định kỳ hằng năm."""
    return petitions.obligation_set(actor=request.user, **payload.model_dump())


# ── articles ────────────────────────────────────────────────────────────────
class ArticleOut(Schema):
    id: int
    unit: UnitRef
    kind: ArticleKind
    platform: Platform
    title: str
    url: str
    published_on: date
    author_name: str
    reach: int
    interactions: int
    counters_rumour: bool
    matter_id: int | None


class ArticlePage(Schema):
    items: list[ArticleOut]
    count: int


class ArticleQuery(YearQuery):
    matter: int | None = Field(None, description="Chỉ bài trả lời vấn đề DLXH này")


class ArticleIn(NetworkIn):
    unit_id: int
    kind: ArticleKind
    platform: Platform
    title: str = Field(min_length=1, max_length=255, pattern=r"\S")
    published_on: PastDate
    url: str = Field("", max_length=500)
    author_id: int | None = None
    author_name: str = Field("", max_length=150)
    reach: int = Field(0, ge=0)
    interactions: int = Field(0, ge=0)
    counters_rumour: bool = False
    matter_id: int | None = None


@router.get("/network/articles", response={200: ArticlePage, **ERRORS})
def list_articles(
    request: HttpRequest, filters: Query[ArticleQuery], page: Query[PageIn]
) -> dict[str, Any]:
    """Bài viết, bài đăng trong phạm vi của bạn (lọc theo vấn đề DLXH được trả lời)."""
    found = outreach.article_list(
        request.user,
        within=_within(request, filters.unit),
        year=filters.year,
        matter_id=filters.matter,
    )
    return paginate(found, page)


@router.post("/network/articles", response={201: ArticleOut, **WRITE_ERRORS})
def create_article(request: HttpRequest, payload: ArticleIn) -> Status[Any]:
    """Ghi một bài viết hoặc bài đăng, có thể trả lời một vấn đề DLXH."""
    data = payload.model_dump()
    data["kind"], data["platform"] = payload.kind.value, payload.platform.value
    return Status(201, outreach.article_create(actor=request.user, **data))


# ── declarations ───────────────────────────────────────────────────────────
class PageOut(Schema):
    platform: Platform
    address: str
    purpose: str


class DeclarationOut(Schema):
    id: int
    user_id: int
    unit_id: int
    declared_at: datetime
    no_pages: bool
    current: bool
    pages: list[PageOut]

    @staticmethod
    def resolve_current(obj: Any) -> bool:
        return obj.replaced_at is None

    @staticmethod
    def resolve_pages(obj: Any) -> list[Any]:
        return list(obj.pages.all())


class PageBody(NetworkIn):
    platform: Platform
    address: str = Field(min_length=1, max_length=500, pattern=r"\S")
    purpose: str = Field("", max_length=255)


class DeclarationIn(NetworkIn):
    unit_id: int = Field(description="Đơn vị nơi bạn có vai trò")
    pages: list[PageBody] = Field(default_factory=list)
    no_pages: bool = False


@router.get("/network/declarations/mine", response={200: list[DeclarationOut], **ERRORS})
def my_declarations(request: HttpRequest) -> list[Any]:
    """Các bản khai báo của chính bạn (bản hiện hành và lịch sử)."""
    return list(outreach.my_declarations(request.user))


@router.post("/network/declarations", response={201: DeclarationOut, **WRITE_ERRORS})
def submit_declaration(request: HttpRequest, payload: DeclarationIn) -> Status[Any]:
    """Khai báo trang cá nhân với đơn vị; thay bản trước (bản trước vẫn được lưu). Không bao giờ truy cập các trang đã khai."""
    pages = [
        outreach.PageIn(platform=p.platform.value, address=p.address, purpose=p.purpose)
        for p in payload.pages
    ]
    return Status(
        201,
        outreach.declaration_submit(
            actor=request.user, unit_id=payload.unit_id, pages=pages, no_pages=payload.no_pages
        ),
    )


@router.get("/network/declarations", response={200: list[DeclarationOut], **ERRORS})
def unit_declarations(request: HttpRequest) -> list[Any]:
    """Bản khai hiện hành ở các đơn vị nơi bạn là cán bộ (chỉ đơn vị mình, không cấp dưới)."""
    return list(outreach.declaration_list(request.user))


class CompletionOut(Schema):
    unit_id: int
    required: int
    declared: int
    text: str


@router.get("/network/declarations/completion", response={200: CompletionOut, **ERRORS})
def declaration_completion(request: HttpRequest, unit: int) -> dict[str, Any]:
    """«37/40 đã khai báo» của một đơn vị nơi bạn là cán bộ."""
    from duluan.org.scope import own_unit_ids

    if unit not in own_unit_ids(request.user, MANAGE):
        raise NotFoundError("Không tìm thấy đơn vị hoặc đơn vị nằm ngoài phạm vi của bạn.")
    done = outreach.completion([unit])
    return {
        "unit_id": unit,
        "required": done.required,
        "declared": done.declared,
        "text": done.text,
    }


class ReminderIn(NetworkIn):
    unit_id: int


class SentOut(Schema):
    notified: int
    emails: int


@router.post("/network/declarations/reminders", response={200: SentOut, **WRITE_ERRORS})
def remind_declarations(request: HttpRequest, payload: ReminderIn) -> dict[str, int]:
    """Nhắc những người của đơn vị chưa khai báo (mỗi ngày một lần)."""
    sent = outreach.declarations_remind(actor=request.user, unit_id=payload.unit_id)
    return {"notified": sent.notified, "emails": sent.emails}
