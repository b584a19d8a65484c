"""What the text analytics adds to a report's page: the reports most like it."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from duluan.core.extensions import Block, Table, report_panel
from duluan.core.text import fold
from duluan.intake.models import Report
from duluan.org.types import Actor

from .display import similarity_label
from .selectors import RelatedReport, related_reports
from .stopwords import is_stopword

_WORD = re.compile(r"[^\W_]+")


def shared_names(keys: tuple[str, ...], text: str) -> list[str]:
    """The shared names (folded keys) as ``text`` writes them, diacritics and capitals
    kept, function words left out; a key none of whose words the text holds is left out."""
    written: dict[str, str] = {}
    for word in _WORD.findall(text or ""):
        if not is_stopword(word):
            written.setdefault(fold(word), word)
    names = []
    for key in keys:
        words = [written[w] for w in key.split() if w in written]
        if words and " ".join(words) not in names:
            names.append(" ".join(words))
    return names


def related_table(actor: Actor, found: list[RelatedReport], title: str, link: Any) -> Table | None:
    """Rows for the related reports the actor may read, best first."""
    if not found:
        return None
    reports = Report.objects.select_related("unit").in_bulk([r.report_id for r in found])
    rows: list[list[Any]] = []
    links: list[str] = []
    for r in found:
        report = reports.get(r.report_id)
        if report is None:
            continue
        names = shared_names(r.shared, f"{report.subject} {report.text} {report.place}")
        why = ["cùng " + ", ".join(names)] if names else []
        if r.same_unit:
            why.append("cùng đơn vị")
        rows.append(
            [
                f"#{report.pk} {report.subject}",
                report.heard_at.strftime("%d/%m/%Y"),
                report.unit.display_name,
                similarity_label(r.score),
                "; ".join(why),
            ]
        )
        links.append(link(report))
    if not rows:
        return None
    return Table(
        title=title,
        columns=["Phản ánh", "Ngày nghe", "Đơn vị", "Mức giống", "Lý do"],
        rows=rows,
        links=links,
    )


@report_panel("nlp.related", "Phản ánh liên quan", order=20, lazy=True)
def related_panel(actor: Actor, report: Report) -> Block | None:
    """The reports in reach nearest to this one, heard within a month of it."""
    table = related_table(
        actor,
        related_reports(actor, report),
        "Phản ánh giống nhất trong vòng một tháng (có thể cùng một sự việc)",
        lambda r: reverse("intake:report_detail", args=[r.pk]),
    )
    if table is None:
        return None
    return Block(key="nlp.related", title="Phản ánh liên quan", tables=[table])
