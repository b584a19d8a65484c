"""Reads of the channels app, scoped to the actor's subtree."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet

from duluan.org.choices import Perm
from duluan.org.scope import scope_q
from duluan.org.types import Actor

from .choices import MessageState
from .models import ChannelMessage


def message_inbox(actor: Actor, *, state: str = MessageState.FILED) -> QuerySet[ChannelMessage]:
    """Messages filed as reports in the actor's reach, newest first ("chờ phân loại"
    by default). Only what the actor may read as reports; never a sender."""
    messages = ChannelMessage.objects.filter(scope_q(actor, Perm.REPORT_VIEW), report__isnull=False)
    # The state comes from the report too: one grouped in a matter (open or closed)
    # has been sorted, whatever the message says.
    in_matter = Q(report__matter_link__isnull=False)
    if state == MessageState.FILED:
        messages = messages.filter(state=MessageState.FILED).exclude(in_matter)
    elif state == MessageState.CLASSIFIED:
        messages = messages.filter(Q(state=MessageState.CLASSIFIED) | in_matter)
    elif state:
        messages = messages.filter(state=state)
    return messages.select_related("unit", "report", "report__matter_link").order_by(
        "-received_at", "-id"
    )


def inbox_waiting_count(actor: Actor) -> int:
    """For the navigation badge: messages waiting to be classified. No query while
    every channel is off (the embedded default), so no page pays for it then."""
    if not settings.CHANNELS:
        return 0
    return message_inbox(actor).count()


def message_unrouted(actor: Actor) -> QuerySet[ChannelMessage]:
    """Messages "chưa xác định đơn vị" waiting where the actor handles matters (the
    root unit's officers, when a message reached no endpoint), newest first."""
    return (
        ChannelMessage.objects.filter(
            scope_q(actor, Perm.MATTER_HANDLE), state=MessageState.UNROUTED, unit__isnull=False
        )
        .select_related("unit")
        .order_by("-received_at", "-id")
    )
