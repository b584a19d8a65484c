"""Small groups hidden; no hidden cell recoverable by subtracting shown totals."""

from __future__ import annotations

import random
from typing import Any

import pytest

from duluan.core.suppression import Protected, protect, protect_linked, quote_allowed


def lines(p: Protected) -> list[list[int | None]]:
    """Every additive relation the table publishes: each row and column with its
    total, and the margins with the grand total."""
    out = [[*list(row), p.row_totals[i]] for i, row in enumerate(p.cells)]
    n_cols = len(p.col_totals)
    out += [[row[j] for row in p.cells] + [p.col_totals[j]] for j in range(n_cols)]
    out.append([*list(p.row_totals), p.total])
    out.append([*list(p.col_totals), p.total])
    return out


def recoverable(p: Protected) -> bool:
    """Could one hidden number be computed from a single relation?"""
    return any(sum(v is None for v in line) == 1 and len(line) > 2 for line in lines(p))


def assert_safe(p: Protected, inner: list[list[int]], k: int = 5) -> None:
    for i, row in enumerate(inner):
        for j, value in enumerate(row):
            if 0 < value < k:
                assert p.cells[i][j] is None, (i, j, value)
            if p.cells[i][j] is not None:
                assert p.cells[i][j] == value
    assert not recoverable(p)


def test_small_cell_hidden_with_a_complement_in_its_row_and_column() -> None:
    inner = [[20, 3, 30], [12, 15, 18], [40, 25, 9]]
    p = protect(inner, k=5)
    assert p.cells[0][1] is None  # 3 < 5
    # Its row (total shown) and its column (total shown) each hide one more cell.
    assert sum(v is None for v in p.cells[0]) >= 2
    assert sum(row[1] is None for row in p.cells) >= 2
    assert p.total == sum(map(sum, inner))
    assert_safe(p, inner)


def test_one_dimensional_breakdown_hides_two() -> None:
    p = protect([[50, 2, 30, 7]], k=5)
    assert p.cells[0][1] is None
    assert p.cells[0][3] is None  # the complement: else 89 - 50 - 30 - 7 = 2
    assert p.total == 89


def test_zero_is_shown_and_large_cells_untouched() -> None:
    p = protect([[0, 10], [10, 0]], k=5)
    assert p.cells == [[0, 10], [10, 0]]


def test_grand_total_of_a_narrowed_view_is_hidden_when_small() -> None:
    p = protect([[1, 2]], k=5, total_public=False)
    assert p.total is None
    assert p.cells == [[None, None]]


@pytest.mark.parametrize("seed", range(40))
def test_random_tables_never_leak(seed: int) -> None:
    rng = random.Random(seed)
    rows, cols = rng.randint(1, 7), rng.randint(1, 6)
    inner = [
        [rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 30]) for _ in range(cols)] for _ in range(rows)
    ]
    assert_safe(protect(inner, k=5), inner)


@pytest.mark.parametrize("seed", range(20))
def test_linked_tables_agree_on_hidden_margins(seed: int) -> None:
    rng = random.Random(100 + seed)
    buckets, sentiments, topics, units = 6, 4, 5, 4
    series = [[rng.choice([0, 1, 3, 7, 20]) for _ in range(sentiments)] for _ in range(buckets)]
    by_topic = [[rng.choice([0, 2, 6, 15]) for _ in range(topics)] for _ in range(buckets)]
    by_unit = [[rng.choice([0, 1, 4, 9, 25]) for _ in range(sentiments)] for _ in range(units)]
    a, b, c = protect_linked(series, by_topic, by_unit, total_public=True, k=5)
    for p, inner in ((a, series), (b, by_topic), (c, by_unit)):
        assert_safe(p, inner)
    # A bucket total hidden under one chart is hidden under the other.
    assert a.hidden_rows == b.hidden_rows | a.hidden_rows
    assert {i for i, v in enumerate(a.row_totals) if v is None} >= {
        i for i, v in enumerate(b.row_totals) if v is None
    }
    assert {j for j, v in enumerate(a.col_totals) if v is None} >= {
        j for j, v in enumerate(c.col_totals) if v is None
    }


def test_quotes_need_ten(settings: Any) -> None:
    assert not quote_allowed(9)
    assert quote_allowed(10)
    settings.DASHBOARD_MIN_QUOTE = 20
    assert not quote_allowed(19)
