"""The dashboard page, drill-down, filters, exports and API, with the access rule."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from duluan.api.services import token_issue
from duluan.dashboard.filters import filters_parse
from duluan.dashboard.selectors import dashboard_get
from duluan.dashboard.services import dashboard_rebuild
from duluan.org.choices import Role

from .helpers import add_reports

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 20)


@pytest.fixture
def data(org_tree: Any) -> Any:
    """A month of reports across the tree, and the same month a year before."""
    add_reports(org_tree.cs_a1, 30, TODAY - timedelta(days=3), topics=["tien_luong"])
    add_reports(
        org_tree.cs_a1,
        12,
        TODAY - timedelta(days=5),
        mood="tich_cuc",
        kind="khen_ngoi",
        channel="email",
        topics=["thi_dua"],
        sentiment="tich_cuc",
    )
    add_reports(org_tree.cs_a2, 20, TODAY - timedelta(days=2), mood="trung_lap")
    add_reports(org_tree.cs_b1, 3, TODAY - timedelta(days=1))  # a small group
    add_reports(org_tree.cs_a1, 25, TODAY - timedelta(days=33))  # the previous month
    add_reports(org_tree.cs_a1, 10, date(2025, 11, 10))  # a year before
    dashboard_rebuild()
    return org_tree


def board(user: Any, **params: str) -> Any:
    return dashboard_get(user, filters_parse({"period": "2026-11", **params}, TODAY), today=TODAY)


def test_province_analyst_sees_the_whole_province(data: Any) -> None:
    b = board(data.user("province", Role.ANALYST))
    assert b.unit == data.province
    assert b.total == 65
    assert b.previous == 25  # 1–20 October, like for like
    assert b.last_year == 10
    assert b.negative == 33
    names = [row.unit.pk for row in b.children if row.unit]
    assert names == [data.upper_a.pk, data.upper_b.pk]
    upper_b = next(r for r in b.children if r.unit == data.upper_b)
    upper_a = next(r for r in b.children if r.unit == data.upper_a)
    assert upper_b.total is None  # 3 reports: hidden
    assert upper_a.total is None  # ...and its complement, else 65 - 62 = 3
    assert b.partial and b.end == TODAY + timedelta(days=1)


def test_grassroots_officer_sees_only_their_unit(data: Any) -> None:
    b = board(data.user("cs_a1", Role.OFFICER))
    assert b.unit == data.cs_a1
    assert b.total == 42
    assert [u.pk for u in b.crumbs] == [data.cs_a1.pk]
    with pytest.raises(Exception) as exc:
        board(data.user("cs_a1", Role.OFFICER), unit=str(data.cs_a2.pk))
    assert "Không tìm thấy" in str(exc.value)


def test_topic_and_channel_filters(data: Any) -> None:
    officer = data.user("province", Role.LEADER)
    assert board(officer, topic="thi_dua").total == 12
    assert board(officer, channel="email").total == 12
    assert board(officer, kind="khen_ngoi", sentiment="tich_cuc").total == 12
    assert board(officer, topic="chua_phan_tich").total == 23
    narrowed = board(officer, channel="truc_tiep", unit=str(data.upper_b.pk))
    assert narrowed.total is None  # a narrowed view's total of 3 is a small group


def test_page_renders_with_drill_down_links(data: Any, client: Client) -> None:
    client.force_login(data.user("province", Role.ANALYST))
    page = client.get(reverse("dashboard:index"), {"period": "2026-11"})
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-drill="{data.upper_a.pk}"' in html
    assert 'id="dashboard-data"' in html
    assert "Dự báo tháng" in html
    down = client.get(reverse("dashboard:index"), {"period": "2026-11", "unit": data.upper_a.pk})
    assert f'data-drill="{data.cs_a1.pk}"' in down.content.decode()
    leaf = client.get(reverse("dashboard:index"), {"period": "2026-11", "unit": data.cs_a1.pk})
    assert leaf.status_code == 200
    assert 'aria-current="page">CĐCS May Sông Xanh' in leaf.content.decode()


def test_home_is_the_briefing_for_leaders_and_analysts_not_for_collaborators(
    data: Any, client: Client
) -> None:
    for role in (Role.LEADER, Role.ANALYST):
        client.force_login(data.user("cs_a1", role))
        assert (
            "Tóm tắt tình hình: CĐCS May Sông Xanh" in client.get(reverse("home")).content.decode()
        )
    # An officer's first screen is their inbox by step (cases.views_home), not this.
    client.force_login(data.user("cs_a1", Role.OFFICER))
    officer_home = client.get(reverse("home")).content.decode()
    assert "Tóm tắt tình hình: CĐCS" not in officer_home
    assert 'id="dashboard-data"' not in officer_home
    client.force_login(data.user("cs_a1", Role.COLLABORATOR))
    home = client.get(reverse("home")).content.decode()
    assert "Vai trò của bạn" in home and "dashboard-data" not in home
    assert client.get(reverse("dashboard:index")).status_code == 404


def test_out_of_reach_unit_is_404_and_bad_filter_422(data: Any, client: Client) -> None:
    client.force_login(data.user("cs_a2", Role.OFFICER))
    assert client.get(reverse("dashboard:index"), {"unit": data.cs_a1.pk}).status_code == 404
    assert client.get(reverse("dashboard:index"), {"period": "2026-13"}).status_code == 422
    assert client.get(reverse("dashboard:index"), {"channel": "x"}).status_code == 422


def test_csv_export_matches_the_view_and_hides_small_cells(data: Any, client: Client) -> None:
    client.force_login(data.user("province", Role.ANALYST))
    response = client.get(reverse("dashboard:export", args=["csv"]), {"period": "2026-11"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    flat = {r[0]: r[1] for r in rows if len(r) >= 2}
    assert flat["Số phản ánh"] == "65"
    unit_rows = [r for r in rows if r and r[0] == data.upper_b.name]
    assert unit_rows and unit_rows[0][1] == "ẩn"


def test_xlsx_export(data: Any, client: Client) -> None:
    client.force_login(data.user("province", Role.ANALYST))
    response = client.get(reverse("dashboard:export", args=["xlsx"]), {"period": "2026-11"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert "Số liệu chính" in book.sheetnames
    values = [row for row in book["Số liệu chính"].iter_rows(values_only=True)]
    assert ("Số phản ánh", 65) in [tuple(v[:2]) for v in values]


def test_api_returns_the_same_figures(data: Any, client: Client) -> None:
    _, raw = token_issue(user=data.user("province", Role.ANALYST), name="t")
    headers = {"Authorization": f"Bearer {raw}"}
    answer = client.get("/api/dashboard", {"period": "2026-11"}, headers=headers)
    assert answer.status_code == 200, answer.content
    figures = {f["code"]: f["value"] for f in answer.json()["figures"]}
    assert figures["reports_total"] == board(data.user("province", Role.ANALYST)).total
    other = token_issue(user=data.user("cs_a2", Role.OFFICER), name="t")[1]
    denied = client.get(
        "/api/dashboard", {"unit": data.cs_a1.pk}, headers={"Authorization": f"Bearer {other}"}
    )
    assert denied.status_code == 404


def test_page_query_count_is_bounded(
    data: Any, client: Client, django_assert_max_num_queries: Any
) -> None:
    client.force_login(data.user("province", Role.ANALYST))
    client.get(reverse("dashboard:index"), {"period": "2026"})
    with django_assert_max_num_queries(45):
        client.get(reverse("dashboard:index"), {"period": "2026"})


def test_other_apps_panels_render_and_a_broken_one_is_skipped(
    data: Any, client: Client, monkeypatch: Any
) -> None:
    from duluan.core.extensions import DASHBOARD_PANELS, Block, Figure, Registered, Table

    def good(actor: Any, unit: Any, span: Any) -> Block:
        return Block(
            "hot_spots",
            "Điểm nóng",
            figures=[Figure("hot_spots_open", "Điểm nóng đang mở", 3)],
            paragraphs=["Hai điểm nóng quá hạn báo cáo."],
            tables=[Table("Danh sách điểm nóng", ["Đơn vị", "Số ngày"], [["CĐCS A", 2]])],
        )

    def broken(actor: Any, unit: Any, span: Any) -> Block:
        raise RuntimeError("boom")

    DASHBOARD_PANELS.entries()
    entries = dict(DASHBOARD_PANELS._entries)
    entries["zz_good"] = Registered("zz_good", "Điểm nóng", 1, good)
    entries["zz_broken"] = Registered("zz_broken", "Hỏng", 2, broken)
    monkeypatch.setattr(DASHBOARD_PANELS, "_entries", entries)
    client.force_login(data.user("province", Role.LEADER))
    page = client.get(reverse("dashboard:index"), {"period": "2026-11"}).content.decode()
    assert reverse("dashboard:panels") in page  # loaded after the page's own figures
    html = client.get(
        reverse("dashboard:panels"), {"period": "2026-11"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "<html" not in html
    assert 'data-code="hot_spots_open"' in html
    assert "Hai điểm nóng quá hạn báo cáo." in html and "Danh sách điểm nóng" in html


def _single_hidden(lines: list[list[Any]]) -> list[list[Any]]:
    return [line for line in lines if len(line) > 2 and sum(v is None for v in line) == 1]


@pytest.mark.parametrize("period", ["2026-11", "2026-Q4", "2026"])
def test_no_published_table_gives_a_hidden_cell_away(data: Any, period: str) -> None:
    """Every table of the view, with its totals: no row or column hides exactly one number."""
    b = dashboard_get(
        data.user("province", Role.ANALYST), filters_parse({"period": period}, TODAY), today=TODAY
    )
    hidden_somewhere = False
    for chart in b.charts:
        rows = [row[1:] for row in chart.table.rows]  # drop the label column
        columns = [list(col) for col in zip(*rows, strict=True)]
        assert not _single_hidden(rows), chart.key
        assert not _single_hidden(columns), chart.key
        hidden_somewhere |= any(v is None for row in rows for v in row)
    if period == "2026-11":
        assert hidden_somewhere  # the 3-report day makes some cells small
    # The child units: their totals add up to the public total, so none alone is hidden.
    totals = [row.total for row in b.children]
    assert sum(v is None for v in totals) != 1
    negatives = [row.negative for row in b.children] + [b.negative]
    assert sum(v is None for v in negatives) != 1


def test_api_refuses_bad_filters(data: Any, client: Client) -> None:
    _, raw = token_issue(user=data.user("province", Role.ANALYST), name="t")
    answer = client.get(
        "/api/dashboard", {"period": "hôm qua"}, headers={"Authorization": f"Bearer {raw}"}
    )
    assert answer.status_code == 422  # the schema's pattern refuses it
