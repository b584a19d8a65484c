"""Access rows of the channels app.

The world's report (``cs_a1``) came in as an SMS: the inbox lists it to those
who reach it with ``report.view``; marking it classified needs ``matter.handle``
on its subtree. Webhooks are public but signed: an unsigned request (every
actor, signed in or not) is refused with 403, and the channels are off here.
"""

from __future__ import annotations

from django.urls import reverse

from duluan.core.tests.matrix import Case, World, anyone, holds, reaches, report_linked
from duluan.org.choices import Perm


def build(world: World) -> None:
    from django.utils import timezone

    from duluan.channels.models import ChannelMessage

    world.extra["channel_message"] = ChannelMessage.objects.create(
        kind="sms",
        message_id="ma-tran-1",
        sender_key="0" * 64,
        unit=world.unit,
        report=world.report,
        sent_at=timezone.now(),
        state="cho_phan_loai",
    )


PAGES: dict[str, Case] = {
    "channels:inbox": Case(
        lambda w: reverse("channels:inbox"),
        holds(Perm.REPORT_VIEW),
        shows=(report_linked, reaches(Perm.REPORT_VIEW)),
    ),
    "channels:classify": Case(
        lambda w: reverse("channels:classify", args=[w.extra["channel_message"].pk]),
        reaches(Perm.MATTER_HANDLE),
        method="POST",
        ok=302,
    ),
    "channels:webhook": Case(
        lambda w: reverse("channels:webhook", args=["zalo"]),
        anyone,
        method="POST",
        ok=403,
        public=True,
    ),
}
