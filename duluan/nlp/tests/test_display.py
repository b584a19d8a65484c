"""Confidence in words for people: the thresholds, the filter, the report page, the API."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from duluan.api.services import token_issue
from duluan.conftest import OrgTree
from duluan.intake.models import Report
from duluan.nlp.display import (
    FAIRLY_SURE_FROM,
    SURE_FROM,
    Certainty,
    certainty,
    certainty_legend,
    confidence_label,
    similarity_label,
)
from duluan.nlp.models import ReportAnalysis, ReportTopic, Topic
from duluan.nlp.taxonomy import ensure_topics
from duluan.org.choices import Role

from .conftest import MakeReports


@pytest.mark.parametrize(
    ("confidence", "words"),
    [
        (1.0, "chắc chắn"),
        (0.95, "chắc chắn"),
        (0.9, "chắc chắn"),
        (0.8999, "khá chắc"),
        (0.7, "khá chắc"),
        (0.6999, "cần xem lại"),
        (0.34, "cần xem lại"),
        (0.0, "cần xem lại"),
        (None, "cần xem lại"),
    ],
)
def test_confidence_reads_as_words_at_the_calibrated_thresholds(
    confidence: float | None, words: str
) -> None:
    assert confidence_label(confidence) == words


def test_thresholds_are_ordered_and_every_level_has_words_and_a_meaning() -> None:
    assert 0 < FAIRLY_SURE_FROM < SURE_FROM < 1
    assert certainty(SURE_FROM) is Certainty.SURE
    assert certainty(FAIRLY_SURE_FROM) is Certainty.FAIRLY_SURE
    legend = certainty_legend()
    assert [word for word, _ in legend] == ["chắc chắn", "khá chắc", "cần xem lại"]
    assert all(meaning and "%" not in meaning for _, meaning in legend)


def test_template_filters_give_the_words_and_a_hint_without_numbers() -> None:
    rendered = Template(
        "{% load nlp_tags %}{{ a|confidence_words }}|{{ b|confidence_words }}|"
        "{{ c|confidence_words }}|{{ c|confidence_hint }}"
    ).render(Context({"a": 0.97, "b": 0.75, "c": 0.41}))
    words = rendered.split("|")
    assert words[:3] == ["chắc chắn", "khá chắc", "cần xem lại"]
    assert "xem lại" in words[3] and not re.search(r"\d+ ?%", words[3])


def _analyse_as(report: Report, *, sentiment: float, kind: float, urgency: float) -> None:
    ensure_topics()
    ReportTopic.objects.filter(report=report).delete()
    ReportAnalysis.objects.filter(report=report).delete()
    ReportAnalysis.objects.create(
        report=report,
        sentiment="tieu_cuc",
        sentiment_confidence=sentiment,
        kind="khieu_nai",
        kind_confidence=kind,
        urgency="can_chu_y",
        urgency_confidence=urgency,
        model_version="seed-60008d1985",
    )
    ReportTopic.objects.create(
        report=report, topic=Topic.objects.get(code="tien_luong"), confidence=0.55
    )


def test_report_page_shows_words_and_neither_percentages_nor_the_model_id(
    org_tree: OrgTree, make_reports: MakeReports, client: Client
) -> None:
    (report,) = make_reports(org_tree.cs_a1, ["Công ty chậm trả lương tháng Mười"])
    _analyse_as(report, sentiment=1.0, kind=0.82, urgency=0.64)
    client.force_login(org_tree.user("cs_a1", Role.OFFICER))
    page = client.get(reverse("intake:report_detail", args=[report.pk])).content.decode()
    panel = page[page.index('id="nlp-heading"') :]
    assert "Tiêu cực <small" in panel and "(mô hình: chắc chắn)" in panel
    assert "(mô hình: khá chắc)" in panel  # the kind, 0.82
    assert "(mô hình: cần xem lại)" in panel  # the urgency, 0.64
    assert "Tiền lương" in panel and "(cần xem lại)" in panel  # the topic, 0.55
    assert "seed-60008d1985" not in page and "Phiên bản mô hình" not in page
    assert not re.search(r"\d+ ?%", page), "a percentage is still shown to officers"
    assert "Các mức chắc của mô hình nghĩa là gì?" in panel


def test_api_keeps_the_numbers_and_adds_the_words(
    org_tree: OrgTree, make_reports: MakeReports, client: Client
) -> None:
    (report,) = make_reports(org_tree.cs_a1, ["Công ty chậm trả lương tháng Mười"])
    _analyse_as(report, sentiment=0.95, kind=0.75, urgency=0.5)
    token = token_issue(user=org_tree.user("upper_a", Role.ANALYST), name="test")[1]
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    got = client.get(f"/api/nlp/reports/{report.pk}/analysis").json()
    assert (got["sentiment_confidence"], got["sentiment_confidence_label"]) == (0.95, "chắc chắn")
    assert (got["kind_confidence"], got["kind_confidence_label"]) == (0.75, "khá chắc")
    assert (got["urgency_confidence"], got["urgency_confidence_label"]) == (0.5, "cần xem lại")
    assert got["topics"][0]["confidence_label"] == "cần xem lại"
    assert got["model_version"] == "seed-60008d1985"  # API clients keep it

    analysed = client.post(
        "/api/nlp/analyse", {"texts": ["Cty nợ lương"]}, content_type="application/json"
    ).json()
    item = analysed["items"][0]
    for field in ("sentiment", "kind", "urgency"):
        assert item[f"{field}_confidence_label"] == confidence_label(item[f"{field}_confidence"])


@pytest.mark.parametrize(
    ("score", "words"),
    [
        (1.16, "rất giống"),
        (0.5, "rất giống"),
        (0.49, "khá giống"),
        (0.3, "khá giống"),
        (0.12, "hơi giống"),
    ],
)
def test_related_reports_read_alike_in_words(score: float, words: str) -> None:
    assert similarity_label(score) == words
