"""``/api/directions`` and ``/api/direction-drafts``: what units are asked to pass on,
and the draft → approve / return flow. Mounted on the matters router (``api.py``).

A target unit reads the direction's own title and text, never the matter's title
(often a grassroots report's subject it may not read).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict

from duluan.core.api_schemas import AUTH_ERRORS, BODY_ERRORS, ErrorOut, PageIn, paginate
from duluan.org.api import UnitRef

from .choices import DirectionState
from .models import Direction, DirectionTarget
from .selectors import (
    access_direction_draft,
    access_direction_target,
    direction_drafts_pending,
    direction_inbox,
)
from .services import direction_acknowledge, direction_approve, direction_return

router = Router(tags=["matters"])

ACT_ERRORS: dict[int, type[Schema]] = {
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    **AUTH_ERRORS,
    **BODY_ERRORS,
}


class In(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _codes(choices: Any) -> str:
    return "; ".join(f"{c.value}: {c.label}" for c in choices)


class DirectionOut(Schema):
    id: int
    matter_id: int
    unit: UnitRef
    title: str = Field(description="Tiêu đề của chính định hướng")
    text: str
    correction: str
    state: str = Field(description=_codes(DirectionState))
    whole_subtree: bool
    drafted_at: datetime | None = Field(description="Khi cán bộ soạn dự thảo (nếu có)")
    review_note: str = Field(description="Ý kiến của lãnh đạo khi trả lại dự thảo")
    issued_at: datetime = Field(description="Khi ban hành (với dự thảo: khi soạn)")


class DirectionDraftIn(In):
    title: str = Field(
        min_length=1,
        max_length=200,
        pattern=r"\S",
        description="Tiêu đề của định hướng, các đơn vị nhận sẽ đọc (không phải tiêu đề vấn đề)",
    )
    text: str = Field(
        min_length=1, max_length=10000, pattern=r"\S", description="Nội dung định hướng"
    )
    correction: str = Field("", max_length=10000, description="Với tin đồn: thông tin cải chính")
    whole_subtree: bool = Field(
        False, description="Gửi mọi đơn vị trực thuộc, không chỉ nhánh liên quan"
    )


# ── directions received ──────────────────────────────────────────────────────
class TargetOut(Schema):
    id: int
    unit: UnitRef
    matter_id: int
    direction: DirectionOut
    due: datetime
    late: bool
    acknowledged_at: datetime | None
    action_taken: str
    closed_at: datetime | None = Field(description="Đóng theo vấn đề khi đơn vị chưa báo cáo")
    close_note: str


class TargetPage(Schema):
    items: list[TargetOut]
    count: int


def _target(t: DirectionTarget) -> dict[str, Any]:
    return {
        "id": t.pk,
        "unit": t.unit,
        "matter_id": t.direction.matter_id,
        "direction": t.direction,
        "due": t.due,
        "late": t.is_late(),
        "acknowledged_at": t.acknowledged_at,
        "action_taken": t.action_taken,
        "closed_at": t.closed_at,
        "close_note": t.close_note,
    }


class TargetQuery(Schema):
    pending: bool | None = Field(
        None,
        description="true: chỉ những định hướng còn phải báo cáo (chưa báo cáo, vấn đề chưa "
        "đóng); false: đã báo cáo hoặc đã đóng theo vấn đề",
    )


@router.get("/directions", response={200: TargetPage, **AUTH_ERRORS})
def list_directions(
    request: HttpRequest, filters: Query[TargetQuery], page: Query[PageIn]
) -> dict[str, Any]:
    """Định hướng gửi xuống các đơn vị trong phạm vi của bạn."""
    targets = direction_inbox(request.user, pending=filters.pending).order_by(
        "-direction__issued_at", "unit__path"
    )
    answer = paginate(targets, page)
    answer["items"] = [_target(t) for t in answer["items"]]
    return answer


class AcknowledgeIn(In):
    action_taken: str = Field(
        min_length=1,
        max_length=5000,
        pattern=r"\S",
        description="Đơn vị đã làm gì để phổ biến đến đoàn viên",
    )


@router.post("/directions/{target_id}/acknowledge", response={200: TargetOut, **ACT_ERRORS})
def acknowledge(request: HttpRequest, target_id: int, payload: AcknowledgeIn) -> dict[str, Any]:
    """Đơn vị nhận định hướng báo cáo đã phổ biến (cán bộ của chính đơn vị đó)."""
    target = access_direction_target(request.user, target_id)
    direction_acknowledge(actor=request.user, target=target, action_taken=payload.action_taken)
    return _target(access_direction_target(request.user, target_id))


# ── drafts: the leader approves and signs, or returns ───────────────────────
class DraftPage(Schema):
    items: list[DirectionOut]
    count: int


@router.get("/direction-drafts", response={200: DraftPage, **AUTH_ERRORS})
def list_direction_drafts(request: HttpRequest, page: Query[PageIn]) -> dict[str, Any]:
    """Dự thảo định hướng chờ bạn duyệt (lãnh đạo đơn vị ban hành), cũ nhất trước."""
    return paginate(direction_drafts_pending(request.user), page)


@router.post("/direction-drafts/{direction_id}/approve", response={200: DirectionOut, **ACT_ERRORS})
def approve_direction_draft(request: HttpRequest, direction_id: int) -> Direction:
    """Lãnh đạo duyệt dự thảo: định hướng được ban hành (lãnh đạo là người ký) và gửi xuống."""
    draft = access_direction_draft(request.user, direction_id)
    return direction_approve(actor=request.user, direction=draft)


class ReturnIn(In):
    note: str = Field(
        min_length=1, max_length=5000, pattern=r"\S", description="Ý kiến: dự thảo cần sửa gì"
    )


@router.post("/direction-drafts/{direction_id}/return", response={200: DirectionOut, **ACT_ERRORS})
def return_direction_draft(request: HttpRequest, direction_id: int, payload: ReturnIn) -> Direction:
    """Lãnh đạo trả lại dự thảo kèm ý kiến; cán bộ soạn lại."""
    draft = access_direction_draft(request.user, direction_id)
    return direction_return(actor=request.user, direction=draft, note=payload.note)
