"""The count beside "Báo cáo định kỳ": last month's monthly report my own units still owe."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from duluan.conftest import OrgTree
from duluan.org.choices import Perm, Role
from duluan.org.scope import has_perm
from duluan.reporting.choices import State
from duluan.reporting.models import Schedule
from duluan.reporting.waiting import reports_owed_count

from .conftest import local
from .test_compliance import submitted

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23)  # October's report was due on the 20th


def test_counts_own_units_that_owe_last_month_until_sent(org_tree: OrgTree) -> None:
    officer = org_tree.user("upper_a")
    assert reports_owed_count(officer, now=NOW) == 1
    assert reports_owed_count(org_tree.user("upper_a", Role.LEADER), now=NOW) == 1
    submitted(org_tree.upper_a, "2026-10", None, state=State.APPROVED)  # not sent yet
    assert reports_owed_count(officer, now=NOW) == 1
    submitted(org_tree.upper_b, "2026-10", local(2026, 11, 21))
    assert reports_owed_count(org_tree.user("upper_b"), now=NOW) == 0
    # By default the province and the grassroots unions owe no monthly report;
    # collaborators and analysts write none.
    assert reports_owed_count(org_tree.user("province"), now=NOW) == 0
    assert reports_owed_count(org_tree.user("cs_a1"), now=NOW) == 0
    assert reports_owed_count(org_tree.user("upper_a", Role.ANALYST), now=NOW) == 0
    assert reports_owed_count(org_tree.user("upper_a", Role.COLLABORATOR), now=NOW) == 0
    # The next month takes the place of the last (the board keeps the history).
    assert reports_owed_count(org_tree.user("upper_b"), now=local(2026, 12, 2)) == 1


def test_schedule_rows_replace_the_defaults(org_tree: OrgTree) -> None:
    Schedule.objects.create(report_type="monthly", level=org_tree.cs_a1.level, due_day=10)
    assert reports_owed_count(org_tree.user("upper_a"), now=NOW) == 0
    assert reports_owed_count(org_tree.user("cs_a1"), now=NOW) == 1
    Schedule.objects.create(report_type="quarterly", depth=2)
    assert reports_owed_count(org_tree.user("upper_a"), now=NOW) == 0  # not monthly


def test_is_one_query_and_shown_beside_the_link(
    org_tree: OrgTree, django_assert_num_queries: Any
) -> None:
    officer = org_tree.user("upper_a")
    assert has_perm(officer, Perm.MATTER_HANDLE)  # the roles, read once per request
    with django_assert_num_queries(1):
        assert reports_owed_count(officer) == 1
    client = Client()
    client.force_login(officer)
    page = client.get("/phan-anh/cua-toi/").content.decode()
    assert '<span class="nav-badge">1<span class="visually-hidden"> cần gửi</span></span>' in page
