"""Report sections and dashboard panels: every figure equals a database aggregate
for the unit's subtree and span, multi-year spans included."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.db.models import Q, Sum
from django.utils import timezone

from duluan.core.extensions import DASHBOARD_PANELS, REPORT_SECTIONS, Span
from duluan.network.models import (
    Article,
    BriefingAttendance,
    BriefingOpinion,
    Dialogue,
    Petition,
    TrainingAttendance,
)
from duluan.network.services.meetings import (
    OpinionIn,
    attendance_upsert,
    briefing_attendance_set,
    briefing_create,
    briefing_opinion_add,
    training_create,
)
from duluan.network.services.outreach import PageIn, article_create, declaration_submit
from duluan.network.services.petitions import dialogue_create, petition_add, petition_update
from duluan.org.scope import subtree_q

from .conftest import appoint

pytestmark = pytest.mark.django_db


def span(start: date, end: date) -> Span:
    tz = timezone.get_current_timezone()
    return Span(
        datetime(start.year, start.month, start.day, tzinfo=tz),
        datetime(end.year, end.month, end.day, tzinfo=tz),
    )


@pytest.fixture
def history(org_tree: Any) -> Any:
    tree = org_tree
    boss = tree.user("province")
    members = [
        appoint(boss, tree.cs_a1, "CTV Một", date(2016, 2, 1)),
        appoint(boss, tree.cs_a2, "CTV Hai", date(2018, 2, 1)),
        appoint(boss, tree.cs_b1, "CTV Ba", date(2024, 2, 1)),
        appoint(boss, tree.upper_a, "BCV Bốn", date(2017, 2, 1), kind="bcv"),
    ]
    for year, unit in ((2016, tree.upper_a), (2019, tree.upper_b), (2025, tree.province)):
        t = training_create(
            actor=boss, unit_id=unit.pk, title=f"Lớp {year}", starts_on=date(year, 5, 10)
        )
        for m in members[:3]:
            attendance_upsert(
                t, member=m, full_name=m.full_name, unit=m.unit, source="bang_ky", present=True
            )
        attendance_upsert(
            t, member=None, full_name="Khách Lạ", unit=None, source="dang_ky", present=False
        )
    for year in (2017, 2021, 2025):
        b = briefing_create(
            actor=boss,
            unit_id=tree.upper_a.pk,
            kind="ctv_thang",
            title=f"Giao ban {year}",
            held_at=timezone.make_aware(datetime(year, 3, 5, 8)),
        )
        briefing_attendance_set(
            actor=boss, briefing_id=b.pk, present_member_ids=[m.pk for m in members[:2]]
        )
        briefing_opinion_add(
            actor=boss,
            briefing_id=b.pk,
            opinion=OpinionIn(subject=f"Ý kiến {year}", text="Nội dung."),
        )
    states = ["da_giai_quyet", "dang_giai_quyet", "khong_giai_quyet_duoc", "chua_giai_quyet"]
    for i, (year, unit) in enumerate(
        ((2016, tree.cs_a1), (2020, tree.cs_a2), (2022, tree.cs_b1), (2025, tree.cs_a1))
    ):
        d = dialogue_create(
            actor=boss,
            unit_id=unit.pk,
            kind="doi_thoai" if i % 2 else "hoi_nghi_nld",
            held_on=date(year, 6, 1),
            participants=50 + i,
        )
        for j, state in enumerate(states[: i + 1]):
            p = petition_add(
                actor=boss,
                dialogue_id=d.pk,
                content=f"KN {year}-{j}",
                answerer="Giám đốc",
                due_at=timezone.make_aware(datetime(year, 7, 1)),
            )
            if state != "chua_giai_quyet":
                petition_update(
                    actor=boss,
                    petition_id=p.pk,
                    state=state,
                    reason="Ngoài thẩm quyền" if state == "khong_giai_quyet_duoc" else "",
                )
    for year, unit, rumour in (
        (2016, tree.cs_a1, True),
        (2020, tree.upper_b, False),
        (2025, tree.cs_a2, True),
    ):
        article_create(
            actor=boss,
            unit_id=unit.pk,
            kind="bai_viet",
            platform="fanpage",
            title=f"Bài {year}",
            published_on=date(year, 8, 1),
            reach=1000 * year % 7 + 100,
            interactions=year % 50,
            counters_rumour=rumour,
        )
    declaration_submit(
        actor=tree.user("cs_a1", "collaborator"),
        unit_id=tree.cs_a1.pk,
        pages=[PageIn("facebook", "fb.com/ctv1")],
    )
    return tree


@pytest.mark.parametrize(
    ("root_attr", "start", "end"),
    [
        ("province", date(2016, 1, 1), date(2026, 1, 1)),
        ("province", date(2021, 1, 1), date(2026, 1, 1)),
        ("upper_a", date(2016, 1, 1), date(2026, 1, 1)),
        ("upper_b", date(2019, 1, 1), date(2020, 1, 1)),
    ],
)
def test_section_figures_equal_database_aggregates(
    history: Any, root_attr: str, start: date, end: date
) -> None:
    root = getattr(history, root_attr)
    window = span(start, end)
    blocks = {
        e.key: e.build(root, window)
        for e in REPORT_SECTIONS.entries()
        if e.key.startswith("network.")
    }
    under = subtree_q(root)

    trainings = TrainingAttendance.objects.filter(
        subtree_q(root, field="training__unit"),
        training__starts_on__gte=start,
        training__starts_on__lt=end,
    )
    present = trainings.filter(checked_in_at__isnull=False)
    block = blocks["network.training"]
    if block is not None:
        assert block.figure("training.classes") == trainings.values("training").distinct().count()
        assert block.figure("training.attendances") == present.count()
        assert block.figure("training.people") == present.values("person_key").distinct().count()

    briefings = subtree_q(root, field="briefing__unit") & Q(
        briefing__held_at__gte=window.start, briefing__held_at__lt=window.end
    )
    block = blocks["network.briefings"]
    opinions = BriefingOpinion.objects.filter(briefings).count()
    assert (block is None) == (opinions == 0)
    if block is not None:
        assert block.figure("briefings.opinions") == opinions
        assert (
            block.figure("briefings.attendances")
            == BriefingAttendance.objects.filter(briefings, present=True).count()
        )

    dialogues = Dialogue.objects.filter(under, held_on__gte=start, held_on__lt=end)
    petitions = Petition.objects.filter(dialogue__in=dialogues)
    block = blocks["network.dialogues"]
    assert (block is None) == (not dialogues.exists())
    if block is not None:
        assert block.figure("dialogues.count") == dialogues.count()
        assert (
            block.figure("dialogues.participants")
            == dialogues.aggregate(n=Sum("participants"))["n"]
        )
        assert block.figure("petitions.total") == petitions.count()
        for code, state in (
            ("resolved", "da_giai_quyet"),
            ("in_progress", "dang_giai_quyet"),
            ("open", "chua_giai_quyet"),
            ("refused", "khong_giai_quyet_duoc"),
        ):
            assert block.figure(f"petitions.{code}") == petitions.filter(state=state).count()

    articles = Article.objects.filter(under, published_on__gte=start, published_on__lt=end)
    block = blocks["network.articles"]
    assert (block is None) == (not articles.exists())
    if block is not None:
        assert block.figure("articles.count") == articles.count()
        assert block.figure("articles.reach") == articles.aggregate(n=Sum("reach"))["n"]
        assert (
            block.figure("articles.counter_rumour") == articles.filter(counters_rumour=True).count()
        )


def test_network_section_counts_the_roster_at_the_end_of_the_span(history: Any) -> None:
    tree = history
    block = REPORT_SECTIONS.get("network.coverage").build(
        tree.province, span(date(2016, 1, 1), date(2026, 1, 1))
    )
    assert block.figure("network.collaborators") == 3
    assert block.figure("network.reporters") == 1
    assert block.figure("network.units_with_team") == 3
    assert block.figure("network.units") == 6
    assert block.figure("network.joined") == 4 and block.figure("network.left") == 0
    early = REPORT_SECTIONS.get("network.coverage").build(
        tree.province, span(date(2016, 1, 1), date(2017, 1, 1))
    )
    assert early.figure("network.collaborators") == 1 and early.figure("network.reporters") == 0
    declared = REPORT_SECTIONS.get("network.declarations").build(
        tree.upper_a, span(date(2016, 1, 1), date(2100, 1, 1))
    )
    assert declared.figure("declarations.declared") == 1
    assert declared.figure("declarations.required") == 3 * 6  # three units, six roles each


def test_dashboard_panels(history: Any) -> None:
    tree = history
    window = span(
        timezone.localdate() - timedelta(days=30), timezone.localdate() + timedelta(days=1)
    )
    panels = {e.key: e for e in DASHBOARD_PANELS.entries() if e.key.startswith("network.")}
    coverage = panels["network.coverage"].build(tree.user("province"), tree.province, window)
    assert coverage.figure("network.collaborators") == 3
    overdue = panels["network.overdue"].build(tree.user("province"), tree.province, window)
    assert (
        overdue.figure("petitions.overdue")
        == Petition.objects.filter(state__in=["chua_giai_quyet", "dang_giai_quyet"]).count()
    )
    assert panels["network.overdue"].build(tree.user("cs_b1"), tree.cs_a1, window) is None
