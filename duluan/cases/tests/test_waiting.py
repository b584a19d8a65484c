"""What waits for an officer: the navigation's counts and the officer's first screen."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from duluan.cases.choices import State
from duluan.cases.models import DirectionTarget
from duluan.cases.services import direction_acknowledge, direction_issue, matter_create_from_report
from duluan.cases.services.escalation import matter_escalate
from duluan.cases.waiting import (
    directions_to_acknowledge_count,
    matters_waiting_count,
    officer_day,
)
from duluan.cases.workflow import matter_transition
from duluan.conftest import OrgTree
from duluan.org.choices import Perm, Role
from duluan.org.scope import has_perm

from .helpers import make_report, verified_matter


def test_waiting_counts_the_open_matters_of_my_own_unit_only(org_tree: OrgTree) -> None:
    officer = org_tree.user("cs_a1")
    matter_create_from_report(actor=officer, report=make_report(org_tree, "cs_a1"))
    closed = matter_create_from_report(actor=officer, report=make_report(org_tree, "cs_a1"))
    matter_transition(actor=officer, matter=closed, to_state=State.GHI_NHAN, note="Không cần xử lý")
    assert matters_waiting_count(officer) == 1
    assert matters_waiting_count(org_tree.user("cs_a1", Role.LEADER)) == 1
    # The parent reaches the matter but it does not wait at the parent; a sibling
    # reaches nothing; no handling permission, no count.
    assert matters_waiting_count(org_tree.user("upper_a")) == 0
    assert matters_waiting_count(org_tree.user("cs_a2")) == 0
    assert matters_waiting_count(org_tree.user("cs_a1", Role.ANALYST)) == 0
    assert matters_waiting_count(org_tree.user("cs_a1", Role.COLLABORATOR)) == 0


def test_a_matter_sent_up_waits_at_the_parent_not_at_the_child(org_tree: OrgTree) -> None:
    matter = verified_matter(org_tree, "cs_a1")
    matter_escalate(actor=org_tree.user("cs_a1"), matter=matter, proposal="Đề nghị cấp trên")
    assert matters_waiting_count(org_tree.user("cs_a1")) == 0
    assert matters_waiting_count(org_tree.user("upper_a")) == 1
    assert matters_waiting_count(org_tree.user("province")) == 0
    day = officer_day(org_tree.user("upper_a"))
    assert [m.pk for m in day.sent_up] == [matter.pk]
    assert all(step.count == 0 for step in day.steps)


def test_directions_to_pass_on_count_until_acknowledged(org_tree: OrgTree) -> None:
    matter = verified_matter(org_tree, "cs_a1")
    direction_issue(
        actor=org_tree.user("cs_a1", Role.LEADER),
        matter=matter,
        text="Phổ biến ở giao ban đầu ca",
        correction="Công ty vẫn thưởng Tết",
    )
    officer = org_tree.user("cs_a1")
    assert directions_to_acknowledge_count(officer) == 1
    assert directions_to_acknowledge_count(org_tree.user("upper_a")) == 0  # not its unit
    assert directions_to_acknowledge_count(org_tree.user("cs_b1")) == 0
    assert directions_to_acknowledge_count(org_tree.user("cs_a1", Role.COLLABORATOR)) == 0
    target = DirectionTarget.objects.get(direction__matter=matter)
    direction_acknowledge(actor=officer, target=target, action_taken="Đã phổ biến ở giao ban")
    assert directions_to_acknowledge_count(officer) == 0


def test_each_count_is_one_query(org_tree: OrgTree, django_assert_num_queries: Any) -> None:
    officer = org_tree.user("upper_a")
    for unit in ("upper_a", "upper_a", "cs_a1"):
        matter_create_from_report(actor=org_tree.user(unit), report=make_report(org_tree, unit))
    assert has_perm(officer, Perm.MATTER_HANDLE)  # the roles, read once per request
    with django_assert_num_queries(1):
        assert matters_waiting_count(officer) == 2
    with django_assert_num_queries(1):
        assert directions_to_acknowledge_count(officer) == 0
    collaborator = org_tree.user("upper_a", Role.COLLABORATOR)
    has_perm(collaborator, Perm.MATTER_HANDLE)
    with django_assert_num_queries(0):
        assert matters_waiting_count(collaborator) == 0
        assert directions_to_acknowledge_count(collaborator) == 0


def test_officer_day_puts_overdue_matters_first_in_each_step(org_tree: OrgTree) -> None:
    officer = org_tree.user("cs_a1")
    fresh = matter_create_from_report(
        actor=officer, report=make_report(org_tree, subject="Mới tiếp nhận hôm nay")
    )
    old = matter_create_from_report(
        actor=officer, report=make_report(org_tree, subject="Tiếp nhận từ lâu")
    )
    type(old).objects.filter(pk=old.pk).update(state_since=timezone.now() - timedelta(days=20))
    day = officer_day(officer)
    step = next(s for s in day.steps if s.state == State.TIEP_NHAN)
    assert [m.pk for m in step.matters] == [old.pk, fresh.pk]
    assert (step.count, step.overdue, day.total, day.overdue) == (2, 1, 2, 1)
    dues = [getattr(m, "due_at", None) for m in step.matters]
    assert dues[0] is not None and dues[1] is not None
    assert dues[0] < timezone.now() < dues[1]


def test_officer_home_shows_matters_by_step_with_deadlines(org_tree: OrgTree) -> None:
    officer = org_tree.user("cs_a1")
    matter = verified_matter(org_tree, "cs_a1", subject="Công nhân lo nợ lương")
    client = Client()
    client.force_login(officer)
    page = client.get("/").content.decode()
    assert "<h1>Việc cần làm</h1>" in page
    assert "3. Xác minh" in page and f'href="/van-de/{matter.pk}/"' in page
    assert "Công nhân lo nợ lương" in page and "Hạn " in page
    # The sidebar's count beside "Vấn đề": one matter waits at this unit.
    assert '<span class="nav-badge">1<span class="visually-hidden"> chờ xử lý</span></span>' in page


def test_officer_home_puts_what_waits_for_my_decision_first(org_tree: OrgTree) -> None:
    matter = verified_matter(org_tree, "cs_a1", subject="Công nhân lo nợ lương")
    matter_escalate(actor=org_tree.user("cs_a1"), matter=matter, proposal="Đề nghị cấp trên")
    client = Client()
    client.force_login(org_tree.user("upper_a"))
    page = client.get("/").content.decode()
    decide = page.index('id="sent-up-h"')
    assert decide < page.index('id="steps-h"')  # above the step cards
    assert page.index(f'href="/van-de/{matter.pk}/"') > decide
    step4 = page[page.index('id="step-phan_anh_len"') : page.index('id="step-dinh_huong"')]
    assert "0 của đơn vị · 1 cấp dưới gửi lên" in step4
    assert 'href="#sent-up-h"' in step4 and "Không có vấn đề nào chờ" not in step4
    listed = client.get("/van-de/?cho=quyet-dinh").content.decode()
    assert f'href="/van-de/{matter.pk}/"' in listed and "<strong>1 vấn đề</strong>" in listed
