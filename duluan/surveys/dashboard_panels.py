"""The surveys panel of the dashboard."""

from __future__ import annotations

from duluan.core.extensions import Block, Span, dashboard_panel
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import unit_in_scope
from duluan.org.types import Actor

from .headlines import headline_block


@dashboard_panel("surveys", "Khảo sát, thăm dò", order=60)
def surveys_panel(actor: Actor, unit: Unit, span: Span) -> Block | None:
    if not unit_in_scope(actor, Perm.REPORT_VIEW, unit):
        return None
    return headline_block("surveys", "Khảo sát, thăm dò", unit, span)
