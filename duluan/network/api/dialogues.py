"""Dialogues and workers' conferences, the petitions raised there (deadlines from the
calendar, extensions, follow-up) and the yearly dialogue obligation."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Schema
from ninja.responses import Status

from duluan.core.api_schemas import PageIn
from duluan.core.dates import EventDate, EventDateTime
from duluan.org.api import UnitRef
from duluan.org.scope import access_unit_in_reach

from ..choices import DialogueKind, PetitionState
from ..permissions import MANAGE, VIEW
from ..selectors.petitions import (
    access_dialogue,
    access_petition,
    dialogue_list,
    dialogue_petitions,
    effective_due_of,
    is_overdue,
    obligations_missing,
    petition_list,
)
from ..services import petitions
from .common import ERRORS, WRITE_ERRORS, NetworkIn, NetworkRouter, YearQuery, scoped_page

router = NetworkRouter(tags=["network"])


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
        return effective_due_of(obj)

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        return is_overdue(obj)


class DialogueDetailOut(DialogueOut):
    petitions: list[PetitionOut]

    @staticmethod
    def resolve_petitions(obj: Any) -> list[Any]:
        return list(dialogue_petitions(obj))


@router.get("/network/dialogues", response={200: DialoguePage, **ERRORS})
def list_dialogues(
    request: HttpRequest, filters: Query[YearQuery], page: Query[PageIn]
) -> dict[str, Any]:
    """Đối thoại, hội nghị trong phạm vi của bạn."""
    return scoped_page(request, dialogue_list, page, unit=filters.unit, year=filters.year)


@router.post("/network/dialogues", response={201: DialogueOut, **WRITE_ERRORS})
def create_dialogue(request: HttpRequest, payload: DialogueIn) -> Status[Any]:
    """Ghi một cuộc đối thoại, hội nghị."""
    data = payload.model_dump()
    data["kind"] = payload.kind.value
    return Status(201, petitions.dialogue_create(actor=request.user, **data))


@router.get("/network/dialogues/{dialogue_id}", response={200: DialogueDetailOut, **ERRORS})
def get_dialogue(request: HttpRequest, dialogue_id: int) -> Any:
    """Một cuộc đối thoại và các kiến nghị của nó."""
    return access_dialogue(request.user, dialogue_id)


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
    return Status(201, access_petition(request.user, petition.pk, MANAGE))


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
    return scoped_page(
        request,
        petition_list,
        page,
        unit=filters.unit,
        state=filters.state.value if filters.state else None,
        overdue=filters.overdue,
    )


class PetitionUpdateIn(NetworkIn):
    state: PetitionState
    answer: str = Field("", max_length=5000)
    reason: str = Field("", max_length=500, description="Bắt buộc khi không giải quyết được")
    note: str = Field("", max_length=500)


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
    return access_petition(request.user, petition_id, MANAGE)


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
    return access_petition(request.user, petition_id, MANAGE)


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
    root = access_unit_in_reach(request.user, unit, VIEW)
    return obligations_missing(root, year or timezone.localdate().year)


@router.post("/network/obligations", response={200: ObligationOut, **WRITE_ERRORS})
def set_obligation(request: HttpRequest, payload: ObligationIn) -> Any:
    """Ghi một đơn vị phải tổ chức đối thoại định kỳ hằng năm."""
    return petitions.obligation_set(actor=request.user, **payload.model_dump())
