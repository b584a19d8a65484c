"""Briefings: opinions collected become reports with channel giao ban; minutes as DOCX."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from docx import Document

from duluan.intake.models import Report
from duluan.network.minutes import briefing_minutes_docx
from duluan.network.services.meetings import (
    OpinionIn,
    briefing_attendance_set,
    briefing_create,
    briefing_opinion_add,
)

from .conftest import appoint

pytestmark = pytest.mark.django_db


def test_opinions_become_giao_ban_reports_and_minutes_follow_the_layout(org_tree: Any) -> None:
    tree = org_tree
    officer = tree.user("upper_a")
    member = appoint(
        officer, tree.cs_a1, "Hoàng Thị Có Mặt", timezone.localdate() - timedelta(days=30)
    )
    briefing = briefing_create(
        actor=officer,
        unit_id=tree.upper_a.pk,
        kind="ctv_thang",
        title="Giao ban cộng tác viên tháng 11",
        held_at=timezone.now() - timedelta(hours=3),
        place="Hội trường",
        chair="Nguyễn Chủ Trì",
        secretary="Lê Thư Ký",
        agenda="Tình hình tư tưởng\nPhổ biến chính sách",
        info_given="Nghị định mới về BHXH",
    )
    assert (
        briefing_attendance_set(
            actor=officer,
            briefing_id=briefing.pk,
            present_member_ids=[member.pk],
            others=["Khách mời"],
        )
        == 2
    )
    first = briefing_opinion_add(
        actor=officer,
        briefing_id=briefing.pk,
        opinion=OpinionIn(subject="Lo thưởng Tết", text="Công nhân lo thưởng Tết giảm."),
    )
    second = briefing_opinion_add(
        actor=officer,
        briefing_id=briefing.pk,
        opinion=OpinionIn(subject="Nhà trọ tăng giá", text="Giá phòng trọ tăng.", kind="kien_nghi"),
    )
    reports = Report.objects.filter(pk__in=[first.pk, second.pk])
    assert {r.channel for r in reports} == {"giao_ban"}
    assert {r.unit_id for r in reports} == {tree.upper_a.pk}
    assert set(briefing.opinions.values_list("report_id", flat=True)) == {first.pk, second.pk}

    document = Document(io.BytesIO(briefing_minutes_docx(briefing)))
    header = document.tables[0].rows[0].cells
    assert "CÔNG ĐOÀN KHU CÔNG NGHIỆP A" in header[0].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1].text
    assert "Độc lập - Tự do - Hạnh phúc" in header[1].text
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BIÊN BẢN" in text and "Lo thưởng Tết" in text and "Nhà trọ tăng giá" in text
    assert "2 đồng chí có mặt" in text
    fonts = {run.font.name for p in document.paragraphs for run in p.runs if run.text.strip()}
    assert fonts == {"Times New Roman"}
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_a_briefing_passes_on_issued_directions_never_an_unsigned_draft(org_tree: Any) -> None:
    from duluan.cases.choices import DirectionState
    from duluan.cases.models import Direction, Matter

    tree = org_tree
    officer = tree.user("upper_a")
    matter = Matter.objects.create(title="Tăng ca", owning_unit=tree.upper_a)
    issued = Direction.objects.create(
        matter=matter, unit=tree.upper_a, title="Định hướng đã ký", text="Giải thích."
    )
    other = Matter.objects.create(title="Bữa ăn ca", owning_unit=tree.upper_a)
    draft = Direction.objects.create(
        matter=other,
        unit=tree.upper_a,
        title="Dự thảo",
        text="Chưa duyệt.",
        state=DirectionState.DRAFT,
    )
    briefing = briefing_create(
        actor=officer,
        unit_id=tree.upper_a.pk,
        kind="ctv_thang",
        title="Giao ban tháng 12",
        held_at=timezone.now() - timedelta(hours=1),
        direction_ids=[issued.pk, draft.pk],
    )
    assert list(briefing.directions.values_list("pk", flat=True)) == [issued.pk]
