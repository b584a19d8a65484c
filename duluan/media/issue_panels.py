"""Media spikes on the emerging-issues page (nlp shows them through ``ISSUE_PANELS``)."""

from __future__ import annotations

from django.urls import reverse

from duluan.core.extensions import Block, Table, issue_panel
from duluan.org.types import Actor

from .selectors import spike_list, topic_names


@issue_panel("media", "Tăng đột biến trên báo chí, mạng xã hội", order=50)
def media_spikes_panel(actor: Actor) -> Block | None:
    spikes = list(spike_list(actor)[:10])
    if not spikes:
        return None
    names = topic_names()
    page = reverse("media:index")
    return Block(
        key="media_spikes",
        title="Tăng đột biến trên báo chí, mạng xã hội",
        tables=[
            Table(
                title="Tăng đột biến trên báo chí, mạng xã hội",
                columns=["Chủ đề", "Đơn vị", "Đến ngày", "Số bài 7 ngày", "Mức thường", "Vấn đề"],
                rows=[
                    [
                        names.get(s.topic, s.topic),
                        s.unit.name,
                        s.window_end.strftime("%d/%m/%Y"),
                        s.count,
                        round(s.baseline),
                        f"#{s.matter_id}" if s.matter_id else "Chưa lập (mở trang báo chí)",
                    ]
                    for s in spikes
                ],
                links=[f"{page}#spike-{s.pk}" for s in spikes],
                note="Mở chủ đề để xem các bài và lập vấn đề từ cảnh báo.",
            )
        ],
    )
