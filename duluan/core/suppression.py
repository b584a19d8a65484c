"""Small groups stay hidden, and cannot be recovered by subtraction: the one
suppression module of the dashboard, the surveys' results and every export.

Primary suppression: a count ``0 < n < k`` (``DULUAN_MIN_CELL``, 5) is not
shown. Complementary suppression: a table is published with its
margins (row totals, column totals, the grand total), and each row and each
column with its margin is an additive relation; a relation with exactly one
hidden term gives that term away by subtraction. So, until no relation has
exactly one hidden term, a second term is hidden in it: the smallest other
cell (a non-zero one first), a margin only when no cell is left.

Tables that share margins (the same bucket totals under two charts, the same
sentiment totals in the series and the child-unit table) are protected
together (:func:`protect_linked`), so a margin hidden in one is hidden in all.

A single row published with its total (a survey question's answers) is
protected by :func:`suppress_row`, the same rule on one relation.

Quotes: no text is quoted from a group of fewer than
``DULUAN_DASHBOARD_MIN_QUOTE`` (10) reports (:func:`quote_allowed`); other
apps' panels use the same helpers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings


def min_cell() -> int:
    """The smallest group shown anywhere (``DULUAN_MIN_CELL``)."""
    return int(getattr(settings, "MIN_CELL", 5))


def min_quote() -> int:
    return int(getattr(settings, "DASHBOARD_MIN_QUOTE", 10))


def small(count: int | None, k: int | None = None) -> bool:
    """A group too small to show (zero is not a group: it identifies nobody)."""
    limit = min_cell() if k is None else k
    return count is not None and 0 < count < limit


def quote_allowed(group_size: int) -> bool:
    return group_size >= min_quote()


def shown(count: int, k: int | None = None) -> int | None:
    """One standalone figure: the count, or ``None`` when too small."""
    return None if small(count, k) else count


@dataclass
class Protected:
    """A table after suppression; ``None`` marks a hidden number."""

    cells: list[list[int | None]]
    row_totals: list[int | None]
    col_totals: list[int | None]
    total: int | None
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)


def protect(
    inner: list[list[int]],
    *,
    k: int | None = None,
    total_public: bool = True,
    force_rows: Iterable[int] = (),
    force_cols: Iterable[int] = (),
) -> Protected:
    """Suppress small cells of ``inner`` (rows × columns) and their complements.

    ``total_public``: the grand total is a unit-level figure, always shown (it
    is hidden only when itself small and not public). ``force_rows`` /
    ``force_cols``: margins already hidden in a linked table.
    """
    limit = min_cell() if k is None else k
    n_rows = len(inner)
    n_cols = len(inner[0]) if inner else 0
    rows = [sum(r) for r in inner]
    cols = [sum(inner[i][j] for i in range(n_rows)) for j in range(n_cols)]
    grand = sum(rows)
    hid = {(i, j) for i in range(n_rows) for j in range(n_cols) if small(inner[i][j], limit)}
    hid_r = {i for i in range(n_rows) if small(rows[i], limit)} | set(force_rows)
    hid_c = {j for j in range(n_cols) if small(cols[j], limit)} | set(force_cols)
    hid_g = not total_public and small(grand, limit)
    if total_public:  # a one-row (or one-column) table's margin is the public total
        if n_rows == 1:
            hid_r.discard(0)
        if n_cols == 1:
            hid_c.discard(0)

    def pick(
        candidates: list[tuple[int, int]], value: dict[tuple[int, int], int]
    ) -> tuple[int, int]:
        # The smallest non-zero cell first: hiding a zero protects less.
        return min(candidates, key=lambda c: (value[c] == 0, value[c], c))

    values = {(i, j): inner[i][j] for i in range(n_rows) for j in range(n_cols)}
    changed = True
    while changed:
        changed = False
        for i in range(n_rows):  # row i: its cells and its total
            hidden = sum((i, j) in hid for j in range(n_cols)) + (i in hid_r)
            if hidden == 1:
                free = [(i, j) for j in range(n_cols) if (i, j) not in hid]
                if free:
                    hid.add(pick(free, values))
                else:
                    hid_r.add(i)
                changed = True
        for j in range(n_cols):  # column j: its cells and its total
            hidden = sum((i, j) in hid for i in range(n_rows)) + (j in hid_c)
            if hidden == 1:
                free = [(i, j) for i in range(n_rows) if (i, j) not in hid]
                if free:
                    hid.add(pick(free, values))
                else:
                    hid_c.add(j)
                changed = True
        for margins, hidden_set, count in ((rows, hid_r, n_rows), (cols, hid_c, n_cols)):
            # The margins and the grand total: another additive relation.
            hidden = len(hidden_set) + hid_g
            if hidden == 1 and count > 1:
                free_m = {m: margins[m] for m in range(count) if m not in hidden_set}
                if free_m:
                    hidden_set.add(min(free_m, key=lambda m: (free_m[m] == 0, free_m[m], m)))
                    changed = True
                elif not hid_g and not total_public:
                    hid_g = True
                    changed = True
    return Protected(
        cells=[
            [None if (i, j) in hid else inner[i][j] for j in range(n_cols)] for i in range(n_rows)
        ],
        row_totals=[None if i in hid_r else rows[i] for i in range(n_rows)],
        col_totals=[None if j in hid_c else cols[j] for j in range(n_cols)],
        total=None if hid_g else grand,
        hidden_rows=hid_r,
        hidden_cols=hid_c,
    )


def protect_linked(
    series: list[list[int]],
    by_topic: list[list[int]],
    by_unit: list[list[int]],
    *,
    total_public: bool,
    k: int | None = None,
) -> tuple[Protected, Protected, Protected]:
    """Protect three tables that share margins, until their hidden margins agree.

    ``series``: buckets × sentiments; ``by_topic``: buckets × topics (rows are
    the same buckets); ``by_unit``: units × sentiments (columns are the same
    sentiments).
    """
    rows: set[int] = set()
    cols: set[int] = set()
    for _ in range(10):
        first = protect(series, k=k, total_public=total_public, force_rows=rows, force_cols=cols)
        second = protect(by_topic, k=k, total_public=total_public, force_rows=first.hidden_rows)
        third = protect(by_unit, k=k, total_public=total_public, force_cols=first.hidden_cols)
        new_rows = first.hidden_rows | second.hidden_rows
        new_cols = first.hidden_cols | third.hidden_cols
        if new_rows == rows and new_cols == cols:
            break
        rows, cols = new_rows, new_cols
    return first, second, third


def suppress_row(counts: list[int], k: int, total: int) -> list[bool]:
    """Which cells of one row to hide: counts ``1..k-1``, plus a complementary one
    where a single hidden cell could be recovered as the total less the shown ones."""
    hidden = [0 < c < k for c in counts]
    if sum(hidden) == 1 and total == sum(counts):
        candidates = [i for i, h in enumerate(hidden) if not h and counts[i] > 0]
        if candidates:
            hidden[min(candidates, key=lambda i: counts[i])] = True
    return hidden
