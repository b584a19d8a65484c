"""The demo province's matters: every state, rumours corrected, hot spots on time and late."""

from __future__ import annotations

import itertools
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from duluan.cases.choices import Outcome, State
from duluan.cases.models import Direction, DirectionTarget, Matter, Transition
from duluan.cases.selectors import direction_progress
from duluan.org.models import User

from .conftest import Loaded

pytestmark = pytest.mark.django_db


def test_matters_stats_shows_every_state(demo: Loaded) -> None:
    out = StringIO()
    call_command("matters_stats", "--json", stdout=out)
    counts = json.loads(out.getvalue())
    assert set(counts) == set(State.values)
    assert all(counts[state] > 0 for state in State.values), counts


def test_rumours_are_corrected_and_directions_tracked(demo: Loaded) -> None:
    rumours = Matter.objects.filter(verifications__outcome=Outcome.RUMOUR).distinct()
    corrected = Direction.objects.filter(matter__in=rumours).exclude(correction="")
    assert corrected.exists()
    assert rumours.filter(state=State.DONG).exists()
    directing = Matter.objects.filter(state=State.DINH_HUONG)
    assert any(direction_progress(m).total > 0 for m in directing)
    assert DirectionTarget.objects.filter(acknowledged_at__isnull=False).exists()
    assert DirectionTarget.objects.filter(acknowledged_at__isnull=True).exists()


def test_hot_spots_are_on_time_and_overdue(demo: Loaded) -> None:
    now = timezone.now()
    hot = list(Matter.objects.filter(is_hot_spot=True))
    assert any(m.hot_reported_at and m.hot_reported_at <= m.hot_report_due for m in hot)  # type: ignore[operator]
    assert any(m.is_hot_overdue(now) for m in hot)
    assert Matter.objects.filter(hot_overdue_flagged_at__isnull=False).exists()


def test_timelines_follow_the_reports_in_time(demo: Loaded) -> None:
    for matter in Matter.objects.exclude(first_seen=None)[:20]:
        steps = list(Transition.objects.filter(matter=matter).order_by("at", "id"))
        assert all(s.at >= matter.first_seen for s in steps)  # type: ignore[operator]
        assert all(a.at <= b.at for a, b in itertools.pairwise(steps))


def test_officers_have_notices(demo: Loaded) -> None:
    officer = User.objects.get(username="tinh.canbo")
    assert officer.notifications.exists()  # type: ignore[attr-defined]
