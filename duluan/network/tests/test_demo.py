"""The demo province's ten years of network history: shaped like the seeds,
every petition state present, sections equal to the database, wiped by --force."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from duluan.core.extensions import REPORT_SECTIONS, Span
from duluan.demo.loader import demo_root
from duluan.network.models import (
    Article,
    Briefing,
    BriefingOpinion,
    Dialogue,
    NetworkMember,
    Petition,
    TrainingAttendance,
    TrainingClass,
)
from duluan.network.selectors.petitions import obligations_missing
from duluan.network.selectors.roster import coverage

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    out = StringIO()
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("demo", "--reports", "1500", "--seed", "11", stdout=out, stderr=StringIO())
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.mark.django_db
def test_ten_years_shaped_like_the_seeds(demo: str) -> None:
    root = demo_root()
    assert root is not None
    today = timezone.localdate()
    now = coverage(root, today)
    assert 180 <= now.collaborators <= 210
    assert 20 <= now.reporters <= 30
    assert now.units_with_media >= 16
    assert coverage(root, today.replace(year=today.year - 9)).collaborators < now.collaborators
    assert NetworkMember.objects.filter(status="da_nghi").count() >= 50
    assert 2100 <= Dialogue.objects.count() <= 2500
    assert set(Petition.objects.values_list("state", flat=True)) == {
        "chua_giai_quyet",
        "dang_giai_quyet",
        "da_giai_quyet",
        "khong_giai_quyet_duoc",
    }
    assert not Petition.objects.filter(state="khong_giai_quyet_duoc", reason="").exists()
    assert 10 <= TrainingClass.objects.count() <= 16
    per_class = (
        TrainingAttendance.objects.filter(training__unit=root).count()
        / TrainingClass.objects.filter(unit=root).count()
    )
    assert 70 <= per_class <= 100
    assert Briefing.objects.filter(kind="ctv_thang").count() >= 12 * 10
    assert (
        BriefingOpinion.objects.filter(report__channel="giao_ban").count()
        == BriefingOpinion.objects.count()
        > 0
    )
    assert Article.objects.count() >= 700
    # The last whole year: some enterprises missed their yearly dialogue, most did not
    # (in the current year most are still due until late in the year, so it depends on today).
    assert 0 < len(obligations_missing(root, today.year - 1)) < 60
    assert "network:" in demo or "Mạng lưới" in demo


@pytest.mark.django_db
def test_ten_year_review_sections_equal_the_database(demo: str) -> None:
    root = demo_root()
    assert root is not None
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    span = Span(datetime(today.year - 10, 1, 1, tzinfo=tz), datetime(today.year, 1, 1, tzinfo=tz))
    dialogues = REPORT_SECTIONS.get("network.dialogues").build(root, span)
    years = (span.start.date(), span.end.date())
    held = Dialogue.objects.filter(held_on__gte=years[0], held_on__lt=years[1])
    assert dialogues.figure("dialogues.count") == held.count()
    assert dialogues.figure("petitions.total") == Petition.objects.filter(dialogue__in=held).count()
    assert (
        dialogues.figure("petitions.resolved")
        == Petition.objects.filter(dialogue__in=held, state="da_giai_quyet").count()
    )
    training = REPORT_SECTIONS.get("network.training").build(root, span)
    assert (
        training.figure("training.classes")
        == TrainingClass.objects.filter(starts_on__gte=years[0], starts_on__lt=years[1]).count()
    )
    assert (
        training.figure("training.attendances")
        == TrainingAttendance.objects.filter(
            training__starts_on__gte=years[0],
            training__starts_on__lt=years[1],
            checked_in_at__isnull=False,
        ).count()
    )
    articles = REPORT_SECTIONS.get("network.articles").build(root, span)
    assert (
        articles.figure("articles.count")
        == Article.objects.filter(published_on__gte=years[0], published_on__lt=years[1]).count()
    )
    network = REPORT_SECTIONS.get("network.coverage").build(root, span)
    assert (
        network.figure("network.collaborators")
        == coverage(root, years[1] - timedelta(days=1)).collaborators
    )


@pytest.mark.django_db
def test_force_wipes_the_network_rows(demo: str) -> None:
    call_command(
        "demo", "--force", "--reports", "200", "--seed", "11", stdout=StringIO(), stderr=StringIO()
    )
    assert Dialogue.objects.count() > 2000  # rebuilt, not piled up
    assert Dialogue.objects.count() < 2600


def test_ten_year_review_docx_states_the_network_figures_of_the_database(
    demo: str, tmp_path: Any
) -> None:
    """`duluan report build --period <ten years> --format docx`: the document read back
    holds every network figure of the sections, which equal the database (above)."""
    from docx import Document

    from duluan.reporting.documents import fmt

    root = demo_root()
    assert root is not None
    year = timezone.localdate().year
    out = tmp_path / "review.docx"
    call_command(
        "report",
        "build",
        "--unit",
        root.code,
        "--period",
        f"{year - 10}..{year - 1}",
        "--format",
        "docx",
        "--out",
        str(out),
        stdout=StringIO(),
    )
    rows = {
        (row.cells[0].text.strip(), row.cells[-1].text.strip())
        for table in Document(str(out)).tables
        for row in table.rows
        if len(row.cells) >= 2
    }
    tz = timezone.get_current_timezone()
    span = Span(datetime(year - 10, 1, 1, tzinfo=tz), datetime(year, 1, 1, tzinfo=tz))
    checked = 0
    for entry in REPORT_SECTIONS.entries():
        if not entry.key.startswith("network."):
            continue
        block = entry.build(root, span)
        if block is None:
            continue
        for figure in block.figures:
            if figure.value:
                shown = fmt(figure.value) + (f" {figure.unit}" if figure.unit else "")
                # In the list of figures, or in a row of the section's own table (a
                # figure a table already states is not listed twice).
                assert (figure.label, shown) in rows or (figure.label, fmt(figure.value)) in rows, (
                    entry.key,
                    figure.code,
                )
                checked += 1
    assert checked >= 10
