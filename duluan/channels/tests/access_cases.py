"""Access rows of the channels app.

The world's report (``cs_a1``) came in as an SMS: the inbox lists it to those
who reach it with ``report.view``; marking it classified needs ``matter.handle``
on its subtree. Webhooks are public but signed: an unsigned request (every
actor, signed in or not) is refused with 403, and the channels are off here.
"""

from __future__ import annotations

from django.urls import reverse

from duluan.core.tests.matrix import Case, World, anyone, holds, reaches, report_linked
from duluan.org.choices import ROLE_PERMS, Perm


def build(world: World) -> None:
    from django.utils import timezone

    from duluan.channels.models import ChannelEndpoint, ChannelMessage

    world.extra["channel_message"] = ChannelMessage.objects.create(
        kind="sms",
        message_id="ma-tran-1",
        sender_key="0" * 64,
        unit=world.unit,
        report=world.report,
        sent_at=timezone.now(),
        state="cho_phan_loai",
    )
    # A message that matched no unit, waiting where the world's unit is ("Chưa xác
    # định đơn vị"): placed by those who handle matters there.
    world.extra["unrouted_message"] = ChannelMessage.objects.create(
        kind="sms",
        message_id="ma-tran-2",
        sender_key="1" * 64,
        unit=world.unit,
        sent_at=timezone.now(),
        state="khong_don_vi",
    )
    # The unit's anonymous tip page (tip_pages.py): listed, with its QR code and poster,
    # to those who handle matters there.
    world.extra["tip_page"] = ChannelEndpoint.objects.create(
        kind="tip", unit=world.unit, code="ma-tran-gop-y", replies=False
    )


PAGES: dict[str, Case] = {
    # "Tất cả": the world's report is grouped in its matter, so it is not waiting.
    "channels:inbox": Case(
        lambda w: reverse("channels:inbox") + "?trang_thai=",
        holds(Perm.REPORT_VIEW),
        shows=(report_linked, reaches(Perm.REPORT_VIEW)),
    ),
    "channels:classify": Case(
        lambda w: reverse("channels:classify", args=[w.extra["channel_message"].pk]),
        reaches(Perm.MATTER_HANDLE),
        method="POST",
        ok=302,
    ),
    "channels:unclassify": Case(
        lambda w: reverse("channels:unclassify", args=[w.extra["channel_message"].pk]),
        reaches(Perm.MATTER_HANDLE),
        method="POST",
        ok=302,
    ),
    "channels:place": Case(
        lambda w: reverse("channels:place", args=[w.extra["unrouted_message"].pk]),
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


# ── the anonymous tip page and corrections (tip_*.py, views_corrections.py) ──
def _tip_page(world: World) -> int:
    return int(world.extra["tip_page"].pk)


def tip_page_listed(world: World, text: str) -> bool:
    return "/gop-y/ma-tran-gop-y/" in text


HANDLE = reaches(Perm.MATTER_HANDLE)

PAGES.update(
    {
        # Public and cookie-less, but a channel like the others: off on the embedded
        # default (404 to everyone alike); tests/test_tip.py switches it on.
        "channels:tip_form": Case(
            lambda w: reverse("channels:tip_form", args=["ma-tran-gop-y"]),
            anyone,
            ok=404,
            public=True,
        ),
        "channels:tip_lookup": Case(
            lambda w: reverse("channels:tip_lookup"), anyone, ok=404, public=True
        ),
        "channels:tip_pages": Case(
            lambda w: reverse("channels:tip_pages"),
            holds(Perm.MATTER_HANDLE),
            shows=(tip_page_listed, HANDLE),
        ),
        # Refused (409, a message, no code) while the tip channel is off, as here.
        "channels:tip_qr": Case(
            lambda w: reverse("channels:tip_qr", args=[_tip_page(w), "svg"]), HANDLE, ok=409
        ),
        "channels:tip_poster": Case(
            lambda w: reverse("channels:tip_poster", args=[_tip_page(w)]), HANDLE, ok=409
        ),
        # The world's matter is a verified rumour: the preview answers (nobody to send to).
        "channels:correction": Case(
            lambda w: reverse("channels:correction", args=[w.extra["matter"].pk]), HANDLE
        ),
    }
)


# ── a direction sent to the Zalo OA followers of its target units (broadcast.py) ──
def handles_where_issued(role: str, relation: str) -> bool:
    """The world's direction was issued by ``upper_a`` (the "parent"): those who
    handle matters there send it; everyone else gets 404."""
    return Perm.MATTER_HANDLE in ROLE_PERMS[role] and relation == "parent"


PAGES.update(
    {
        # The Zalo channel is off here: the page says so, with no button.
        "channels:direction_broadcast": Case(
            lambda w: reverse(
                "channels:direction_broadcast", args=[w.extra["target"].direction_id]
            ),
            handles_where_issued,
        ),
    }
)
