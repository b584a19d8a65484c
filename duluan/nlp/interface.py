"""What other apps call: analyse texts with the active model, plain data out.

``analyse_texts(["Công ty nợ lương 3 tháng"])[0].topics == ["tien_luong"]``.
Surveys, imports and the dashboard use this; they never import the pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .bundle import active_bundle
from .pipeline import run


@dataclass(frozen=True)
class TextAnalysis:
    topics: list[str]  # taxonomy codes, most likely first
    sentiment: str  # tieu_cuc / trung_lap / tich_cuc
    sentiment_confidence: float
    kind: str  # khieu_nai / kien_nghi / cau_hoi / khen_ngoi / thong_tin / tin_don
    kind_confidence: float
    urgency_signals: list[str]
    suggests_hot_spot: bool
    model_version: str
    topic_confidences: tuple[float, ...] = ()
    urgency: str = "binh_thuong"  # binh_thuong / can_chu_y / diem_nong
    urgency_confidence: float = 0.0


def analyse_texts(texts: Sequence[str]) -> list[TextAnalysis]:
    """Analyse each text (any length, any casing, with or without diacritics)."""
    if not texts:
        return []
    bundle = active_bundle()
    return [
        TextAnalysis(
            topics=[code for code, _ in doc.topics],
            sentiment=doc.sentiment,
            sentiment_confidence=round(doc.sentiment_confidence, 4),
            kind=doc.kind,
            kind_confidence=round(doc.kind_confidence, 4),
            urgency_signals=list(doc.urgency_signals),
            suggests_hot_spot=doc.suggests_hot_spot,
            model_version=bundle.version,
            topic_confidences=tuple(round(c, 4) for _, c in doc.topics),
            urgency=doc.urgency,
            urgency_confidence=round(doc.urgency_confidence, 4),
        )
        for doc in run(list(texts), bundle)
    ]


def nearest_reports(*args: Any, **kwargs: Any) -> list[Any]:
    """:func:`duluan.nlp.selectors.nearest_reports`: the reports among a scoped queryset
    nearest to a text (for apps above nlp: the matter a report may belong to)."""
    from .selectors import nearest_reports as found

    return found(*args, **kwargs)


__all__ = ["TextAnalysis", "analyse_texts", "nearest_reports"]
