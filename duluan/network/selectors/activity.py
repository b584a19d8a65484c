"""Activity per member and period, computed from the data; the inactive list; the
evaluation formula; evaluations in reach."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from duluan.cases.choices import Outcome
from duluan.channels.figures import reports_via_channels
from duluan.intake.choices import Urgency
from duluan.intake.keys import submitter_key
from duluan.intake.models import Report
from duluan.org.models import Unit, User
from duluan.org.scope import access_object, scope_q, subtree_q
from duluan.org.types import Actor
from duluan.reporting.models import PeriodicReport
from duluan.reporting.schedules import reports_due

from ..choices import Grade, RosterStatus
from ..models import Article, BriefingAttendance, Evaluation, NetworkMember, TrainingAttendance
from ..permissions import MANAGE, NOT_FOUND
from .common import access_own_or_scoped, own_units_q

# (figure, points each, cap): the formula shown on every evaluation.
WEIGHTS: tuple[tuple[str, int, int], ...] = (
    ("reports_sent", 2, 40),
    ("reports_confirmed", 3, 15),
    ("hot_spot_reports", 5, 10),
    ("briefings_attended", 3, 15),
    ("trainings_attended", 5, 10),
    ("articles", 2, 10),
    ("periodic_on_time", 2, 10),
)
LABELS = {
    "reports_sent": "Phản ánh đã gửi",
    "reports_via_channels": "Trong đó gửi qua email, SMS từ địa chỉ, số của mình",
    "reports_confirmed": "Phản ánh được xác minh là dư luận thật",
    "reports_rumour": "Phản ánh được xác minh là tin đồn",
    "hot_spot_reports": "Phản ánh điểm nóng",
    "briefings_attended": "Buổi giao ban có mặt",
    "trainings_attended": "Lớp tập huấn có điểm danh",
    "articles": "Bài viết, bài đăng",
    "periodic_on_time": "Báo cáo định kỳ gửi đúng hạn",
    "periodic_late": "Báo cáo định kỳ gửi trễ hạn",
}
THRESHOLDS = ((80, Grade.EXCELLENT), (60, Grade.GOOD), (35, Grade.DONE))


def local_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass
class Activity:
    reports_sent: int = 0  # those sent through a channel included
    reports_via_channels: int = 0
    reports_confirmed: int = 0
    reports_rumour: int = 0
    hot_spot_reports: int = 0
    briefings_attended: int = 0
    trainings_attended: int = 0
    articles: int = 0
    periodic_on_time: int = 0
    periodic_late: int = 0
    has_account: bool = True

    def score(self) -> int:
        total: int = sum(min(getattr(self, key) * each, cap) for key, each, cap in WEIGHTS)
        return min(100, total)


def formula_text() -> str:
    parts = [f"{LABELS[key]} × {each} (tối đa {cap})" for key, each, cap in WEIGHTS]
    grades = "; ".join(f"từ {limit} điểm: {grade.label}" for limit, grade in THRESHOLDS)
    return (
        "Điểm = " + " + ".join(parts) + f". Xếp loại gợi ý: {grades}; dưới 35 điểm: "
        f"{Grade.FAILED.label}. Có mặt tính theo điểm danh, không tính theo đăng ký."
    )


def suggested_grade(score: int) -> str:
    for limit, grade in THRESHOLDS:
        if score >= limit:
            return str(grade)
    return str(Grade.FAILED)


def member_activity(member: NetworkMember, start: date, end: date) -> Activity:
    """What the member did from ``start`` to ``end`` (exclusive), from the records."""
    since, until = local_start(start), local_start(end)
    result = Activity(has_account=member.user_id is not None)
    if member.user_id is not None:
        reports = Report.objects.filter(
            submitter_key=submitter_key(member.user_id), heard_at__gte=since, heard_at__lt=until
        )
        result.reports_sent = reports.count()
        result.hot_spot_reports = reports.filter(urgency=Urgency.HOT_SPOT).count()
        result.reports_confirmed = (
            reports.filter(
                matter_link__matter__verifications__outcome__in=[Outcome.CONFIRMED, Outcome.PARTLY]
            )
            .distinct()
            .count()
        )
        result.reports_rumour = (
            reports.filter(matter_link__matter__verifications__outcome=Outcome.RUMOUR)
            .distinct()
            .count()
        )
        timeliness = _periodic_timeliness([member.user_id], since, until)
        result.periodic_on_time, result.periodic_late = timeliness.get(member.user_id, (0, 0))
    result.briefings_attended = BriefingAttendance.objects.filter(
        member=member, present=True, briefing__held_at__gte=since, briefing__held_at__lt=until
    ).count()
    result.trainings_attended = TrainingAttendance.objects.filter(
        member=member,
        checked_in_at__isnull=False,
        training__starts_on__gte=start,
        training__starts_on__lt=end,
    ).count()
    result.articles = Article.objects.filter(
        author=member, published_on__gte=start, published_on__lt=end
    ).count()
    _add_channel_reports({member.pk: result}, [member], since, until)
    return result


def _add_channel_reports(
    out: dict[int, Activity], members: list[NetworkMember], since: datetime, until: datetime
) -> None:
    """Reports a member filed by e-mail or SMS from their own address or number (the
    channels know senders only by a keyed hash of it) count as reports they sent."""
    handles = {
        pk: (email, phone)
        for pk, email, phone in User.objects.filter(
            pk__in=[m.user_id for m in members if m.user_id is not None]
        ).values_list("pk", "email", "phone")
    }
    people: dict[int, tuple[list[str], list[str]]] = {}
    for m in members:
        email, phone = handles.get(m.user_id or 0, ("", ""))
        people[m.pk] = ([email], [m.phone, phone])
    for pk, n in reports_via_channels(people, since, until).items():
        out[pk].reports_via_channels = n
        out[pk].reports_sent += n


def activities_for(members: list[NetworkMember], start: date, end: date) -> dict[int, Activity]:
    """:func:`member_activity` for many members at once (a handful of grouped queries)."""
    since, until = local_start(start), local_start(end)
    out = {m.pk: Activity(has_account=m.user_id is not None) for m in members}
    by_key = {submitter_key(m.user_id): m.pk for m in members if m.user_id is not None}
    reports = Report.objects.filter(
        submitter_key__in=list(by_key), heard_at__gte=since, heard_at__lt=until
    )

    def grouped(queryset: Any, field: str = "submitter_key") -> dict[Any, int]:
        return dict(
            queryset.values_list(field)
            .annotate(n=Count("id", distinct=True))
            .values_list(field, "n")
        )

    confirmed = [Outcome.CONFIRMED, Outcome.PARTLY]
    for key, n in grouped(reports).items():
        out[by_key[key]].reports_sent = n
    for key, n in grouped(reports.filter(urgency=Urgency.HOT_SPOT)).items():
        out[by_key[key]].hot_spot_reports = n
    for key, n in grouped(
        reports.filter(matter_link__matter__verifications__outcome__in=confirmed)
    ).items():
        out[by_key[key]].reports_confirmed = n
    for key, n in grouped(
        reports.filter(matter_link__matter__verifications__outcome=Outcome.RUMOUR)
    ).items():
        out[by_key[key]].reports_rumour = n
    ids = list(out)
    briefings = BriefingAttendance.objects.filter(
        member_id__in=ids, present=True, briefing__held_at__gte=since, briefing__held_at__lt=until
    )
    for pk, n in grouped(briefings, "member_id").items():
        out[pk].briefings_attended = n
    trainings = TrainingAttendance.objects.filter(
        member_id__in=ids,
        checked_in_at__isnull=False,
        training__starts_on__gte=start,
        training__starts_on__lt=end,
    )
    for pk, n in grouped(trainings, "member_id").items():
        out[pk].trainings_attended = n
    articles = Article.objects.filter(
        author_id__in=ids, published_on__gte=start, published_on__lt=end
    )
    for pk, n in grouped(articles, "author_id").items():
        out[pk].articles = n
    _add_channel_reports(out, members, since, until)
    member_of = {m.user_id: m.pk for m in members if m.user_id is not None}
    for user_id, (on_time, late) in _periodic_timeliness(list(member_of), since, until).items():
        out[member_of[user_id]].periodic_on_time = on_time
        out[member_of[user_id]].periodic_late = late
    return out


def _periodic_timeliness(
    user_ids: list[int], since: datetime, until: datetime
) -> dict[int, tuple[int, int]]:
    """Per account: (on time, late) among the periodic reports it sent up in
    [since, until) that had a due date (computed, ``reporting.schedules``)."""
    sent = list(
        PeriodicReport.objects.filter(
            submitted_by_id__in=user_ids, submitted_at__gte=since, submitted_at__lt=until
        ).select_related("unit")
    )
    dues = reports_due(sent)
    counts: dict[int, tuple[int, int]] = {}
    for report in sent:
        due = dues[report.pk]
        if due is None or report.submitted_at is None or report.submitted_by_id is None:
            continue
        on_time, late = counts.get(report.submitted_by_id, (0, 0))
        if report.submitted_at <= due:
            on_time += 1
        else:
            late += 1
        counts[report.submitted_by_id] = (on_time, late)
    return counts


# ── inactive: own unit's officers only ───────────────────────────────────────
@dataclass(frozen=True)
class Inactive:
    member: NetworkMember
    last_report: datetime | None


def inactive_weeks() -> int:
    return int(settings.NETWORK_INACTIVE_WEEKS)


def inactive_list(actor: Actor, *, now: datetime | None = None) -> list[Inactive]:
    """Active collaborators of the actor's own units (where they hold MANAGE
    directly: not descendants, not siblings) with an account and no report
    heard in the last ``DULUAN_NETWORK_INACTIVE_WEEKS`` weeks. Someone
    appointed within that window is not listed yet."""
    moment = now or timezone.now()
    since = moment - timedelta(weeks=inactive_weeks())
    members = list(
        NetworkMember.objects.filter(own_units_q(actor), status=RosterStatus.ACTIVE)
        .exclude(user__isnull=True)
        .select_related("unit")
        .order_by("unit__path", "full_name")
    )
    if not members:
        return []
    keys = {submitter_key(m.user_id): m for m in members if m.user_id is not None}
    last = dict(
        Report.objects.filter(submitter_key__in=list(keys))
        .values("submitter_key")
        .annotate(last=Max("heard_at"))
        .values_list("submitter_key", "last")
    )
    started = dict(
        NetworkMember.objects.filter(pk__in=[m.pk for m in members])
        .annotate(first=Max("events__on"))
        .values_list("pk", "first")
    )
    out: list[Inactive] = []
    for key, member in keys.items():
        latest = last.get(key)
        if latest is not None and latest >= since:
            continue
        first = started.get(member.pk)
        if first is not None and local_start(first) > since:
            continue
        out.append(Inactive(member=member, last_report=latest))
    return out


# ── evaluations ──────────────────────────────────────────────────────────────
def access_evaluation(
    actor: Actor, evaluation_id: Any, perm: str = MANAGE, *, own: bool = True
) -> Evaluation:
    """An evaluation of a member in the actor's reach for ``perm``, or (``own``) the
    actor's own; otherwise not found."""
    evaluations = Evaluation.objects.select_related("member", "member__unit", "signed_by")
    if not own:
        return access_object(
            actor, evaluations, evaluation_id, perm, unit_field="member__unit", message=NOT_FOUND
        )
    return access_own_or_scoped(
        actor,
        evaluations,
        evaluation_id,
        perm,
        unit_field="member__unit",
        owner_field="member__user_id",
    )


def evaluation_list(
    actor: Actor, *, within: Unit | None = None, year: int | None = None
) -> QuerySet[Evaluation]:
    """Evaluations of members in the actor's MANAGE reach (optionally one subtree, one year)."""
    evaluations = Evaluation.objects.filter(scope_q(actor, MANAGE, unit_field="member__unit"))
    if within is not None:
        evaluations = evaluations.filter(subtree_q(within, field="member__unit"))
    if year:
        evaluations = evaluations.filter(year=year)
    return evaluations.select_related("member", "member__unit").order_by(
        "-year", "member__unit__path", "member__full_name"
    )
