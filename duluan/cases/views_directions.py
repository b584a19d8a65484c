"""Directions pages: the board (to-do, one card per direction, drafts to approve), the
acknowledgement, and the draft → approve / return flow.

Thin, as ``views``: reads through the selectors, writes through the services; a
post answers with a redirect and a message saying what happened or why not.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from duluan.org.choices import Perm
from duluan.org.scope import has_perm

from . import services
from .selectors import (
    access_direction_draft,
    access_direction_target,
    access_matter,
    direction_board,
)
from .views import _run, _text


def _back(request: HttpRequest, matter_id: int) -> str:
    return f"/van-de/{matter_id}/" if request.POST.get("next") == "matter" else "/dinh-huong/"


@login_required
@require_GET
def direction_list_view(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, Perm.MATTER_VIEW):
        raise Http404("Không tìm thấy trang.")
    board = direction_board(request.user)
    return render(
        request,
        "cases/directions.html",
        {
            "todo": board.todo,
            "issued": [c for c in board.cards if c.issuer],
            "followed": [c for c in board.cards if not c.issuer],
            "drafts": board.drafts,
        },
    )


@login_required
@require_POST
def direction_ack_view(request: HttpRequest, pk: int) -> HttpResponse:
    target = access_direction_target(request.user, pk)
    return _run(
        request,
        lambda: services.direction_acknowledge(
            actor=request.user, target=target, action_taken=_text(request, "action_taken")
        ),
        f"Đã báo cáo việc phổ biến định hướng của {target.unit.display_name}.",
        _back(request, target.direction.matter_id),
    )


@login_required
@require_POST
def direction_draft_view(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_matter(request.user, pk)
    return _run(
        request,
        lambda: services.direction_draft(
            actor=request.user,
            matter=matter,
            title=_text(request, "title"),
            text=_text(request, "text"),
            correction=_text(request, "correction"),
            whole_subtree=request.POST.get("whole_subtree") == "1",
        ),
        "Đã gửi dự thảo định hướng để lãnh đạo duyệt và ký.",
        f"/van-de/{matter.pk}/",
    )


@login_required
@require_POST
def direction_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    draft = access_direction_draft(request.user, pk)
    return _run(
        request,
        lambda: services.direction_approve(actor=request.user, direction=draft),
        "Đã duyệt và ban hành định hướng xuống các đơn vị.",
        _back(request, draft.matter_id),
    )


@login_required
@require_POST
def direction_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    draft = access_direction_draft(request.user, pk)
    return _run(
        request,
        lambda: services.direction_return(
            actor=request.user, direction=draft, note=_text(request, "note")
        ),
        "Đã trả lại dự thảo định hướng kèm ý kiến.",
        _back(request, draft.matter_id),
    )
