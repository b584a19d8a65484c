"""Analysis on intake, bulk re-scoring, the report page, corrections (page and API)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duluan.api.services import token_issue
from duluan.conftest import OrgTree
from duluan.intake.services import ReportData, report_create
from duluan.nlp.models import Correction, ReportAnalysis, ReportTopic
from duluan.nlp.services.analysis import reports_analyse, reports_rescore
from duluan.org.choices import Role

from .conftest import MakeReports


def _submit(tree: OrgTree, text: str) -> Any:
    return report_create(
        actor=tree.user("cs_a1", Role.COLLABORATOR),
        data=ReportData(
            unit_id=tree.cs_a1.pk,
            channel="truc_tiep",
            heard_at=timezone.now() - timedelta(hours=2),
            subject="Nợ lương",
            text=text,
            kind="khieu_nai",
            mood="tieu_cuc",
            verifiability="mot_nguon",
        ),
    )


def test_a_new_report_is_analysed_after_commit(
    org_tree: OrgTree, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = _submit(
            org_tree,
            "Công ty nợ lương hai tháng, sáng nay hàng trăm công nhân ngừng việc, "
            "anh em rất bức xúc.",
        )
    analysis = ReportAnalysis.objects.get(report=report)
    assert analysis.model_version.startswith("seed-")
    assert analysis.sentiment == "tieu_cuc"
    assert "ngung_viec" in analysis.urgency_signals
    assert analysis.urgency == "diem_nong" and analysis.suggests_hot_spot
    codes = set(ReportTopic.objects.filter(report=report).values_list("topic__code", flat=True))
    assert codes & {"tien_luong", "tranh_chap"}


def test_rescore_analyses_what_is_missing_and_is_idempotent(
    org_tree: OrgTree, make_reports: MakeReports
) -> None:
    reports = make_reports(
        org_tree.cs_a2, ["Bữa ăn ca kém chất lượng", "Cho hỏi thủ tục rút BHXH một lần?"]
    )
    assert reports_rescore() == 2
    assert reports_rescore() == 0
    assert reports_rescore(everything=True) == 2
    assert ReportAnalysis.objects.filter(report__in=reports).count() == 2


def test_report_page_shows_predictions_and_correction_form(
    org_tree: OrgTree, make_reports: MakeReports, client: Client
) -> None:
    (report,) = make_reports(org_tree.cs_a1, ["Công ty chậm đóng bảo hiểm xã hội cho công nhân"])
    reports_analyse([report.pk])
    client.force_login(org_tree.user("cs_a1", Role.OFFICER))
    page = client.get(reverse("intake:report_detail", args=[report.pk])).content.decode()
    assert "Phân tích tự động" in page and "(mô hình: " in page
    assert "Bảo hiểm xã hội" in page
    assert reverse("nlp:report_correct", args=[report.pk]) in page

    client.force_login(org_tree.user("cs_a1", Role.ADMIN))  # reads reports, does not sort them
    page = client.get(reverse("intake:report_detail", args=[report.pk])).content.decode()
    assert "Phân tích tự động" in page
    assert reverse("nlp:report_correct", args=[report.pk]) not in page


def test_correction_is_stored_shown_and_kept_by_rescoring(
    org_tree: OrgTree, make_reports: MakeReports, client: Client
) -> None:
    (report,) = make_reports(org_tree.cs_a1, ["Anh em rất vui vì được tăng lương"])
    reports_analyse([report.pk])
    client.force_login(org_tree.user("cs_a1", Role.OFFICER))
    url = reverse("nlp:report_correct", args=[report.pk])
    answer = client.post(url, {"topics": ["an_toan"], "sentiment": "tieu_cuc", "kind": "tin_don"})
    assert answer.status_code == 302
    fields = set(Correction.objects.filter(report=report).values_list("field", flat=True))
    assert fields == {"topics", "sentiment", "kind"}
    analysis = ReportAnalysis.objects.get(report=report)
    assert (analysis.sentiment, analysis.kind, analysis.sentiment_confidence) == (
        "tieu_cuc",
        "tin_don",
        1.0,
    )
    reports_analyse([report.pk])  # a re-score keeps what people said
    analysis = ReportAnalysis.objects.get(report=report)
    assert (analysis.sentiment, analysis.kind) == ("tieu_cuc", "tin_don")
    assert list(
        ReportTopic.objects.filter(report=report).values_list("topic__code", flat=True)
    ) == ["an_toan"]
    page = client.get(reverse("intake:report_detail", args=[report.pk])).content.decode()
    assert "Lịch sử hiệu chỉnh" in page


def test_correction_out_of_reach_answers_404(
    org_tree: OrgTree, make_reports: MakeReports, client: Client
) -> None:
    (report,) = make_reports(org_tree.cs_a1, ["Công nhân hỏi về nghỉ phép năm"])
    reports_analyse([report.pk])
    url = reverse("nlp:report_correct", args=[report.pk])
    for user in (
        org_tree.user("cs_a2", Role.OFFICER),  # sibling unit
        org_tree.user("cs_a1", Role.COLLABORATOR),  # no matter.view
    ):
        client.force_login(user)
        assert client.post(url, {"sentiment": "tich_cuc"}).status_code == 404
    assert not Correction.objects.exists()


def test_api_reads_analysis_and_takes_corrections(
    org_tree: OrgTree, make_reports: MakeReports, client: Client
) -> None:
    (report,) = make_reports(org_tree.cs_a1, ["Công ty không ký hợp đồng lao động cho công nhân"])
    reports_analyse([report.pk])
    token = token_issue(user=org_tree.user("upper_a", Role.ANALYST), name="test")[1]
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    got = client.get(f"/api/nlp/reports/{report.pk}/analysis").json()
    assert got["topics"][0]["code"] and 0 <= got["sentiment_confidence"] <= 1
    made = client.post(
        f"/api/nlp/reports/{report.pk}/corrections",
        {"topics": ["hop_dong"], "kind": "khieu_nai"},
        content_type="application/json",
    )
    assert made.status_code == 201
    bad = client.post(
        f"/api/nlp/reports/{report.pk}/corrections",
        {"topics": ["khong_co"]},
        content_type="application/json",
    )
    assert bad.status_code == 422
    analysed = client.post(
        "/api/nlp/analyse", {"texts": ["Cty nợ lương"]}, content_type="application/json"
    ).json()
    assert analysed["count"] == 1 and analysed["items"][0]["model_version"]
