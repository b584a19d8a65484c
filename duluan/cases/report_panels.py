"""What the cases app adds to a report's page: the open matters the report may belong to."""

from __future__ import annotations

from django.urls import reverse

from duluan.core.extensions import Block, Cell, Table, report_panel
from duluan.intake.models import Report
from duluan.nlp.display import similarity_label
from duluan.nlp.interface import nearest_reports
from duluan.org.choices import Perm
from duluan.org.scope import scope_filter, unit_in_scope
from duluan.org.types import Actor

from .choices import CLOSED_STATES
from .models import Matter

SUGGEST_SCORE = 0.3  # a matter is suggested when one of its reports is at least this close
LIMIT = 3


@report_panel("cases.suggest", "Có thể thuộc vấn đề đang mở", order=10, lazy=True)
def matter_suggestions(actor: Actor, report: Report) -> Block | None:
    """Open matters in the actor's reach whose reports read like this one.

    Offered only for a report in no matter yet, to people who may group it.
    """
    if getattr(report, "matter_link", None) is not None:
        return None
    if not unit_in_scope(actor, Perm.MATTER_HANDLE, report.unit):
        return None
    from duluan.nlp.services.analysis import report_text

    grouped = Report.objects.filter(
        scope_filter(actor, Perm.REPORT_VIEW),
        matter_link__isnull=False,
    ).exclude(matter_link__matter__state__in=CLOSED_STATES)
    found = nearest_reports(
        grouped,
        text=report_text(report.subject, report.text),
        heard_at=report.heard_at,
        unit_id=report.unit_id,
        place=report.place,
        exclude=(report.pk,),
        limit=12,
        min_score=SUGGEST_SCORE,
    )
    if not found:
        return None
    matter_of = dict(
        Report.objects.filter(pk__in=[f.report_id for f in found]).values_list(
            "pk", "matter_link__matter_id"
        )
    )
    best: dict[int, float] = {}
    for f in found:
        matter_id = matter_of.get(f.report_id)
        if matter_id is not None and f.score > best.get(matter_id, 0):
            best[matter_id] = f.score
    matters = Matter.objects.select_related("owning_unit").in_bulk(list(best))
    ranked = sorted(best.items(), key=lambda kv: -kv[1])[:LIMIT]
    rows: list[list[Cell]] = [
        [
            f"Gắn vào vấn đề #{pk}: {matters[pk].title}",
            matters[pk].get_state_display(),
            matters[pk].owning_unit.display_name,
            similarity_label(score),
        ]
        for pk, score in ranked
        if pk in matters
    ]
    if not rows:
        return None
    links = [
        reverse("cases:matter_detail", args=[pk]) + f"?gop={report.pk}#a-report"
        for pk, _ in ranked
        if pk in matters
    ]
    return Block(
        key="cases.suggest",
        title="Có thể thuộc vấn đề đang mở",
        paragraphs=[
            "Phản ánh này giống các phản ánh của những vấn đề dưới đây. Mở vấn đề để gộp "
            "(số phản ánh đã điền sẵn)."
        ],
        tables=[
            Table(
                title="Vấn đề đang mở gần nhất",
                columns=["Vấn đề", "Bước", "Đơn vị chủ trì", "Mức giống"],
                rows=rows,
                links=links,
            )
        ],
    )
