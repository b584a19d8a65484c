"""Design-based estimates for a sample stratified by unit (docs/surveys.md).

Strata are the units responses belong to; ``N_h`` is the unit's membership
(``Unit.member_count``). Weights are post-stratified to membership,
``w_i = N_h / n_h``, optionally raked to population margins. Every estimate is
the weighted mean ``ybar = sum(w y) / sum(w)`` with its Taylor-linearised
variance for a stratified design without replacement,

    V = sum_h (1 - n_h/N_h) * n_h/(n_h - 1) * sum_i (z_hi - zbar_h)^2,
    z_hi = w_hi (y_hi - ybar) / sum(w),

which for post-stratified weights is the textbook stratified formula
``sum_h W_h^2 (1 - f_h) s_h^2 / n_h`` and equals R ``survey::svymean`` on
``svydesign(id=~1, strata=~unit, fpc=~N_h)``. Intervals are ``ybar ± 1.96 SE``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from duluan.core.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:  # NumPy loads on the first computation, not when a page module is imported
    np = lazy_module("numpy")

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Estimate:
    value: float
    se: float
    n: int  # unweighted count of respondents in the estimate's base

    @property
    def low(self) -> float:
        return self.value - Z95 * self.se

    @property
    def high(self) -> float:
        return self.value + Z95 * self.se


def post_stratified_weights(strata: np.ndarray, population: np.ndarray) -> np.ndarray:
    """``w_i = N_h / n_h`` for row i in stratum h (``population`` indexed by stratum code).

    A stratum whose membership is unknown (0) or smaller than its responses
    gets ``N_h = n_h`` (weight 1: it stands for itself)."""
    counts = np.bincount(strata, minlength=len(population)).astype(float)
    pop = np.maximum(population.astype(float), counts)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_stratum = np.where(counts > 0, pop / np.where(counts > 0, counts, 1), 0.0)
    weights: np.ndarray = per_stratum[strata]
    return weights


def weighted_mean(
    y: np.ndarray, weights: np.ndarray, strata: np.ndarray, population: np.ndarray
) -> Estimate:
    """Weighted mean of ``y`` (rows already limited to respondents) with its stratified SE."""
    n = len(y)
    if n == 0:
        return Estimate(math.nan, math.nan, 0)
    y = y.astype(float)
    total_w = float(weights.sum())
    mean = float((weights * y).sum() / total_w)
    z = weights * (y - mean) / total_w
    size = len(population)
    n_h = np.bincount(strata, minlength=size).astype(float)
    sum_z = np.bincount(strata, weights=z, minlength=size)
    sum_z2 = np.bincount(strata, weights=z * z, minlength=size)
    pop = np.maximum(population.astype(float), n_h)
    with np.errstate(divide="ignore", invalid="ignore"):
        ss = sum_z2 - np.where(n_h > 0, sum_z**2 / np.where(n_h > 0, n_h, 1), 0.0)
        fpc = np.where(pop > 0, 1.0 - n_h / np.where(pop > 0, pop, 1), 0.0)
        factor = np.where(n_h > 1, n_h / np.maximum(n_h - 1, 1), 0.0)
    variance = float((fpc * factor * ss).sum())
    return Estimate(mean, math.sqrt(max(variance, 0.0)), n)


def rake(
    weights: np.ndarray,
    margins: list[tuple[np.ndarray, np.ndarray]],
    *,
    iterations: int = 50,
    tolerance: float = 1e-9,
) -> np.ndarray:
    """Iterative proportional fitting: ``margins`` are (category code per row, target total
    per category). Rows with code -1 keep their weight. Deming & Stephan (1940)."""
    w = weights.astype(float).copy()
    for _ in range(iterations):
        worst = 0.0
        for codes, targets in margins:
            mask = codes >= 0
            current = np.bincount(codes[mask], weights=w[mask], minlength=len(targets))
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.where(current > 0, targets / np.where(current > 0, current, 1), 1.0)
            w[mask] *= ratio[codes[mask]]
            worst = max(worst, float(np.abs(ratio - 1).max()) if len(ratio) else 0.0)
        if worst < tolerance:
            break
    return w


# ── sample sizes ─────────────────────────────────────────────────────────
def sample_size(
    population: int, *, margin: float = 0.05, confidence: float = 0.95, proportion: float = 0.5
) -> int:
    """Cochran's n0 = z^2 p(1-p)/e^2 with the finite population correction n0/(1+(n0-1)/N)."""
    from statsmodels.stats.proportion import samplesize_confint_proportion

    if population <= 0:
        return 0
    n0 = float(samplesize_confint_proportion(proportion, margin, alpha=1 - confidence))
    return min(population, math.ceil(n0 / (1 + (n0 - 1) / population)))


def allocate(populations: dict[int, int], total: int, *, minimum: int = 0) -> dict[int, int]:
    """Split ``total`` across strata in proportion to membership (largest remainders),
    at least ``minimum`` per stratum and never more than its membership."""
    big_n = sum(populations.values())
    if big_n == 0 or total <= 0:
        return {k: 0 for k in populations}
    shares = {k: total * n / big_n for k, n in populations.items()}
    out = {k: math.floor(v) for k, v in shares.items()}
    rest = total - sum(out.values())
    for k in sorted(shares, key=lambda k: shares[k] - out[k], reverse=True)[:rest]:
        out[k] += 1
    return {k: min(populations[k], max(minimum, v)) for k, v in out.items()}


# ── cross-tabs ───────────────────────────────────────────────────────────
@dataclass(frozen=True)
class ChiSquare:
    statistic: float  # Rao-Scott first-order corrected
    pearson: float  # uncorrected, on the weighted proportions scaled to n
    design_effect: float
    df: int
    p_value: float


def rao_scott(
    rows: np.ndarray,
    cols: np.ndarray,
    weights: np.ndarray,
    strata: np.ndarray,
    population: np.ndarray,
    n_rows: int,
    n_cols: int,
) -> ChiSquare | None:
    """Pearson's X^2 on weighted cell proportions, divided by the mean generalised design
    effect (Rao & Scott 1981, 1984; first-order correction)."""
    from scipy.stats import chi2

    n = len(rows)
    if n == 0 or n_rows < 2 or n_cols < 2:
        return None
    total_w = weights.sum()
    cell = np.zeros((n_rows, n_cols))
    np.add.at(cell, (rows, cols), weights)
    p = cell / total_w
    pr, pc = p.sum(axis=1), p.sum(axis=0)
    keep_r, keep_c = pr > 0, pc > 0
    r, c = int(keep_r.sum()), int(keep_c.sum())
    if r < 2 or c < 2:
        return None
    expected = np.outer(pr, pc)
    mask = expected > 0
    pearson = float(n * (((p - expected) ** 2)[mask] / expected[mask]).sum())
    deffs = 0.0
    for i in np.flatnonzero(keep_r):
        for j in np.flatnonzero(keep_c):
            y = ((rows == i) & (cols == j)).astype(float)
            est = weighted_mean(y, weights, strata, population)
            srs = p[i, j] * (1 - p[i, j]) / n
            d = (est.se**2 / srs) if srs > 0 else 1.0
            deffs += (1 - pr[i]) * (1 - pc[j]) * d
    df = (r - 1) * (c - 1)
    deff = deffs / df if df else 1.0
    if not deff > 0:
        deff = 1.0
    statistic = pearson / deff
    return ChiSquare(statistic, pearson, deff, df, float(chi2.sf(statistic, df)))
