"""Shared set-up for benchmarks: a throw-away SQLite database under var/bench/."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def setup_django(db_name: str) -> None:
    """Use var/bench/<db_name>.sqlite3 (unless DULUAN_DATABASE_URL is set); migrate."""
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DULUAN_DATABASE_URL", f"sqlite:///{bench_dir / (db_name + '.sqlite3')}")
    os.environ.setdefault("DULUAN_HTTPS", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(samples: list[float]) -> float:
    return statistics.median(samples)


# The benchmark province: one province, 15 upper-level unions, 10 grassroots each.
UPPER = 15
GRASSROOTS_PER_UPPER = 10


def bench_province() -> tuple[Any, list[Any]]:
    """The province and its grassroots units, created on first use (codes B01-uu-gg)."""
    from duluan.org.models import Unit
    from duluan.org.services import unit_create

    province = Unit.objects.filter(code="B01").first()
    if province is None:
        province = unit_create(code="B01", name="LĐLĐ tỉnh Đo Đạc", level="LĐLĐ tỉnh")
        for u in range(1, UPPER + 1):
            upper = unit_create(
                code=f"B01-{u:02d}",
                name=f"Công đoàn KCN số {u}",
                level="Công đoàn cấp trên trực tiếp cơ sở",
                parent=province,
            )
            for g in range(1, GRASSROOTS_PER_UPPER + 1):
                unit_create(
                    code=f"B01-{u:02d}-{g:02d}",
                    name=f"CĐCS Công ty số {u}-{g}",
                    level="Công đoàn cơ sở",
                    parent=upper,
                    member_count=100 * g,
                )
        province.refresh_from_db()
    grassroots = list(Unit.objects.filter(path__startswith=province.path, depth=3).order_by("path"))
    assert len(grassroots) == UPPER * GRASSROOTS_PER_UPPER
    return province, grassroots


# ── the PostgreSQL scale parts (opt-in: generating ten million reports takes a while) ──
def scale_reports() -> int:
    """``DULUAN_BENCH_SCALE_REPORTS`` (e.g. 10000000), 0 when the scale parts are off."""
    return int(os.environ.get("DULUAN_BENCH_SCALE_REPORTS", "0") or 0)


def scale_partitioned() -> bool:
    return os.environ.get("DULUAN_BENCH_SCALE_PARTITIONED", "0") == "1"


def scale_url() -> str:
    return os.environ.get("DULUAN_BENCH_SCALE_PG_URL", "postgres://localhost/bench_scale")


def scale_label() -> str:
    size = scale_reports()
    name = f"{size // 1_000_000}m" if size >= 1_000_000 else f"{size // 1000}k"
    return f"postgresql_{name}" + ("_partitioned" if scale_partitioned() else "")


def previous_results(name: str) -> dict[str, Any]:
    """The last written ``bench/results/<name>.json`` (figures not rerun are carried over)."""
    import json

    path = ROOT / "bench" / "results" / f"{name}.json"
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8")))


def carried_scale_parts(name: str, rerun: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Scale entries of the previous results, kept when this run does not redo them
    (``rerun``: entries the benchmark always writes itself)."""
    old = previous_results(name)
    return {
        k: {**v, "carried_over_from": v.get("when") or old.get("when")}
        if "carried_over_from" not in v
        else v
        for k, v in old.items()
        if k.startswith("postgresql_") and k not in rerun and isinstance(v, dict)
    }


def ensure_pg_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    base = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(base, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def ensure_scale_data(grassroots: list[Any], *, facts: bool = True) -> dict[str, Any]:
    """The scale database's reports, analyses and facts; partitioned when asked.

    Returns what it did and how long each step took (zeros when reused).
    """
    from django.db import connection
    from django.db.models import Sum

    from bench import pg_scale
    from duluan.dashboard.models import FactMonth
    from duluan.intake.models import Report
    from duluan.intake.partitions import report_partitions_apply, reports_are_partitioned

    size = scale_reports()
    out: dict[str, Any] = {"generate_seconds": 0.0, "analyse_seconds": 0.0, "facts_seconds": 0.0}
    province = grassroots[0].get_parent().get_parent()
    if Report.objects.count() != size:
        out["generate_seconds"] = round(pg_scale.fill_reports(size, grassroots), 1)
        out["analyse_seconds"] = round(pg_scale.fill_analyses(), 1)
    counted = FactMonth.objects.filter(topic=0, unit=province).aggregate(n=Sum("reports"))["n"]
    if facts and (counted != size or out["generate_seconds"]):
        out["facts_seconds"] = round(pg_scale.rebuild_facts(), 1)
    partitioned = reports_are_partitioned(connection)
    if scale_partitioned() and not partitioned:
        started = time.perf_counter()
        result = report_partitions_apply()
        out["partition_convert_seconds"] = round(time.perf_counter() - started, 1)
        out["partitions"] = result.partitions
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE intake_report")
    elif partitioned and not scale_partitioned():
        raise SystemExit("the scale database is partitioned: drop it to measure without")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_total_relation_size('intake_report'::regclass)")
        out["report_table_bytes"] = int(cursor.fetchone()[0])
        cursor.execute(
            "SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits"
            " WHERE inhparent = 'intake_report'::regclass"
        )
        out["report_table_bytes"] += int(cursor.fetchone()[0])
        cursor.execute("SELECT pg_database_size(current_database())")
        out["database_bytes"] = int(cursor.fetchone()[0])
    return out


def pg_years() -> int:
    from bench.pg_scale import YEARS

    return YEARS


def scale_child(module: str) -> dict[str, Any]:
    """Run ``python -m <module>`` (its ``part_scale``) and read its ``PART`` line."""
    import json
    import subprocess
    import sys

    proc = subprocess.run(  # noqa: S603
        [sys.executable, "-m", module],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("PART ")]
    for line in proc.stdout.splitlines():
        if not line.startswith("PART "):
            print(line, flush=True)
    if proc.returncode != 0 or not lines:
        return {"skipped": f"scale part failed (exit {proc.returncode}); see its output"}
    return dict(json.loads(lines[-1][5:]))
