"""Query counts of the cases list pages do not grow with their rows (5 rows, then 50).

See ``core/tests/query_counts.py``. The ceilings are today's counts; raise one
in the commit that adds a query on purpose, and say why. Every page: session,
user, roles, the unread-notice count, and for an officer or leader the three
waiting counts beside "Vấn đề", "Định hướng" (``cases.waiting``) and "Báo cáo
định kỳ" (``reporting.waiting``), one query each. The matter list adds its count, rows,
the tab counts, the step deadlines and their extensions (all rows at once:
``matter_step_dues``); the direction page the received targets, the issued
directions, their targets and the deadline table (``direction_target_dues``).
"""

from __future__ import annotations

from itertools import count
from typing import Any

import pytest
from django.test import Client

from duluan.cases.services import direction_issue, matter_create_from_report, matter_mark_hot
from duluan.conftest import OrgTree
from duluan.core.tests.query_counts import assert_rows_add_no_queries
from duluan.notifications.services import notices_send
from duluan.org.choices import Role

from .helpers import make_report, verified_matter

UNITS = ("cs_a1", "cs_a2", "upper_a", "cs_b1", "province")


@pytest.fixture
def http() -> Client:
    return Client()


def matters(tree: OrgTree, *, hot: bool = False) -> Any:
    numbers = count()

    def add(n: int) -> None:
        for _ in range(n):
            i = next(numbers)
            unit = UNITS[i % len(UNITS)]
            report = make_report(tree, unit, subject=f"Vấn đề thử số {i}")
            matter = matter_create_from_report(actor=tree.user(unit), report=report)
            if hot:
                matter_mark_hot(actor=tree.user(unit), matter=matter, note="Tụ tập đông")

    return add


def test_matter_list(org_tree: OrgTree, http: Client, django_assert_num_queries: Any) -> None:
    http.force_login(org_tree.user("province"))
    assert_rows_add_no_queries(
        http,
        "/van-de/?state=all",
        matters(org_tree),
        ceiling=12,  # +3: the navigation's waiting counts (cases, reporting)
        assert_num_queries=django_assert_num_queries,
        row_marker="Vấn đề thử số",
    )


def test_hot_spot_board(org_tree: OrgTree, http: Client, django_assert_num_queries: Any) -> None:
    http.force_login(org_tree.user("province"))
    assert_rows_add_no_queries(
        http,
        "/diem-nong/",
        matters(org_tree, hot=True),
        ceiling=8,  # +3: the navigation's waiting counts (cases, reporting)
        assert_num_queries=django_assert_num_queries,
        row_marker="Vấn đề thử số",
    )


def directions(tree: OrgTree) -> Any:
    numbers = count()

    def add(n: int) -> None:
        for _ in range(n):
            i = next(numbers)
            matter = verified_matter(tree, "upper_a", subject=f"Vấn đề thử số {i}")
            direction_issue(
                actor=tree.user("upper_a", Role.LEADER),
                matter=matter,
                title=f"Tiêu đề định hướng thử số {i}",
                text=f"Nội dung định hướng {i}",
                correction="Công ty vẫn thưởng Tết",
            )

    return add


# issued; received (each +3: the navigation's waiting counts, cases and reporting)
@pytest.mark.parametrize(("unit", "ceiling"), [("upper_a", 12), ("cs_a1", 10)])
def test_direction_list(
    org_tree: OrgTree, http: Client, django_assert_num_queries: Any, unit: str, ceiling: int
) -> None:
    http.force_login(org_tree.user(unit))
    assert_rows_add_no_queries(
        http,
        "/dinh-huong/",
        directions(org_tree),
        ceiling=ceiling,
        assert_num_queries=django_assert_num_queries,
        row_marker="Tiêu đề định hướng thử số",  # the direction's own title, one card each
    )


def test_notification_list(org_tree: OrgTree, http: Client, django_assert_num_queries: Any) -> None:
    user = org_tree.user("cs_a1")
    numbers = count()

    def add(n: int) -> None:
        for _ in range(n):
            i = next(numbers)
            notices_send([user], kind="thu", key=str(i), title=f"Thông báo thử số {i}")

    http.force_login(user)
    assert_rows_add_no_queries(
        http,
        "/thong-bao/",
        add,
        ceiling=9,  # +3: the navigation's waiting counts (cases, reporting)
        assert_num_queries=django_assert_num_queries,
        row_marker="Thông báo thử số",
    )
