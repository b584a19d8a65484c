"""Staff corrections of predictions: stored, applied at once, used by the next retrain.

A correction says what a person reads in a report, field by field (topics,
sentiment, kind, urgency). ``confirm=True`` records the fields a person marked
right as well (value equal to the model's): the labelling queue's "Đúng" button.
Confirmations teach the model as much as changes do, and keep the held-out
comparison of the retrain gate fair (changes alone are, by construction, where
the active model was wrong).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import NotFoundError, ValidationFailed
from duluan.intake.choices import Kind
from duluan.intake.models import Report
from duluan.intake.selectors import report_get
from duluan.org.scope import acting_account, has_perm
from duluan.org.types import Actor

from ..models import Correction, ReportAnalysis, ReportTopic, Sentiment, Topic, Urgency
from ..permissions import CORRECT


def access_report_for_correction(actor: Actor, report_id: int) -> Report:
    """The report, when the actor may read it and correct predictions; else 404."""
    report = report_get(actor, report_id)
    if not has_perm(actor, CORRECT):
        raise NotFoundError("Không tìm thấy phản ánh.")
    return report


def _choice(value: str, allowed: Sequence[str], message: str) -> str:
    if value not in allowed:
        raise ValidationFailed(message)
    return value


@transaction.atomic
def correction_create(
    *,
    actor: Actor,
    report_id: int,
    topics: Sequence[str] | None = None,
    sentiment: str | None = None,
    kind: str | None = None,
    urgency: str | None = None,
    confirm: bool = False,
) -> list[Correction]:
    """Record what a person says the labels are; the analysis shows it at once.

    A field left ``None`` is not judged. With ``confirm`` a field equal to the
    model's answer is recorded as a confirmation; without it, only changes are.
    """
    report = access_report_for_correction(actor, report_id)
    analysis = ReportAnalysis.objects.filter(report=report).first()
    version = analysis.model_version if analysis else ""
    judged: list[tuple[str, str, str]] = []  # (field, value, previous)
    codes: list[str] = []
    known: dict[str, int] = {}
    if topics is not None:
        codes = list(dict.fromkeys(t for t in topics if t))
        known = dict(Topic.objects.filter(code__in=codes, is_active=True).values_list("code", "id"))
        if not codes or len(known) != len(codes):
            raise ValidationFailed("Chủ đề không hợp lệ.")
        previous = ";".join(
            ReportTopic.objects.filter(report=report)
            .order_by("-confidence", "id")
            .values_list("topic__code", flat=True)
        )
        judged.append((Correction.Field.TOPICS, ";".join(codes), previous))
    if sentiment is not None:
        _choice(sentiment, Sentiment.values, "Cảm xúc không hợp lệ.")
        judged.append(
            (Correction.Field.SENTIMENT, sentiment, analysis.sentiment if analysis else "")
        )
    if kind is not None:
        _choice(kind, Kind.values, "Loại phản ánh không hợp lệ.")
        judged.append((Correction.Field.KIND, kind, analysis.kind if analysis else ""))
    if urgency is not None:
        _choice(urgency, Urgency.values, "Mức khẩn không hợp lệ.")
        judged.append((Correction.Field.URGENCY, urgency, analysis.urgency if analysis else ""))
    made: list[Correction] = []
    for field, value, previous in judged:
        if value == previous and not confirm:
            continue
        correction = Correction(
            report=report,
            field=field,
            value=value,
            previous=previous,
            model_version=version,
            created_by=acting_account(actor),
        )
        correction.full_clean()
        correction.save()
        made.append(correction)
    changed = {c.field for c in made if c.value != c.previous}
    if Correction.Field.TOPICS in changed:
        ReportTopic.objects.filter(report=report).delete()
        ReportTopic.objects.bulk_create(
            [ReportTopic(report=report, topic_id=known[c], confidence=1.0) for c in codes]
        )
    elif any(c.field == Correction.Field.TOPICS for c in made):  # confirmed as they are
        ReportTopic.objects.filter(report=report).update(confidence=1.0)
    _apply(report, analysis, sentiment, kind, urgency, bool(made))
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


def _apply(
    report: Report,
    analysis: ReportAnalysis | None,
    sentiment: str | None,
    kind: str | None,
    urgency: str | None,
    any_made: bool,
) -> None:
    """The judged fields on the analysis at once, with full confidence."""
    if analysis is None:
        if any_made and (sentiment or kind or urgency):
            ReportAnalysis.objects.create(
                report=report,
                sentiment=sentiment or Sentiment.NEUTRAL,
                sentiment_confidence=1.0 if sentiment else 0.0,
                kind=kind or "",
                kind_confidence=1.0 if kind else 0.0,
                urgency=urgency or Urgency.NORMAL,
                urgency_confidence=1.0 if urgency else 0.0,
                suggests_hot_spot=urgency == Urgency.HOT,
                model_version="",
            )
        return
    fields: list[str] = []
    if sentiment is not None:
        analysis.sentiment, analysis.sentiment_confidence = sentiment, 1.0
        fields += ["sentiment", "sentiment_confidence"]
    if kind is not None:
        analysis.kind, analysis.kind_confidence = kind, 1.0
        fields += ["kind", "kind_confidence"]
    if urgency is not None:
        analysis.urgency, analysis.urgency_confidence = urgency, 1.0
        analysis.suggests_hot_spot = urgency == Urgency.HOT
        fields += ["urgency", "urgency_confidence", "suggests_hot_spot"]
    if fields:
        analysis.save(update_fields=fields)
