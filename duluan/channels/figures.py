"""Channel figures for a unit's subtree over a span: the dashboard panel, the section
of every periodic report and the network's evaluation read them here (issue #20, item 8).

Counted are the reports the channels filed (``Source.CHANNEL``), by the channel
shown on the report, and the corrections sent back to their senders.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, Count, Value
from django.db.models.functions import Concat

from duluan.intake.choices import Channel, Source
from duluan.intake.models import Report
from duluan.org.models import Unit
from duluan.org.scope import subtree_q

from .choices import ChannelKind, MessageState
from .keys import sender_key
from .models import ChannelMessage
from .models_tip import CorrectionDelivery, DeliveryState

# The channels' codes on reports, in display order, and how a periodic report names them.
ROWS: tuple[tuple[str, str, str], ...] = (
    (Channel.ZALO, "zalo", "Zalo OA (nắm bắt qua mạng xã hội)"),
    (Channel.EMAIL, "email", "Thư điện tử"),
    (Channel.SMS, "sms", "Tin nhắn SMS"),
    (Channel.TIP_PAGE, "tip", "Trang góp ý ẩn danh"),
)


@dataclass(frozen=True)
class ChannelFigures:
    by_channel: dict[str, int]  # "zalo", "email", "sms", "tip" -> reports filed
    corrections_sent: int
    corrections_people: int

    @property
    def total(self) -> int:
        return sum(self.by_channel.values())


CORRECTIONS = "~corrections"  # the row of the corrections in the one query below


def channel_figures(unit: Unit, start: datetime, end: datetime) -> ChannelFigures:
    """Reports filed through each channel in ``unit``'s subtree, heard in
    ``[start, end)``, and corrections sent in that window for matters owned there.

    One query (the dashboard pins its count): the reports grouped by channel and
    the corrections' row (sent, people reached) in a ``UNION ALL``; the subtree by
    path, no id list."""
    reports = (
        Report.objects.filter(
            subtree_q(unit),
            source=Source.CHANNEL,
            heard_at__gte=start,
            heard_at__lt=end,
        )
        .order_by()
        .values_list("channel")
        .annotate(n=Count("id"), people=Value(0))
        .values_list("channel", "n", "people")
    )
    sent = (
        CorrectionDelivery.objects.filter(
            subtree_q(unit, field="matter__owning_unit"),
            state=DeliveryState.SENT,
            sent_at__gte=start,
            sent_at__lt=end,
        )
        .order_by()
        .annotate(row=Value(CORRECTIONS, output_field=CharField()))
        .values_list("row")
        .annotate(
            n=Count("id"),
            people=Count(Concat("kind", Value(":"), "sender_key"), distinct=True),
        )
        .values_list("row", "n", "people")
    )
    rows = {str(code): (int(n), int(people)) for code, n, people in reports.union(sent, all=True)}
    corrections_sent, corrections_people = rows.pop(CORRECTIONS, (0, 0))
    return ChannelFigures(
        by_channel={code: rows.get(channel, (0, 0))[0] for channel, code, _label in ROWS},
        corrections_sent=corrections_sent,
        corrections_people=corrections_people,
    )


def _handle_keys(emails: Iterable[str], phones: Iterable[str]) -> list[tuple[str, str]]:
    """The pseudonyms a person's own e-mail addresses and phone numbers carry on the
    channels (the same keyed hash the ingest stores): nothing new is stored to link
    them, the account or roster row already holds the handles."""
    keys = [(str(ChannelKind.EMAIL), sender_key("email", e)) for e in emails if e and e.strip()]
    keys += [(str(ChannelKind.SMS), sender_key("sms", p)) for p in phones if p and p.strip()]
    return keys


def reports_via_channels(
    people: Mapping[int, tuple[Sequence[str], Sequence[str]]], start: datetime, end: datetime
) -> dict[int, int]:
    """For each person (``id -> (e-mail addresses, phone numbers)``), the reports filed
    from their own addresses and numbers, sent in ``[start, end)``: what the network's
    evaluation counts for a collaborator who reports by e-mail or SMS. One query."""
    owner: dict[tuple[str, str], int] = {}
    for person, (emails, phones) in people.items():
        for key in _handle_keys(emails, phones):
            owner.setdefault(key, person)
    counts = {person: 0 for person in people}
    if not owner:
        return counts
    rows = (
        ChannelMessage.objects.filter(
            sender_key__in={key for _kind, key in owner},
            report__isnull=False,
            state__in=[MessageState.FILED, MessageState.CLASSIFIED],
            sent_at__gte=start,
            sent_at__lt=end,
        )
        .values_list("kind", "sender_key")
        .annotate(n=Count("id"))
        .values_list("kind", "sender_key", "n")
    )
    for kind, handle, n in rows:
        found = owner.get((str(kind), str(handle)))
        if found is not None:
            counts[found] += int(n)
    return counts
