"""The report form's kinds, moods and urgency levels are the seed taxonomy's codes."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from duluan.intake.choices import Kind, Mood, Urgency

SHARED = Path(
    os.environ.get("DULUAN_SHARED_DIR", Path(__file__).resolve().parents[3] / ".." / "shared")
)
LABELS = SHARED / "taxonomy" / "labels.csv"


@pytest.fixture(scope="module")
def taxonomy() -> dict[str, set[str]]:
    if not LABELS.exists():
        pytest.skip(f"taxonomy file not found at {LABELS} (shared/ is not beside this checkout)")
    codes: dict[str, set[str]] = {}
    with LABELS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            codes.setdefault(row["dimension"], set()).add(row["code"])
    return codes


def test_kinds_are_the_taxonomy_kinds(taxonomy: dict[str, set[str]]) -> None:
    assert set(Kind.values) == taxonomy["kind"]


def test_moods_are_the_taxonomy_sentiments_plus_divided(taxonomy: dict[str, set[str]]) -> None:
    assert set(Mood.values) == taxonomy["sentiment"] | {"trai_chieu"}


def test_urgency_levels_are_the_taxonomy_levels(taxonomy: dict[str, set[str]]) -> None:
    assert set(Urgency.values) == taxonomy["urgency"]
