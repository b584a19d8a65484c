"""What the channels add to a matter's page: the corrections sent back to the people
who reported it through a channel, and the way to send one (issue #20, item 6).
Cases learns of this through the ``matter_panels`` registry, never by importing us."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from duluan.core.extensions import Block, Figure, Table, matter_panel
from duluan.org.choices import Perm
from duluan.org.scope import unit_in_scope
from duluan.org.types import Actor

from .choices import ChannelKind
from .corrections import correction_preview, correction_summary

TITLE = "Đính chính tới người đã phản ánh qua các kênh"


@matter_panel("channels.corrections", TITLE, order=45)
def corrections_panel(actor: Actor, matter: Any) -> Block | None:
    summary = correction_summary(matter)
    preview = correction_preview(matter)
    if not summary.sent and not summary.pending and not summary.failed and not preview.new:
        return None  # no report of the matter came through a channel
    labels = dict(ChannelKind.choices)
    paragraphs = []
    if summary.sent:
        paragraphs.append(
            f"Đã gửi đính chính tới {summary.sent} người qua {summary.channels_label}."
        )
    if summary.pending:
        paragraphs.append(f"Đang gửi tới {summary.pending} người.")
    if summary.failed:
        paragraphs.append(
            f"{summary.failed} người chưa nhận được (kênh từ chối hoặc hết hạn trả lời)."
        )
    tables = []
    may_send = bool(preview.new and preview.reason) and unit_in_scope(
        actor, Perm.MATTER_HANDLE, matter.owning_unit
    )
    if preview.new:
        waiting = ", ".join(f"{labels.get(k, k)}: {n}" for k, n in sorted(preview.by_kind.items()))
        if may_send:
            tables.append(
                Table(
                    "Gửi đính chính",
                    ["Việc cần làm", "Người chưa nhận", "Theo kênh"],
                    [["Xem trước và gửi đính chính", len(preview.new), waiting]],
                    links=[reverse("channels:correction", args=[matter.pk])],
                )
            )
        elif not preview.reason:
            paragraphs.append(
                f"{len(preview.new)} người đã phản ánh qua các kênh ({waiting}). Gửi được đính "
                "chính khi vấn đề được xác minh là tin đồn hoặc đã có định hướng."
            )
    return Block(
        key="channels.corrections",
        title=TITLE,
        figures=[
            Figure("channels.corrections.sent", "Đã gửi đính chính", summary.sent),
            Figure("channels.corrections.waiting", "Chưa gửi", len(preview.new)),
        ],
        paragraphs=paragraphs,
        tables=tables,
    )
