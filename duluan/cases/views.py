"""Matter pages: the inbox, one matter, the hot-spot board, notices (directions:
``views_directions``).

Thin: reads through the selectors, writes through the services. An action
posted on a matter answers with a redirect to the matter page and a message
saying what happened (or, in Vietnamese, why it could not); out of reach is
404, in sight but not allowed is 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import (
    ApplicationError,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailed,
    refusal_text,
)
from duluan.intake.selectors import report_get
from duluan.notifications.selectors import notification_list
from duluan.notifications.services import notifications_mark_read
from duluan.org.choices import Perm
from duluan.org.scope import has_perm, unit_in_scope
from duluan.org.selectors import unit_get

from . import services
from .choices import CLOSED_STATES, DirectionState, EscalationState, Outcome, Priority, State
from .models import Escalation, Matter, matter_step_dues
from .presenters import matter_history
from .selectors import (
    access_escalation,
    access_matter,
    direction_drafts_pending,
    direction_progress,
    hot_spot_board,
    issued_directions,
    matter_direction_drafts,
    matter_list,
    matter_panels,
    matter_reports,
    matter_tab_counts,
)
from .waiting import AWAITING_DECISION, awaiting_decision_q, decision_unit_ids
from .workflow import allowed_next, matter_transition, state_label, waiting_for

T = TypeVar("T")

PAGE_SIZE = 25
# The inbox tabs: the four steps, then the two ends.
TABS = [
    State.TIEP_NHAN,
    State.SANG_LOC,
    State.XAC_MINH,
    State.PHAN_ANH_LEN,
    State.DINH_HUONG,
    State.DONG,
    State.GHI_NHAN,
]
STEPPER = [State.TIEP_NHAN, State.SANG_LOC, State.XAC_MINH, State.PHAN_ANH_LEN, State.DINH_HUONG]


def _flag(value: str | None) -> bool | None:
    return {"1": True, "0": False}.get(value or "")


# ── reads ────────────────────────────────────────────────────────────────────
@login_required
@require_GET
def matter_list_view(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, Perm.MATTER_VIEW):
        raise Http404("Không tìm thấy trang.")
    unit = None
    if request.GET.get("unit"):
        unit = unit_get(request.user, _int(request.GET["unit"]))
    state = request.GET.get("state") or State.TIEP_NHAN
    if state not in State.values and state != "all":
        state = State.TIEP_NHAN
    hot, overdue = _flag(request.GET.get("hot")), _flag(request.GET.get("overdue"))
    # "Chờ quyết định": what waits for the unit's own decision (the briefing's panel).
    awaiting = request.GET.get("cho") == AWAITING_DECISION
    if awaiting:
        state = State.PHAN_ANH_LEN
    matters = matter_list(
        request.user,
        unit=unit,
        state=None if state == "all" else state,
        hot=hot,
        overdue=overdue,
    )
    if awaiting:
        matters = matters.filter(awaiting_decision_q(decision_unit_ids(request.user, unit)))
    page = Paginator(matters, PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    dues = matter_step_dues(page.object_list)  # not one deadline query per row
    for m in page.object_list:
        m.due = dues[m.pk]  # type: ignore[attr-defined]
        m.late = (m.due is not None and now > m.due) or m.is_hot_overdue(now)  # type: ignore[attr-defined]
    counts = matter_tab_counts(request.user, unit=unit)
    query = request.GET.copy()
    query.pop("page", None)
    base = query.copy()
    base.pop("state", None)
    base.pop("cho", None)  # a step's tab leaves "waiting for a decision"
    tabs = [
        {"state": s, "label": state_label(s), "count": counts[s], "current": s == state}
        for s in TABS
    ]
    context = {
        "page": page,
        "tabs": tabs,
        "state": state,
        "state_label": "Tất cả" if state == "all" else state_label(state),
        "all_count": sum(counts.values()),
        "unit": unit,
        "hot": hot,
        "overdue": overdue,
        "awaiting": awaiting,
        "query": query.urlencode(),
        "base_query": base.urlencode(),
        # The leader's "chờ duyệt": drafts of directions waiting for their signature.
        "drafts_waiting": direction_drafts_pending(request.user).count()
        if has_perm(request.user, Perm.MATTER_DIRECT)
        else 0,
    }
    return render(request, "cases/matter_list.html", context)


def _actions(request: HttpRequest, matter: Matter) -> dict[str, Any]:
    """What the page offers this account on this matter (the services still decide)."""
    user = request.user
    handle = unit_in_scope(user, Perm.MATTER_HANDLE, matter.owning_unit)
    direct = unit_in_scope(user, Perm.MATTER_DIRECT, matter.owning_unit)
    is_open = matter.state not in CLOSED_STATES
    nxt = allowed_next(matter) if handle else []
    pending = matter.escalations.filter(state=EscalationState.PENDING).select_related(
        "from_unit", "to_unit"
    )
    pending_escalation = pending.first()
    accepted = list(
        matter.escalations.filter(state=EscalationState.ACCEPTED).select_related("to_unit")
    )
    directable = (
        matter.state in (State.XAC_MINH, State.PHAN_ANH_LEN, State.DINH_HUONG)
        and pending_escalation is None
    )
    drafts = list(matter_direction_drafts(matter)) if handle else []
    waiting_draft = next((d for d in drafts if d.state == DirectionState.DRAFT), None)
    return {
        "can_handle": handle and is_open,
        "can_direct": direct and directable,
        # An officer who may not direct drafts a direction for a leader to approve and sign.
        "draft": handle and not direct and directable and waiting_draft is None,
        "drafts": drafts,
        "waiting_draft": waiting_draft,
        "review": waiting_draft is not None and direct,
        # Why a move is not offered, and who may make it (from the workflow table).
        "waiting": waiting_for(user, matter),
        "screen": State.SANG_LOC in nxt,
        "to_verify": State.XAC_MINH in nxt and matter.state == State.SANG_LOC,
        "set_aside": State.GHI_NHAN in nxt,
        "send_back": State.XAC_MINH in nxt and matter.state == State.PHAN_ANH_LEN,
        "verify": handle and matter.state == State.XAC_MINH,
        "escalate": handle
        and matter.state in (State.XAC_MINH, State.PHAN_ANH_LEN)
        and pending_escalation is None
        and matter.owning_unit.depth > 1,
        "close": State.DONG in nxt,
        "pending_escalation": pending_escalation,
        "decide": pending_escalation is not None
        and unit_in_scope(user, Perm.MATTER_HANDLE, pending_escalation.to_unit),
        "conclude": [e for e in accepted if unit_in_scope(user, Perm.MATTER_HANDLE, e.to_unit)],
        "mark_hot": handle and is_open and not matter.is_hot_spot,
        "hot_report": handle and matter.is_hot_spot and matter.hot_reported_at is None,
    }


@login_required
@require_GET
def matter_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_matter(request.user, pk)
    reports = matter_reports(request.user, matter)
    audit_record(
        actor=request.user,
        action=Action.REPORT_VIEW,
        object_type="matter",
        object_ids=[matter.pk],
        unit_id=matter.owning_unit_id,
        request=request,
    )
    now = timezone.now()
    steps = [str(s) for s in STEPPER]
    reached = steps.index(matter.state) if matter.state in steps else len(steps)
    # A step counts as done only if the matter was in it: a rumour closed after
    # verification skipped escalation and direction.
    visited = {matter.state} | {
        s for pair in matter.transitions.values_list("from_state", "to_state") for s in pair
    }
    context = {
        "matter": matter,
        "reports": reports,
        "history": matter_history(request.user, matter),
        "verification": matter.verifications.order_by("-recorded_at", "-id").first(),
        "escalations": matter.escalations.select_related("from_unit", "to_unit"),
        "directions": issued_directions(matter),
        "progress": direction_progress(matter, now=now),
        "stepper": [
            {
                "label": state_label(s),
                "done": i < reached and s in visited,
                "skipped": i < reached and s not in visited,
                "current": s == matter.state,
            }
            for i, s in enumerate(STEPPER)
        ],
        "step_overdue": matter.is_step_overdue(now),
        "hot_overdue": matter.is_hot_overdue(now),
        "outcomes": Outcome.choices,
        "decisions": [
            (EscalationState.ACCEPTED, "Tiếp nhận, cấp này xử lý"),
            (EscalationState.RETURNED, "Trả lại, cần bổ sung thông tin"),
            (EscalationState.FORWARDED, "Tiếp nhận và phản ánh tiếp lên cấp trên"),
        ],
        "priorities": Priority.choices,
        "direction_states": DirectionState,
        "act": _actions(request, matter),
        "panels": matter_panels(request.user, matter),
        # "Gắn vào vấn đề #N" on a report's page links here with the report's number.
        "attach_prefill": request.GET.get("gop", "")
        if request.GET.get("gop", "").isdigit()
        else "",
    }
    return render(request, "cases/matter_detail.html", context)


@login_required
@require_GET
def hot_spot_board_view(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, Perm.MATTER_VIEW):
        raise Http404("Không tìm thấy trang.")
    unit = unit_get(request.user, _int(request.GET["unit"])) if request.GET.get("unit") else None
    board = hot_spot_board(request.user, unit=unit)
    return render(
        request,
        "cases/hot_spots.html",
        {
            "board": board,
            "unit": unit,
            "overdue": sum(1 for m in board if getattr(m, "hot_overdue", False)),
        },
    )


@login_required
@require_GET
def notification_list_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(notification_list(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/notifications.html", {"page": page})


@login_required
@require_GET
def notification_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    notice = notification_list(request.user).filter(pk=pk).first() if 0 < pk < 2**63 else None
    if notice is None:
        raise Http404("Không tìm thấy thông báo.")
    notifications_mark_read(user=request.user, ids=[notice.pk])
    target = notice.url or "/thong-bao/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/thong-bao/"
    return redirect(target)


@login_required
@require_POST
def notifications_read_view(request: HttpRequest) -> HttpResponse:
    marked = notifications_mark_read(user=request.user)
    messages.success(request, f"Đã đánh dấu {marked} thông báo là đã đọc.")
    return redirect("cases:notifications")


@login_required
@require_GET
def escalation_document_view(request: HttpRequest, pk: int) -> FileResponse:
    escalation = (
        Escalation.objects.filter(pk=pk).only("matter_id", "conclusion").first()
        if 0 < pk < 2**63
        else None
    )
    if escalation is None:
        raise Http404("Không tìm thấy văn bản.")
    access_matter(request.user, escalation.matter_id)
    if not escalation.conclusion:
        raise Http404("Không tìm thấy văn bản.")
    audit_record(
        actor=request.user,
        action=Action.ATTACHMENT_DOWNLOAD,
        object_type="escalation",
        object_ids=[escalation.pk],
        request=request,
    )
    response = FileResponse(
        escalation.conclusion.open("rb"),
        as_attachment=True,
        filename=(escalation.conclusion.name or "ket-luan").rsplit("/", 1)[-1],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# ── writes ───────────────────────────────────────────────────────────────────
def _run(request: HttpRequest, go: Callable[[], Any], done: str, back: str) -> HttpResponse:
    """Run a service; success and refusals both come back as a message on ``back``."""
    try:
        go()
    except ApplicationError as exc:
        if isinstance(exc, NotFoundError | PermissionDeniedError):
            raise  # the not-found and forbidden pages (core.middleware)
        messages.error(request, refusal_text(exc))
    else:
        messages.success(request, done)
    return redirect(back)


def _on_matter(
    request: HttpRequest, pk: int, act: Callable[[Matter], Any], done: str
) -> HttpResponse:
    matter = access_matter(request.user, pk)
    return _run(request, lambda: act(matter), done, f"/van-de/{matter.pk}/")


def _text(request: HttpRequest, name: str) -> str:
    return str(request.POST.get(name, ""))


@login_required
@require_POST
def matter_create_view(request: HttpRequest) -> HttpResponse:
    report = report_get(request.user, _int(request.POST.get("report_id")))
    created: list[Matter] = []

    def go() -> None:
        created.append(
            services.matter_create_from_report(
                actor=request.user,
                report=report,
                title=_text(request, "title"),
                priority=_text(request, "priority") or Priority.NORMAL,
            )
        )

    response = _run(request, go, "Đã lập vấn đề từ phản ánh.", f"/phan-anh/{report.pk}/")
    return redirect(f"/van-de/{created[0].pk}/") if created else response


@login_required
@require_POST
def matter_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    to_state = _text(request, "to_state")
    priority = request.POST.get("priority") or None
    note = _text(request, "note")

    def act(m: Matter) -> Any:
        if to_state == State.SANG_LOC:  # screening sets the priority too
            return services.matter_screen(
                actor=request.user, matter=m, priority=priority, note=note
            )
        if priority is not None:
            raise ValidationFailed("Chỉ đặt mức ưu tiên khi sàng lọc.")
        return matter_transition(actor=request.user, matter=m, to_state=to_state, note=note)

    return _on_matter(request, pk, act, f"Đã chuyển vấn đề sang bước «{state_label(to_state)}».")


@login_required
@require_POST
def matter_verify_view(request: HttpRequest, pk: int) -> HttpResponse:
    fields = ["sources_checked", "contacts", "rumour_claim", "rumour_where", "verified_facts"]
    return _on_matter(
        request,
        pk,
        lambda m: services.verification_record(
            actor=request.user,
            matter=m,
            outcome=_text(request, "outcome"),
            **{f: _text(request, f) for f in fields},
        ),
        "Đã ghi kết quả xác minh.",
    )


@login_required
@require_POST
def matter_escalate_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_matter(
        request,
        pk,
        lambda m: services.matter_escalate(
            actor=request.user, matter=m, proposal=_text(request, "proposal")
        ),
        "Đã phản ánh vấn đề lên cấp trên.",
    )


@login_required
@require_POST
def matter_direct_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_matter(
        request,
        pk,
        lambda m: services.direction_issue(
            actor=request.user,
            matter=m,
            title=_text(request, "title"),
            text=_text(request, "text"),
            correction=_text(request, "correction"),
            whole_subtree=request.POST.get("whole_subtree") == "1",
        ),
        "Đã ban hành định hướng xuống các đơn vị.",
    )


@login_required
@require_POST
def matter_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_matter(
        request,
        pk,
        lambda m: services.matter_close(actor=request.user, matter=m, note=_text(request, "note")),
        "Đã đóng vấn đề.",
    )


@login_required
@require_POST
def matter_hot_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_matter(
        request,
        pk,
        lambda m: services.matter_mark_hot(
            actor=request.user, matter=m, note=_text(request, "note")
        ),
        "Đã nâng thành điểm nóng và báo lên các cấp trên.",
    )


@login_required
@require_POST
def matter_hot_report_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_matter(
        request,
        pk,
        lambda m: services.matter_hot_report_record(actor=request.user, matter=m),
        "Đã ghi nhận báo cáo bằng văn bản về điểm nóng.",
    )


def _report_for(request: HttpRequest) -> Any:
    return report_get(request.user, _int(request.POST.get("report_id")))


@login_required
@require_POST
def matter_attach_view(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_matter(request.user, pk)
    report = _report_for(request)
    return _run(
        request,
        lambda: services.matter_attach_report(actor=request.user, matter=matter, report=report),
        f"Đã gộp phản ánh #{report.pk} vào vấn đề.",
        f"/van-de/{matter.pk}/",
    )


@login_required
@require_POST
def matter_split_view(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_matter(request.user, pk)
    report = _report_for(request)
    created: list[Matter] = []

    def go() -> None:
        created.append(
            services.matter_split_report(actor=request.user, matter=matter, report=report)
        )

    response = _run(request, go, "Đã tách phản ánh thành vấn đề mới.", f"/van-de/{matter.pk}/")
    return redirect(f"/van-de/{created[0].pk}/") if created else response


@login_required
@require_POST
def matter_merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_matter(request.user, pk)
    other = access_matter(request.user, _int(request.POST.get("other_id")))
    kept: list[Matter] = []

    def go() -> None:
        kept.append(
            services.matter_merge(
                actor=request.user, matter=matter, other=other, note=_text(request, "note")
            )
        )

    response = _run(request, go, "Đã gộp hai vấn đề.", f"/van-de/{matter.pk}/")
    return redirect(f"/van-de/{kept[0].pk}/") if kept else response


def _int(value: Any) -> int:
    """A posted id, or 0 (which matches nothing) when it is not one a database can hold."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2**63 else 0


@login_required
@require_POST
def escalation_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    escalation = access_escalation(request.user, pk)
    decision = _text(request, "decision")
    return _run(
        request,
        lambda: services.escalation_decide(
            actor=request.user,
            escalation=escalation,
            decision=decision,
            note=_text(request, "note"),
            proposal=_text(request, "proposal"),
        ),
        "Đã ghi quyết định của cấp trên.",
        f"/van-de/{escalation.matter_id}/",
    )


@login_required
@require_POST
def escalation_conclusion_view(request: HttpRequest, pk: int) -> HttpResponse:
    escalation = access_escalation(request.user, pk)
    document = request.FILES.get("document")
    return _run(
        request,
        lambda: services.escalation_conclusion_attach(
            actor=request.user,
            escalation=escalation,
            note=_text(request, "note"),
            document=document,
        ),
        "Đã đính kèm kết luận.",
        f"/van-de/{escalation.matter_id}/",
    )
