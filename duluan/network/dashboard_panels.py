"""Panels of the leader's dashboard: coverage, inactive collaborators, overdue petitions."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from duluan.core.extensions import Block, Figure, Span, Table, dashboard_panel
from duluan.org.models import Unit
from duluan.org.scope import in_subtree, unit_in_scope
from duluan.org.types import Actor

from .permissions import VIEW
from .selectors.activity import inactive_list
from .selectors.figures import span_days
from .selectors.petitions import effective_due_of, petition_list
from .selectors.roster import coverage

LIMIT = 20


@dashboard_panel("network.coverage", "Độ bao phủ mạng lưới", order=60)
def coverage_panel(actor: Actor, unit: Unit, span: Span) -> Block | None:
    if not unit_in_scope(actor, VIEW, unit):
        return None
    _, end = span_days(span)
    cov = coverage(unit, min(end - timedelta(days=1), timezone.localdate()))
    return Block(
        key="network.coverage",
        title="Độ bao phủ mạng lưới",
        figures=[
            Figure("network.collaborators", "Cộng tác viên", cov.collaborators, "người"),
            Figure("network.reporters", "Báo cáo viên", cov.reporters, "người"),
            Figure(
                "network.units_with_team",
                "Đơn vị có tổ cộng tác viên",
                cov.units_with_team,
                "đơn vị",
            ),
            Figure("network.units", "Tổng số đơn vị", cov.units, "đơn vị"),
        ],
        tables=[
            Table(
                "Đơn vị chưa có tổ cộng tác viên",
                ["Đơn vị"],
                [[u.display_name] for u in cov.lacking[:LIMIT]],
                note=f"{len(cov.lacking)} đơn vị" if len(cov.lacking) > LIMIT else "",
            )
        ],
    )


@dashboard_panel("network.inactive", "Cộng tác viên không hoạt động", order=61)
def inactive_panel(actor: Actor, unit: Unit, span: Span) -> Block | None:
    """Only the actor's own units' collaborators (staff data stays with their officers)."""
    rows = [i for i in inactive_list(actor) if in_subtree(i.member.unit, unit)]
    if not rows:
        return None
    return Block(
        key="network.inactive",
        title="Cộng tác viên không hoạt động",
        figures=[
            Figure(
                "network.inactive",
                "Không gửi phản ánh trong thời gian quy định",
                len(rows),
                "người",
            )
        ],
        tables=[
            Table(
                "Danh sách",
                ["Họ và tên", "Đơn vị", "Phản ánh gần nhất"],
                [
                    [
                        i.member.full_name,
                        i.member.unit.display_name,
                        f"{timezone.localtime(i.last_report):%d/%m/%Y}"
                        if i.last_report
                        else "chưa có",
                    ]
                    for i in rows[:LIMIT]
                ],
            )
        ],
    )


@dashboard_panel("network.overdue", "Kiến nghị quá hạn trả lời", order=62)
def overdue_panel(actor: Actor, unit: Unit, span: Span) -> Block | None:
    if not unit_in_scope(actor, VIEW, unit):
        return None
    late = petition_list(actor, within=unit, overdue=True)
    count = late.count()
    if not count:
        return None
    return Block(
        key="network.overdue",
        title="Kiến nghị quá hạn trả lời",
        figures=[Figure("petitions.overdue", "Kiến nghị quá hạn", count, "kiến nghị")],
        link=f"{reverse('network:petition_list')}?{urlencode({'unit': unit.pk, 'overdue': 'on'})}",
        tables=[
            Table(
                "Quá hạn lâu nhất trước",
                ["Đơn vị", "Kiến nghị", "Người trả lời", "Hạn"],
                [
                    [
                        p.unit.display_name,
                        p.content[:120],
                        p.answerer,
                        f"{timezone.localtime(effective_due_of(p)):%d/%m/%Y}",
                    ]
                    for p in late[:LIMIT]
                ],
                links=[
                    reverse("network:dialogue_detail", args=[p.dialogue_id]) + f"#kien-nghi-{p.pk}"
                    for p in late[:LIMIT]
                ],
            )
        ],
    )
