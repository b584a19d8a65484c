"""Write analyses of reports: the pipeline's output stamped with the model version.

Staff corrections win over predictions: when a report has a correction of a
field, re-scoring keeps the corrected value (confidence 1.0). A hot spot is
suggested when the urgency (the model's, raised by the rules, or a person's) is
"điểm nóng".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.db import transaction
from django.utils import timezone

from duluan.intake.models import Report

from ..bundle import ModelBundle, active_bundle
from ..models import Correction, ReportAnalysis, ReportTopic, Topic, Urgency
from ..pipeline import Doc, run
from ..signals import send_reports_analysed

CHUNK = 1000


def report_text(subject: str, text: str) -> str:
    """What is analysed: the subject, then the body."""
    subject = (subject or "").strip()
    return f"{subject}. {text or ''}" if subject else (text or "")


def _latest_corrections(report_ids: Sequence[int]) -> dict[int, dict[str, str]]:
    found: dict[int, dict[str, str]] = {}
    rows = (
        Correction.objects.filter(report_id__in=report_ids)
        .order_by("created_at", "id")
        .values_list("report_id", "field", "value")
    )
    for report_id, field, value in rows:
        found.setdefault(report_id, {})[field] = value
    return found


def _write(
    ids: Sequence[int], docs: Sequence[Doc], bundle: ModelBundle, topics: dict[str, int]
) -> None:
    corrections = _latest_corrections(ids)
    now = timezone.now()
    analyses: list[ReportAnalysis] = []
    links: list[ReportTopic] = []
    for report_id, doc in zip(ids, docs, strict=True):
        fixed = corrections.get(report_id, {})
        sentiment, s_conf = doc.sentiment, doc.sentiment_confidence
        kind, k_conf = doc.kind, doc.kind_confidence
        urgency, u_conf = doc.urgency or Urgency.NORMAL, doc.urgency_confidence
        doc_topics = list(doc.topics)
        if "sentiment" in fixed:
            sentiment, s_conf = fixed["sentiment"], 1.0
        if "kind" in fixed:
            kind, k_conf = fixed["kind"], 1.0
        if "urgency" in fixed:
            urgency, u_conf = fixed["urgency"], 1.0
        if "topics" in fixed:
            doc_topics = [(code, 1.0) for code in fixed["topics"].split(";") if code]
        analyses.append(
            ReportAnalysis(
                report_id=report_id,
                sentiment=sentiment,
                sentiment_confidence=round(s_conf, 4),
                kind=kind,
                kind_confidence=round(k_conf, 4),
                urgency=urgency,
                urgency_confidence=round(u_conf, 4),
                urgency_signals=";".join(doc.urgency_signals)[:255],
                suggests_hot_spot=urgency == Urgency.HOT,
                model_version=bundle.version,
                analysed_at=now,
            )
        )
        for code, conf in doc_topics:
            if code in topics:
                links.append(
                    ReportTopic(
                        report_id=report_id, topic_id=topics[code], confidence=round(conf, 4)
                    )
                )
    with transaction.atomic():
        ReportAnalysis.objects.filter(report_id__in=ids).delete()
        ReportTopic.objects.filter(report_id__in=ids).delete()
        ReportAnalysis.objects.bulk_create(analyses, batch_size=2000)
        ReportTopic.objects.bulk_create(links, batch_size=2000)
        send_reports_analysed(list(ids))


def reports_analyse(
    report_ids: Iterable[int],
    *,
    bundle: ModelBundle | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Analyse the given reports (idempotent: the previous analysis is replaced)."""
    bundle = bundle or active_bundle()
    topics = dict(Topic.objects.filter(is_active=True).values_list("code", "id"))
    ids = sorted(set(report_ids))
    done = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = list(Report.objects.filter(pk__in=chunk).values_list("pk", "subject", "text"))
        if not rows:
            continue
        present = [r[0] for r in rows]
        docs = run([report_text(subject, text) for _, subject, text in rows], bundle)
        _write(present, docs, bundle, topics)
        done += len(present)
        if progress:
            progress(len(present))
    return done


def reports_rescore(
    *, everything: bool = False, progress: Callable[[int], None] | None = None
) -> int:
    """Analyse reports never analysed (or all of them with ``everything``)."""
    bundle = active_bundle()
    reports = Report.objects.all()
    if not everything:
        reports = reports.filter(analysis__isnull=True)
    ids = list(reports.order_by("pk").values_list("pk", flat=True))
    return reports_analyse(ids, bundle=bundle, progress=progress)
