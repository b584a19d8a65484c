"""Find topic × unit spikes in the analysed reports and alert the unit's officers."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from duluan.org.models import Unit

from ..models import ReportTopic, SpikeAlert, Topic
from ..spikes import HISTORY_WINDOWS, WINDOW_DAYS, spike_score


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def spikes_detect(*, today: date | None = None, notify: bool = True) -> list[SpikeAlert]:
    """New alerts for the window ending ``today`` (inclusive); idempotent per window."""
    today = today or timezone.localdate()
    end = _start_of(today + timedelta(days=1))
    start = end - timedelta(days=WINDOW_DAYS * (HISTORY_WINDOWS + 1))
    rows = (
        ReportTopic.objects.filter(report__heard_at__gte=start, report__heard_at__lt=end)
        .values_list("topic_id", "report__unit_id", "report__heard_at")
        .iterator(chunk_size=5000)
    )
    # counts[(topic, unit)][w]: w = 0 is the recent window, 1.. the older ones.
    counts: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0] * (HISTORY_WINDOWS + 1))
    for topic_id, unit_id, heard_at in rows:
        w = int((end - heard_at).total_seconds() // (WINDOW_DAYS * 86400))
        if 0 <= w <= HISTORY_WINDOWS:
            counts[(topic_id, unit_id)][w] += 1
    min_count = settings.NLP_SPIKE_MIN_COUNT
    made: list[SpikeAlert] = []
    for (topic_id, unit_id), series in counts.items():
        verdict = spike_score(series[0], series[1:], min_count=min_count)
        if not verdict.is_spike:
            continue
        alert, created = SpikeAlert.objects.get_or_create(
            topic_id=topic_id,
            unit_id=unit_id,
            window_end=today,
            defaults={
                "window_days": WINDOW_DAYS,
                "count": verdict.count,
                "baseline": verdict.baseline,
                "spread": verdict.spread,
                "score": verdict.score,
            },
        )
        if created:
            made.append(alert)
            if notify:
                spike_notify(alert)
    return made


def spike_notify(alert: SpikeAlert) -> int:
    """In-app notice (and e-mail) to the officers and leaders of the unit and its parent."""
    # Imported here: cases sits above nlp; this is the one generic notice service.
    from duluan.notifications.selectors import unit_notified_users
    from duluan.notifications.services import notices_send

    unit = Unit.objects.get(pk=alert.unit_id)
    topic = Topic.objects.get(pk=alert.topic_id)
    units = [unit]
    parent = unit.get_parent()
    if parent is not None:
        units.append(parent)
    title = (
        f"Tăng đột biến: {topic.name} tại {unit.name}: {alert.count} phản ánh trong "
        f"{alert.window_days} ngày (thường khoảng {alert.baseline:g})"
    )
    sent = notices_send(
        unit_notified_users(units),
        kind="nlp.spike",
        key=f"spike:{alert.topic_id}:{alert.unit_id}:{alert.window_end.isoformat()}",
        title=title,
        url=reverse("nlp:issues") + f"?unit={alert.unit_id}",
        body=title + ". Đề nghị rà soát các phản ánh và xem xét có phải điểm nóng không.",
        unit_id=alert.unit_id,
    )
    return sent.notified
