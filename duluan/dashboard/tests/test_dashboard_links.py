"""The full dashboard after issue #18: the last complete month by default, no empty
"Trái chiều" line, topics as one ranked bar, one ``unit=`` per link, and panels that
link to the lists they count."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duluan.cases.models import Matter
from duluan.dashboard.filters import filters_parse, period_parse
from duluan.dashboard.selectors import dashboard_get
from duluan.dashboard.services import dashboard_rebuild
from duluan.org.choices import Role

from .helpers import add_reports

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)


def test_the_default_period_is_the_last_complete_month() -> None:
    assert period_parse("", TODAY).code == "2026-11"
    assert period_parse("", date(2027, 1, 31)).code == "2026-12"


@pytest.fixture
def data(org_tree: Any) -> Any:
    add_reports(org_tree.cs_a1, 12, date(2026, 11, 10), topics=["tien_luong"])
    add_reports(org_tree.cs_a1, 7, date(2026, 11, 11), topics=["bao_hiem"], mood="trung_lap")
    add_reports(org_tree.cs_a2, 6, date(2026, 11, 12), topics=["tien_luong"])
    dashboard_rebuild()
    return org_tree


def test_divided_line_only_when_a_reporter_said_so(data: Any) -> None:
    user = data.user("province", Role.ANALYST)
    board = dashboard_get(user, filters_parse({"period": "2026-11"}, TODAY), today=TODAY)
    sentiment = next(c for c in board.charts if c.key == "sentiment")
    assert [d["code"] for d in sentiment.datasets] == ["tieu_cuc", "trung_lap", "tich_cuc"]
    add_reports(data.cs_b1, 5, date(2026, 11, 13), mood="trai_chieu")  # not analysed
    dashboard_rebuild()
    board = dashboard_get(user, filters_parse({"period": "2026-11"}, TODAY), today=TODAY)
    sentiment = next(c for c in board.charts if c.key == "sentiment")
    divided = next(d for d in sentiment.datasets if d["code"] == "trai_chieu")
    assert divided["total"] == 5 and "theo người phản ánh" in divided["label"]


def test_topics_are_one_ranked_bar(data: Any) -> None:
    user = data.user("province", Role.ANALYST)
    board = dashboard_get(user, filters_parse({"period": "2026-11"}, TODAY), today=TODAY)
    topics = next(c for c in board.charts if c.key == "topics")
    assert len(topics.datasets) == 1
    assert topics.datasets[0]["data"][:2] == [18, 7]
    assert topics.labels[0] == "Tiền lương, thu nhập"


def test_every_drill_down_link_names_the_unit_once(data: Any, client: Client) -> None:
    client.force_login(data.user("province", Role.ANALYST))
    page = client.get(
        reverse("dashboard:index"), {"period": "2026-11", "unit": data.upper_a.pk}
    ).content.decode()
    hrefs = re.findall(r'href="([^"]*\?[^"]*)"', page) + re.findall(r'hx-get="([^"]*)"', page)
    assert hrefs
    for href in hrefs:
        query = parse_qs(urlsplit(href.replace("&amp;", "&")).query)
        assert len(query.get("unit", [])) <= 1, href
    assert f'data-drill="{data.cs_a1.pk}"' in page


def test_panels_link_to_the_lists_they_count(data: Any, client: Client) -> None:
    long_ago = timezone.now() - timedelta(days=40)
    late = Matter.objects.create(
        title="Bữa ăn ca kém", owning_unit=data.cs_a1, state="sang_loc", state_since=long_ago
    )
    hot = Matter.objects.create(
        title="Ngừng việc", owning_unit=data.cs_a2, is_hot_spot=True, hot_since=timezone.now()
    )
    client.force_login(data.user("province", Role.LEADER))
    html = client.get(
        reverse("dashboard:panels"),
        {"period": "2026-11", "unit": data.upper_a.pk},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert reverse("cases:matter_detail", args=[late.pk]) in html
    assert reverse("cases:matter_detail", args=[hot.pk]) in html
    hot_list = f"{reverse('cases:hot_spots')}?unit={data.upper_a.pk}"
    assert f'href="{hot_list}"' in html
    board = client.get(hot_list).content.decode()
    assert 'class="result-count">1 điểm nóng' in board
    overdue_list = re.search(r'href="(/van-de/\?[^"]*overdue=1[^"]*)"', html)
    assert overdue_list
    listing = client.get(overdue_list.group(1).replace("&amp;", "&")).content.decode()
    assert "<strong>1 vấn đề</strong>" in listing
