"""The media panel of the dashboard: articles, stories, comments and the main topics."""

from __future__ import annotations

from django.urls import reverse

from duluan.core.extensions import Block, Span, dashboard_panel
from duluan.org.models import Unit
from duluan.org.scope import unit_in_scope
from duluan.org.types import Actor

from .permissions import VIEW
from .report_sections import media_block


@dashboard_panel("media", "Báo chí, mạng xã hội", order=65)
def media_panel(actor: Actor, unit: Unit, span: Span) -> Block | None:
    if not unit_in_scope(actor, VIEW, unit):
        return None
    return media_block("media", "Báo chí, mạng xã hội", unit, span, link=reverse("media:index"))
