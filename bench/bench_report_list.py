"""Report-list latency over 1,000,000 reports in a 166-unit province.

Builds (or reuses) var/bench/report_list.sqlite3: one province, 15 upper
unions, 150 grassroots unions and a million reports written with raw
``executemany`` in one transaction. Then times what the list page does
(scope + filters, ``COUNT(*)``, 25 rows) for a province officer, a grassroots
officer, a filtered query and a text search, and ``GET /api/reports`` through
the test client with a Bearer token. Prints ``EXPLAIN QUERY PLAN`` of each.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bench.common import (
    GRASSROOTS_PER_UPPER,
    UPPER,
    bench_province,
    carried_scale_parts,
    ensure_pg_database,
    ensure_scale_data,
    median,
    percentile,
    pg_years,
    previous_results,
    scale_child,
    scale_label,
    scale_partitioned,
    scale_reports,
    scale_url,
    setup_django,
)

NAME = "report_list"
REPORTS = 1_000_000
RUNS = 30
WARM_UP = 3
PAGE_SIZE = 25
SEED = 20260301
SEARCH_WORD = "thai san"  # in about 1 report of 12

_SUBJECTS = [
    "Chậm trả lương tháng {n}",
    "Tăng ca kéo dài ở tổ {n}",
    "Bếp ăn ca đêm thiếu món",
    "Hỏi về chế độ thai sản",
    "Lo ngại cắt giảm lao động",
    "Khen ngợi tổ chức Tết sum vầy",
    "Tin đồn công ty chuyển xưởng",
    "Đề nghị tăng phụ cấp đi lại",
    "Phòng trọ công nhân tăng giá",
    "Xe đưa đón công nhân quá tải",
    "Bảo hiểm xã hội chưa được chốt sổ",
    "Nhà vệ sinh khu B xuống cấp",
]
_SENTENCES = [
    "Nhiều anh chị em trong tổ phản ánh tình trạng này đã kéo dài.",
    "Công nhân mong công đoàn cơ sở làm việc với ban giám đốc.",
    "Một số người lao động có ý định nghỉ việc nếu không cải thiện.",
    "Ý kiến được nêu tại buổi giao ban tổ trưởng sáng thứ hai.",
    "Người lao động đề nghị được giải thích rõ cách tính.",
    "Tâm trạng chung khá bức xúc, cần theo dõi thêm.",
]


def _text_pool(rng: random.Random, size: int = 4000) -> list[tuple[str, str, str, str]]:
    """(subject, text, place, search_text) combinations, folded once, drawn at random."""
    from duluan.intake.services import report_search_text

    pool = []
    for _ in range(size):
        subject = rng.choice(_SUBJECTS).format(n=rng.randint(1, 12))
        text = " ".join(rng.sample(_SENTENCES, rng.randint(1, 3)))
        place = f"Công ty TNHH Số {rng.randint(1, 400)}"
        pool.append((subject, text, place, report_search_text(subject, text, place)))
    return pool


# ── building the data ────────────────────────────────────────────────────────
def _rows(
    grassroots: list[Any], columns: list[str], defaults: dict[str, Any]
) -> Iterator[tuple[Any, ...]]:
    from duluan.intake.choices import Channel, Kind, Mood, Source, Urgency, Verifiability

    rng = random.Random(SEED)
    pool = _text_pool(rng)
    unit_ids = [u.pk for u in grassroots]
    channels, kinds, moods = Channel.values, Kind.values, Mood.values
    urgencies = [Urgency.NORMAL] * 8 + [Urgency.ATTENTION] * 3 + [Urgency.HOT_SPOT]
    verifs = Verifiability.values
    end = datetime(2026, 11, 1, tzinfo=UTC)
    span = int(timedelta(days=730).total_seconds())
    created = end.strftime("%Y-%m-%d %H:%M:%S")
    for _ in range(REPORTS):
        subject, text, place, search = pool[rng.randrange(len(pool))]
        heard = (end - timedelta(seconds=rng.randrange(span))).strftime("%Y-%m-%d %H:%M:%S")
        values = {
            "unit_id": unit_ids[rng.randrange(len(unit_ids))],
            "channel": channels[rng.randrange(len(channels))],
            "heard_at": heard,
            "place": place,
            "subject": subject,
            "text": text,
            "people_count": None,
            "kind": kinds[rng.randrange(len(kinds))],
            "mood": moods[rng.randrange(len(moods))],
            "urgency": urgencies[rng.randrange(len(urgencies))],
            "verifiability": verifs[rng.randrange(len(verifs))],
            "source": Source.DEMO,
            "is_anonymous": True,
            "submitter_key": "",
            "import_key": None,
            "search_text": search,
            "created_at": created,
            "updated_at": created,
        }
        yield tuple(values[c] if c in values else defaults[c] for c in columns)


def _ensure_reports(grassroots: list[Any]) -> float:
    """Insert the million rows unless they are there; returns seconds spent."""
    from django.db import connection, transaction

    from duluan.intake.models import Report

    if Report.objects.count() == REPORTS:
        return 0.0
    started = time.perf_counter()
    Report.objects.all().delete()
    fields = [f for f in Report._meta.concrete_fields if not f.primary_key]
    columns = [str(f.column) for f in fields]
    # Columns added later by other work get their model default (or NULL).
    defaults = {str(f.column): (f.get_default() if f.has_default() else None) for f in fields}
    table = Report._meta.db_table
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})"  # noqa: S608
    rows = _rows(grassroots, columns, defaults)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA cache_size = -200000")
        while True:
            batch = [row for _, row in zip(range(50_000), rows, strict=False)]
            if not batch:
                break
            cursor.executemany(sql, batch)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return time.perf_counter() - started


def _ensure_people(province: Any, grassroots: Any) -> tuple[Any, Any]:
    from duluan.org.choices import Role
    from duluan.org.models import User
    from duluan.org.services import role_assign, user_create

    def person(username: str, unit: Any) -> Any:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(username=username, password=None, full_name=username)
            role_assign(user=user, unit=unit, role=Role.OFFICER)
        return user

    return person("bench_province", province), person("bench_grassroots", grassroots)


# ── timing ───────────────────────────────────────────────────────────────────
def _time(fn: Callable[[], object]) -> dict[str, float]:
    for _ in range(WARM_UP):
        fn()
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return {
        "p50_ms": round(median(samples), 2),
        "p95_ms": round(percentile(samples, 95), 2),
        "max_ms": round(max(samples), 2),
    }


def _first_page(actor: Any, filters: Any = None) -> Callable[[], tuple[int, list[Any]]]:
    """What the list page does: the scoped selector, a Paginator, page 1.

    The scale parts use the page's own paginator choice (a free-text search
    counts at most 10,000, the plain list 100,000: ``intake.views``); the
    SQLite part keeps the plain count it was first measured with."""
    from django.core.paginator import Paginator

    from duluan.intake.selectors import report_list
    from duluan.intake.views import CappedPaginator, ListPaginator
    from duluan.org.scope import forget_roles

    paginator: type[Paginator] = Paginator
    if os.environ.get("DULUAN_BENCH_PART") == "scale":
        paginator = CappedPaginator if filters and filters.q else ListPaginator

    def run() -> tuple[int, list[Any]]:
        forget_roles(actor)  # each request loads the roles afresh
        page = paginator(report_list(actor, filters), PAGE_SIZE).get_page(1)
        rows = [(r.pk, r.subject, r.unit.display_name) for r in page.object_list]
        return page.paginator.count, rows

    return run


def _plans(fn: Callable[[], object]) -> list[str]:
    """``EXPLAIN QUERY PLAN`` of the queries one run executes (SQLite only)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn()
    out = []
    explain = "EXPLAIN QUERY PLAN" if connection.vendor == "sqlite" else "EXPLAIN (COSTS OFF)"
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if "intake_report" not in sql:
                continue  # the roles lookup: small tables
            cursor.execute(f"{explain} {sql}")
            steps = " | ".join(str(row[-1]).strip() for row in cursor.fetchall())
            out.append(f"{sql[:90]}... => {steps[:1500]}")
    return out


def _small_unit_case(sibling: Any) -> tuple[dict[str, float], list[str]]:
    """A grassroots union with only 30 old reports, among a million others.

    Added and rolled back here, so the stored data stays as specified.
    """
    from django.db import transaction

    from duluan.intake.models import Report
    from duluan.org.choices import Role
    from duluan.org.services import role_assign, unit_create, user_create

    with transaction.atomic():
        upper = sibling.get_parent()
        unit = unit_create(
            code="B01-SMALL", name="CĐCS mới thành lập", level="Công đoàn cơ sở", parent=upper
        )
        officer = user_create(username="bench_small_unit", password=None)
        role_assign(user=officer, unit=unit, role=Role.OFFICER)
        oldest = list(Report.objects.order_by("heard_at", "id")[:30])
        for report in oldest:
            report.pk, report.unit = None, unit
        Report.objects.bulk_create(oldest)
        fn = _first_page(officer)
        figures, plan = _time(fn), _plans(fn)
        transaction.set_rollback(True)
    return figures, plan


def _measure(province: Any, grassroots: list[Any], figures: dict[str, Any]) -> dict[str, Any]:
    """Time every page for the province's officers; adds to ``figures``."""
    from django.test import Client

    from duluan.api.services import token_issue
    from duluan.intake.selectors import ReportFilters

    prov_officer, cs_officer = _ensure_people(province, grassroots[0])
    _, raw = token_issue(user=prov_officer, name="bench")
    client = Client(SERVER_NAME="localhost", HTTP_AUTHORIZATION=f"Bearer {raw}")

    def api_first_page() -> object:
        response = client.get("/api/reports", {"limit": PAGE_SIZE})
        assert response.status_code == 200, response.content[:200]
        return response

    filtered = ReportFilters(
        kind="khieu_nai", date_from=date(2026, 6, 1), date_to=date(2026, 8, 31)
    )
    search = ReportFilters(q=SEARCH_WORD)
    pages: dict[str, Callable[[], tuple[int, list[Any]]]] = {
        "province_officer_page1": _first_page(prov_officer),
        "grassroots_officer_page1": _first_page(cs_officer),
        "filtered_kind_3_months": _first_page(prov_officer, filtered),
        "text_search_page1": _first_page(prov_officer, search),
    }
    for label, fn in pages.items():
        figures[label] = _time(fn)
    figures["api_reports_page1"] = _time(api_first_page)
    figures["matching_rows"] = {label: fn()[0] for label, fn in pages.items()}
    figures["query_plans"] = plans = {label: _plans(fn) for label, fn in pages.items()}
    small, small_plan = _small_unit_case(grassroots[0])
    figures["small_unit_officer_page1"] = small
    figures["load_average"] = round(os.getloadavg()[0], 2)  # the machine is shared
    plans["small_unit_officer_page1"] = small_plan
    for label, plan in plans.items():
        print(f"{label}:")
        for line in plan:
            print(f"  {line}")
    return figures


def run() -> dict[str, Any]:
    if os.environ.get("DULUAN_BENCH_SCALE_ONLY") == "1":
        # Only the PostgreSQL scale part: the base figures are carried over.
        figures = {
            k: v
            for k, v in previous_results(NAME).items()
            if k not in {"benchmark", "when", "machine", "wall_seconds"}
        }
    else:
        setup_django(NAME)
        from django.db import connection

        province, grassroots = bench_province()
        load_seconds = _ensure_reports(grassroots)
        figures = {
            "reports": REPORTS,
            "units": 1 + UPPER + UPPER * GRASSROOTS_PER_UPPER,
            "database": connection.vendor,
            "load_seconds": round(load_seconds, 1),
            "runs": RUNS,
        }
        _measure(province, grassroots, figures)
    figures.update(carried_scale_parts(NAME))
    if scale_reports():
        figures[scale_label()] = scale_child("bench.bench_report_list")
    return figures


def part_scale() -> dict[str, Any]:
    """The PostgreSQL scale part, in its own process (its own database).

    Ten runs per page, not thirty: a full count over ten million rows takes
    about a second on the shared two-core machine."""
    global RUNS, WARM_UP
    RUNS, WARM_UP = 10, 2
    os.environ["DULUAN_BENCH_PART"] = "scale"
    os.environ["DULUAN_DATABASE_URL"] = scale_url()
    ensure_pg_database(scale_url())
    setup_django(NAME)
    from django.db import connection

    province, grassroots = bench_province()
    figures: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "reports": scale_reports(),
        "units": 1 + UPPER + UPPER * GRASSROOTS_PER_UPPER,
        "database": connection.vendor,
        "partitioned": scale_partitioned(),
        "runs": RUNS,
    }
    figures.update(ensure_scale_data(grassroots, facts=False))  # the list reads no facts
    figures["note"] = (
        f"reports over the {pg_years()} years before the day of generation, time-ordered ids"
    )
    return _measure(province, grassroots, figures)


if __name__ == "__main__":
    print("PART " + json.dumps(part_scale(), ensure_ascii=False), flush=True)
