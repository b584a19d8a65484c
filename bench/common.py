"""Shared set-up for benchmarks: a throw-away SQLite database under var/bench/."""

from __future__ import annotations

import os
import statistics
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
