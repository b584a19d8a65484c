"""The analysis model's quality on the demo's ground truth (``DemoTruth``).

The demo generator writes its own labels apart from the reports; the seed model
never saw those texts (the seed set is hand-written, see ``seed/``), so this is a
held-out measure of the product as shipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.metrics import f1_score

from .bundle import ModelBundle, active_bundle
from .pipeline import run
from .services.analysis import report_text


def _f1(y: Sequence[str], p: Sequence[str], avg: str) -> float:
    return round(float(f1_score(list(y), list(p), average=avg, zero_division=0)), 4)


def _mean(flags: Sequence[bool]) -> float:
    return round(float(np.mean(flags)), 4) if flags else 0.0


def quality_on(
    texts: Sequence[str],
    topics: Sequence[Sequence[str]],
    sentiments: Sequence[str],
    kinds: Sequence[str],
    bundle: ModelBundle,
) -> dict[str, Any]:
    """Topic (main, any, micro-F1), sentiment and kind (accuracy, macro/weighted F1)."""
    docs = run(list(texts), bundle)
    pred_topics = [[c for c, _ in d.topics] for d in docs]
    pairs = list(zip(pred_topics, topics, strict=True))
    tp = sum(len(set(p) & set(t)) for p, t in pairs)
    n_pred = sum(len(p) for p in pred_topics)
    n_true = sum(len(t) for t in topics)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_true if n_true else 0.0
    s_pred = [d.sentiment for d in docs]
    k_pred = [d.kind for d in docs]
    return {
        "n": len(docs),
        "model_version": bundle.version,
        "topic_main_accuracy": _mean([bool(p) and bool(t) and p[0] == t[0] for p, t in pairs]),
        "topic_any_accuracy": _mean([bool(p) and p[0] in t for p, t in pairs]),
        "topic_micro_f1": round(2 * precision * recall / (precision + recall), 4)
        if precision + recall
        else 0.0,
        "sentiment_accuracy": _mean([a == b for a, b in zip(sentiments, s_pred, strict=True)]),
        "sentiment_macro_f1": _f1(sentiments, s_pred, "macro"),
        "sentiment_weighted_f1": _f1(sentiments, s_pred, "weighted"),
        "kind_accuracy": _mean([a == b for a, b in zip(kinds, k_pred, strict=True)]),
        "kind_macro_f1": _f1(kinds, k_pred, "macro"),
        "kind_weighted_f1": _f1(kinds, k_pred, "weighted"),
    }


def demo_quality(bundle: ModelBundle | None = None, limit: int | None = None) -> dict[str, Any]:
    """:func:`quality_on` the demo reports in the database (``duluan demo`` first)."""
    from duluan.demo.models import DemoTruth

    bundle = bundle or active_bundle()
    rows = list(
        DemoTruth.objects.order_by("report_id").values_list(
            "report__subject", "report__text", "topics", "sentiment", "kind"
        )[: limit or None]
    )
    if not rows:
        return {"n": 0, "model_version": bundle.version, "note": "no demo ground truth"}
    return quality_on(
        [report_text(s, t) for s, t, *_ in rows],
        [[c for c in r[2].split(";") if c] for r in rows],
        [r[3] for r in rows],
        [r[4] for r in rows],
        bundle,
    )
