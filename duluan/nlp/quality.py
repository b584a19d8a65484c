"""The analysis model's quality on the demo province's ground truth (``DemoTruth``).

The demo's reports take their texts and labels from the corpus's demo part
(``corpus/demo.jsonl``), which no model trains on and no choice was made on, so
this is a held-out measure of the model as shipped (each text may appear in
several reports, with the unit's company named in it).
"""

from __future__ import annotations

from typing import Any

from .bundle import ModelBundle, active_bundle
from .pipeline import run
from .scoring import headline, metrics
from .services.analysis import report_text


def demo_quality(bundle: ModelBundle | None = None, limit: int | None = None) -> dict[str, Any]:
    """:func:`duluan.nlp.scoring.metrics` of the demo reports in the database."""
    from duluan.demo.models import DemoTruth

    bundle = bundle or active_bundle()
    rows = [
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
    if not rows:
        return {"n": 0, "model_version": bundle.version, "note": "no demo ground truth"}
    found = metrics(rows, run([r["text"] for r in rows], bundle))
    return {"model_version": bundle.version, "headline": headline(found), **found}
