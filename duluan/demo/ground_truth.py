"""The demo province's ground truth (``DemoTruth``), for the text analytics to measure
itself on (``duluan nlp seed-quality``, :func:`duluan.nlp.quality.demo_quality`)."""

from __future__ import annotations

from typing import Any

from duluan.core.extensions import ground_truth
from duluan.nlp.services.analysis import report_text

from .models import DemoTruth


@ground_truth("demo", "Dữ liệu mẫu demo")
def demo_truth(limit: int | None = None) -> list[dict[str, Any]]:
    """The demo reports' texts with the labels they were written from, by report."""
    return [
        {
            "text": report_text(subject, text),
            "topics": topics,
            "sentiment": sentiment,
            "kind": kind,
            "urgency": urgency,
        }
        for subject, text, topics, sentiment, kind, urgency in DemoTruth.objects.order_by(
            "report_id"
        ).values_list("report__subject", "report__text", "topics", "sentiment", "kind", "urgency")[
            : limit or None
        ]
    ]
