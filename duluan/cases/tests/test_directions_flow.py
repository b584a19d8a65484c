"""Issue #18: say why an action is not offered, let an officer draft a direction for the
leader to approve and sign, one card per direction, closing closes what it asked, a
direction's own title (the report's subject never reaches siblings), priority at screening."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from duluan.api.services import token_issue
from duluan.audit.models import Action, AuditEvent
from duluan.cases import workflow
from duluan.cases.choices import DirectionState, EscalationState, Priority, State
from duluan.cases.models import Direction, DirectionTarget, Matter, NotificationKind
from duluan.cases.presenters import matter_history
from duluan.cases.selectors import direction_board, direction_drafts_pending, direction_inbox
from duluan.cases.services import (
    direction_acknowledge,
    direction_approve,
    direction_draft,
    direction_issue,
    direction_return,
    escalation_decide,
    matter_close,
    matter_create_from_report,
    matter_escalate,
    matter_screen,
)
from duluan.cases.workflow import TransitionRefused, matter_transition, waiting_for
from duluan.conftest import OrgTree
from duluan.core.errors import NotFoundError, PermissionDeniedError, ValidationFailed
from duluan.notifications.models import Notification
from duluan.org.choices import Perm, Role

from .helpers import make_report, verified_matter

pytestmark = pytest.mark.django_db

SUBJECT = "Công nhân phản ánh bữa ăn ca kém chất lượng"
TITLE = "Bảo đảm chất lượng bữa ăn ca cho người lao động"


@pytest.fixture
def tree(org_tree: OrgTree) -> OrgTree:
    """The org tree with an e-mail address for everyone."""
    for user in org_tree.users.values():
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    return org_tree


def accepted_at_upper(t: OrgTree, **kwargs: Any) -> Matter:
    """A verified matter of ``cs_a1`` reflected up and accepted by ``upper_a``."""
    matter = verified_matter(t, **kwargs)
    escalation = matter_escalate(actor=t.user("cs_a1"), matter=matter, proposal="Đề nghị")
    escalation_decide(
        actor=t.user("upper_a"), escalation=escalation, decision=EscalationState.ACCEPTED
    )
    matter.refresh_from_db()
    return matter


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


class Api:
    """The JSON API as ``user``, with a bearer token."""

    def __init__(self, user: Any) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token_issue(user=user)[1]}"}

    def get(self, path: str) -> Any:
        return self.client.get(f"/api{path}", headers=self.headers)

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(
            f"/api{path}", body or {}, content_type="application/json", headers=self.headers
        )


# ── 1. say why ───────────────────────────────────────────────────────────────
def test_officer_after_accepting_is_told_the_leaders_direct(tree: OrgTree, client: Client) -> None:
    matter = accepted_at_upper(tree)
    waits = waiting_for(tree.user("upper_a"), matter)
    assert [(w.to_states, w.perm, w.roles) for w in waits] == [
        ((State.DINH_HUONG,), Perm.MATTER_DIRECT, (Role.LEADER,))
    ]
    assert waits[0].text == ("Chờ Ban Thường vụ của CĐ KCN A ban hành định hướng.")
    assert waiting_for(tree.user("upper_a", Role.LEADER), matter) == []
    page = login(client, tree.user("upper_a")).get(f"/van-de/{matter.pk}/").content.decode()
    assert "Chờ Ban Thường vụ của CĐ KCN A ban hành định hướng" in page
    assert "Gửi dự thảo để lãnh đạo duyệt" in page  # and what the officer may do instead


def test_hints_come_from_the_workflow_table(tree: OrgTree, monkeypatch: pytest.MonkeyPatch) -> None:
    officer = tree.user("cs_a1")
    matter = matter_create_from_report(actor=officer, report=make_report(tree))
    matter_transition(actor=officer, matter=matter, to_state=State.SANG_LOC)
    assert waiting_for(officer, matter) == []
    table = dict(workflow.TRANSITIONS)
    table[(State.SANG_LOC, State.XAC_MINH)] = workflow.Rule(Perm.MATTER_DIRECT)
    monkeypatch.setattr(workflow, "TRANSITIONS", table)
    (wait,) = waiting_for(officer, matter)
    assert wait.to_states == (State.XAC_MINH,)
    assert "chuyển xác minh" in wait.text and "Ban Thường vụ" in wait.text


def test_a_guard_refusal_and_a_pending_escalation_are_explained(tree: OrgTree) -> None:
    matter = verified_matter(tree)
    matter_escalate(actor=tree.user("cs_a1"), matter=matter, proposal="Đề nghị")
    (wait,) = waiting_for(tree.user("cs_a1"), matter)
    assert wait.to_states == () and wait.unit == tree.upper_a
    assert "CĐ KCN A xem xét đề xuất phản ánh lên" in wait.text
    assert waiting_for(tree.user("upper_a"), matter) == []  # the one who decides

    other = accepted_at_upper(tree, subject="Tin đồn thứ hai")
    direction_issue(
        actor=tree.user("upper_a", Role.LEADER),
        matter=other,
        title=TITLE,
        text="Phổ biến",
        correction="Vẫn thưởng",
        whole_subtree=True,
    )
    other.refresh_from_db()
    waits = waiting_for(tree.user("upper_a"), other)
    close = next(w for w in waits if w.to_states == (State.DONG,))
    assert close.refusal.startswith("Còn 2 đơn vị chưa báo cáo")
    assert close.text.startswith("Chưa thể đóng vấn đề: Còn 2 đơn vị")


def test_api_detail_says_who_may_act_next(tree: OrgTree, client: Client) -> None:
    matter = accepted_at_upper(tree)
    body = Api(tree.user("upper_a")).get(f"/matters/{matter.pk}").json()
    assert body["waiting_for"] == [
        {
            "to_states": ["dinh_huong"],
            "perm": "matter.direct",
            "roles": ["leader"],
            "unit": body["owning_unit"],
            "text": "Chờ Ban Thường vụ của CĐ KCN A ban hành định hướng.",
            "refusal": "",
        }
    ]
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]  # public
    assert "waiting_for" in schema["MatterDetailOut"]["properties"]
    assert "description" in schema["MatterDetailOut"]["properties"]["waiting_for"]


# ── 2. the officer drafts, the leader approves and signs ─────────────────────
def test_draft_waits_for_the_leader_then_is_issued_signed_by_them(
    tree: OrgTree, django_capture_on_commit_callbacks: Any
) -> None:
    matter = accepted_at_upper(tree)
    officer, leader = tree.user("upper_a"), tree.user("upper_a", Role.LEADER)
    with django_capture_on_commit_callbacks(execute=True):
        draft = direction_draft(
            actor=officer, matter=matter, title=TITLE, text="Phổ biến", correction="Vẫn thưởng"
        )
    assert draft.state == DirectionState.DRAFT and draft.drafted_by == officer
    assert not draft.targets.exists()
    matter.refresh_from_db()
    assert matter.state == State.PHAN_ANH_LEN  # a draft moves nothing
    told = Notification.objects.filter(kind=NotificationKind.DIRECTION_DRAFT)
    assert {n.recipient for n in told} == {leader}  # the leaders, not the officers
    assert TITLE in told.get().title
    with pytest.raises(TransitionRefused):  # one draft at a time
        direction_draft(actor=officer, matter=matter, title="Khác", text="x", correction="y")
    assert list(direction_drafts_pending(leader)) == [draft]  # the leader's "chờ duyệt"
    assert not direction_drafts_pending(officer).exists()
    assert not direction_drafts_pending(tree.user("province", Role.LEADER)).exists()
    with pytest.raises(PermissionDeniedError):
        direction_approve(actor=officer, direction=draft)
    with pytest.raises(NotFoundError):
        direction_approve(actor=tree.user("upper_b", Role.LEADER), direction=draft)

    with django_capture_on_commit_callbacks(execute=True):
        issued = direction_approve(actor=leader, direction=draft)
    assert issued.state == DirectionState.ISSUED
    assert issued.issued_by == leader and issued.drafted_by == officer
    assert issued.targets.count() >= 1
    matter.refresh_from_db()
    assert matter.state == State.DINH_HUONG
    notes = set(
        AuditEvent.objects.filter(
            action=Action.STATE_CHANGE, object_type="direction", object_ids=[draft.pk]
        ).values_list("note", flat=True)
    )
    assert notes == {"draft", "approve"}
    assert Notification.objects.filter(kind=NotificationKind.DIRECTION).exists()
    with pytest.raises(TransitionRefused):
        direction_approve(actor=leader, direction=draft)


def test_leader_returns_a_draft_with_a_comment(
    tree: OrgTree, django_capture_on_commit_callbacks: Any
) -> None:
    matter = accepted_at_upper(tree)
    officer, leader = tree.user("upper_a"), tree.user("upper_a", Role.LEADER)
    draft = direction_draft(
        actor=officer, matter=matter, title=TITLE, text="Phổ biến", correction="Vẫn thưởng"
    )
    with pytest.raises(ValidationFailed):
        direction_return(actor=leader, direction=draft, note="  ")
    with django_capture_on_commit_callbacks(execute=True):
        direction_return(actor=leader, direction=draft, note="Nêu rõ thời hạn phổ biến")
    draft.refresh_from_db()
    assert draft.state == DirectionState.RETURNED and draft.reviewed_by == leader
    assert draft.review_note == "Nêu rõ thời hạn phổ biến"
    notice = Notification.objects.get(kind=NotificationKind.DIRECTION_RETURNED)
    assert notice.recipient == officer
    assert not DirectionTarget.objects.exists()
    again = direction_draft(  # the officer drafts again
        actor=officer, matter=matter, title=TITLE, text="Phổ biến trước 20/3", correction="Vẫn"
    )
    assert again.state == DirectionState.DRAFT
    lines = [(h.kind, h.note) for h in matter_history(officer, matter)]
    assert ("direction_returned", "Nêu rõ thời hạn phổ biến") in lines
    assert [k for k, _ in lines].count("direction_draft") == 2


def test_a_draft_is_not_counted_until_approved(tree: OrgTree) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from duluan.cases.report_sections import matters_section
    from duluan.core.extensions import Span

    matter = accepted_at_upper(tree)
    draft = direction_draft(
        actor=tree.user("upper_a"), matter=matter, title=TITLE, text="x", correction="y"
    )
    now = timezone.now()
    span = Span(now - timedelta(days=1), now + timedelta(days=1))
    block = matters_section(tree.upper_a, span)
    assert block is not None and block.figure("matters_directed") == 0
    direction_approve(actor=tree.user("upper_a", Role.LEADER), direction=draft)
    block = matters_section(tree.upper_a, span)
    assert block is not None and block.figure("matters_directed") == 1


def test_a_draft_needs_its_own_title_and_the_usual_checks(tree: OrgTree) -> None:
    matter = accepted_at_upper(tree)
    officer = tree.user("upper_a")
    with pytest.raises(ValidationFailed, match="tiêu đề"):
        direction_draft(actor=officer, matter=matter, title=" ", text="x", correction="y")
    with pytest.raises(ValidationFailed, match="cải chính"):  # a rumour needs its correction
        direction_draft(actor=officer, matter=matter, title=TITLE, text="x")
    with pytest.raises(PermissionDeniedError):  # the reporting union sees, may not act
        direction_draft(actor=tree.user("cs_a1"), matter=matter, title=TITLE, text="x")
    with pytest.raises(NotFoundError):
        direction_draft(actor=tree.user("cs_a2"), matter=matter, title=TITLE, text="x")


def test_draft_and_approve_on_the_pages(tree: OrgTree) -> None:
    matter = accepted_at_upper(tree)
    officer_client = login(Client(), tree.user("upper_a"))
    answer = officer_client.post(
        f"/van-de/{matter.pk}/du-thao-dinh-huong/",
        {"title": TITLE, "text": "Phổ biến", "correction": "Vẫn thưởng"},
    )
    assert answer.status_code == 302
    draft = Direction.objects.get(state=DirectionState.DRAFT)
    page = officer_client.get(f"/van-de/{matter.pk}/").content.decode()
    assert "đang chờ lãnh đạo CĐ KCN A duyệt" in page

    leader_client = login(Client(), tree.user("upper_a", Role.LEADER))
    assert "1 dự thảo định hướng chờ bạn duyệt" in leader_client.get("/van-de/").content.decode()
    board = leader_client.get("/dinh-huong/").content.decode()
    assert "Dự thảo chờ duyệt (1)" in board and TITLE in board
    assert "Duyệt và ban hành" in leader_client.get(f"/van-de/{matter.pk}/").content.decode()
    answer = leader_client.post(f"/dinh-huong/du-thao/{draft.pk}/duyet/", {"next": "matter"})
    assert answer.status_code == 302 and answer["Location"] == f"/van-de/{matter.pk}/"
    draft.refresh_from_db()
    assert draft.state == DirectionState.ISSUED
    assert draft.issued_by == tree.user("upper_a", Role.LEADER)


def test_draft_approve_and_return_by_api(tree: OrgTree) -> None:
    matter = accepted_at_upper(tree)
    officer, leader = Api(tree.user("upper_a")), Api(tree.user("upper_a", Role.LEADER))
    made = officer.post(
        f"/matters/{matter.pk}/direction-draft",
        {"title": TITLE, "text": "Phổ biến", "correction": "Vẫn thưởng"},
    )
    assert made.status_code == 201, made.content
    draft = made.json()
    assert draft["state"] == "du_thao" and draft["title"] == TITLE
    detail = officer.get(f"/matters/{matter.pk}").json()
    assert [d["id"] for d in detail["direction_drafts"]] == [draft["id"]]
    assert detail["directions"] == []
    assert officer.post(f"/direction-drafts/{draft['id']}/approve").status_code == 403

    waiting = leader.get("/direction-drafts").json()
    assert [d["id"] for d in waiting["items"]] == [draft["id"]]
    assert officer.get("/direction-drafts").json()["count"] == 0
    returned = leader.post(f"/direction-drafts/{draft['id']}/return", {"note": "Thêm thời hạn"})
    assert returned.status_code == 200 and returned.json()["state"] == "tra_lai"
    again = officer.post(
        f"/matters/{matter.pk}/direction-draft",
        {"title": TITLE, "text": "Phổ biến trước 20/3", "correction": "Vẫn thưởng"},
    ).json()
    approved = leader.post(f"/direction-drafts/{again['id']}/approve")
    assert approved.status_code == 200 and approved.json()["state"] == "ban_hanh"
    assert leader.get(f"/matters/{matter.pk}").json()["state"] == "dinh_huong"


# ── 3. one card per direction; closing closes what it asked ──────────────────
def issued_to_both(t: OrgTree, **kwargs: Any) -> Direction:
    matter = accepted_at_upper(t, **kwargs)
    return direction_issue(
        actor=t.user("upper_a", Role.LEADER),
        matter=matter,
        title=TITLE,
        text="Các đơn vị phổ biến thực đơn mới và kênh góp ý bữa ăn ca.",
        correction="Công ty đã đổi nhà cung cấp suất ăn.",
        whole_subtree=True,
    )


def test_issuer_sees_one_card_per_direction_with_its_progress(
    tree: OrgTree, client: Client
) -> None:
    direction = issued_to_both(tree)
    direction_acknowledge(
        actor=tree.user("cs_a1"),
        target=direction.targets.get(unit=tree.cs_a1),
        action_taken="Đã phổ biến ở giao ban tổ",
    )
    board = direction_board(tree.user("upper_a"))
    assert board.todo == [] and len(board.cards) == 1
    (card,) = board.cards
    assert card.issuer and (card.progress.acted, card.progress.total) == (1, 2)
    page = login(client, tree.user("upper_a")).get("/dinh-huong/").content.decode()
    assert page.count(f'<h3 id="dc-{direction.pk}">{TITLE}</h3>') == 1
    assert "Đã phổ biến: 1/2 đơn vị" in page
    assert f'href="/van-de/{direction.matter_id}/"' in page


def test_target_unit_sees_a_plain_to_do(tree: OrgTree, client: Client) -> None:
    direction = issued_to_both(tree)
    board = direction_board(tree.user("cs_a2"))
    assert [t.unit for t in board.todo] == [tree.cs_a2] and board.cards == []
    page = login(client, tree.user("cs_a2")).get("/dinh-huong/").content.decode()
    assert "Việc cần làm: phổ biến đến đoàn viên (1)" in page
    assert f'action="/dinh-huong/{direction.targets.get(unit=tree.cs_a2).pk}/xac-nhan/"' in page


def test_closing_a_matter_closes_what_it_asked_of_units(tree: OrgTree, client: Client) -> None:
    direction = issued_to_both(tree)
    done = direction.targets.get(unit=tree.cs_a1)
    direction_acknowledge(actor=tree.user("cs_a1"), target=done, action_taken="Đã phổ biến")
    matter_close(
        actor=tree.user("upper_a", Role.LEADER),
        matter=direction.matter,
        note="Công ty đã khắc phục, không cần theo dõi thêm",
    )
    left = direction.targets.get(unit=tree.cs_a2)
    assert left.closed_at is not None and left.acknowledged_at is None
    assert left.close_note == "Vấn đề đã đóng: Công ty đã khắc phục, không cần theo dõi thêm"
    done.refresh_from_db()
    assert done.closed_at is None  # what a unit did stays as it did it
    assert not direction_inbox(tree.user("cs_a2"), pending=True).exists()
    assert direction_board(tree.user("cs_a2")).todo == []
    page = login(client, tree.user("cs_a2")).get("/dinh-huong/").content.decode()
    assert "Việc cần làm: phổ biến đến đoàn viên (0)" in page
    api = Api(tree.user("cs_a2")).get("/directions?pending=false").json()["items"]
    assert [(i["closed_at"] is not None, i["close_note"]) for i in api] == [(True, left.close_note)]
    with pytest.raises(TransitionRefused, match="đã đóng"):
        direction_acknowledge(actor=tree.user("cs_a2"), target=left, action_taken="Muộn")


# ── 4. the report's subject never travels to siblings ────────────────────────
def test_sibling_target_never_reads_the_report_subject(
    tree: OrgTree, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        direction = issued_to_both(tree, subject=SUBJECT)
    assert direction.matter.title == SUBJECT  # the matter is named after the report
    sibling = tree.user("cs_a2")
    assert direction.targets.filter(unit=tree.cs_a2).exists()
    client = login(Client(), sibling)

    page = client.get("/dinh-huong/").content.decode()
    assert TITLE in page and SUBJECT not in page
    as_api = Api(sibling)
    api = as_api.get("/directions").content.decode()
    assert TITLE in json.loads(api)["items"][0]["direction"]["title"]
    assert SUBJECT not in api
    assert client.get(f"/van-de/{direction.matter_id}/").status_code == 404
    assert as_api.get(f"/matters/{direction.matter_id}").status_code == 404

    notices = Notification.objects.filter(recipient=sibling)
    assert notices.exists()
    assert all(SUBJECT not in n.title for n in notices)
    notices_page = client.get("/thong-bao/").content.decode()
    assert TITLE in notices_page and SUBJECT not in notices_page
    assert SUBJECT not in as_api.get("/notifications").content.decode()
    mails = [m for m in mail.outbox if sibling.email in m.to]
    assert mails and all(SUBJECT not in f"{m.subject} {m.body}" for m in mails)
    assert any(TITLE in m.subject for m in mails)


def test_late_reminder_to_a_sibling_names_the_direction_not_the_report(tree: OrgTree) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from duluan.cases.reminders import matters_overdue_check

    issued_to_both(tree, subject=SUBJECT)
    matters_overdue_check(now=timezone.now() + timedelta(days=30))
    late = Notification.objects.filter(recipient=tree.user("cs_a2"), kind="direction_late")
    assert late.exists() and all(SUBJECT not in n.title for n in late)
    assert all(SUBJECT not in f"{m.subject} {m.body}" for m in mail.outbox if "cs_a2" in m.to[0])


# ── 5. priority at screening ─────────────────────────────────────────────────
def test_screening_sets_the_priority_audited(tree: OrgTree, client: Client) -> None:
    officer = tree.user("cs_a1")
    matter = matter_create_from_report(actor=officer, report=make_report(tree))
    page = login(client, officer).get(f"/van-de/{matter.pk}/").content.decode()
    assert 'name="priority"' in page
    client.post(f"/van-de/{matter.pk}/chuyen-buoc/", {"to_state": "sang_loc", "priority": "cao"})
    matter.refresh_from_db()
    assert (matter.state, matter.priority) == (State.SANG_LOC, Priority.HIGH)
    audit = AuditEvent.objects.get(object_type="matter_priority", object_ids=[matter.pk])
    assert audit.note == "binh_thuong→cao"


def test_screening_refuses_an_unknown_priority(tree: OrgTree, client: Client) -> None:
    officer = tree.user("cs_a1")
    matter = matter_create_from_report(actor=officer, report=make_report(tree))
    with pytest.raises(ValidationFailed):
        matter_screen(actor=officer, matter=matter, priority="rat_cao")
    answer = login(client, officer).post(
        f"/van-de/{matter.pk}/chuyen-buoc/", {"to_state": "sang_loc", "priority": "rat_cao"}
    )
    assert answer.status_code == 302
    matter.refresh_from_db()
    assert (matter.state, matter.priority) == (State.TIEP_NHAN, Priority.NORMAL)
    assert not AuditEvent.objects.filter(object_type="matter_priority").exists()


def test_screening_by_api_sets_the_priority(tree: OrgTree) -> None:
    officer = tree.user("cs_a1")
    matter = matter_create_from_report(actor=officer, report=make_report(tree))
    api, url = Api(officer), f"/matters/{matter.pk}/transition"
    assert api.post(url, {"to_state": "sang_loc", "priority": "rat_cao"}).status_code == 422
    done = api.post(url, {"to_state": "sang_loc", "priority": "khan"})
    assert done.status_code == 200 and done.json()["priority"] == "khan"
    late = api.post(url, {"to_state": "xac_minh", "priority": "thap"})
    assert late.status_code == 422  # only at screening
    matter.refresh_from_db()
    assert (matter.state, matter.priority) == (State.SANG_LOC, Priority.URGENT)
    assert AuditEvent.objects.filter(
        object_type="matter_priority", note="binh_thuong→khan"
    ).exists()


def test_who_may_act_names_the_roles_mid_sentence_without_permission_jargon(
    tree: OrgTree,
) -> None:
    matter = matter_create_from_report(actor=tree.user("cs_a1"), report=make_report(tree))
    texts = [w.text for w in waiting_for(tree.user("cs_a1", Role.ANALYST), matter)]
    assert texts == [
        f"Chờ cán bộ tuyên giáo hoặc Ban Thường vụ của {tree.cs_a1.display_name} sàng lọc "
        "hoặc ghi nhận, không cần xử lý."
    ]
    assert not any("quyền «" in t for t in texts)
