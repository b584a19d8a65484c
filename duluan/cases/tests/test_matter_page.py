"""The matter page shows each report's automatic analysis with its confidence in words."""

from __future__ import annotations

import pytest
from django.test import Client

from duluan.cases.services import matter_create_from_report
from duluan.conftest import OrgTree
from duluan.nlp.models import ReportAnalysis, ReportTopic, Topic
from duluan.nlp.taxonomy import ensure_topics

from .helpers import make_report

pytestmark = pytest.mark.django_db


def test_matter_page_shows_topics_and_sentiment_with_confidence_in_words(org_tree: OrgTree) -> None:
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
    # In words (duluan.nlp.display), without the number or the model id (#18).
    assert "Thưởng, phúc lợi <small" in page and "(chắc chắn)</small>" in page
    assert "Tiêu cực <small" in page and "(khá chắc)</small>" in page
    assert "0,87" not in page and "0.87" not in page and "v-test" not in page


def test_navigation_shows_the_unread_notice_count_until_read(org_tree: OrgTree) -> None:
    from duluan.notifications.models import Notification

    user = org_tree.user("upper_a")
    for key in ("matter:1", "matter:2"):
        Notification.objects.create(recipient=user, kind="hot_spot", key=key, title="Điểm nóng")
    Notification.objects.create(recipient=org_tree.user("cs_a1"), kind="hot_spot", key="matter:3")
    client = Client()
    client.force_login(user)
    page = client.get("/").content.decode()
    assert '<span class="nav-badge">2<span class="visually-hidden"> chưa đọc</span></span>' in page
    client.post("/thong-bao/da-doc/")
    assert " chưa đọc</span>" not in client.get("/").content.decode()  # other counts may stay


def test_stepper_marks_steps_a_rumour_skipped_as_skipped_not_done(org_tree: OrgTree) -> None:
    from duluan.cases.choices import State
    from duluan.cases.workflow import matter_transition

    from .helpers import verified_matter

    matter = verified_matter(org_tree)
    officer = org_tree.user("cs_a1")
    matter_transition(actor=officer, matter=matter, to_state=State.GHI_NHAN, note="Tin đồn")
    client = Client()
    client.force_login(officer)
    page = client.get(f"/van-de/{matter.pk}/").content.decode()
    steps = page.split('class="stepper', 1)[1].split("</ol>", 1)[0]
    for done in ("Tiếp nhận", "Sàng lọc", "Xác minh"):
        assert f'{done}<span class="visually-hidden"> (đã xong)</span>' in steps
    for skipped in ("Phản ánh lên cấp trên", "Định hướng, phản hồi xuống"):
        assert f'{skipped}<span class="visually-hidden"> (đã xong)' not in steps
        assert f"{skipped} <small>(bỏ qua)</small>" in steps
