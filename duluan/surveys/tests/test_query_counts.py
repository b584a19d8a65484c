"""Query counts of the surveys list page do not grow with its rows (5 rows, then 50).

See ``core/tests/query_counts.py``. The ceilings are today's counts; raise one
in the commit that adds a query on purpose, and say why. Today 6: the
session, user and roles, the surveys in reach (their units joined, response
counts annotated), the polls aimed at the user (all polls with their units,
then the chosen rows).
"""

from __future__ import annotations

from itertools import count
from typing import Any

import pytest
from django.test import Client

from duluan.conftest import OrgTree
from duluan.core.tests.query_counts import assert_rows_add_no_queries
from duluan.org.choices import Role
from duluan.surveys import services

from .support import make_survey

UNITS = ("province", "upper_a", "cs_a1", "upper_b", "cs_b1")


@pytest.fixture
def http() -> Client:
    return Client()


def test_survey_list(org_tree: OrgTree, http: Client, django_assert_num_queries: Any) -> None:
    numbers = count()

    def add(n: int) -> None:
        for _ in range(n):
            i = next(numbers)
            unit = UNITS[i % len(UNITS)]
            make_survey(org_tree.user(unit), getattr(org_tree, unit), title=f"Khảo sát thử số {i}")

    http.force_login(org_tree.user("province"))
    assert_rows_add_no_queries(
        http,
        "/khao-sat/",
        add,
        ceiling=9,  # +3: the navigation's waiting counts for an officer (cases, reporting)
        assert_num_queries=django_assert_num_queries,
        row_marker="Khảo sát thử số",
    )


def test_polls_on_the_survey_list(
    org_tree: OrgTree, http: Client, django_assert_num_queries: Any
) -> None:
    numbers = count()

    def add(n: int) -> None:
        for _ in range(n):
            i = next(numbers)
            unit = ("province", "upper_a", "cs_a1")[i % 3]
            services.poll_create(
                actor=org_tree.user(unit),
                unit=getattr(org_tree, unit),
                question=f"Thăm dò thử số {i}?",
                options=["Đồng ý", "Không đồng ý"],
                closes_at=None,
                notify=False,
            )

    http.force_login(org_tree.user("cs_a1", Role.COLLABORATOR))
    assert_rows_add_no_queries(
        http,
        "/khao-sat/",
        add,
        ceiling=6,
        assert_num_queries=django_assert_num_queries,
        row_marker="Thăm dò thử số",
    )
