"""Duplicates, emerging issues and spikes, on constructed cases."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duluan.conftest import OrgTree
from duluan.core.extensions import Span
from duluan.nlp.dashboard_panels import issues_panel
from duluan.nlp.models import SpikeAlert
from duluan.nlp.report_sections import issues_section, topics_section
from duluan.nlp.selectors import duplicate_groups, emerging_issues, subtree_reports
from duluan.nlp.services.analysis import reports_analyse
from duluan.nlp.services.spikes import spikes_detect
from duluan.nlp.similarity import cluster_texts, near_duplicate_groups
from duluan.nlp.spikes import spike_score
from duluan.notifications.models import Notification
from duluan.org.choices import Role

from .conftest import MakeReports

SAME = (
    "Công nhân xưởng may phản ánh công ty chậm trả lương tháng 10 đã hơn hai tuần, "
    "nhiều người phải vay mượn để trả tiền trọ."
)


def test_near_duplicates_pure() -> None:
    texts = [
        SAME,
        "Chuyển tiếp từ CĐCS: " + SAME,
        SAME.replace("hai tuần", "2 tuần") + " Đề nghị can thiệp.",
        "Bữa ăn ca kém chất lượng, cơm nguội",
        "Công ty tổ chức cho công nhân đi nghỉ mát",
    ]
    assert near_duplicate_groups(texts) == [[0, 1, 2]]
    assert near_duplicate_groups(texts[3:]) == []


def test_a_report_sent_by_three_units_is_one_cluster(
    org_tree: OrgTree, make_reports: MakeReports
) -> None:
    sent = [
        make_reports(org_tree.cs_a1, [SAME])[0],
        make_reports(org_tree.cs_a2, ["Đơn vị chuyển lên: " + SAME])[0],
        make_reports(org_tree.cs_b1, [SAME.replace("tháng 10", "tháng mười")])[0],
    ]
    make_reports(org_tree.cs_a1, ["Cho hỏi thủ tục nghỉ thai sản", "Giá phòng trọ tăng cao"])
    now = timezone.now()
    groups = duplicate_groups(
        subtree_reports(org_tree.province), start=now - timedelta(days=7), end=now
    )
    assert groups == [sorted([r.pk for r in sent], reverse=True)] or [
        sorted(g) for g in groups
    ] == [sorted(r.pk for r in sent)]


def test_clusters_pure() -> None:
    texts = [f"Công ty nợ lương tháng {m}, công nhân bức xúc" for m in range(1, 7)] + [
        "Bữa ăn ca kém chất lượng",
        "Cho hỏi thủ tục rút bảo hiểm xã hội",
    ]
    clusters = cluster_texts(texts)
    assert len(clusters) == 1
    assert sorted(clusters[0].members) == list(range(6))
    assert any("lương" in p for p in clusters[0].key_phrases)


def test_emerging_issues_quote_only_groups_of_ten(
    org_tree: OrgTree, make_reports: MakeReports, client: Client
) -> None:
    big = [
        f"Công ty nợ lương tháng {m % 12 + 1} tại tổ {m}, công nhân rất bức xúc" for m in range(12)
    ]
    small = [f"Bếp ăn ca phục vụ cơm nguội, thức ăn ít, ca {m}" for m in range(4)]
    reports = make_reports(org_tree.cs_a1, big + small)
    reports_analyse([r.pk for r in reports])
    officer = org_tree.user("upper_a", Role.OFFICER)
    issues = emerging_issues(officer)
    sizes = sorted(i.size for i in issues)
    assert sizes == [4, 12]
    large = next(i for i in issues if i.size == 12)
    little = next(i for i in issues if i.size == 4)
    assert large.quotable and large.quotes and large.summary
    assert not little.quotable and not little.quotes and not little.summary
    # Out of reach: another branch sees nothing.
    assert emerging_issues(org_tree.user("cs_b1", Role.OFFICER)) == []

    client.force_login(officer)
    page = client.get(reverse("nlp:issues")).content.decode()
    assert "12 phản ánh" in page and "không trích dẫn" in page

    now = timezone.now()
    span = Span(now - timedelta(days=30), now + timedelta(minutes=1), "tháng")
    block = issues_section(org_tree.province, span)
    assert block is not None and block.figure("nlp.issues") == 2
    topics = topics_section(org_tree.province, span)
    assert topics is not None and topics.figure("nlp.analysed") == 16
    panel = issues_panel(officer, org_tree.upper_a, span)
    assert panel is not None and any("«" in p for p in panel.paragraphs)
    assert issues_panel(org_tree.user("cs_b1", Role.OFFICER), org_tree.upper_a, span) is None


def test_spike_score_pure() -> None:
    assert spike_score(12, [1, 0, 2, 1, 1, 0, 1, 2]).is_spike
    assert not spike_score(10, [10, 9, 11, 10, 12, 10, 9, 10]).is_spike
    assert not spike_score(3, [0] * 8).is_spike  # too few to matter
    assert not spike_score(12, [1, 14, 2, 13, 1, 12, 15, 11]).is_spike  # noisy history


def _weekly(make_reports: MakeReports, unit: object, per_week: list[int]) -> None:
    """per_week[0] is the most recent week; reports mid-week, about wages in arrears."""
    now = timezone.now()
    for week, count in enumerate(per_week):
        moments = [now - timedelta(days=7 * week + 1, hours=i) for i in range(count)]
        texts = [f"Công ty nợ lương công nhân, tuần {week} lần {i}" for i in range(count)]
        reports = make_reports(unit, texts, moments)
        reports_analyse([r.pk for r in reports])


def test_a_burst_of_wage_arrears_in_one_unit_raises_an_alert(
    org_tree: OrgTree, make_reports: MakeReports
) -> None:
    _weekly(make_reports, org_tree.cs_a1, [12, 1, 0, 1, 2, 1, 0, 1, 1])
    alerts = spikes_detect()
    assert {a.unit_id for a in alerts} == {org_tree.cs_a1.pk}
    assert ("tien_luong", 12) in {(a.topic.code, a.count) for a in alerts}
    told = Notification.objects.filter(kind="nlp.spike")
    recipients = set(told.values_list("recipient_id", flat=True))
    assert org_tree.user("cs_a1", Role.OFFICER).pk in recipients
    assert org_tree.user("cs_b1", Role.OFFICER).pk not in recipients
    assert spikes_detect() == []  # once per window
    assert SpikeAlert.objects.count() == len(alerts)


def test_a_steady_stream_raises_nothing(org_tree: OrgTree, make_reports: MakeReports) -> None:
    _weekly(make_reports, org_tree.cs_a2, [8, 8, 7, 9, 8, 8, 7, 9, 8])
    assert spikes_detect() == []
    assert not Notification.objects.filter(kind="nlp.spike").exists()


def test_emerging_issues_are_cached_until_the_window_changes(
    org_tree: OrgTree, make_reports: MakeReports, settings, monkeypatch
) -> None:
    from duluan.intake.models import Report
    from duluan.nlp import selectors

    settings.NLP_ISSUES_CACHE_SECONDS = 600
    calls: list[int] = []
    real = selectors._issues_uncached

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(selectors, "_issues_uncached", counted)
    texts = [f"Công ty nợ lương tháng {m}, công nhân bức xúc, tổ {m}" for m in range(1, 6)]
    reports = make_reports(org_tree.cs_a1, texts)
    officer = org_tree.user("upper_a", Role.OFFICER)
    first = emerging_issues(officer)
    assert [i.size for i in first] == [5] and len(calls) == 1
    assert [i.size for i in emerging_issues(officer)] == [5] and len(calls) == 1  # from the cache

    make_reports(org_tree.cs_a2, ["Công ty nợ lương tháng 6, công nhân bức xúc, tổ 6"])
    assert [i.size for i in emerging_issues(officer)] == [6] and len(calls) == 2

    # Anonymised text (set without touching updated_at) is never served from the cache.
    Report.objects.filter(pk=reports[0].pk).update(
        text="[đã xoá]", subject="", text_anonymised_at=timezone.now()
    )
    emerging_issues(officer)
    assert len(calls) == 3

    # Another reader's scope is another key: the other branch sees nothing.
    assert emerging_issues(org_tree.user("cs_b1", Role.OFFICER)) == []
    settings.NLP_ISSUES_CACHE_SECONDS = 0
    before = len(calls)
    emerging_issues(officer)
    assert len(calls) == before + 1


def test_dashboard_issues_lag_new_reports_by_at_most_the_stale_window(
    org_tree: OrgTree, make_reports: MakeReports, settings, monkeypatch
) -> None:
    """Under a steady stream the dashboard clusters once per window, not per view;
    an anonymisation or an erasure is never served from the cache."""
    from duluan.intake.models import Report
    from duluan.nlp import selectors

    settings.NLP_ISSUES_CACHE_SECONDS = 600
    calls: list[int] = []
    real = selectors._issues_uncached

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    clock = [1_000_000.0]
    monkeypatch.setattr(selectors, "_issues_uncached", counted)
    monkeypatch.setattr("duluan.nlp.selectors.time.time", lambda: clock[0])
    texts = [f"Công ty nợ lương tháng {m}, công nhân bức xúc, tổ {m}" for m in range(1, 6)]
    reports = make_reports(org_tree.cs_a1, texts)
    end = timezone.now() + timedelta(minutes=1)
    start = end - timedelta(days=14)

    def sizes() -> list[int]:
        found = selectors.issues_from_reports(
            subtree_reports(org_tree.upper_a), start=start, end=end, stale_seconds=60
        )
        return [i.size for i in found]

    assert sizes() == [5] and len(calls) == 1
    make_reports(org_tree.cs_a2, ["Công ty nợ lương tháng 6, công nhân bức xúc, tổ 6"])
    clock[0] += 30
    assert sizes() == [5] and len(calls) == 1  # within the window: the last clustering
    clock[0] += 31
    assert sizes() == [6] and len(calls) == 2  # past it: reclustered

    # While one reader reclusters, the others are served the last value.
    make_reports(org_tree.cs_a2, ["Công ty nợ lương tháng 7, công nhân bức xúc, tổ 7"])
    clock[0] += 61
    key = selectors._window_key("issues", subtree_reports(org_tree.upper_a), start, end, (3, 10))
    from django.core.cache import cache

    assert cache.add(key + ":busy", 1, 60)
    assert sizes() == [6] and len(calls) == 2
    cache.delete(key + ":busy")
    assert sizes() == [7] and len(calls) == 3

    # Anonymised text is never served stale, even within the window.
    Report.objects.filter(pk=reports[0].pk).update(
        text="[đã xoá]", subject="", text_anonymised_at=timezone.now()
    )
    sizes()
    assert len(calls) == 4
    # An erased report (fewer reports than the cached value counted) neither.
    Report.objects.filter(pk=reports[1].pk).delete()
    sizes()
    assert len(calls) == 5
