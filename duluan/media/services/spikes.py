"""Spikes on media topics (the nlp app's robust score over daily counts) and the matter
an officer opens from one."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from duluan.cases.models import Matter
from duluan.cases.services import matter_create_from_report
from duluan.core.errors import NotFoundError, ValidationFailed
from duluan.intake.choices import Channel, Kind, Mood, Verifiability
from duluan.intake.services import ReportData, report_create
from duluan.org.scope import unit_in_scope
from duluan.org.types import Actor

from ..models import Article, DailyCount, MediaSpike
from ..permissions import MANAGE

WINDOW_DAYS = 7  # as nlp.spikes (imported on use: it loads numpy)
HISTORY_WINDOWS = 8
MIN_COUNT = 5  # fewer articles and comments in a week is never a spike (as nlp's default)
# A unit whose sources have less history than this has no baseline yet: no spike
# on the first days of following a source, when everything looks new.
MIN_HISTORY_DAYS = 2 * WINDOW_DAYS


def media_spikes_detect(*, today: date | None = None) -> list[MediaSpike]:
    """For each unit following sources and each topic: last 7 days against the 8 weeks before.
    Idempotent per (unit, topic, window end)."""
    from duluan.nlp.spikes import spike_score

    today = today or timezone.localdate()
    first = today - timedelta(days=WINDOW_DAYS * (HISTORY_WINDOWS + 1) - 1)
    rows = (
        DailyCount.objects.filter(day__gte=first, day__lte=today)
        .exclude(topic="")
        .values("source__unit_id", "topic", "day")
        .annotate(n=Sum("articles") + Sum("comments"))
    )
    series: dict[tuple[int, str], list[int]] = {}
    since: dict[int, date] = {}
    for r in rows:
        unit_id = r["source__unit_id"]
        since[unit_id] = min(since.get(unit_id, r["day"]), r["day"])
        window = (today - r["day"]).days // WINDOW_DAYS  # 0: the last 7 days
        counts = series.setdefault((r["source__unit_id"], r["topic"]), [0] * (HISTORY_WINDOWS + 1))
        counts[window] += r["n"]
    found = []
    for (unit_id, topic), counts in sorted(series.items()):
        if (today - since[unit_id]).days < MIN_HISTORY_DAYS:
            continue
        verdict = spike_score(counts[0], counts[1:], min_count=MIN_COUNT)
        if not verdict.is_spike:
            continue
        spike, _created = MediaSpike.objects.update_or_create(
            unit_id=unit_id,
            topic=topic,
            window_end=today,
            defaults={"count": verdict.count, "baseline": verdict.baseline, "score": verdict.score},
        )
        found.append(spike)
    return found


@transaction.atomic
def media_spike_open_matter(*, actor: Actor, spike: MediaSpike) -> Matter:
    """A report from the press channel (titles, outlets and links of the spike's top
    stories: no names) in the spike's unit, and a matter holding it."""
    if not unit_in_scope(actor, MANAGE, spike.unit):
        raise NotFoundError(_("Không tìm thấy cảnh báo."))
    if spike.matter_id:
        raise ValidationFailed(_("Đã lập vấn đề từ cảnh báo này."))
    from ..selectors import topic_names

    name = topic_names().get(spike.topic, spike.topic)
    start = timezone.now() - timedelta(days=WINDOW_DAYS)
    articles = (
        Article.objects.filter(source__unit=spike.unit, topic=spike.topic, published_at__gte=start)
        .order_by("-published_at")
        .values_list("title", "outlet", "link")[:10]
    )
    lines = [f"- {title} ({outlet}) {link}" for title, outlet, link in articles]
    text = _(
        "Báo chí, mạng xã hội: %(count)s bài về chủ đề «%(topic)s» trong 7 ngày đến "
        "%(day)s (mức thường %(baseline)s)."
    ) % {
        "count": spike.count,
        "topic": name,
        "day": spike.window_end.strftime("%d/%m/%Y"),
        "baseline": round(spike.baseline),
    }
    report = report_create(
        actor=actor,
        data=ReportData(
            unit_id=spike.unit_id,
            channel=Channel.PRESS,
            heard_at=timezone.now(),
            subject=_("Báo chí, mạng xã hội phản ánh nhiều về %s") % name,
            text="\n".join([text, *lines]),
            kind=Kind.OPINION,
            mood=Mood.NEUTRAL,
            verifiability=Verifiability.MULTIPLE,
        ),
    )
    matter = matter_create_from_report(actor=actor, report=report, topics=name)
    spike.matter = matter
    spike.save(update_fields=["matter"])
    return matter
