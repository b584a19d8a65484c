"""The inbox's query count does not grow with its rows."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils import timezone

from duluan.channels.models import ChannelMessage
from duluan.conftest import OrgTree
from duluan.core.sheets.system import SYSTEM_ACTOR
from duluan.core.tests.query_counts import assert_rows_add_no_queries
from duluan.intake.services import ReportData, report_create


def test_inbox_rows_add_no_queries(
    org_tree: OrgTree, settings: Any, django_assert_max_num_queries: Any
) -> None:
    settings.CHANNELS = ["sms"]  # the navigation badge counts too
    made = [0]

    def add(n: int) -> None:
        for _ in range(n):
            made[0] += 1
            report = report_create(
                actor=SYSTEM_ACTOR,
                data=ReportData(
                    unit_id=org_tree.cs_a1.pk,
                    channel="sms",
                    heard_at=timezone.now(),
                    subject=f"Tin nhắn số {made[0]}",
                    text="Nội dung",
                    kind="thong_tin",
                    mood="trung_lap",
                    verifiability="mot_nguon",
                ),
                source="kenh",
            )
            ChannelMessage.objects.create(
                kind="sms",
                message_id=f"q-{made[0]}",
                sender_key="0" * 64,
                unit=org_tree.cs_a1,
                report=report,
                sent_at=timezone.now(),
                state="cho_phan_loai",
            )

    client = Client()
    client.force_login(org_tree.user("cs_a1"))
    assert_rows_add_no_queries(
        client,
        "/kenh/",
        add,
        ceiling=14,
        assert_num_queries=django_assert_max_num_queries,
        row_marker="Tin nhắn số ",
    )
