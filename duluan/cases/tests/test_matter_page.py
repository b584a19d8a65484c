"""The matter page shows each report's automatic analysis with its confidence."""

from __future__ import annotations

import pytest
from django.test import Client

from duluan.cases.services import matter_create_from_report
from duluan.conftest import OrgTree
from duluan.nlp.models import ReportAnalysis, ReportTopic, Topic
from duluan.nlp.taxonomy import ensure_topics

from .helpers import make_report

pytestmark = pytest.mark.django_db


def test_matter_page_shows_topics_and_sentiment_with_confidence(org_tree: OrgTree) -> None:
    ensure_topics()  # a browser test's flush in this worker may have emptied the table
    report = make_report(org_tree)
    ReportTopic.objects.filter(report=report).delete()
    ReportAnalysis.objects.filter(report=report).delete()
    ReportAnalysis.objects.create(
        report=report, sentiment="tieu_cuc", sentiment_confidence=0.87, model_version="v-test"
    )
    ReportTopic.objects.create(
        report=report, topic=Topic.objects.get(code="thuong_phuc_loi"), confidence=0.91
    )
    matter = matter_create_from_report(actor=org_tree.user("cs_a1"), report=report)
    client = Client()
    client.force_login(org_tree.user("cs_a1"))
    page = client.get(f"/van-de/{matter.pk}/").content.decode()
    assert "Thưởng, phúc lợi 0,91" in page or "Thưởng, phúc lợi 0.91" in page
    assert "Tiêu cực 0,87" in page or "Tiêu cực 0.87" in page
    assert "v-test" in page
