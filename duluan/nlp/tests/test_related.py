"""Related reports: the same incident told three ways is found; panels on the report
and matter pages; a report like an open matter suggests grouping it there."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duluan.conftest import OrgTree
from duluan.nlp.related import entity_keys
from duluan.nlp.selectors import related_reports
from duluan.org.choices import Role

from .conftest import MakeReports

pytestmark = pytest.mark.django_db

HOTLINE = (
    "9h20 chị L. (Cty TNHH May Phúc Thịnh, KCN Tân Phú) gọi: lương tháng 10 chưa trả, "
    "khoảng 300 CN lo lắng. Đã hướng dẫn, chuyển CĐ KCN."
)
ZALO = "cty phuc thinh tre luong thang 10 roi ad oi, hua hoai ma chua thay 😡"
WRITEUP = (
    "Cty TNHH May Phúc Thịnh chậm trả lương tháng 10/2026 cho 312 CNLĐ; NSDLĐ hẹn trả "
    "trước 15/11. CĐCS đã làm việc với DN, đề nghị CĐ KCN theo dõi."
)
OTHER = [
    "Bếp ăn ca Cty Giày Thái Bình dạo này cơm nguội, canh nhạt, anh em góp ý mãi không đổi",
    "Cho em hỏi nghỉ phép năm chưa hết thì cuối năm có được trả tiền không ạ",
    "Chị em xưởng may mong công đoàn tổ chức thêm lớp dạy bơi cho con dịp hè",
]


def test_entities_fold_company_and_park_names() -> None:
    assert "may phuc thinh" in entity_keys(HOTLINE)
    assert "tan phu" in entity_keys(HOTLINE)
    assert entity_keys("cty giày Thái Bình", place="Cty Giày Thái Bình") == {"giay thai binh"}


def _world(tree: OrgTree, make_reports: MakeReports) -> list[Any]:
    now = timezone.now() - timedelta(hours=3)
    return make_reports(
        tree.cs_a1,
        [HOTLINE, ZALO, WRITEUP, *OTHER],
        heard_at=[now - timedelta(days=i) for i in range(6)],
    )


def test_the_same_incident_comes_first(org_tree: OrgTree, make_reports: MakeReports) -> None:
    hotline, zalo, writeup, *_ = _world(org_tree, make_reports)
    officer = org_tree.user("cs_a1", Role.OFFICER)
    found = [r.report_id for r in related_reports(officer, hotline, limit=2)]
    assert set(found) == {zalo.pk, writeup.pk}
    assert related_reports(org_tree.user("cs_a2", Role.OFFICER), hotline) == []  # out of reach


def test_report_page_shows_related_and_a_matter_to_join(
    org_tree: OrgTree, make_reports: MakeReports
) -> None:
    from duluan.cases.services import matter_create_from_report

    hotline, zalo, writeup, *_ = _world(org_tree, make_reports)
    officer = org_tree.user("cs_a1", Role.OFFICER)
    matter = matter_create_from_report(actor=officer, report=writeup, title="Chậm trả lương")
    client = Client()
    client.force_login(officer)
    page = client.get(reverse("intake:report_detail", args=[hotline.pk])).content.decode()
    related_url = reverse("intake:report_panel", args=[hotline.pk, "nlp.related"])
    suggest_url = reverse("intake:report_panel", args=[hotline.pk, "cases.suggest"])
    assert f'hx-get="{related_url}"' in page and f'hx-get="{suggest_url}"' in page  # lazy
    related = client.get(related_url).content.decode()
    assert "Phản ánh liên quan" in related and f"#{zalo.pk}" in related
    assert "giống" in related and "%" not in related  # alike in words (#18)
    suggested = client.get(suggest_url).content.decode()
    assert "Có thể thuộc vấn đề đang mở" in suggested
    assert f"/van-de/{matter.pk}/?gop={hotline.pk}" in suggested and "%" not in suggested
    assert client.get(reverse("intake:report_panel", args=[hotline.pk, "nope"])).status_code == 404
    matter_page = client.get(f"/van-de/{matter.pk}/?gop={hotline.pk}").content.decode()
    assert f'value="{hotline.pk}"' in matter_page  # the attach form is prefilled
    assert "Phản ánh giống vấn đề, chưa gộp" in matter_page and f"#{zalo.pk}" in matter_page
    # The reason names the shared company as the report writes it, not folded.
    assert "cùng May Phúc Thịnh" in matter_page and "may phuc thinh" not in matter_page


def test_a_stopword_after_a_workplace_word_is_no_shared_name() -> None:
    # "xưởng Đang …": "Đang" is a capitalised function word, not a workshop's name.
    assert entity_keys("Công nhân xưởng Đang tăng ca liên tục") == frozenset()
    assert entity_keys("Nhà máy Đang Hòa Bình tăng ca") == {"hoa binh"}
    assert entity_keys("Hỏi thăm", place="Đang ở, KCN Tân Phú") == {"kcn tan phu"}


def test_the_reason_shows_shared_words_with_diacritics_and_no_stopwords() -> None:
    from duluan.nlp.report_panels import shared_names

    text = "Chị L. (Cty TNHH May Phúc Thịnh, KCN Tân Phú) gọi: lương chưa trả"
    assert shared_names(("may phuc thinh", "tan phu"), text) == ["May Phúc Thịnh", "Tân Phú"]
    assert shared_names(("dang",), "Công nhân xưởng Đang tăng ca") == []
    assert shared_names(("hoa binh",), "Ở nhà máy Hòa Bình") == ["Hòa Bình"]


def test_no_suggestion_for_a_reader_who_may_not_group(
    org_tree: OrgTree, make_reports: MakeReports
) -> None:
    from duluan.cases.services import matter_create_from_report

    hotline, _zalo, writeup, *_ = _world(org_tree, make_reports)
    matter_create_from_report(
        actor=org_tree.user("cs_a1", Role.OFFICER), report=writeup, title="Chậm trả lương"
    )
    client = Client()
    client.force_login(org_tree.user("cs_a1", Role.COLLABORATOR))
    response = client.get(reverse("intake:report_panel", args=[hotline.pk, "cases.suggest"]))
    if response.status_code == 200:
        assert response.content.decode() == ""
