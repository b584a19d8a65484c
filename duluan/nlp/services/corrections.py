"""Staff corrections of predictions: stored, applied at once, used by the next retrain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import NotFoundError, ValidationFailed
from duluan.intake.choices import Kind
from duluan.intake.selectors import report_get
from duluan.org.scope import has_perm

from ..models import Correction, ReportAnalysis, ReportTopic, Sentiment, Topic
from ..permissions import CORRECT


def access_report_for_correction(actor: Any, report_id: int) -> Any:
    """The report, when the actor may read it and correct predictions; else 404."""
    report = report_get(actor, report_id)
    if not has_perm(actor, CORRECT):
        raise NotFoundError("Không tìm thấy phản ánh.")
    return report


@transaction.atomic
def correction_create(
    *,
    actor: Any,
    report_id: int,
    topics: Sequence[str] | None = None,
    sentiment: str | None = None,
    kind: str | None = None,
) -> list[Correction]:
    """Record what a person says the labels are; the analysis shows it at once."""
    report = access_report_for_correction(actor, report_id)
    analysis = ReportAnalysis.objects.filter(report=report).first()
    version = analysis.model_version if analysis else ""
    made: list[Correction] = []
    if topics is not None:
        codes = list(dict.fromkeys(t for t in topics if t))
        known = dict(Topic.objects.filter(code__in=codes, is_active=True).values_list("code", "id"))
        if not codes or len(known) != len(codes):
            raise ValidationFailed("Chủ đề không hợp lệ.")
        previous = ";".join(
            ReportTopic.objects.filter(report=report)
            .order_by("-confidence")
            .values_list("topic__code", flat=True)
        )
        value = ";".join(codes)
        if value != previous:
            made.append(
                Correction(
                    report=report, field=Correction.Field.TOPICS, value=value, previous=previous
                )
            )
            ReportTopic.objects.filter(report=report).delete()
            ReportTopic.objects.bulk_create(
                [ReportTopic(report=report, topic_id=known[c], confidence=1.0) for c in codes]
            )
    if sentiment is not None:
        if sentiment not in Sentiment.values:
            raise ValidationFailed("Cảm xúc không hợp lệ.")
        previous = analysis.sentiment if analysis else ""
        if sentiment != previous:
            made.append(
                Correction(
                    report=report,
                    field=Correction.Field.SENTIMENT,
                    value=sentiment,
                    previous=previous,
                )
            )
    if kind is not None:
        if kind not in Kind.values:
            raise ValidationFailed("Loại phản ánh không hợp lệ.")
        previous = analysis.kind if analysis else ""
        if kind != previous:
            made.append(
                Correction(
                    report=report, field=Correction.Field.KIND, value=kind, previous=previous
                )
            )
    for correction in made:
        correction.model_version = version
        correction.created_by = actor
        correction.full_clean()
        correction.save()
    if analysis is not None:
        if sentiment is not None:
            analysis.sentiment, analysis.sentiment_confidence = sentiment, 1.0
        if kind is not None:
            analysis.kind, analysis.kind_confidence = kind, 1.0
        analysis.save(
            update_fields=["sentiment", "sentiment_confidence", "kind", "kind_confidence"]
        )
    elif made and (sentiment or kind):
        ReportAnalysis.objects.create(
            report=report,
            sentiment=sentiment or Sentiment.NEUTRAL,
            sentiment_confidence=1.0 if sentiment else 0.0,
            kind=kind or "",
            kind_confidence=1.0 if kind else 0.0,
            model_version="",
        )
    if made:
        audit_record(
            actor=actor,
            action=Action.STATE_CHANGE,
            object_type="nlp_correction",
            object_ids=[c.pk for c in made],
            unit_id=report.unit_id,
            note=f"report {report.pk}",
        )
    return made
