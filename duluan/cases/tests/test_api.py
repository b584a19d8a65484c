"""The whole walk through the API: every action a page offers is an operation."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from duluan.api.services import token_issue
from duluan.audit.models import Action, AuditEvent
from duluan.cases.models import Matter, Transition
from duluan.conftest import OrgTree
from duluan.notifications.models import Notification
from duluan.org.choices import Role

from .helpers import make_report

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self, user: Any) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token_issue(user=user)[1]}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api{path}", params, headers=self.headers)

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(
            f"/api{path}", body or {}, content_type="application/json", headers=self.headers
        )


def test_a_grassroots_rumour_walks_to_the_province_and_back_by_api(
    org_tree: OrgTree, django_capture_on_commit_callbacks: Any
) -> None:
    t = org_tree
    cs, upper, province = Api(t.user("cs_a1")), Api(t.user("upper_a")), Api(t.user("province"))
    leader = Api(t.user("province", Role.LEADER))
    report = make_report(t)

    created = cs.post("/matters", {"report_id": report.pk, "topics": "thuong_phuc_loi"})
    assert created.status_code == 201, created.content
    matter_id = created.json()["id"]
    assert created.json()["state"] == "tiep_nhan"
    assert created.json()["allowed_next"] == ["sang_loc", "ghi_nhan"]

    assert cs.post(f"/matters/{matter_id}/transition", {"to_state": "sang_loc"}).status_code == 200
    refused = cs.post(f"/matters/{matter_id}/transition", {"to_state": "dong"})
    assert refused.status_code == 409
    assert "Không thể chuyển" in refused.json()["detail"]
    assert cs.post(f"/matters/{matter_id}/transition", {"to_state": "xac_minh"}).status_code == 200
    rumour = {
        "outcome": "tin_don",
        "sources_checked": "Phòng nhân sự",
        "rumour_claim": "Công ty cắt thưởng Tết",
        "rumour_where": "Nhóm Zalo xưởng may",
        "verified_facts": "Công ty vẫn thưởng Tết",
    }
    incomplete = cs.post(f"/matters/{matter_id}/verification", {"outcome": "tin_don"})
    assert incomplete.status_code == 422
    assert cs.post(f"/matters/{matter_id}/verification", rumour).status_code == 201

    with django_capture_on_commit_callbacks(execute=True):
        first = cs.post(f"/matters/{matter_id}/escalate", {"proposal": "Đề nghị cải chính"})
    assert first.status_code == 201
    assert Notification.objects.filter(
        recipient=t.user("upper_a"), kind="escalation", matter_id=matter_id
    ).exists()
    # The child cannot decide its own escalation: it sees the matter, so 403.
    own = cs.post(f"/escalations/{first.json()['id']}/decision", {"decision": "accepted"})
    assert own.status_code == 403
    accepted = upper.post(f"/escalations/{first.json()['id']}/decision", {"decision": "accepted"})
    assert accepted.status_code == 200 and accepted.json()["state"] == "accepted"
    second = upper.post(f"/matters/{matter_id}/escalate", {"proposal": "Đề nghị tỉnh định hướng"})
    assert (
        province.post(
            f"/escalations/{second.json()['id']}/decision", {"decision": "accepted"}
        ).status_code
        == 200
    )
    concluded = province.client.post(
        f"/api/escalations/{second.json()['id']}/conclusion",
        {"note": "Thường trực Tỉnh uỷ kết luận: cải chính ngay"},
        headers=province.headers,
    )
    assert concluded.status_code == 200, concluded.content
    assert concluded.json()["conclusion_note"].startswith("Thường trực")

    # An officer may not direct; a leader directs, and a rumour needs its correction.
    assert province.post(f"/matters/{matter_id}/direction", {"text": "Phổ biến"}).status_code == 403
    assert leader.post(f"/matters/{matter_id}/direction", {"text": "Phổ biến"}).status_code == 422
    with django_capture_on_commit_callbacks(execute=True):
        direction = leader.post(
            f"/matters/{matter_id}/direction",
            {"text": "Phổ biến thông tin chính thức", "correction": "Vẫn thưởng Tết"},
        )
    assert direction.status_code == 201
    told = Notification.objects.filter(kind="direction", matter_id=matter_id)
    assert {n.recipient for n in told} >= {t.user(u) for u in ("cs_a1", "cs_a2", "upper_a")}

    # The grassroots union sees the matter it raised but no longer acts on it.
    assert cs.post(f"/matters/{matter_id}/close", {}).status_code == 403
    early = province.post(f"/matters/{matter_id}/close", {})
    assert early.status_code == 409 and "chưa báo cáo" in early.json()["detail"]
    for unit_attr in ("cs_a1", "cs_a2", "upper_a"):
        api = Api(t.user(unit_attr))
        pending = api.get("/directions", pending="true").json()["items"]
        mine = [x for x in pending if x["unit"]["id"] == getattr(t, unit_attr).pk]
        assert len(mine) == 1
        done = api.post(
            f"/directions/{mine[0]['id']}/acknowledge", {"action_taken": "Thông báo ở giao ban"}
        )
        assert done.status_code == 200 and done.json()["acknowledged_at"]

    detail = province.get(f"/matters/{matter_id}").json()
    assert detail["progress"] == {
        "total": 3,
        "acted": 3,
        "waiting": [],
        "late": [],
        "closed": [],
    }
    closed = province.post(f"/matters/{matter_id}/close", {})
    assert closed.status_code == 200 and closed.json()["state"] == "dong"
    kinds = [line["kind"] for line in closed.json()["timeline"]]
    assert kinds.count("transition") == Transition.objects.filter(matter_id=matter_id).count()
    assert {"report", "verification", "escalation", "direction", "acknowledgement"} <= set(kinds)
    transitions = Transition.objects.filter(matter_id=matter_id).count()
    audited = AuditEvent.objects.filter(
        action=Action.STATE_CHANGE, object_type="matter", object_ids=[matter_id]
    ).exclude(note="")
    assert audited.filter(note__contains="→").count() == transitions


def test_out_of_reach_is_missing_and_lists_are_scoped(org_tree: OrgTree) -> None:
    t = org_tree
    report = make_report(t)
    matter_id = Api(t.user("cs_a1")).post("/matters", {"report_id": report.pk}).json()["id"]
    sibling = Api(t.user("cs_a2"))
    assert sibling.get(f"/matters/{matter_id}").status_code == 404
    assert (
        sibling.post(f"/matters/{matter_id}/transition", {"to_state": "sang_loc"}).status_code
        == 404
    )
    assert matter_id not in [m["id"] for m in sibling.get("/matters").json()["items"]]
    upper = Api(t.user("upper_a")).get("/matters", state="tiep_nhan").json()
    assert matter_id in [m["id"] for m in upper["items"]]
    assert Matter.objects.get(pk=matter_id).state == "tiep_nhan"


def test_merge_split_and_notices_by_api(
    org_tree: OrgTree, django_capture_on_commit_callbacks: Any
) -> None:
    t = org_tree
    cs = Api(t.user("cs_a1"))
    a = cs.post("/matters", {"report_id": make_report(t, subject="Nợ lương tháng 9").pk}).json()
    b = cs.post("/matters", {"report_id": make_report(t, subject="Chậm lương tháng 9").pk}).json()
    merged = cs.post(f"/matters/{a['id']}/merge", {"other_id": b["id"]})
    assert merged.status_code == 200 and merged.json()["id"] == a["id"]
    assert merged.json()["report_count"] == 2
    assert cs.get(f"/matters/{b['id']}").json()["merged_into_id"] == a["id"]
    report_id = Matter.objects.get(pk=a["id"]).links.order_by("-id").first().report_id  # type: ignore[union-attr]
    split = cs.post(f"/matters/{a['id']}/split", {"report_id": report_id})
    assert split.status_code == 201 and split.json()["report_count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        hot = cs.post(f"/matters/{a['id']}/hot", {"note": "Công nhân tụ tập"})
    assert hot.status_code == 200 and hot.json()["is_hot_spot"]
    notices = Api(t.user("province")).get("/notifications", unread="true").json()
    assert notices["unread"] >= 1
    assert any(n["matter_id"] == a["id"] for n in notices["items"])
    marked = Api(t.user("province")).post("/notifications/read", {})
    assert marked.json()["marked"] == notices["unread"]
    assert cs.post(f"/matters/{a['id']}/hot-report").json()["hot_reported_at"]


def test_api_enums_carry_the_model_codes() -> None:
    from duluan.cases import api, choices

    pairs = [
        (api.MatterState, choices.State),
        (api.MatterPriority, choices.Priority),
        (api.VerificationOutcome, choices.Outcome),
        (api.EscalationDecision, choices.EscalationState),
    ]
    for schema_enum, model_choices in pairs:
        codes: list[str] = [str(e.value) for e in schema_enum]
        assert codes == list(model_choices.values)
