"""The labelling queue: least certain first, in reach only, one form saves every label."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from duluan.conftest import OrgTree
from duluan.nlp.models import Correction, ReportAnalysis
from duluan.nlp.selectors import label_queue, label_queue_size
from duluan.nlp.services.analysis import reports_analyse
from duluan.org.choices import Role

from .conftest import MakeReports

pytestmark = pytest.mark.django_db


def _reports(tree: OrgTree, make_reports: MakeReports) -> list[Any]:
    reports = make_reports(
        tree.cs_a1,
        [
            "Công ty nợ lương 3 tháng, anh em bức xúc lắm",
            "Cảm ơn công đoàn đã tổ chức Tết Sum vầy",
            "cho em hỏi rút bhxh 1 lần cần giấy tờ gì",
        ],
    )
    reports_analyse([r.pk for r in reports])
    return reports


def test_least_certain_first_and_only_unjudged(
    org_tree: OrgTree, make_reports: MakeReports
) -> None:
    reports = _reports(org_tree, make_reports)
    officer = org_tree.user("cs_a1", Role.OFFICER)
    ReportAnalysis.objects.filter(report=reports[1]).update(kind_confidence=0.01)
    queue = label_queue(officer)
    assert queue[0]["report"].pk == reports[1].pk
    assert label_queue_size(officer) == 3
    certainties = [item["certainty"] for item in queue]
    assert certainties == sorted(certainties)
    Correction.objects.create(report=reports[1], field="kind", value="khen_ngoi")
    assert reports[1].pk not in [item["report"].pk for item in label_queue(officer)]


def test_out_of_reach_reports_are_not_offered(org_tree: OrgTree, make_reports: MakeReports) -> None:
    _reports(org_tree, make_reports)
    assert label_queue(org_tree.user("cs_a2", Role.OFFICER)) == []
    assert label_queue(org_tree.user("cs_a1", Role.COLLABORATOR)) == []  # may not correct
    assert len(label_queue(org_tree.user("upper_a", Role.OFFICER))) == 3


def test_page_shows_cards_with_quick_keys_and_saving_records_every_label(
    org_tree: OrgTree, make_reports: MakeReports
) -> None:
    reports = _reports(org_tree, make_reports)
    client = Client()
    client.force_login(org_tree.user("cs_a1", Role.OFFICER))
    page = client.get(reverse("nlp:label_queue")).content.decode()
    assert page.count('class="label-card"') == 3 and "nlp/label.js" in page
    assert '<kbd aria-hidden="true">q</kbd>' in page and 'data-key="d"' in page
    report = reports[0]
    analysis = ReportAnalysis.objects.get(report=report)
    prefix = f"r{report.pk}-"
    response = client.post(
        reverse("nlp:label_save", args=[report.pk]),
        {
            prefix + "main_topic": "tien_luong",
            prefix + "more_topics": ["tranh_chap"],
            prefix + "sentiment": "tieu_cuc",
            prefix + "kind": "khieu_nai",
            prefix + "urgency": "diem_nong",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Đã lưu" in response.content.decode()
    made = {c.field: c for c in Correction.objects.filter(report=report)}
    assert set(made) == {"topics", "sentiment", "kind", "urgency"}  # confirmations too
    assert made["topics"].value == "tien_luong;tranh_chap"
    assert made["urgency"].previous == analysis.urgency
    analysis.refresh_from_db()
    assert analysis.urgency == "diem_nong" and analysis.suggests_hot_spot
    assert analysis.urgency_confidence == 1.0
    assert report.pk not in [
        i["report"].pk for i in label_queue(org_tree.user("cs_a1", Role.OFFICER))
    ]


def test_an_incomplete_form_saves_nothing(org_tree: OrgTree, make_reports: MakeReports) -> None:
    report = _reports(org_tree, make_reports)[0]
    client = Client()
    client.force_login(org_tree.user("cs_a1", Role.OFFICER))
    response = client.post(
        reverse("nlp:label_save", args=[report.pk]),
        {f"r{report.pk}-sentiment": "tieu_cuc"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422 and "Nhãn không hợp lệ" in response.content.decode()
    assert not Correction.objects.filter(report=report).exists()
