"""Query counts of the network's list pages do not grow with their rows (5 rows, then 50).

See ``core/tests/query_counts.py``. Rows are written straight to the tables
(fast; the services are tested elsewhere). The ceilings are today's counts;
raise one in the commit that adds a query on purpose, and say why.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from itertools import count
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from duluan.conftest import OrgTree, make_user
from duluan.core.tests.query_counts import assert_rows_add_no_queries
from duluan.network.models import (
    Article,
    Briefing,
    Declaration,
    DeclaredPage,
    Dialogue,
    DialogueObligation,
    Evaluation,
    NetworkMember,
    Petition,
    RosterEvent,
    TrainingAttendance,
    TrainingClass,
)
from duluan.org.choices import Role
from duluan.org.services import unit_create

UNITS = ("cs_a1", "cs_a2", "upper_a", "cs_b1", "province")
GRASSROOTS = "Công đoàn cơ sở"
Adder = Callable[[OrgTree], Callable[[int], None]]


def _adder(make: Callable[[OrgTree, int], object]) -> Adder:
    def bind(tree: OrgTree) -> Callable[[int], None]:
        numbers = count()

        def add(n: int) -> None:
            for _ in range(n):
                make(tree, next(numbers))

        return add

    return bind


def _unit(tree: OrgTree, i: int) -> Any:
    return getattr(tree, UNITS[i % len(UNITS)])


def _member(tree: OrgTree, i: int, *, unit: Any = None, user: Any = None) -> NetworkMember:
    unit = unit or _unit(tree, i)
    member = NetworkMember.objects.create(
        kind=("ctv", "bcv")[i % 2], full_name=f"Người thử số {i}", unit=unit, user=user
    )
    RosterEvent.objects.create(
        member=member,
        kind="bo_nhiem",
        on=date(2025, 1, 1) + timedelta(days=i),
        unit=unit,
        status="hoat_dong",
        decision_no=f"QĐ-{i}",
    )
    return member


def _evaluation(tree: OrgTree, i: int) -> None:
    Evaluation.objects.create(
        member=_member(tree, i), year=2025, suggested="tot", grade="tot", score=80
    )


def _training(tree: OrgTree, i: int) -> None:
    training = TrainingClass.objects.create(
        unit=_unit(tree, i),
        title=f"Lớp thử số {i}",
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 3, 2),
    )
    TrainingAttendance.objects.create(
        training=training,
        full_name="Học viên",
        person_key=f"k{i}",
        source="ghi_tay",
        checked_in_at=timezone.now(),
    )


def _briefing(tree: OrgTree, i: int) -> None:
    Briefing.objects.create(
        unit=_unit(tree, i), kind="ctv_thang", title=f"Giao ban thử số {i}", held_at=timezone.now()
    )


def _dialogue(tree: OrgTree, i: int) -> Dialogue:
    return Dialogue.objects.create(
        unit=_unit(tree, i),
        kind="doi_thoai",
        held_on=date(2026, 3, 2),
        enterprise=f"Công ty thử số {i}",
        participants=40,
    )


def _petition(tree: OrgTree, i: int) -> None:
    dialogue = _dialogue(tree, i)
    Petition.objects.create(
        dialogue=dialogue,
        unit=dialogue.unit,
        content=f"Kiến nghị thử số {i}",
        answerer="Giám đốc",
        due_at=timezone.now() + timedelta(days=(i % 3 - 1) * 10),  # some overdue
    )


def _obligation(tree: OrgTree, i: int) -> None:
    unit = unit_create(
        code=f"T01-A-Q{i}", name=f"Công ty thử số {i}", level=GRASSROOTS, parent=tree.upper_a
    )
    DialogueObligation.objects.create(unit=unit, since_year=2020)


def _covered_unit(tree: OrgTree, i: int) -> None:
    unit = unit_create(
        code=f"T01-A-Q{i}", name=f"Công ty thử số {i}", level=GRASSROOTS, parent=tree.upper_a
    )
    if i % 2:
        _member(tree, i, unit=unit)


def _article(tree: OrgTree, i: int) -> None:
    Article.objects.create(
        unit=_unit(tree, i),
        kind="bai_viet",
        platform="fanpage",
        title=f"Bài viết thử số {i}",
        published_on=date(2026, 3, 1),
    )


def _declaration(tree: OrgTree, i: int) -> None:
    user = make_user(tree.cs_a1, Role.COLLABORATOR, f"khai_bao_{i}")
    user.full_name = f"Người khai thử số {i}"
    user.save(update_fields=["full_name"])
    declaration = Declaration.objects.create(user=user, unit=tree.cs_a1)
    DeclaredPage.objects.create(
        declaration=declaration, platform="facebook", address=f"fb.com/thu{i}"
    )


def _my_declaration(tree: OrgTree, i: int) -> None:
    declaration = Declaration.objects.create(user=tree.user("cs_a1"), unit=tree.cs_a1)
    DeclaredPage.objects.create(
        declaration=declaration, platform="facebook", address=f"fb.com/thu-so-{i}"
    )


def _inactive(tree: OrgTree, i: int) -> None:
    user = make_user(tree.cs_a1, Role.COLLABORATOR, f"im_lang_{i}")
    _member(tree, i, unit=tree.cs_a1, user=user)


# url, rows, who asks, what each row shows once, the pinned ceiling (each +3 since the
# navigation shows an officer's waiting counts: cases.waiting, reporting.waiting)
PAGES: dict[str, tuple[str, Adder, str, str, int]] = {
    "roster": ("/mang-luoi/nhan-su/", _adder(_member), "province", "Người thử số", 12),
    "evaluations": ("/mang-luoi/danh-gia/", _adder(_evaluation), "province", "Người thử số", 11),
    "inactive": ("/mang-luoi/khong-hoat-dong/", _adder(_inactive), "cs_a1", "Người thử số", 10),
    "coverage": ("/mang-luoi/bao-phu/?unit={upper_a}", _adder(_covered_unit), "province", "", 15),
    "trainings": ("/mang-luoi/tap-huan/", _adder(_training), "province", "Lớp thử số", 12),
    "briefings": ("/mang-luoi/giao-ban/", _adder(_briefing), "province", "Giao ban thử số", 12),
    "dialogues": ("/mang-luoi/doi-thoai/", _adder(_dialogue), "province", "Công ty thử số", 11),
    "obligations": (
        "/mang-luoi/doi-thoai/chua-to-chuc/",
        _adder(_obligation),
        "province",
        "Công ty thử số",
        11,
    ),
    "petitions": ("/mang-luoi/kien-nghi/", _adder(_petition), "province", "Kiến nghị thử số", 11),
    "articles": ("/mang-luoi/bai-viet/", _adder(_article), "province", "Bài viết thử số", 12),
    "declarations": (
        "/mang-luoi/khai-bao/don-vi/",
        _adder(_declaration),
        "cs_a1",
        "Người khai thử số",
        13,
    ),
    "my_declarations": (
        "/mang-luoi/khai-bao/",
        _adder(_my_declaration),
        "cs_a1",
        "fb.com/thu-so-",
        11,
    ),
    "home": ("/mang-luoi/", _adder(_petition), "province", "", 13),
}


@pytest.mark.parametrize("page", PAGES)
def test_list_page(org_tree: OrgTree, django_assert_num_queries: Any, page: str) -> None:
    url, rows, who, marker, ceiling = PAGES[page]
    client = Client()
    client.force_login(org_tree.user(who))
    assert_rows_add_no_queries(
        client,
        url.format(upper_a=org_tree.upper_a.pk),
        rows(org_tree),
        ceiling=ceiling,
        assert_num_queries=django_assert_num_queries,
        row_marker=marker or None,
    )
