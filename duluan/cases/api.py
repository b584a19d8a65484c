"""``/api/matters`` and friends: every action on a matter, as on the pages.

Reads go through the selectors (scoped to the caller); writes through the
services and the one workflow table. Out of reach answers 404 like a missing
matter; in sight but not allowed, 403; a move the table or a guard refuses, 409.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from duluan.core.api_schemas import AUTH_ERRORS, BODY_ERRORS, ErrorOut, PageIn, paginate
from duluan.core.errors import ValidationFailed
from duluan.intake.selectors import report_get
from duluan.notifications.selectors import notification_list
from duluan.notifications.services import notifications_mark_read
from duluan.org.api import UnitRef
from duluan.org.choices import Perm
from duluan.org.scope import unit_in_scope
from duluan.org.selectors import unit_get

from .api_directions import ACT_ERRORS, DirectionDraftIn, DirectionOut, In
from .api_directions import router as directions_router
from .choices import Outcome, Priority, State
from .models import Direction, Escalation, Matter
from .presenters import matter_history
from .selectors import (
    access_escalation,
    access_matter,
    direction_progress,
    issued_directions,
    matter_direction_drafts,
    matter_list,
)
from .services import (
    direction_draft,
    direction_issue,
    escalation_conclusion_attach,
    escalation_decide,
    matter_attach_report,
    matter_close,
    matter_create_from_report,
    matter_escalate,
    matter_hot_report_record,
    matter_mark_hot,
    matter_merge,
    matter_screen,
    matter_split_report,
    verification_record,
)
from .workflow import allowed_next, matter_transition, waiting_for

router = Router(tags=["matters"])
router.add_router("", directions_router)


# API enums with schema names of their own: OpenAPI components are global by
# name and other apps have their own ``State``; a test keeps the codes in step.
class MatterState(StrEnum):
    """Các bước của vấn đề DLXH."""

    TIEP_NHAN = "tiep_nhan"
    SANG_LOC = "sang_loc"
    XAC_MINH = "xac_minh"
    PHAN_ANH_LEN = "phan_anh_len"
    DINH_HUONG = "dinh_huong"
    DONG = "dong"
    GHI_NHAN = "ghi_nhan"


class MatterPriority(StrEnum):
    """Mức ưu tiên."""

    LOW = "thap"
    NORMAL = "binh_thuong"
    HIGH = "cao"
    URGENT = "khan"


class VerificationOutcome(StrEnum):
    """Kết quả xác minh."""

    CONFIRMED = "xac_thuc"
    PARTLY = "dung_mot_phan"
    RUMOUR = "tin_don"
    UNVERIFIED = "chua_kiem_chung"


class EscalationDecision(StrEnum):
    """Trạng thái đề xuất phản ánh lên."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    RETURNED = "returned"
    FORWARDED = "forwarded"


def _codes(choices: Any) -> str:
    return "; ".join(f"{c.value}: {c.label}" for c in choices)


# ── output ───────────────────────────────────────────────────────────────────
class MatterOut(Schema):
    id: int
    title: str
    topics: list[str]
    owning_unit: UnitRef
    state: MatterState = Field(description=_codes(State))
    priority: MatterPriority
    is_hot_spot: bool
    hot_since: datetime | None
    hot_report_due: datetime | None
    hot_reported_at: datetime | None
    report_count: int
    people_count: int
    first_seen: datetime | None
    last_seen: datetime | None
    step_due: datetime | None
    overdue: bool
    merged_into_id: int | None
    created_at: datetime


class TimelineOut(Schema):
    at: datetime
    kind: str
    kind_label: str
    summary: str
    note: str
    actor: str


class ProgressOut(Schema):
    total: int
    acted: int
    waiting: list[UnitRef]
    late: list[UnitRef]
    closed: list[UnitRef] = Field(description="Đóng theo vấn đề khi chưa báo cáo")


class EscalationOut(Schema):
    id: int
    from_unit: UnitRef
    to_unit: UnitRef
    proposal: str
    state: EscalationDecision
    sent_at: datetime
    decided_at: datetime | None
    note: str
    conclusion_note: str
    has_conclusion_document: bool


class WaitingOut(Schema):
    to_states: list[MatterState] = Field(
        description="Các bước chờ người khác chuyển; rỗng: chờ cấp trên quyết định đề xuất"
    )
    perm: str = Field(description="Quyền cần có (matter.handle, matter.direct)")
    roles: list[str] = Field(description="Các vai trò có quyền đó (org.choices.Role)")
    unit: UnitRef = Field(description="Đơn vị mà người có quyền phải thuộc (hoặc cấp trên)")
    text: str = Field(description="Câu giải thích bằng tiếng Việt, như trên trang")
    refusal: str = Field(description="Bạn có quyền nhưng điều kiện chưa đủ: lý do")


class MatterDetailOut(MatterOut):
    allowed_next: list[MatterState] = Field(
        description="Các bước bảng chuyển trạng thái cho phép từ bước hiện tại (mọi vai trò)"
    )
    waiting_for: list[WaitingOut] = Field(
        description="Những bước bạn không tự chuyển được và ai có quyền chuyển "
        "(suy ra từ bảng chuyển trạng thái), hoặc vì sao chưa chuyển được"
    )
    timeline: list[TimelineOut]
    escalations: list[EscalationOut]
    directions: list[DirectionOut] = Field(description="Định hướng đã ban hành")
    direction_drafts: list[DirectionOut] = Field(
        description="Dự thảo định hướng (chờ duyệt, bị trả lại): chỉ cán bộ, lãnh đạo "
        "của đơn vị xử lý thấy"
    )
    progress: ProgressOut


class MatterPage(Schema):
    items: list[MatterOut]
    count: int


def _out(matter: Matter) -> dict[str, Any]:
    return {
        "id": matter.pk,
        "title": matter.title,
        "topics": matter.topic_codes,
        "owning_unit": matter.owning_unit,
        "state": matter.state,
        "priority": matter.priority,
        "is_hot_spot": matter.is_hot_spot,
        "hot_since": matter.hot_since,
        "hot_report_due": matter.hot_report_due,
        "hot_reported_at": matter.hot_reported_at,
        "report_count": matter.report_count,
        "people_count": matter.people_count,
        "first_seen": matter.first_seen,
        "last_seen": matter.last_seen,
        "step_due": matter.step_due,
        "overdue": matter.is_step_overdue() or matter.is_hot_overdue(),
        "merged_into_id": matter.merged_into_id,
        "created_at": matter.created_at,
    }


def _escalation(e: Escalation) -> dict[str, Any]:
    return {
        "id": e.pk,
        "from_unit": e.from_unit,
        "to_unit": e.to_unit,
        "proposal": e.proposal,
        "state": e.state,
        "sent_at": e.sent_at,
        "decided_at": e.decided_at,
        "note": e.note,
        "conclusion_note": e.conclusion_note,
        "has_conclusion_document": bool(e.conclusion),
    }


def _detail(request: HttpRequest, matter_id: int) -> dict[str, Any]:
    matter = access_matter(request.user, matter_id)
    progress = direction_progress(matter)
    handles = unit_in_scope(request.user, Perm.MATTER_HANDLE, matter.owning_unit)
    return {
        **_out(matter),
        "allowed_next": allowed_next(matter),
        "waiting_for": [
            {**w.__dict__, "to_states": list(w.to_states), "roles": list(w.roles)}
            for w in waiting_for(request.user, matter)
        ],
        "timeline": [line.__dict__ for line in matter_history(request.user, matter)],
        "escalations": [
            _escalation(e) for e in matter.escalations.select_related("from_unit", "to_unit")
        ],
        "directions": list(issued_directions(matter)),
        "direction_drafts": list(matter_direction_drafts(matter)) if handles else [],
        "progress": {
            "total": progress.total,
            "acted": progress.acted,
            "waiting": progress.waiting,
            "late": progress.late,
            "closed": progress.closed,
        },
    }


# ── reads ────────────────────────────────────────────────────────────────────
class MatterQuery(Schema):
    state: MatterState | None = Field(None, description=_codes(State))
    hot: bool | None = Field(None, description="Chỉ điểm nóng (true) hoặc không (false)")
    overdue: bool | None = Field(None, description="Quá hạn bước xử lý hoặc hạn báo cáo")
    unit: int | None = Field(
        None, ge=1, le=2**63 - 1, description="Đơn vị xử lý và các đơn vị trực thuộc"
    )


@router.get("/matters", response={200: MatterPage, 404: ErrorOut, **AUTH_ERRORS})
def list_matters(
    request: HttpRequest, filters: Query[MatterQuery], page: Query[PageIn]
) -> dict[str, Any]:
    """Vấn đề DLXH trong phạm vi của bạn, mới nhất trước."""
    unit = unit_get(request.user, filters.unit) if filters.unit is not None else None
    matters = matter_list(
        request.user,
        unit=unit,
        state=filters.state.value if filters.state else None,
        hot=filters.hot,
        overdue=filters.overdue,
    )
    answer = paginate(matters, page)
    answer["items"] = [_out(m) for m in answer["items"]]
    return answer


@router.get("/matters/{matter_id}", response={200: MatterDetailOut, **ACT_ERRORS})
def get_matter(request: HttpRequest, matter_id: int) -> dict[str, Any]:
    """Một vấn đề, với dòng thời gian, các lần phản ánh lên, định hướng và tiến độ."""
    return _detail(request, matter_id)


# ── create and group ─────────────────────────────────────────────────────────
class MatterCreateIn(In):
    report_id: int = Field(
        ge=1, le=2**63 - 1, description="Phản ánh khởi đầu vấn đề (thuộc phạm vi xử lý của bạn)"
    )
    title: str = Field("", max_length=200, description="Để trống: lấy tiêu đề phản ánh")
    topics: str = Field("", max_length=255, description="Mã chủ đề, cách nhau bởi ;")
    priority: MatterPriority = MatterPriority.NORMAL


@router.post("/matters", response={201: MatterDetailOut, **ACT_ERRORS})
def create_matter(request: HttpRequest, payload: MatterCreateIn) -> Status[dict[str, Any]]:
    """Tạo vấn đề từ một phản ánh (bước Tiếp nhận)."""
    report = report_get(request.user, payload.report_id)
    matter = matter_create_from_report(
        actor=request.user,
        report=report,
        title=payload.title,
        topics=payload.topics,
        priority=payload.priority.value,
    )
    return Status(201, _detail(request, matter.pk))


class ReportRefIn(In):
    report_id: int = Field(ge=1, le=2**63 - 1)


@router.post("/matters/{matter_id}/reports", response={200: MatterDetailOut, **ACT_ERRORS})
def attach_report(request: HttpRequest, matter_id: int, payload: ReportRefIn) -> dict[str, Any]:
    """Gộp thêm một phản ánh vào vấn đề."""
    matter = access_matter(request.user, matter_id)
    report = report_get(request.user, payload.report_id)
    matter_attach_report(actor=request.user, matter=matter, report=report)
    return _detail(request, matter.pk)


@router.post("/matters/{matter_id}/split", response={201: MatterDetailOut, **ACT_ERRORS})
def split_report(
    request: HttpRequest, matter_id: int, payload: ReportRefIn
) -> Status[dict[str, Any]]:
    """Tách một phản ánh khỏi vấn đề thành vấn đề mới; trả về vấn đề mới."""
    matter = access_matter(request.user, matter_id)
    report = report_get(request.user, payload.report_id)
    new = matter_split_report(actor=request.user, matter=matter, report=report)
    return Status(201, _detail(request, new.pk))


class MergeIn(In):
    other_id: int = Field(
        ge=1, le=2**63 - 1, description="Vấn đề gộp cùng; vấn đề cũ hơn được giữ lại"
    )
    note: str = Field("", max_length=2000)


@router.post("/matters/{matter_id}/merge", response={200: MatterDetailOut, **ACT_ERRORS})
def merge_matters(request: HttpRequest, matter_id: int, payload: MergeIn) -> dict[str, Any]:
    """Gộp hai vấn đề; trả về vấn đề được giữ lại."""
    matter = access_matter(request.user, matter_id)
    other = access_matter(request.user, payload.other_id)
    kept = matter_merge(actor=request.user, matter=matter, other=other, note=payload.note)
    return _detail(request, kept.pk)


# ── the steps ────────────────────────────────────────────────────────────────
class TransitionIn(In):
    to_state: MatterState = Field(description=_codes(State))
    note: str = Field("", max_length=5000)
    priority: MatterPriority | None = Field(
        None,
        description="Chỉ khi sàng lọc (to_state = sang_loc): đặt mức ưu tiên của vấn đề; "
        + _codes(Priority),
    )


@router.post("/matters/{matter_id}/transition", response={200: MatterDetailOut, **ACT_ERRORS})
def transition(request: HttpRequest, matter_id: int, payload: TransitionIn) -> dict[str, Any]:
    """Chuyển bước theo bảng chuyển trạng thái (sàng lọc kèm mức ưu tiên, xác minh, ghi
    nhận, trả lại...)."""
    matter = access_matter(request.user, matter_id)
    priority = payload.priority.value if payload.priority is not None else None
    if payload.to_state == MatterState.SANG_LOC:
        matter_screen(actor=request.user, matter=matter, priority=priority, note=payload.note)
    elif priority is not None:
        raise ValidationFailed("Chỉ đặt mức ưu tiên khi sàng lọc.")
    else:
        matter_transition(
            actor=request.user, matter=matter, to_state=payload.to_state.value, note=payload.note
        )
    return _detail(request, matter.pk)


class VerificationIn(In):
    outcome: VerificationOutcome = Field(description=_codes(Outcome))
    sources_checked: str = Field("", max_length=5000)
    contacts: str = Field("", max_length=5000, description="Người chứng kiến, nơi đã liên hệ")
    rumour_claim: str = Field("", max_length=5000, description="Với tin đồn: nội dung tin đồn")
    rumour_where: str = Field("", max_length=255, description="Với tin đồn: nơi lan truyền")
    verified_facts: str = Field("", max_length=5000)


@router.post("/matters/{matter_id}/verification", response={201: MatterDetailOut, **ACT_ERRORS})
def verify(request: HttpRequest, matter_id: int, payload: VerificationIn) -> Status[dict[str, Any]]:
    """Ghi kết quả phân loại, đối chiếu, xác minh (khi vấn đề ở bước Xác minh)."""
    matter = access_matter(request.user, matter_id)
    data = payload.model_dump()
    data["outcome"] = payload.outcome.value
    verification_record(actor=request.user, matter=matter, **data)
    return Status(201, _detail(request, matter.pk))


class EscalateIn(In):
    proposal: str = Field(
        min_length=1, max_length=5000, pattern=r"\S", description="Đề xuất hướng xử lý"
    )


@router.post("/matters/{matter_id}/escalate", response={201: EscalationOut, **ACT_ERRORS})
def escalate(request: HttpRequest, matter_id: int, payload: EscalateIn) -> Status[dict[str, Any]]:
    """Phản ánh vấn đề lên đơn vị cấp trên trực tiếp, kèm đề xuất."""
    matter = access_matter(request.user, matter_id)
    escalation = matter_escalate(actor=request.user, matter=matter, proposal=payload.proposal)
    return Status(201, _escalation(escalation))


class DecisionIn(In):
    decision: EscalationDecision = Field(
        description="accepted: tiếp nhận; returned: trả lại cần bổ sung; forwarded: chuyển lên"
    )
    note: str = Field("", max_length=5000)
    proposal: str = Field("", max_length=5000, description="Khi chuyển tiếp: đề xuất của cấp này")


@router.post("/escalations/{escalation_id}/decision", response={200: EscalationOut, **ACT_ERRORS})
def decide(request: HttpRequest, escalation_id: int, payload: DecisionIn) -> dict[str, Any]:
    """Cấp trên quyết định với một đề xuất đang chờ."""
    escalation = access_escalation(request.user, escalation_id)
    escalation_decide(
        actor=request.user,
        escalation=escalation,
        decision=payload.decision.value,
        note=payload.note,
        proposal=payload.proposal,
    )
    escalation.refresh_from_db()
    return _escalation(escalation)


@router.post("/escalations/{escalation_id}/conclusion", response={200: EscalationOut, **ACT_ERRORS})
def conclusion(
    request: HttpRequest,
    escalation_id: int,
    note: Form[str] = "",
    document: File[UploadedFile] = None,  # type: ignore[assignment]
) -> dict[str, Any]:
    """Đính kèm kết luận của cấp uỷ (tóm tắt và, nếu có, văn bản) cho đề xuất đã tiếp nhận."""
    escalation = access_escalation(request.user, escalation_id)
    escalation_conclusion_attach(
        actor=request.user, escalation=escalation, note=note, document=document
    )
    escalation.refresh_from_db()
    return _escalation(escalation)


class DirectionIn(In):
    title: str = Field(
        "",
        max_length=200,
        description="Tiêu đề của định hướng, các đơn vị nhận sẽ đọc (không phải tiêu đề "
        "vấn đề). Để trống: «Định hướng của <đơn vị> ngày <ngày>»",
    )
    text: str = Field(
        min_length=1, max_length=10000, pattern=r"\S", description="Nội dung định hướng"
    )
    correction: str = Field("", max_length=10000, description="Với tin đồn: thông tin cải chính")
    whole_subtree: bool = Field(
        False, description="Gửi mọi đơn vị trực thuộc, không chỉ nhánh liên quan"
    )


@router.post("/matters/{matter_id}/direction", response={201: DirectionOut, **ACT_ERRORS})
def direct(request: HttpRequest, matter_id: int, payload: DirectionIn) -> Status[Direction]:
    """Ban hành định hướng xuống các đơn vị trực thuộc (lãnh đạo đơn vị xử lý)."""
    matter = access_matter(request.user, matter_id)
    direction = direction_issue(
        actor=request.user,
        matter=matter,
        title=payload.title,
        text=payload.text,
        correction=payload.correction,
        whole_subtree=payload.whole_subtree,
    )
    return Status(201, direction)


@router.post("/matters/{matter_id}/direction-draft", response={201: DirectionOut, **ACT_ERRORS})
def draft_direction(
    request: HttpRequest, matter_id: int, payload: DirectionDraftIn
) -> Status[Direction]:
    """Cán bộ đơn vị xử lý soạn dự thảo định hướng để lãnh đạo duyệt và ký ban hành."""
    matter = access_matter(request.user, matter_id)
    direction = direction_draft(
        actor=request.user,
        matter=matter,
        title=payload.title,
        text=payload.text,
        correction=payload.correction,
        whole_subtree=payload.whole_subtree,
    )
    return Status(201, direction)


class NoteIn(In):
    note: str = Field("", max_length=5000)


@router.post("/matters/{matter_id}/close", response={200: MatterDetailOut, **ACT_ERRORS})
def close(request: HttpRequest, matter_id: int, payload: NoteIn) -> dict[str, Any]:
    """Đóng vấn đề: mọi đơn vị đã phổ biến, hoặc lãnh đạo đóng trước với lý do."""
    matter = access_matter(request.user, matter_id)
    matter_close(actor=request.user, matter=matter, note=payload.note)
    return _detail(request, matter.pk)


@router.post("/matters/{matter_id}/hot", response={200: MatterDetailOut, **ACT_ERRORS})
def mark_hot(request: HttpRequest, matter_id: int, payload: NoteIn) -> dict[str, Any]:
    """Nâng vấn đề thành điểm nóng: báo ngay lên mọi cấp trên, bắt đầu tính hạn báo cáo."""
    matter = access_matter(request.user, matter_id)
    matter_mark_hot(actor=request.user, matter=matter, note=payload.note)
    return _detail(request, matter.pk)


@router.post("/matters/{matter_id}/hot-report", response={200: MatterDetailOut, **ACT_ERRORS})
def hot_report(request: HttpRequest, matter_id: int) -> dict[str, Any]:
    """Ghi nhận đã gửi báo cáo bằng văn bản về điểm nóng (dừng đồng hồ)."""
    matter = access_matter(request.user, matter_id)
    matter_hot_report_record(actor=request.user, matter=matter)
    return _detail(request, matter.pk)


# ── notices ──────────────────────────────────────────────────────────────────
class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    url: str
    matter_id: int | None
    created_at: datetime
    read_at: datetime | None


class NotificationPage(Schema):
    items: list[NotificationOut]
    count: int
    unread: int


class NotificationQuery(Schema):
    unread: bool | None = Field(None, description="Chỉ thông báo chưa đọc (true)")


@router.get("/notifications", response={200: NotificationPage, **AUTH_ERRORS})
def list_notifications(
    request: HttpRequest, filters: Query[NotificationQuery], page: Query[PageIn]
) -> dict[str, Any]:
    """Thông báo của chính bạn, mới nhất trước."""
    answer = paginate(notification_list(request.user, unread=filters.unread), page)
    answer["unread"] = notification_list(request.user, unread=True).count()
    return answer


class ReadIn(In):
    ids: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] = Field(
        default_factory=list, max_length=1000, description="Để trống: đánh dấu tất cả đã đọc"
    )


class ReadOut(Schema):
    marked: int


@router.post("/notifications/read", response={200: ReadOut, **AUTH_ERRORS, **BODY_ERRORS})
def mark_read(request: HttpRequest, payload: ReadIn) -> dict[str, int]:
    """Đánh dấu đã đọc (chỉ thông báo của chính bạn)."""
    return {"marked": notifications_mark_read(user=request.user, ids=payload.ids or None)}
