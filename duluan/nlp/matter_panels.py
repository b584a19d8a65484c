"""What the text analytics adds to a matter's page: reports like it not yet grouped."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from duluan.core.extensions import Block, matter_panel
from duluan.intake.models import Report
from duluan.org.choices import Perm
from duluan.org.scope import scope_filter
from duluan.org.types import Actor

from .report_panels import related_table
from .selectors import nearest_reports
from .services.analysis import report_text

QUERY_REPORTS = 5  # the matter is read as the text of its newest reports


@matter_panel("nlp.related", "Phản ánh giống vấn đề, chưa gộp", order=40)
def ungrouped_like_matter(actor: Actor, matter: Any) -> Block | None:
    """Reports in the actor's reach, in no matter yet, nearest to the matter's reports."""
    own = list(
        Report.objects.filter(matter_link__matter_id=matter.pk)
        .order_by("-heard_at")
        .values_list("pk", "subject", "text", "heard_at", "unit_id", "place")[:QUERY_REPORTS]
    )
    if not own:
        return None
    text = " ".join(report_text(s, t) for _, s, t, *_ in own)
    candidates = Report.objects.filter(
        scope_filter(actor, Perm.REPORT_VIEW), matter_link__isnull=True
    )
    found = nearest_reports(
        candidates,
        text=text,
        heard_at=own[0][3] or timezone.now(),
        unit_id=own[0][4],
        place=" ".join(p for *_, p in own if p),
        limit=8,
    )
    table = related_table(
        actor,
        found,
        "Phản ánh chưa thuộc vấn đề nào, giống nhất với các phản ánh của vấn đề này",
        lambda r: reverse("intake:report_detail", args=[r.pk]),
    )
    if table is None:
        return None
    return Block(
        key="nlp.related",
        title="Phản ánh giống vấn đề, chưa gộp",
        paragraphs=["Nếu cùng một sự việc, gộp bằng ô «Gộp thêm phản ánh số» ở trên."],
        tables=[table],
    )
