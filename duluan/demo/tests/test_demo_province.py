"""The loaded demo province: structure, accounts, scope, truth, realism."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.utils import timezone

from duluan.demo.corpus_texts import company_mentions, set_company, subject_of, unit_company
from duluan.demo.models import DemoTruth
from duluan.demo.noise import strip_marks
from duluan.demo.orgspec import LEVEL_GRASSROOTS, LEVEL_PROVINCE, LEVEL_UPPER, org_spec
from duluan.intake.choices import Source
from duluan.intake.keys import submitter_key
from duluan.intake.models import Report, ReporterIdentity
from duluan.intake.selectors import ReportFilters, report_list
from duluan.nlp.corpus import CorpusItem, corpus_items
from duluan.org.choices import Role
from duluan.org.models import RoleAssignment, Unit, User

from .conftest import REPORTS, SEED, Loaded

pytestmark = pytest.mark.django_db


def _units(level: str) -> list[Unit]:
    return list(Unit.objects.filter(code__startswith="SH", level__name=level))


def test_builds_one_province_fifteen_upper_unions_and_about_150_grassroots(demo: Loaded) -> None:
    (province,) = _units(LEVEL_PROVINCE)
    uppers = _units(LEVEL_UPPER)
    grassroots = _units(LEVEL_GRASSROOTS)
    assert province.is_root() and province.name == "Liên đoàn Lao động tỉnh Sông Hồng"
    assert len(uppers) == 15
    assert all(u.get_parent() == province for u in uppers)
    assert 140 <= len(grassroots) <= 160
    assert all(u.depth == 3 and u.member_count > 0 and u.area for u in grassroots)
    assert len({u.name for u in grassroots}) == len(grassroots)
    assert province.member_count == sum(u.member_count for u in uppers)


def test_people_are_spread_over_units(demo: Loaded) -> None:
    roles = RoleAssignment.objects.filter(unit__code__startswith="SH")
    by_role = Counter(roles.values_list("role", flat=True))
    assert 190 <= by_role[Role.COLLABORATOR] <= 210
    assert by_role[Role.REPORTER] == 25
    assert by_role[Role.OFFICER] >= 16 and by_role[Role.LEADER] >= 16 and by_role[Role.ANALYST]
    covered = roles.filter(role=Role.COLLABORATOR, unit__level__name=LEVEL_GRASSROOTS)
    assert covered.values("unit").distinct().count() >= 100


def test_accounts_json_lists_every_role_at_three_levels_and_two_siblings(demo: Loaded) -> None:
    keys = {"username", "password", "role", "unit_code", "parent_unit_code"}
    assert all(set(row) == keys for row in demo.accounts)
    by_level: dict[str, set[str]] = defaultdict(set)
    for row in demo.accounts:
        unit = Unit.objects.get(code=row["unit_code"])
        parent = unit.get_parent()
        assert row["parent_unit_code"] == (parent.code if parent else None)
        by_level[unit.level.name].add(row["role"])
    for level in (LEVEL_PROVINCE, LEVEL_UPPER, LEVEL_GRASSROOTS):
        assert by_level[level] == set(Role.values)
    siblings = defaultdict(set)
    for row in demo.accounts:
        if Unit.objects.get(code=row["unit_code"]).level.name == LEVEL_GRASSROOTS:
            siblings[(row["parent_unit_code"], row["unit_code"])].add(row["role"])
    pairs = [
        u for (parent, u), roles in siblings.items() if {Role.OFFICER, Role.COLLABORATOR} <= roles
    ]
    assert len(pairs) >= 2
    assert "Tài khoản mẫu" in demo.output and "cs2.canbo" in demo.output


def test_every_listed_account_logs_in_with_the_shared_password(demo: Loaded, settings: Any) -> None:
    for row in demo.accounts:
        user = authenticate(username=row["username"], password=row["password"])
        assert user is not None, row["username"]
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert authenticate(username="cs1.canbo", password="sai-mat-khau") is None


def test_sibling_officers_cannot_see_each_others_reports(demo: Loaded) -> None:
    cs1 = User.objects.get(username="cs1.canbo")
    cs2 = User.objects.get(username="cs2.canbo")
    upper = User.objects.get(username="kcn.canbo")
    seen1 = set(report_list(cs1).values_list("unit__code", flat=True).distinct())
    seen2 = set(report_list(cs2).values_list("unit__code", flat=True).distinct())
    assert seen1 == {"SH-KCN-001"} and seen2 == {"SH-KCN-002"}
    other = Unit.objects.get(code="SH-KCN-002")
    assert not report_list(cs1, ReportFilters(unit_id=other.pk)).exists()
    assert {"SH-KCN-001", "SH-KCN-002"} <= set(
        report_list(upper).values_list("unit__code", flat=True)
    )


def test_truth_uses_taxonomy_codes(demo: Loaded, taxonomy: dict[str, set[str]]) -> None:
    truths = list(DemoTruth.objects.values_list("topics", "sentiment", "kind", "urgency", "seed"))
    assert len(truths) == REPORTS
    for topics, sentiment, kind, urgency, seed in truths:
        codes = topics.split(";")
        assert 1 <= len(codes) <= 3 and len(set(codes)) == len(codes)  # main first, at most 3
        assert set(codes) <= taxonomy["topic"], topics
        assert sentiment in taxonomy["sentiment"]
        assert kind in taxonomy["kind"]
        assert urgency in taxonomy["urgency"]
        assert seed == 7
    assert set(Report.objects.values_list("kind", flat=True)) <= taxonomy["kind"]
    assert sum(";" in t[0] for t in truths) > REPORTS * 0.05


def test_tet_bonus_worries_peak_in_december_and_january(demo: Loaded) -> None:
    months: dict[int, Counter[str]] = defaultdict(Counter)
    for topics, heard_at in DemoTruth.objects.values_list("topics", "report__heard_at"):
        month = timezone.localtime(heard_at).month
        months[month]["all"] += 1
        months[month][topics.split(";")[0]] += 1

    def share(*ms: int) -> float:
        return sum(months[m]["thuong_phuc_loi"] for m in ms) / sum(months[m]["all"] for m in ms)

    assert share(12, 1) > 2 * share(6)
    assert sum(months[m]["an_toan"] for m in (5, 6, 7)) / sum(
        months[m]["all"] for m in (5, 6, 7)
    ) > sum(months[m]["an_toan"] for m in (11, 12, 1)) / sum(months[m]["all"] for m in (11, 12, 1))


def test_texts_vary(demo: Loaded) -> None:
    texts = Counter(Report.objects.values_list("text", flat=True))
    items = corpus_items("demo")
    # The demo part's texts, most of them used, none over and over.
    assert len(texts) >= 0.8 * min(len(items), REPORTS)
    assert texts.most_common(1)[0][1] < 0.03 * REPORTS
    subjects = Counter(Report.objects.values_list("subject", flat=True))
    assert subjects.most_common(1)[0][1] < 0.03 * REPORTS
    lowered = " ".join(texts).lower()
    for habit in (" ko ", "nghe nói", "zalo", "triệu", "bhxh", " cty "):
        assert habit in lowered, habit
    assert any(text.isascii() for text in texts)  # typed without diacritics


def test_texts_and_truth_come_from_the_demo_part_of_the_corpus(demo: Loaded) -> None:
    """Every report says what a demo item says, in its unit's company, and the item's
    labels are its ground truth."""
    units = {u.code: u for u in org_spec(random.Random(SEED)).units}
    items = corpus_items("demo")
    tables: dict[str, dict[str, list[CorpusItem]]] = {}

    def said(company: str) -> dict[str, list[CorpusItem]]:
        if company not in tables:
            table: dict[str, list[CorpusItem]] = defaultdict(list)
            for it in items:
                table[set_company(it.text, company)].append(it)
            tables[company] = table
        return tables[company]

    companies = sorted({unit_company(u) for u in units.values()} - {""})
    rows = Report.objects.filter(source=Source.DEMO).values_list(
        "unit__code",
        "subject",
        "text",
        "demo_truth__topics",
        "demo_truth__sentiment",
        "demo_truth__kind",
        "demo_truth__urgency",
    )
    elsewhere = 0
    for code, subject, text, *truth in rows:
        own = unit_company(units[code])
        found = said(own).get(text)
        if found is None:  # a rumour about another enterprise, heard here
            elsewhere += 1
            found = next((said(c)[text] for c in companies if text in said(c)), None)
        elif own and company_mentions(found[0].text):
            assert own in text or strip_marks(own) in text, (code, text[:80])
        assert found, (code, text[:80])
        labels = {(";".join(it.topics), it.sentiment, it.kind, it.urgency) for it in found}
        assert tuple(truth) in labels, (code, text[:80])
        assert subject == subject_of(text)
    assert elsewhere < 0.05 * REPORTS


def test_rumours_come_from_social_networks_and_are_hard_to_verify(demo: Loaded) -> None:
    rumours = Report.objects.filter(demo_truth__kind="tin_don")
    assert rumours.count() >= 0.02 * REPORTS
    verif = Counter(rumours.values_list("verifiability", flat=True))
    assert verif["khong_kiem_chung"] + verif["mot_nguon"] > 0.7 * sum(verif.values())
    channels = Counter(rumours.values_list("channel", flat=True))
    assert channels.most_common(1)[0][0] == "mang_xa_hoi"


def test_hot_spots_are_bursts_of_urgent_reports_from_one_enterprise(demo: Loaded) -> None:
    hot = Report.objects.filter(demo_truth__urgency="diem_nong")
    per_unit = Counter(hot.values_list("unit__code", flat=True))
    code, count = per_unit.most_common(1)[0]
    assert count >= 4
    times = sorted(hot.filter(unit__code=code).values_list("heard_at", flat=True))
    assert times[-1] - times[0] <= timedelta(days=6)
    assert hot.filter(unit__code="SH-KCN-001").exists()  # the demo accounts' own enterprise


def test_reporters_mostly_agree_with_the_truth_but_not_always(demo: Loaded) -> None:
    pairs = list(
        Report.objects.values_list("kind", "demo_truth__kind", "mood", "demo_truth__sentiment")
    )
    kind_agree = sum(k == t for k, t, _, _ in pairs) / len(pairs)
    mood_agree = sum(m == s for _, _, m, s in pairs) / len(pairs)
    assert 0.75 < kind_agree < 0.97
    assert 0.75 < mood_agree < 0.97
    assert any(m == "trai_chieu" for _, _, m, _ in pairs)


def test_reports_are_in_the_past_year_and_carry_their_submitter(demo: Loaded) -> None:
    now = timezone.now()
    first = Report.objects.order_by("heard_at").first()
    last = Report.objects.order_by("-heard_at").first()
    assert first and last and now - timedelta(days=367) < first.heard_at and last.heard_at < now
    keys = {submitter_key(pk): pk for pk in User.objects.values_list("pk", flat=True)}
    # Reports that came through a channel (Zalo, the tip page) have no account behind them.
    assert set(
        Report.objects.exclude(source="kenh").values_list("submitter_key", flat=True)
    ) <= set(keys)
    assert set(Report.objects.filter(source="kenh").values_list("submitter_key", flat=True)) == {""}
    identities = ReporterIdentity.objects.filter(report__source="demo")
    assert 0.2 * REPORTS < identities.count() < 0.4 * REPORTS
    for identity in identities[:50]:
        assert keys[identity.report.submitter_key] == identity.user_id
        assert not identity.report.is_anonymous
    mine = Report.objects.filter(
        submitter_key=submitter_key(User.objects.get(username="cs1.ctv").pk)
    )
    assert mine.exists()


def test_if_empty_leaves_a_loaded_database_alone(demo: Loaded, tmp_path: Any) -> None:
    out = StringIO()
    path = tmp_path / "accounts.json"
    before = Report.objects.count()
    call_command("demo", "--if-empty", "--accounts-json", str(path), stdout=out, stderr=StringIO())
    assert "bỏ qua" in out.getvalue()
    assert Report.objects.count() == before
    assert Report.objects.filter(source="demo").count() == REPORTS
    assert path.read_text(encoding="utf-8").count('"username"') == len(demo.accounts)
    with pytest.raises(CommandError):
        call_command("demo", "--reports", "10", stdout=StringIO(), stderr=StringIO())
