"""Access-matrix rows for matters: who may read, act on, decide and acknowledge.

The world (``core/tests/matrix.py``) gains, all raised at ``cs_a1``:

* ``matter``: in *Xác minh*, verified as a rumour (most actions act on it);
* ``other``: a second open matter (to merge with);
* ``free_report``: a report in no matter (to create from, to attach);
* ``pending``: a matter reflected up to ``upper_a``, awaiting its decision;
* ``upper``: a matter ``upper_a`` accepted and directed down to ``cs_a1`` and
  its child: ``target`` is the direction ``cs_a1`` must acknowledge;
* ``draft``: a direction an officer of ``cs_a1`` drafted on a third verified
  matter, waiting for a leader (``matter.direct``) to approve or return it.

Reach: a matter is read by ``matter.view`` over its owning unit or a unit it
touches (``same``, ``parent``); acting needs ``matter.handle`` (``matter.direct``
to direct); deciding an escalation needs ``matter.handle`` over the receiving
unit (``parent``); acknowledging needs ``matter.handle`` at the target unit
itself (``same``). Whoever sees but may not act gets 403; the rest, 404.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from duluan.cases.choices import EscalationState, Outcome, State
from duluan.cases.models import DirectionTarget
from duluan.cases.services import (
    direction_draft,
    direction_issue,
    escalation_conclusion_attach,
    escalation_decide,
    matter_create_from_report,
    matter_escalate,
    verification_record,
)
from duluan.cases.workflow import matter_transition
from duluan.conftest import make_user
from duluan.core.tests.matrix import Case, World, anyone, holds, reaches
from duluan.intake.services import ReportData, report_create
from duluan.notifications.models import Notification
from duluan.notifications.services import notices_send
from duluan.org.choices import ROLE_PERMS, Perm, Role

DIRECTION_TITLE = "Định hướng ma trận: thông tin chính thức về thưởng Tết"


def _report(world: World, subject: str) -> Any:
    author = world.users[(Role.COLLABORATOR, "same")]
    return report_create(
        actor=author,
        data=ReportData(
            unit_id=world.unit.pk,
            channel="truc_tiep",
            heard_at=timezone.now() - timedelta(hours=2),
            subject=subject,
            text="Công nhân bàn tán về thưởng Tết.",
            kind="tin_don",
            mood="tieu_cuc",
            verifiability="mot_nguon",
        ),
    )


def _to_verification(officer: Any, matter: Any) -> None:
    matter_transition(actor=officer, matter=matter, to_state=State.SANG_LOC)
    matter_transition(actor=officer, matter=matter, to_state=State.XAC_MINH)
    verification_record(
        actor=officer,
        matter=matter,
        outcome=Outcome.RUMOUR,
        rumour_claim="Cắt thưởng Tết",
        rumour_where="Nhóm Zalo",
        verified_facts="Vẫn thưởng Tết",
    )


def build(world: World) -> None:
    upper_a = world.units["upper_a"]
    officer = make_user(world.unit, Role.OFFICER, "matrix_cases_officer")
    upper_officer = make_user(upper_a, Role.OFFICER, "matrix_cases_upper")
    upper_leader = make_user(upper_a, Role.LEADER, "matrix_cases_upper_leader")

    matter = matter_create_from_report(actor=officer, report=world.report)
    _to_verification(officer, matter)
    other = matter_create_from_report(actor=officer, report=_report(world, "Tin đồn thứ hai"))
    pending = matter_create_from_report(actor=officer, report=_report(world, "Chờ cấp trên"))
    _to_verification(officer, pending)
    pending_escalation = matter_escalate(actor=officer, matter=pending, proposal="Đề nghị")
    upper = matter_create_from_report(actor=officer, report=_report(world, "Cấp trên xử lý"))
    _to_verification(officer, upper)
    accepted = matter_escalate(actor=officer, matter=upper, proposal="Đề nghị định hướng")
    escalation_decide(actor=upper_officer, escalation=accepted, decision=EscalationState.ACCEPTED)
    upper.refresh_from_db()
    escalation_conclusion_attach(
        actor=upper_officer,
        escalation=accepted,
        note="Kết luận của cấp uỷ",
        document=ContentFile(b"%PDF-1.4 ket luan", name="ket-luan.pdf"),
    )
    direction_issue(
        actor=upper_leader,
        matter=upper,
        title=DIRECTION_TITLE,
        text="Phổ biến thông tin",
        correction="Vẫn thưởng",
    )
    drafted = matter_create_from_report(actor=officer, report=_report(world, "Chờ lãnh đạo"))
    _to_verification(officer, drafted)
    draft = direction_draft(
        actor=officer,
        matter=drafted,
        title="Dự thảo ma trận",
        text="Phổ biến thông tin chính thức",
        correction="Vẫn thưởng Tết",
    )
    notice_for = world.users[(Role.OFFICER, "same")]
    notices_send([notice_for], kind="matrix", key="matrix:1", title="Thử", url="/van-de/")
    world.extra.update(
        matter=matter,
        other=other,
        free_report=_report(world, "Chưa thuộc vấn đề nào"),
        pending_escalation=pending_escalation,
        accepted_escalation=accepted,
        upper=upper,
        draft=draft,
        target=DirectionTarget.objects.get(direction__matter=upper, unit=world.unit),
        notice=Notification.objects.get(recipient=notice_for, key="matrix:1"),
    )


# ── who ──────────────────────────────────────────────────────────────────────
def _has(perm: str, role: str) -> bool:
    return perm in ROLE_PERMS[role]


def sees(role: str, relation: str) -> bool:
    return reaches(Perm.MATTER_VIEW)(role, relation)


def handles(role: str, relation: str) -> bool:
    return reaches(Perm.MATTER_HANDLE)(role, relation)


def directs(role: str, relation: str) -> bool:
    return reaches(Perm.MATTER_DIRECT)(role, relation)


def sees_not_handles(role: str, relation: str) -> bool:
    return sees(role, relation) and not handles(role, relation)


def leads_here(role: str, relation: str) -> bool:
    """``matter.direct`` at the owning unit itself: its drafts are in this inbox."""
    return _has(Perm.MATTER_DIRECT, role) and relation == "same"


def sees_not_directs(role: str, relation: str) -> bool:
    return sees(role, relation) and not directs(role, relation)


def decides(role: str, relation: str) -> bool:
    """``matter.handle`` over the receiving unit ``upper_a``."""
    return _has(Perm.MATTER_HANDLE, role) and relation == "parent"


def sees_not_decides(role: str, relation: str) -> bool:
    return sees(role, relation) and not decides(role, relation)


def acknowledges(role: str, relation: str) -> bool:
    """``matter.handle`` at the target unit itself."""
    return _has(Perm.MATTER_HANDLE, role) and relation == "same"


def sees_not_acknowledges(role: str, relation: str) -> bool:
    return sees(role, relation) and not acknowledges(role, relation)


def creates_from_report(role: str, relation: str) -> bool:
    return handles(role, relation)


def sees_report_not_handles(role: str, relation: str) -> bool:
    return reaches(Perm.REPORT_VIEW)(role, relation) and not handles(role, relation)


# ── what the answer shows ────────────────────────────────────────────────────
def _ids(text: str) -> list[int]:
    import json

    return [item["id"] for item in json.loads(text)["items"]]


def matter_item(world: World, text: str) -> bool:
    return world.extra["matter"].pk in _ids(text)


def target_item(world: World, text: str) -> bool:
    return world.extra["target"].pk in _ids(text)


def draft_item(world: World, text: str) -> bool:
    return world.extra["draft"].pk in _ids(text)


def _d(world: World) -> int:
    return int(world.extra["draft"].pk)


def _m(world: World) -> int:
    return int(world.extra["matter"].pk)


def body(data: dict[str, Any]) -> Any:
    return lambda world, actor: data


def matter_url(suffix: str = "") -> Any:
    return lambda w: f"/api/matters/{_m(w)}{suffix}"


API: dict[tuple[str, str], Case] = {
    ("GET", "/api/matters"): Case(
        lambda w: "/api/matters?limit=200", anyone, shows=(matter_item, sees)
    ),
    ("POST", "/api/matters"): Case(
        lambda w: "/api/matters",
        creates_from_report,
        method="POST",
        ok=201,
        body=lambda w, a: {"report_id": w.extra["free_report"].pk},
        forbidden=sees_report_not_handles,
    ),
    ("GET", "/api/matters/{matter_id}"): Case(matter_url(), sees),
    ("POST", "/api/matters/{matter_id}/reports"): Case(
        matter_url("/reports"),
        handles,
        method="POST",
        body=lambda w, a: {"report_id": w.extra["free_report"].pk},
        forbidden=sees_not_handles,
    ),
    ("POST", "/api/matters/{matter_id}/split"): Case(
        matter_url("/split"),
        handles,
        method="POST",
        ok=422,  # its only report cannot be split off
        body=lambda w, a: {"report_id": w.report.pk},
        forbidden=sees_not_handles,
    ),
    ("POST", "/api/matters/{matter_id}/merge"): Case(
        matter_url("/merge"),
        handles,
        method="POST",
        body=lambda w, a: {"other_id": w.extra["other"].pk},
        forbidden=sees_not_handles,
    ),
    ("POST", "/api/matters/{matter_id}/transition"): Case(
        matter_url("/transition"),
        handles,
        method="POST",
        body=body({"to_state": "ghi_nhan", "note": "Không cần xử lý thêm"}),
        forbidden=sees_not_handles,
    ),
    ("POST", "/api/matters/{matter_id}/verification"): Case(
        matter_url("/verification"),
        handles,
        method="POST",
        ok=201,
        body=body({"outcome": "xac_thuc", "sources_checked": "Phòng nhân sự"}),
        forbidden=sees_not_handles,
    ),
    ("POST", "/api/matters/{matter_id}/escalate"): Case(
        matter_url("/escalate"),
        handles,
        method="POST",
        ok=201,
        body=body({"proposal": "Đề nghị cấp trên định hướng"}),
        forbidden=sees_not_handles,
    ),
    ("POST", "/api/matters/{matter_id}/direction"): Case(
        matter_url("/direction"),
        directs,
        method="POST",
        ok=201,
        body=body({"text": "Phổ biến thông tin chính thức", "correction": "Vẫn thưởng Tết"}),
        forbidden=sees_not_directs,
    ),
    ("POST", "/api/matters/{matter_id}/direction-draft"): Case(
        matter_url("/direction-draft"),
        handles,
        method="POST",
        ok=201,
        body=body({"title": "Thông tin chính thức", "text": "Phổ biến", "correction": "Vẫn"}),
        forbidden=sees_not_handles,
    ),
    ("GET", "/api/direction-drafts"): Case(
        lambda w: "/api/direction-drafts?limit=200", anyone, shows=(draft_item, leads_here)
    ),
    ("POST", "/api/direction-drafts/{direction_id}/approve"): Case(
        lambda w: f"/api/direction-drafts/{_d(w)}/approve",
        directs,
        method="POST",
        forbidden=sees_not_directs,
    ),
    ("POST", "/api/direction-drafts/{direction_id}/return"): Case(
        lambda w: f"/api/direction-drafts/{_d(w)}/return",
        directs,
        method="POST",
        body=body({"note": "Cần nói rõ thời hạn"}),
        forbidden=sees_not_directs,
    ),
    ("POST", "/api/matters/{matter_id}/close"): Case(
        matter_url("/close"),
        handles,
        method="POST",
        ok=409,  # from Xác minh the table does not allow closing
        body=body({"note": ""}),
        forbidden=sees_not_handles,
    ),
    ("POST", "/api/matters/{matter_id}/hot"): Case(
        matter_url("/hot"),
        handles,
        method="POST",
        body=body({"note": "Công nhân tụ tập"}),
        forbidden=sees_not_handles,
    ),
    ("POST", "/api/matters/{matter_id}/hot-report"): Case(
        matter_url("/hot-report"),
        handles,
        method="POST",
        ok=422,  # not a hot spot
        forbidden=sees_not_handles,
    ),
    ("POST", "/api/escalations/{escalation_id}/decision"): Case(
        lambda w: f"/api/escalations/{w.extra['pending_escalation'].pk}/decision",
        decides,
        method="POST",
        body=body({"decision": "accepted"}),
        forbidden=sees_not_decides,
    ),
    ("POST", "/api/escalations/{escalation_id}/conclusion"): Case(
        lambda w: f"/api/escalations/{w.extra['accepted_escalation'].pk}/conclusion",
        decides,
        method="POST",
        ok=422,  # neither a summary nor a document
        forbidden=sees_not_decides,
    ),
    ("GET", "/api/directions"): Case(
        lambda w: "/api/directions?limit=200", anyone, shows=(target_item, sees)
    ),
    ("POST", "/api/directions/{target_id}/acknowledge"): Case(
        lambda w: f"/api/directions/{w.extra['target'].pk}/acknowledge",
        acknowledges,
        method="POST",
        body=body({"action_taken": "Thông báo ở giao ban tổ"}),
        forbidden=sees_not_acknowledges,
    ),
    ("GET", "/api/notifications"): Case(lambda w: "/api/notifications", anyone),
    ("POST", "/api/notifications/read"): Case(
        lambda w: "/api/notifications/read", anyone, method="POST", body=body({})
    ),
}


def matter_linked(world: World, text: str) -> bool:
    return f'href="/van-de/{world.extra["matter"].pk}/"' in text


def target_listed(world: World, text: str) -> bool:
    """The direction is listed by its own title (never the matter's: a report subject)."""
    return DIRECTION_TITLE in text


def receives(role: str, relation: str) -> bool:
    """The direction went to ``cs_a1`` and its child: both see it, and so does the parent."""
    return Perm.MATTER_VIEW in ROLE_PERMS[role] and relation in {"same", "parent", "child"}


def notice_owner(role: str, relation: str) -> bool:
    return (role, relation) == (Role.OFFICER, "same")


def page(name: str, *args: Any) -> Any:
    return lambda w: reverse(f"cases:{name}", args=[a(w) for a in args])


def m(w: World) -> int:
    return _m(w)


def post(
    name: str,
    allowed: Any,
    forbidden: Any,
    data: Any,
    *args: Any,
) -> Case:
    """A form post: in reach, a redirect back with a message (done or why not)."""
    return Case(page(name, *args), allowed, method="POST", ok=302, body=data, forbidden=forbidden)


PAGES: dict[str, Case] = {
    "cases:matter_list": Case(
        lambda w: reverse("cases:matter_list") + "?state=xac_minh",
        holds(Perm.MATTER_VIEW),
        shows=(matter_linked, sees),
    ),
    "cases:matter_create": post(
        "matter_create",
        creates_from_report,
        sees_report_not_handles,
        lambda w, a: {"report_id": w.extra["free_report"].pk},
    ),
    "cases:matter_detail": Case(page("matter_detail", m), sees),
    "cases:matter_transition": post(
        "matter_transition",
        handles,
        sees_not_handles,
        body({"to_state": "ghi_nhan", "note": "Không cần xử lý"}),
        m,
    ),
    "cases:matter_verify": post(
        "matter_verify", handles, sees_not_handles, body({"outcome": "xac_thuc"}), m
    ),
    "cases:matter_escalate": post(
        "matter_escalate", handles, sees_not_handles, body({"proposal": "Đề nghị"}), m
    ),
    "cases:matter_direct": post(
        "matter_direct",
        directs,
        sees_not_directs,
        body({"text": "Phổ biến", "correction": "Vẫn thưởng Tết"}),
        m,
    ),
    "cases:direction_draft": post(
        "direction_draft",
        handles,
        sees_not_handles,
        body({"title": "Thông tin chính thức", "text": "Phổ biến", "correction": "Vẫn"}),
        m,
    ),
    "cases:direction_approve": post(
        "direction_approve", directs, sees_not_directs, body({}), lambda w: _d(w)
    ),
    "cases:direction_return": post(
        "direction_return",
        directs,
        sees_not_directs,
        body({"note": "Sửa thời hạn"}),
        lambda w: _d(w),
    ),
    "cases:matter_close": post("matter_close", handles, sees_not_handles, body({}), m),
    "cases:matter_hot": post("matter_hot", handles, sees_not_handles, body({"note": "x"}), m),
    "cases:matter_hot_report": post("matter_hot_report", handles, sees_not_handles, body({}), m),
    "cases:matter_attach": post(
        "matter_attach",
        handles,
        sees_not_handles,
        lambda w, a: {"report_id": w.extra["free_report"].pk},
        m,
    ),
    "cases:matter_split": post(
        "matter_split", handles, sees_not_handles, lambda w, a: {"report_id": w.report.pk}, m
    ),
    "cases:matter_merge": post(
        "matter_merge",
        handles,
        sees_not_handles,
        lambda w, a: {"other_id": w.extra["other"].pk},
        m,
    ),
    "cases:escalation_decide": post(
        "escalation_decide",
        decides,
        sees_not_decides,
        body({"decision": "accepted"}),
        lambda w: w.extra["pending_escalation"].pk,
    ),
    "cases:escalation_conclusion": post(
        "escalation_conclusion",
        decides,
        sees_not_decides,
        body({"note": "Kết luận mới"}),
        lambda w: w.extra["accepted_escalation"].pk,
    ),
    "cases:escalation_document": Case(
        page("escalation_document", lambda w: w.extra["accepted_escalation"].pk), sees
    ),
    "cases:hot_spots": Case(page("hot_spots"), holds(Perm.MATTER_VIEW)),
    "cases:directions": Case(
        page("directions"), holds(Perm.MATTER_VIEW), shows=(target_listed, receives)
    ),
    "cases:direction_ack": post(
        "direction_ack",
        acknowledges,
        sees_not_acknowledges,
        body({"action_taken": "Đã phổ biến ở giao ban"}),
        lambda w: w.extra["target"].pk,
    ),
    "cases:notifications": Case(page("notifications"), anyone),
    "cases:notifications_read": Case(
        page("notifications_read"), anyone, method="POST", ok=302, body=body({})
    ),
    "cases:notification_open": Case(
        page("notification_open", lambda w: w.extra["notice"].pk), notice_owner, ok=302
    ),
}
