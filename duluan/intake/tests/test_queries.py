"""Query counts of the report pages and the list APIs do not grow with the rows.

Each check counts a warm request with a few rows (within a pinned ceiling),
adds many more (spread over units, some with named reporters or attachments,
so a missing ``select_related`` would show) and asserts the same count again. When a change adds a query on purpose,
raise the ceiling in the same commit and say why. Today: session, user, roles
(the menu asks them too), the reach (tree roots, then the unit ids of a small
reach: see org.scope.scope_filter), count, rows, their units (prefetched, not
joined: see intake.selectors.report_list), audit row (list page: 8; my
reports, no audit: 5; API: the token instead of session + user, 7); the detail
page adds the own-report check, identity, consent and attachments (12).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from duluan.api.services import token_issue
from duluan.intake.attachments import UploadedFile
from duluan.intake.models import Report
from duluan.intake.services import ReportData, report_create
from duluan.org.choices import Role
from duluan.org.services import unit_create

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")
UNITS = ("cs_a1", "cs_a2", "cs_b1", "upper_a", "province")


@pytest.fixture(scope="module")
def http() -> Client:
    # One client: each new Client pays WhiteNoise's start-up scan of the static files.
    return Client()


def file_reports(org_tree: Any, count: int, *, actor: Any = None, **overrides: Any) -> list[Report]:
    reports = []
    for i in range(count):
        unit_attr = UNITS[i % len(UNITS)]
        who = actor or org_tree.user(unit_attr, Role.COLLABORATOR)
        fields: dict[str, Any] = {
            "unit_id": getattr(org_tree, unit_attr).pk,
            "channel": "truc_tiep",
            "heard_at": timezone.now() - timedelta(hours=i + 1),
            "subject": f"Phản ánh số {i}",
            "text": "Công nhân hỏi về tiền thưởng cuối năm.",
            "kind": "cau_hoi",
            "mood": "trung_lap",
            "verifiability": "mot_nguon",
            "anonymous": i % 2 == 0,
            "reporter_contact": "0900 000 000",
        }
        fields.update(overrides)
        reports.append(report_create(actor=who, data=ReportData(**fields)))
    return reports


def count_queries(request: Callable[[], Any]) -> int:
    request()  # warm: session bookkeeping and per-process caches settle first
    with CaptureQueriesContext(connection) as captured:
        response = request()
    assert response.status_code == 200, response.content[:300]
    return len(captured.captured_queries)


@pytest.fixture
def assert_constant(django_assert_num_queries: Any) -> Callable[..., None]:
    """``assert_constant(request, grow, ceiling=N)``: same count before and after ``grow()``."""

    def check(request: Callable[[], Any], grow: Callable[[], object], *, ceiling: int) -> None:
        few = count_queries(request)
        assert few <= ceiling, f"{few} queries; the pinned ceiling is {ceiling}"
        grow()
        request()
        with django_assert_num_queries(few):  # lists the queries if it fails
            response = request()
        assert response.status_code == 200

    return check


# ── pages ────────────────────────────────────────────────────────────────────
def test_report_list_page(
    org_tree, http: Client, assert_constant, django_assert_max_num_queries
) -> None:
    file_reports(org_tree, 3)
    http.force_login(org_tree.user("province"))
    # 9: one of them counts the unread notices shown beside "Thông báo" on every page;
    # +3 for an officer: the navigation's waiting counts (cases, reporting).
    assert_constant(lambda: http.get("/phan-anh/"), lambda: file_reports(org_tree, 30), ceiling=12)
    # Filtered by unit (two lookups of it, then its subtree's ids), kind and text:
    # still a fixed number.
    with django_assert_max_num_queries(15):  # +3: the navigation's waiting counts
        response = http.get(
            "/phan-anh/", {"unit": org_tree.upper_a.pk, "kind": "cau_hoi", "q": "tien thuong"}
        )
    assert response.status_code == 200
    assert "Phản ánh số 3" in response.content.decode()


def test_my_reports_page(org_tree, http: Client, assert_constant) -> None:
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    file_reports(org_tree, 2, actor=collaborator, unit_id=org_tree.cs_a1.pk)
    http.force_login(collaborator)
    assert_constant(
        lambda: http.get("/phan-anh/cua-toi/"),
        lambda: file_reports(org_tree, 30, actor=collaborator, unit_id=org_tree.cs_a1.pk),
        ceiling=6,
    )


def test_report_detail_page(org_tree, http: Client, django_assert_num_queries) -> None:
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)

    def named(attachments: int) -> Report:
        return file_reports(
            org_tree,
            1,
            actor=collaborator,
            unit_id=org_tree.cs_a1.pk,
            anonymous=False,
            attachments=[UploadedFile(name=f"a{i}.png", content=PNG) for i in range(attachments)],
        )[0]

    http.force_login(org_tree.user("cs_a1"))  # the own-unit officer: identity shown too
    one, many = named(1), named(5)
    few = count_queries(lambda: http.get(f"/phan-anh/{one.pk}/"))
    # 13: the matter the report is grouped under (a link, or the button to open one).
    # 17: the text-analysis panel (analysis, topics, corrections, the correction form's topics).
    # 18: the unread-notice count in the navigation.
    assert few <= 18, f"{few} queries; the pinned ceiling is 18"
    with django_assert_num_queries(few):
        assert http.get(f"/phan-anh/{many.pk}/").status_code == 200


# ── API ──────────────────────────────────────────────────────────────────────
def test_api_report_list(org_tree, http: Client, assert_constant) -> None:
    file_reports(org_tree, 3)
    _, raw = token_issue(user=org_tree.user("province", Role.LEADER))
    headers = {"Authorization": f"Bearer {raw}"}
    assert_constant(
        lambda: http.get("/api/reports", {"limit": 200}, headers=headers),
        lambda: file_reports(org_tree, 30),
        ceiling=7,
    )


def test_api_unit_list(org_tree, http: Client, assert_constant) -> None:
    _, raw = token_issue(user=org_tree.user("province", Role.COLLABORATOR))
    headers = {"Authorization": f"Bearer {raw}"}

    def grow() -> None:
        for i in range(20):
            level = "Công đoàn cơ sở" if i % 2 else "Tổ công đoàn"
            parent = org_tree.upper_a if i % 2 else org_tree.cs_b1
            unit_create(code=f"Q-{i}", name=f"Đơn vị thêm {i}", level=level, parent=parent)

    assert_constant(
        lambda: http.get("/api/units", {"limit": 200}, headers=headers), grow, ceiling=4
    )
