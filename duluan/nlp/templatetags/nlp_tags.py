"""``{% nlp_report_panel report %}``: predictions and the correction form on the report page."""

from __future__ import annotations

from typing import Any

from django import template

from duluan.intake.choices import Kind
from duluan.org.scope import has_perm

from ..display import certainty_legend, confidence_label, confidence_meaning
from ..forms import CorrectionForm
from ..permissions import CORRECT
from ..selectors import report_analysis
from ..urgency import signal_label

register = template.Library()


@register.inclusion_tag("nlp/_report_panel.html", takes_context=True)
def nlp_report_panel(context: dict[str, Any], report: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    data = report_analysis(report)
    can_correct = user is not None and has_perm(user, CORRECT)
    form = None
    if can_correct:
        initial: dict[str, Any] = {}
        if data:
            initial = {
                "topics": data["topic_codes"],
                "sentiment": data["analysis"].sentiment,
                "kind": data["analysis"].kind,
                "urgency": data["analysis"].urgency,
            }
        form = CorrectionForm(initial=initial, auto_id="nlp_%s")
    return {
        "report": report,
        "data": data,
        "signals": [signal_label(s) for s in (data["signals"] if data else [])],
        "kind_label": dict(Kind.choices).get(data["analysis"].kind, "") if data else "",
        "certainty_legend": certainty_legend(),
        "form": form,
        "can_correct": can_correct,
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def confidence_words(value: float | None) -> str:
    """0.93 → "chắc chắn", 0.8 → "khá chắc", 0.5 → "cần xem lại" (:mod:`duluan.nlp.display`)."""
    return confidence_label(value)


@register.filter
def confidence_hint(value: float | None) -> str:
    """What the level of ``value`` means, for a tooltip: no number, a share in words."""
    return confidence_meaning(value)


@register.filter
def percent(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{round(float(value) * 100)}%"


@register.filter
def pct1(value: float | str | None) -> str:
    """0.8534 → "85,3" (a share as a percentage with one decimal, Vietnamese comma)."""
    if value is None or value == "":
        return "—"
    return f"{float(value) * 100:.1f}".replace(".", ",")
