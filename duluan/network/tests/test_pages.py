"""The pages' actions, posted as a browser would."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from duluan.intake.models import Report
from duluan.network.models import (
    Briefing,
    Declaration,
    Dialogue,
    Evaluation,
    NetworkMember,
    Petition,
    TrainingAttendance,
    TrainingClass,
)
from duluan.notifications.models import Notification

from .conftest import appoint

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_officer_records_a_dialogue_and_follows_its_petitions(org_tree: Any) -> None:
    officer = signed_in(org_tree.user("cs_a1"))
    response = officer.post(
        reverse("network:dialogue_create"),
        {
            "unit": org_tree.cs_a1.pk,
            "kind": "doi_thoai",
            "held_on": "2026-03-02",
            "participants": 90,
        },
    )
    dialogue = Dialogue.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "network:dialogue_detail", args=[dialogue.pk]
    )
    url = reverse("network:dialogue_detail", args=[dialogue.pk])
    officer.post(
        url,
        {
            "action": "petition",
            "kn-content": "Tăng phụ cấp độc hại",
            "kn-answerer": "Giám đốc",
            "kn-due_on": "2026-03-20",
        },
    )
    petition = Petition.objects.get()
    refused = officer.post(
        url,
        {"action": f"update-{petition.pk}", f"p{petition.pk}-state": "khong_giai_quyet_duoc"},
        follow=True,
    )
    assert "lý do" in refused.content.decode()
    assert Petition.objects.get().state == "chua_giai_quyet"
    officer.post(
        url,
        {
            "action": f"extend-{petition.pk}",
            f"e{petition.pk}-new_due": "2026-04-30",
            f"e{petition.pk}-reason": "Chờ tổng công ty",
        },
    )
    page = officer.get(url).content.decode()
    assert "(đã gia hạn)" in page and "30/04/2026" in page
    officer.post(
        url,
        {
            "action": f"update-{petition.pk}",
            f"p{petition.pk}-state": "da_giai_quyet",
            f"p{petition.pk}-answer": "Đã tăng",
        },
    )
    assert Petition.objects.get().state == "da_giai_quyet"
    # A sibling's officer cannot post to it.
    sibling = signed_in(org_tree.user("cs_a2"))
    assert (
        sibling.post(url, {"action": "petition", "kn-content": "x", "kn-answerer": "y"}).status_code
        == 404
    )
    listed = officer.get(
        reverse("network:petition_list"), {"state": "da_giai_quyet"}
    ).content.decode()
    assert "Tăng phụ cấp độc hại" in listed


def test_member_pages_and_evaluation_sign_off(org_tree: Any) -> None:
    officer = signed_in(org_tree.user("cs_a1"))
    response = officer.post(
        reverse("network:member_create"),
        {
            "unit": org_tree.cs_a1.pk,
            "kind": "ctv",
            "full_name": "Mai Thị Cộng Tác",
            "on": "2023-05-01",
            "decision_no": "7/QĐ-CĐCS",
            "username": "cs_a1_collaborator",
        },
    )
    member = NetworkMember.objects.get()
    assert response.status_code == 302 and member.user == org_tree.user("cs_a1", "collaborator")
    detail = reverse("network:member_detail", args=[member.pk])
    officer.post(
        detail,
        {
            "action": "event",
            "ev-kind": "trang_thai",
            "ev-status": "tam_dung",
            "ev-on": "2024-01-01",
        },
    )
    assert NetworkMember.objects.get().status == "tam_dung"
    officer.post(detail, {"action": "evaluate", "year": "2025"})
    evaluation = Evaluation.objects.get()
    page = officer.get(reverse("network:evaluation_detail", args=[evaluation.pk])).content.decode()
    assert "Điểm = " in page and "Chỉ lãnh đạo" in page
    denied = officer.post(
        reverse("network:evaluation_detail", args=[evaluation.pk]), {"grade": "tot"}
    )
    assert denied.status_code == 403
    leader = signed_in(org_tree.user("cs_a1", "leader"))
    leader.post(
        reverse("network:evaluation_detail", args=[evaluation.pk]),
        {"grade": "tot", "comment": "Tốt"},
    )
    assert Evaluation.objects.get().signed_at is not None
    # The collaborator sees their own record and evaluation, not the list.
    own = signed_in(org_tree.user("cs_a1", "collaborator"))
    assert own.get(detail).status_code == 200
    assert own.get(reverse("network:evaluation_detail", args=[evaluation.pk])).status_code == 200
    assert own.get(reverse("network:roster")).status_code == 404
    assert signed_in(org_tree.user("cs_a2", "collaborator")).get(detail).status_code == 404


def test_qr_check_in_marks_the_person_present(org_tree: Any) -> None:
    officer = org_tree.user("upper_a")
    member = appoint(
        officer,
        org_tree.cs_a1,
        "Học Viên QR",
        date(2024, 1, 1),
        user=org_tree.user("cs_a1", "collaborator"),
    )
    client = signed_in(officer)
    client.post(
        reverse("network:training_create"),
        {
            "unit": org_tree.upper_a.pk,
            "title": "Lớp QR",
            "starts_on": timezone.localdate().isoformat(),
        },
    )
    training = TrainingClass.objects.get()
    qr = client.get(reverse("network:training_qr", args=[training.pk]))
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    url = reverse("network:training_checkin", args=[training.pk, training.checkin_token])
    learner = signed_in(org_tree.user("cs_a1", "collaborator"))
    assert learner.get(url).status_code == 200
    done = learner.post(url)
    assert "Đã điểm danh" in done.content.decode()
    row = TrainingAttendance.objects.get()
    assert row.member == member and row.checked_in_at is not None and row.source == "qr"
    wrong = reverse("network:training_checkin", args=[training.pk, "sai-ma"])
    assert learner.get(wrong).status_code == 404
    training.starts_on = training.ends_on = timezone.localdate() - timedelta(days=3)
    training.save()
    late = signed_in(org_tree.user("cs_a2", "collaborator")).post(url)
    assert "Chỉ điểm danh được" in late.content.decode()


def test_attendance_sheet_upload_on_the_class_page(org_tree: Any) -> None:
    client = signed_in(org_tree.user("upper_a"))
    client.post(
        reverse("network:training_create"),
        {"unit": org_tree.upper_a.pk, "title": "Lớp nhập", "starts_on": "2025-05-05"},
    )
    training = TrainingClass.objects.get()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Họ và tên", "Mã đơn vị", "Có mặt"])
    sheet.append(["Người Sai", "KHONG-CO", "có"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.name = "ky-ten.xlsx"
    buffer.seek(0)
    page = client.post(
        reverse("network:training_detail", args=[training.pk]), {"file": buffer}
    ).content.decode()
    assert "<td>2</td><td>Mã đơn vị</td>" in page and "không tìm thấy đơn vị" in page
    assert TrainingAttendance.objects.count() == 0


def test_declarations_by_the_person_seen_by_own_unit_officers_only(org_tree: Any) -> None:
    person = signed_in(org_tree.user("cs_a1", "reporter"))
    person.post(
        reverse("network:declaration_mine"),
        {
            "unit": org_tree.cs_a1.pk,
            "platform_1": "facebook",
            "address_1": "facebook.com/nguoi-khai",
            "purpose_1": "Cá nhân",
        },
    )
    person.post(
        reverse("network:declaration_mine"),
        {"unit": org_tree.cs_a1.pk, "platform_1": "tiktok", "address_1": "tiktok.com/@khai"},
    )
    assert (
        Declaration.objects.count() == 2
        and Declaration.objects.filter(replaced_at__isnull=True).count() == 1
    )
    history = person.get(reverse("network:declaration_mine")).content.decode()
    assert "facebook.com/nguoi-khai" in history and "(đã được thay)" in history
    own = (
        signed_in(org_tree.user("cs_a1")).get(reverse("network:declaration_list")).content.decode()
    )
    assert "tiktok.com/@khai" in own and "1/6 đã khai báo" in own
    for other in (org_tree.user("upper_a"), org_tree.user("cs_a2")):
        assert (
            "tiktok.com/@khai"
            not in signed_in(other).get(reverse("network:declaration_list")).content.decode()
        )
    signed_in(org_tree.user("cs_a1")).post(
        reverse("network:declaration_list"), {"unit": org_tree.cs_a1.pk}
    )
    reminded = set(
        Notification.objects.filter(kind="network.declaration_reminder").values_list(
            "recipient_id", flat=True
        )
    )
    assert len(reminded) == 5 and org_tree.user("cs_a1", "reporter").pk not in reminded
    empty = person.post(reverse("network:declaration_mine"), {"unit": org_tree.cs_a1.pk})
    assert "ít nhất một trang" in empty.content.decode()


def test_briefing_page_records_attendance_and_opinions(org_tree: Any) -> None:
    officer = org_tree.user("upper_a")
    member = appoint(officer, org_tree.cs_a1, "Người Dự Họp", date(2024, 1, 1))
    client = signed_in(officer)
    held = timezone.localtime() - timedelta(hours=2)
    client.post(
        reverse("network:briefing_create"),
        {
            "unit": org_tree.upper_a.pk,
            "kind": "ctv_thang",
            "title": "Giao ban tháng",
            "held_at": held.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    briefing = Briefing.objects.get()
    url = reverse("network:briefing_detail", args=[briefing.pk])
    client.post(url, {"action": "attendance", "present": [str(member.pk)], "others": "Khách mời A"})
    client.post(
        url,
        {
            "action": "opinion",
            "yk-subject": "Hỏi về BHXH",
            "yk-text": "Nhiều người hỏi.",
            "yk-kind": "cau_hoi",
            "yk-mood": "trung_lap",
            "yk-urgency": "binh_thuong",
            "yk-verifiability": "nhieu_nguon",
        },
    )
    report = Report.objects.get()
    assert report.channel == "giao_ban"
    page = client.get(url).content.decode()
    assert "2 người có mặt" in page and "Hỏi về BHXH" in page
    minutes = client.get(reverse("network:briefing_minutes", args=[briefing.pk]))
    assert minutes["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert minutes.content[:2] == b"PK"


def test_lists_export_xlsx_and_filter_by_unit(org_tree: Any) -> None:
    officer = signed_in(org_tree.user("province"))
    for name in (
        "training_list",
        "briefing_list",
        "dialogue_list",
        "petition_list",
        "article_list",
        "inactive",
        "evaluation_list",
        "obligations",
        "roster",
    ):
        response = officer.get(reverse(f"network:{name}"), {"xuat": "xlsx"})
        assert response.status_code == 200, name
        assert response.content[:2] == b"PK"
    coverage = officer.get(
        reverse("network:coverage"), {"unit": org_tree.upper_a.pk, "xuat": "xlsx"}
    )
    assert coverage.content[:2] == b"PK"
    outside = signed_in(org_tree.user("cs_a2")).get(
        reverse("network:dialogue_list"), {"unit": org_tree.cs_a1.pk}
    )
    assert outside.status_code == 404


def test_media_group_and_class_evaluation_from_the_pages(org_tree: Any) -> None:
    client = signed_in(org_tree.user("upper_a"))
    client.post(
        reverse("network:coverage"),
        {
            "mg-unit": org_tree.cs_a1.pk,
            "mg-platform": "zalo",
            "mg-name": "Zalo CĐCS May",
            "mg-opened_on": "2024-03-01",
            "mg-members": 300,
        },
    )
    page = client.get(reverse("network:coverage"), {"unit": org_tree.upper_a.pk}).content.decode()
    assert "<strong>1/3</strong> đơn vị có nhóm truyền thông" in page
    earlier = client.get(
        reverse("network:coverage"), {"unit": org_tree.upper_a.pk, "day": "2024-02-29"}
    ).content.decode()
    assert "<strong>0/3</strong> đơn vị có nhóm truyền thông" in earlier
    assert (
        signed_in(org_tree.user("upper_a", "analyst"))
        .post(reverse("network:coverage"), {})
        .status_code
        == 404
    )
    client.post(
        reverse("network:training_create"),
        {"unit": org_tree.upper_a.pk, "title": "Lớp có đánh giá", "starts_on": "2025-05-05"},
    )
    training = TrainingClass.objects.get()
    client.post(
        reverse("network:training_detail", args=[training.pk]),
        {"action": "evaluation", "evaluation": "92% học viên hài lòng"},
    )
    assert TrainingClass.objects.get().evaluation == "92% học viên hài lòng"


def test_matter_page_lists_the_articles_that_answer_it(org_tree: Any) -> None:
    from duluan.cases.services import matter_create_from_report
    from duluan.cases.tests.helpers import make_report
    from duluan.network.services.outreach import article_create

    tree = org_tree
    matter = matter_create_from_report(actor=tree.user("cs_a1"), report=make_report(tree))
    for unit, title, reach in (
        (tree.cs_a1, "Sự thật về tin đồn công ty nợ lương", 1200),
        (tree.upper_a, "Liên đoàn Lao động huyện thông tin chính thức", 300),
    ):
        article_create(
            actor=tree.user("upper_a" if unit == tree.upper_a else "cs_a1"),
            unit_id=unit.pk,
            kind="bai_viet",
            platform="fanpage",
            title=title,
            published_on=timezone.localdate(),
            url="https://example.org/bai-viet",
            reach=reach,
            counters_rumour=True,
            matter_id=matter.pk,
        )

    page = signed_in(tree.user("upper_a")).get(f"/van-de/{matter.pk}/").content.decode()
    assert "Bài viết, bài đăng trả lời vấn đề" in page
    assert (
        '<a href="https://example.org/bai-viet" rel="noopener noreferrer">Sự thật về tin đồn'
        in page
    )
    assert "Liên đoàn Lao động huyện thông tin chính thức" in page
    assert 'data-code="network.articles.reach">1.500' in page

    # The grassroots officer sees the matter but not the district's article.
    page = signed_in(tree.user("cs_a1")).get(f"/van-de/{matter.pk}/").content.decode()
    assert "Sự thật về tin đồn công ty nợ lương" in page
    assert "Liên đoàn Lao động huyện thông tin chính thức" not in page
