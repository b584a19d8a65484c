"""What the channels add to a matter's page: the corrections sent back to the people
who reported it through a channel, and the way to send one (issue #20, item 6).
Cases learns of this through the ``matter_panels`` registry, never by importing us."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from duluan.cases.choices import DirectionState
from duluan.cases.models import Direction
from duluan.core.extensions import Block, Figure, Table, matter_panel
from duluan.org.choices import Perm
from duluan.org.scope import unit_in_scope
from duluan.org.types import Actor

from .broadcast import broadcast_outcome, broadcast_refusal
from .choices import ChannelKind
from .corrections import correction_preview, correction_summary
from .models import DirectionBroadcast

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


BROADCAST_TITLE = "Định hướng tới người theo dõi Zalo OA"
BROADCAST_ACTION = "Gửi tới người theo dõi Zalo OA của các đơn vị nhận"


@matter_panel("channels.direction_broadcast", BROADCAST_TITLE, order=46)
def direction_broadcast_panel(actor: Actor, matter: Any) -> Block | None:
    """Each issued direction: the way to send it to the target units' followers
    (when the channel is on, the template set and the actor may), or what was sent."""
    directions = list(
        Direction.objects.filter(matter=matter, state=DirectionState.ISSUED).select_related("unit")
    )
    done = {b.direction_id: b for b in DirectionBroadcast.objects.filter(direction__in=directions)}
    rows: list[list[Any]] = []
    links: list[str] = []
    for direction in directions:
        url = reverse("channels:direction_broadcast", args=[direction.pk])
        if direction.pk in done:
            rows.append([broadcast_outcome(done[direction.pk]), direction.title])
            links.append(url if unit_in_scope(actor, Perm.MATTER_HANDLE, direction.unit) else "")
        elif not broadcast_refusal(actor, direction):
            rows.append([BROADCAST_ACTION, direction.title])
            links.append(url)
    if not rows:
        return None
    return Block(
        key="channels.direction_broadcast",
        title=BROADCAST_TITLE,
        figures=[
            Figure(
                "channels.direction_broadcast.sent",
                "Người theo dõi đã nhận định hướng",
                sum(b.sent for b in done.values()),
            )
        ],
        tables=[Table(BROADCAST_TITLE, ["Gửi qua Zalo OA", "Định hướng"], rows, links=links)],
    )
