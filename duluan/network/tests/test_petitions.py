"""Dialogues and their petitions: states, reminders under a frozen clock,
extensions, carry-over to the next briefing's agenda."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone
from docx import Document

from duluan.core.errors import ValidationFailed
from duluan.network.choices import PetitionState
from duluan.network.minutes import briefing_minutes_docx
from duluan.network.models import Petition
from duluan.network.selectors.petitions import (
    is_overdue,
    obligations_missing,
    open_items_before,
    petition_list,
)
from duluan.network.services.meetings import briefing_create
from duluan.network.services.petitions import (
    dialogue_create,
    obligation_set,
    petition_add,
    petition_extend,
    petition_update,
    petitions_overdue_check,
)
from duluan.notifications.models import Notification

pytestmark = pytest.mark.django_db
TZ = timezone.get_current_timezone


def at(y: int, m: int, d: int, h: int = 9) -> datetime:
    return timezone.make_aware(datetime(y, m, d, h))


@pytest.fixture
def five(org_tree: Any) -> dict[str, Any]:
    officer = org_tree.user("cs_a1")
    dialogue = dialogue_create(
        actor=officer,
        unit_id=org_tree.cs_a1.pk,
        kind="doi_thoai",
        held_on=date(2026, 3, 2),
        participants=120,
        parties="Ban giám đốc, Ban chấp hành CĐCS",
    )
    due = at(2026, 3, 31, 17)
    items = {
        name: petition_add(
            actor=officer,
            dialogue_id=dialogue.pk,
            content=f"Kiến nghị {name}",
            answerer="Giám đốc",
            due_at=due,
        )
        for name in ("r1", "r2", "r3", "late", "refused")
    }
    for name in ("r1", "r2", "r3"):
        petition_update(
            actor=officer,
            petition_id=items[name].pk,
            state="da_giai_quyet",
            answer="Đã tăng phụ cấp",
        )
    petition_update(
        actor=officer,
        petition_id=items["late"].pk,
        state="dang_giai_quyet",
        note="Đang làm việc với công ty",
    )
    petition_update(
        actor=officer,
        petition_id=items["refused"].pk,
        state="khong_giai_quyet_duoc",
        reason="Ngoài thẩm quyền của doanh nghiệp",
    )
    return {"officer": officer, "dialogue": dialogue, "items": items, "tree": org_tree}


def test_five_petitions_show_each_state(five: dict[str, Any]) -> None:
    items = five["items"]
    states = {name: Petition.objects.get(pk=p.pk).state for name, p in items.items()}
    assert [states[n] for n in ("r1", "r2", "r3")] == ["da_giai_quyet"] * 3
    assert states["late"] == "dang_giai_quyet"
    refused = Petition.objects.get(pk=items["refused"].pk)
    assert refused.state == "khong_giai_quyet_duoc"
    assert refused.reason == "Ngoài thẩm quyền của doanh nghiệp"
    frozen = at(2026, 4, 6)
    overdue = list(petition_list(five["officer"], overdue=True, now=frozen))
    assert [p.pk for p in overdue] == [items["late"].pk]
    assert refused.updates.count() == 2


def test_refusal_needs_a_reason(five: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed) as exc:
        petition_update(
            actor=five["officer"],
            petition_id=five["items"]["late"].pk,
            state="khong_giai_quyet_duoc",
        )
    assert "lý do" in exc.value.message


def test_reminder_for_the_overdue_one_under_a_frozen_clock(five: dict[str, Any]) -> None:
    tree, late = five["tree"], five["items"]["late"]
    assert petitions_overdue_check(now=at(2026, 3, 30)).overdue == 0  # not yet due
    run = petitions_overdue_check(now=at(2026, 4, 6))
    assert run.overdue == 1
    notices = Notification.objects.filter(kind="network.petition_overdue")
    assert {n.recipient_id for n in notices} == {
        tree.user("cs_a1").pk,
        tree.user("cs_a1", "leader").pk,
    }
    assert all(f"kien-nghi-{late.pk}" in n.url for n in notices)
    raised = Notification.objects.filter(kind="network.petition_raised")
    assert {n.recipient_id for n in raised} == {
        tree.user("upper_a").pk,
        tree.user("upper_a", "leader").pk,
    }
    assert tree.user("cs_a2").pk not in {n.recipient_id for n in notices}
    again = petitions_overdue_check(now=at(2026, 4, 7))
    assert again.notified == 0 and again.raised == 0  # idempotent
    assert Petition.objects.get(pk=late.pk).overdue_flagged_at is not None


def test_an_extended_petition_is_not_overdue(five: dict[str, Any]) -> None:
    late = five["items"]["late"]
    petition_extend(
        actor=five["officer"],
        petition_id=late.pk,
        new_due=at(2026, 4, 30, 17),
        reason="Chờ ý kiến tổng công ty",
    )
    frozen = at(2026, 4, 6)
    assert list(petition_list(five["officer"], overdue=True, now=frozen)) == []
    annotated = petition_list(five["officer"], now=frozen).get(pk=late.pk)
    assert not is_overdue(annotated, frozen)
    assert petitions_overdue_check(now=frozen).overdue == 0
    assert petitions_overdue_check(now=at(2026, 5, 4)).overdue == 1


def test_the_open_one_is_on_the_next_briefings_agenda(five: dict[str, Any]) -> None:
    tree, late = five["tree"], five["items"]["late"]
    briefing = briefing_create(
        actor=tree.user("upper_a"),
        unit_id=tree.upper_a.pk,
        kind="ctv_thang",
        title="Giao ban cộng tác viên tháng 4/2026",
        held_at=at(2026, 4, 10, 8),
    )
    carried = list(open_items_before(briefing.unit, briefing.held_at))
    assert [p.pk for p in carried] == [late.pk]
    document = Document(io.BytesIO(briefing_minutes_docx(briefing)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Kiến nghị late" in text
    assert "Kiến nghị r1" not in text and "Kiến nghị refused" not in text
    # A dialogue held before the petition was raised carries nothing.
    assert not open_items_before(briefing.unit, at(2026, 3, 1)).exists()


def test_yearly_obligation_lists_enterprises_without_a_dialogue(five: dict[str, Any]) -> None:
    tree = five["tree"]
    officer = tree.user("province")
    for unit in (tree.cs_a1, tree.cs_a2, tree.cs_b1):
        obligation_set(actor=officer, unit_id=unit.pk, since_year=2020)
    missing = {o.unit_id for o in obligations_missing(tree.province, 2026)}
    assert missing == {tree.cs_a2.pk, tree.cs_b1.pk}
    assert {o.unit_id for o in obligations_missing(tree.upper_a, 2026)} == {tree.cs_a2.pk}
    assert len(obligations_missing(tree.province, 2025)) == 3


def test_default_due_date_counts_working_days(org_tree: Any) -> None:
    officer = org_tree.user("cs_a1")
    dialogue = dialogue_create(
        actor=officer, unit_id=org_tree.cs_a1.pk, kind="hoi_nghi_nld", held_on=date(2026, 1, 5)
    )
    petition = petition_add(
        actor=officer, dialogue_id=dialogue.pk, content="Nhà gửi xe", answerer="Phòng HC"
    )
    due = timezone.localtime(petition.due_at).date()
    assert due > date(2026, 1, 5) + timedelta(days=15)  # weekends are not working days
    assert petition.state == PetitionState.OPEN
