"""What the channels add to a report's page: what a tipster added later with the
receipt code (the follow-ups of the anonymous tip page)."""

from __future__ import annotations

from django.utils import timezone

from duluan.core.extensions import Block, Table, report_panel
from duluan.intake.choices import Channel
from duluan.intake.models import Report
from duluan.org.types import Actor

from .models_tip import TipFollowUp

TITLE = "Người góp ý ẩn danh bổ sung"


@report_panel("channels.tip_follow_ups", TITLE, order=5)
def tip_follow_ups(actor: Actor, report: Report) -> Block | None:
    """The report's page is already scoped to the actor; the follow-ups are part of it.
    Another channel's report costs the page no query."""
    if report.channel != Channel.TIP_PAGE:
        return None
    items = list(TipFollowUp.objects.filter(receipt__message__report=report))
    if not items:
        return None
    return Block(
        key="channels.tip_follow_ups",
        title=TITLE,
        paragraphs=[f"Người gửi đã bổ sung {len(items)} lần bằng mã biên nhận."],
        tables=[
            Table(
                TITLE,
                ["Lúc", "Nội dung bổ sung"],
                [
                    [timezone.localtime(i.created_at).strftime("%d/%m/%Y %H:%M"), i.text]
                    for i in items
                ],
            )
        ],
    )
