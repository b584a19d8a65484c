"""The channels' lines in a matter's timeline: each correction sent to the people
who reported it, with what happened per channel."""

from __future__ import annotations

from duluan.cases.models import Matter
from duluan.cases.presenters import TimelineLine
from duluan.core.extensions import matter_timeline_source
from duluan.org.types import Actor

from .corrections import correction_outcome
from .models_tip import Correction


@matter_timeline_source("channels.corrections", "Đính chính qua các kênh")
def correction_lines(actor: Actor, matter: Matter) -> list[TimelineLine]:
    """One line per correction sent (the actor may already read the matter)."""
    lines = []
    for correction in Correction.objects.filter(matter=matter).select_related("created_by"):
        who = correction.created_by
        name = str(getattr(who, "full_name", "") or who.get_username()) if who else "Hệ thống"
        lines.append(
            TimelineLine(
                correction.created_at,
                "correction",
                "Gửi đính chính",
                correction_outcome(correction),
                correction.text,
                name,
            )
        )
    return lines
