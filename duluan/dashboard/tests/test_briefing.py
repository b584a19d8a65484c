"""The leader's briefing: the period it opens on, its figures and their change, the
sentence it reads from them, small groups, the actor's reach, and the lists it links to."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duluan.cases.choices import EscalationState, State
from duluan.cases.models import Escalation, Matter
from duluan.cases.waiting import matters_waiting_count
from duluan.dashboard.briefing import (
    TopicMove,
    briefing_get,
    briefing_period,
    last_complete_period,
    reading_sentence,
)
from duluan.dashboard.filters import period_parse
from duluan.dashboard.services import dashboard_rebuild
from duluan.org.choices import Role

from .helpers import add_reports

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)  # three days into December: November is the last complete month


def test_opens_on_the_last_complete_month_not_the_running_one() -> None:
    assert briefing_period("", TODAY).code == "2026-11"
    assert briefing_period("", date(2027, 1, 1)).code == "2026-12"
    assert last_complete_period("quarter", TODAY).code == "2026-Q3"
    assert briefing_period("2026-12", TODAY).code == "2026-12"  # the running month, on demand


def make_matter(unit: Any, title: str, **fields: Any) -> Matter:
    matter = Matter.objects.create(title=title, owning_unit=unit, **fields)
    matter.units.add(unit)
    return matter


@pytest.fixture
def data(org_tree: Any) -> Any:
    """November against October; wages up in KCN A; matters in both branches."""
    add_reports(org_tree.cs_a1, 27, date(2026, 11, 10), topics=["tien_luong"])
    add_reports(org_tree.cs_a2, 8, date(2026, 11, 12), topics=["tien_luong"], mood="trung_lap")
    add_reports(org_tree.cs_a1, 20, date(2026, 10, 10), topics=["tien_luong"])
    add_reports(org_tree.cs_b1, 10, date(2026, 11, 5), topics=["bao_hiem"], mood="tich_cuc")
    add_reports(org_tree.cs_b1, 12, date(2026, 10, 5), topics=["bao_hiem"], mood="tich_cuc")
    add_reports(org_tree.cs_b1, 3, date(2026, 11, 6), topics=["viec_lam"])  # a small group
    add_reports(org_tree.cs_a1, 6, date(2026, 12, 2), topics=["tien_luong"])  # the running month
    dashboard_rebuild()
    now = timezone.now()
    long_ago = now - timedelta(days=40)
    org_tree.hot_a = make_matter(
        org_tree.cs_a1, "Ngừng việc tại May Sông Xanh", is_hot_spot=True, hot_since=now
    )
    org_tree.hot_b = make_matter(
        org_tree.cs_b1, "Giáo viên chưa nhận lương", is_hot_spot=True, hot_since=now
    )
    org_tree.late_a = make_matter(
        org_tree.cs_a2, "Bữa ăn ca kém", state=State.SANG_LOC, state_since=long_ago
    )
    org_tree.up = make_matter(
        org_tree.upper_a, "Tăng ca quá giờ", state=State.PHAN_ANH_LEN, state_since=now
    )
    Escalation.objects.create(
        matter=org_tree.up,
        from_unit=org_tree.upper_a,
        to_unit=org_tree.province,
        proposal="Đề nghị LĐLĐ tỉnh làm việc với doanh nghiệp.",
        state=EscalationState.PENDING,
    )
    return org_tree


def brief(user: Any, unit: Any = None, period: str = "") -> Any:
    return briefing_get(
        user,
        unit_id=unit.pk if unit else None,
        period=briefing_period(period, TODAY),
        today=TODAY,
    )


def test_headline_figures_and_their_change(data: Any) -> None:
    b = brief(data.user("province", Role.LEADER))
    assert b.period.code == "2026-11" and not b.partial
    total = b.headline("reports_total")
    assert (total.value, total.previous) == (48, 32)
    assert total.change == pytest.approx(50.0)
    negative = b.headline("reports_negative")
    assert (negative.value, negative.previous) == (30, 20)  # tiêu cực: the mood table's rule
    assert b.headline("hot_spots_open").value == 2
    assert b.headline("matters_overdue").value == 1
    assert b.headline("matters_awaiting_decision").value == 1
    assert b.waiting[0].mine and b.waiting[0].note == "Chờ bạn tiếp nhận"


def test_the_running_month_is_partial_and_compared_like_for_like(data: Any) -> None:
    b = brief(data.user("province", Role.LEADER), period="2026-12")
    assert b.partial and b.last_day == TODAY
    assert "cùng số ngày" in b.compared_with
    assert b.headline("reports_total").value == 6
    assert b.headline("reports_total").previous == 0  # 1–3 November had none


def test_reading_names_the_topic_that_moved_and_where(data: Any) -> None:
    b = brief(data.user("province", Role.LEADER))
    assert b.topics[0].code == "tien_luong"
    assert (b.topics[0].current, b.topics[0].previous) == (35, 20)
    assert b.reading == (
        "Phản ánh về tiền lương, thu nhập tăng 75 % so với tháng trước, chủ yếu ở CĐ KCN A."
    )


def test_reading_sentence_without_data_and_on_a_fall() -> None:
    period = period_parse("2026-11", TODAY)
    assert reading_sentence(
        period=period, compared_with="tháng trước", total=0, previous=4, mover=None
    ) == ("Chưa có phản ánh nào trong tháng 11/2026.")
    fall = TopicMove("bao_hiem", "Bảo hiểm xã hội", 10, 20, "")
    assert reading_sentence(
        period=period, compared_with="tháng trước", total=30, previous=40, mover=fall
    ) == ("Phản ánh về bảo hiểm xã hội giảm 50 % so với tháng trước.")


def test_small_groups_are_hidden(data: Any) -> None:
    b = brief(data.user("province", Role.LEADER))
    moves = {t.code: t for t in b.topics}
    assert "viec_lam" not in moves  # 3 reports, nothing before: not shown, not ranked
    b1 = brief(data.user("upper_b", Role.LEADER))
    negative = b1.headline("reports_negative")
    assert negative.value is None and negative.change is None  # 3 negative reports
    assert [c.reports for c in b1.children] == [13]


def test_a_branch_leader_never_sees_a_sibling(data: Any) -> None:
    b = brief(data.user("cs_a1", Role.LEADER))
    assert b.unit == data.cs_a1
    assert b.headline("reports_total").value == 27
    assert [r.matter for r in b.hot_spots] == [data.hot_a]
    assert b.headline("matters_overdue").value == 0  # cs_a2's late matter is a sibling's
    a = brief(data.user("upper_a", Role.LEADER))
    assert {r.matter.pk for r in a.hot_spots} == {data.hot_a.pk}
    # The hot spot first, then the overdue matter: the sibling's figures are the parent's.
    assert [(c.unit, c.hot, c.overdue) for c in a.children] == [
        (data.cs_a1, 1, 0),
        (data.cs_a2, 0, 1),
    ]
    from duluan.core.errors import NotFoundError

    with pytest.raises(NotFoundError):
        brief(data.user("cs_a1", Role.LEADER), unit=data.cs_a2)


def test_children_ranked_by_attention_with_drill_down(data: Any) -> None:
    b = brief(data.user("province", Role.LEADER))
    first = b.children[0]
    assert first.unit == data.upper_a and (first.overdue, first.hot) == (1, 1)
    assert f"unit={data.upper_a.pk}" in first.href and "period=2026-11" in first.href


def _count(html: str, pattern: str) -> int:
    found = re.search(pattern, html)
    assert found, pattern
    return int(found.group(1).replace(".", ""))


def test_each_panel_link_lands_on_a_list_with_the_same_count(data: Any, settings: Any) -> None:
    user = data.user("province", Role.LEADER)
    client = Client()
    client.force_login(user)
    b = briefing_get(user, unit_id=None, period=briefing_period("2026-11", TODAY), today=TODAY)
    assert b.headline("reports_total").value == 48
    assert b.headline("reports_negative").value == 30  # the list filters by the same rule
    lists = {
        "reports_total": r'class="result-count">(\d[\d.]*) phản ánh',
        "reports_negative": r'class="result-count">(\d[\d.]*) phản ánh',
        "hot_spots_open": r'class="result-count">(\d[\d.]*) điểm nóng',
        "matters_overdue": r"<strong>(\d[\d.]*) vấn đề</strong>",
        "matters_awaiting_decision": r"<strong>(\d[\d.]*) vấn đề</strong>",
    }
    for h in b.headlines:
        response = client.get(h.href)
        assert response.status_code == 200, h.href
        assert _count(response.content.decode(), lists[h.code]) == h.value, h.code
    assert b.headline("hot_spots_open").value == 2
    assert b.headline("matters_awaiting_decision").value == 1


def test_the_page_and_the_home(data: Any) -> None:
    client = Client()
    client.force_login(data.user("province", Role.LEADER))
    response = client.get("/")
    assert response.status_code == 200
    assert "Tóm tắt tình hình: LĐLĐ tỉnh" in response.content.decode()
    page = client.get(reverse("dashboard:briefing"), {"period": "2026-11"}).content.decode()
    assert "Xem bảng điều khiển đầy đủ" in page
    assert 'data-code="reports_total"' in page and 'title="Số phản ánh của đơn vị' in page
    assert client.get(reverse("dashboard:briefing"), {"unit": "x"}).status_code == 404
    officer = Client()
    officer.force_login(data.user("cs_a1", Role.OFFICER))
    assert officer.get(reverse("dashboard:briefing"), {"unit": data.cs_a2.pk}).status_code == 404


def test_page_query_count_is_bounded(
    data: Any, client: Client, django_assert_max_num_queries: Any
) -> None:
    """Whatever the number of children, matters and topics: a fixed number of queries."""
    client.force_login(data.user("province", Role.LEADER))
    client.get(reverse("dashboard:briefing"), {"period": "2026-11"})
    with django_assert_max_num_queries(30):  # 24 on SQLite when written
        client.get(reverse("dashboard:briefing"), {"period": "2026-11"})


def test_an_account_that_reads_no_matters_sees_no_matter_figures(data: Any) -> None:
    b = brief(data.user("province", Role.ADMIN))
    assert [h.code for h in b.headlines] == ["reports_total", "reports_negative"]
    assert not b.matters and b.hot_spots == [] and b.waiting == []
    client = Client()
    client.force_login(data.user("province", Role.ADMIN))
    page = client.get(reverse("dashboard:briefing"), {"period": "2026-11"}).content.decode()
    assert "Điểm nóng đang mở" not in page


def test_the_hot_spot_board_filters_by_a_unit_in_reach_only(data: Any) -> None:
    client = Client()
    client.force_login(data.user("upper_a", Role.LEADER))
    page = client.get(reverse("cases:hot_spots"), {"unit": data.cs_a1.pk}).content.decode()
    assert "Ngừng việc tại May Sông Xanh" in page and 'result-count">1 điểm nóng' in page
    assert client.get(reverse("cases:hot_spots"), {"unit": data.cs_b1.pk}).status_code == 404


def test_awaiting_decision_is_this_units_own_decisions_and_agrees_everywhere(data: Any) -> None:
    """ "Chờ quyết định" counts what waits for this unit: not a child's own pending
    escalation from a grandchild, nor a matter a child accepted and handles."""
    now = timezone.now()
    below = make_matter(data.cs_a1, "Nợ BHXH", state=State.PHAN_ANH_LEN, state_since=now)
    Escalation.objects.create(
        matter=below,
        from_unit=data.cs_a1,
        to_unit=data.upper_a,
        proposal="Đề nghị CĐ KCN A xem xét.",
        state=EscalationState.PENDING,
    )
    make_matter(data.upper_a, "Khu vực đã tiếp nhận", state=State.PHAN_ANH_LEN, state_since=now)
    here = make_matter(data.province, "Tỉnh đã tiếp nhận", state=State.PHAN_ANH_LEN)
    leader = data.user("province", Role.LEADER)
    b = brief(leader)
    panel = b.headline("matters_awaiting_decision")
    assert panel.value == b.waiting_total == 2
    assert {r.matter.pk for r in b.waiting} == {data.up.pk, here.pk}
    assert {r.note for r in b.waiting} == {"Chờ bạn tiếp nhận", "Chờ bạn ban hành định hướng"}
    assert "cho=quyet-dinh" in panel.href
    client = Client()
    client.force_login(leader)
    page = client.get(panel.href).content.decode()
    assert _count(page, r"<strong>(\d[\d.]*) vấn đề</strong>") == 2
    assert "Nợ BHXH" not in page and "Khu vực đã tiếp nhận" not in page
    # The sidebar's count beside "Vấn đề" for the province's officer and leader.
    assert matters_waiting_count(data.user("province")) == 2
    assert matters_waiting_count(leader) == 2
    # One level down, the child sees its own: the grandchild's escalation and its accepted one.
    child = brief(data.user("upper_a", Role.LEADER))
    assert child.headline("matters_awaiting_decision").value == 2
    assert data.up.pk not in {r.matter.pk for r in child.waiting}  # waits for the province
