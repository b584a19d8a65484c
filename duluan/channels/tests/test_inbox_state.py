"""The inbox derives a message's state from its report: one already grouped in a
matter (even a closed one) is not "Chờ phân loại"; "Đánh dấu đã phân loại" can be
undone."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from duluan.cases.services import matter_create_from_report
from duluan.channels.choices import MessageState
from duluan.channels.models import ChannelMessage
from duluan.channels.selectors import inbox_waiting_count
from duluan.conftest import OrgTree
from duluan.intake.models import Report

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def simulate(kind: str, name: str) -> None:
    with contextlib.suppress(SystemExit):
        call_command("channel", "simulate", kind, str(FIXTURES / kind / name), stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_message_whose_report_is_in_a_matter_is_not_waiting(
    endpoints: OrgTree, settings: object
) -> None:
    simulate("sms", "received_keyword.json")  # lands in cs_b1
    settings.CHANNELS = ["sms"]  # type: ignore[attr-defined]
    user = endpoints.user("cs_b1")
    officer = Client()
    officer.force_login(user)
    assert inbox_waiting_count(user) == 1
    report = Report.objects.get()
    matter = matter_create_from_report(actor=user, report=report)
    assert matter.pk
    assert inbox_waiting_count(user) == 0
    waiting = officer.get("/kenh/").content.decode()
    assert f'href="/phan-anh/{report.pk}/"' not in waiting
    everything = officer.get("/kenh/?trang_thai=").content.decode()
    assert f'href="/phan-anh/{report.pk}/"' in everything
    assert "Đã đưa vào vấn đề" in everything
    assert "Đánh dấu đã phân loại" not in everything


@pytest.mark.django_db(transaction=True)
def test_marking_classified_can_be_undone(endpoints: OrgTree) -> None:
    simulate("sms", "received_keyword.json")
    officer = Client()
    officer.force_login(endpoints.user("cs_b1"))
    page = officer.get("/kenh/").content.decode()
    assert "Đánh dấu đã phân loại" in page
    message = ChannelMessage.objects.get()
    assert officer.post(f"/kenh/{message.pk}/da-phan-loai/").status_code == 302
    message.refresh_from_db()
    assert message.state == MessageState.CLASSIFIED
    done = officer.get("/kenh/?trang_thai=da_phan_loai").content.decode()
    assert f'action="/kenh/{message.pk}/bo-phan-loai/"' in done
    assert officer.post(f"/kenh/{message.pk}/bo-phan-loai/").status_code == 302
    message.refresh_from_db()
    assert message.state == MessageState.FILED
    other = Client()
    other.force_login(endpoints.user("cs_a1"))
    officer.post(f"/kenh/{message.pk}/da-phan-loai/")
    assert other.post(f"/kenh/{message.pk}/bo-phan-loai/").status_code == 404
    message.refresh_from_db()
    assert message.state == MessageState.CLASSIFIED
