"""Weighted estimates for the stratified design, checked by hand and against a textbook.

References:
* Scheaffer, Mendenhall, Ott & Gerow, *Elementary Survey Sampling* (7th ed., 2012),
  chapter "Stratified random sampling", the television-viewing example (stratified
  sample of households in Town A, County B and Rural C): published ybar_st = 27.7,
  V(ybar_st) = 1.97, bound on the error 2 sqrt(V) = 2.8, from stratum means 33.900,
  25.125, 19.000 and variances 35.358, 232.411, 87.636.
* Lohr, *Sampling: Design and Analysis* (2nd ed.), eq. (3.3)-(3.6): the same formulas.
* Rao & Scott (1984), Annals of Statistics 12(1): the first-order corrected chi-square.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from duluan.surveys import stats

TOWN_A = [35, 43, 36, 39, 28, 28, 29, 25, 38, 27, 26, 32, 29, 40, 35, 41, 37, 31, 45, 34]
COUNTY_B = [27, 15, 4, 41, 49, 25, 10, 30]
RURAL_C = [8, 14, 12, 15, 30, 32, 21, 20, 34, 7, 11, 24]
POPULATION = np.array([155.0, 62.0, 93.0])


def _design(groups: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    y = np.array([v for g in groups for v in g], dtype=float)
    strata = np.array([h for h, g in enumerate(groups) for _ in g])
    return y, strata


def test_textbook_stratified_mean_and_variance() -> None:
    y, strata = _design([TOWN_A, COUNTY_B, RURAL_C])
    weights = stats.post_stratified_weights(strata, POPULATION)
    est = stats.weighted_mean(y, weights, strata, POPULATION)
    # To 4 decimals, from the formula on the book's data ...
    assert round(est.value, 4) == 27.6750
    assert round(est.se**2, 4) == 1.9695
    # ... and equal to the figures the book prints (at their precision).
    assert round(est.value, 1) == 27.7
    assert round(est.se**2, 2) == 1.97
    assert round(2 * est.se, 1) == 2.8
    assert est.n == 40


def test_hand_computed_stratified_proportion() -> None:
    """Two units: A has N=1200 members, 10 answered, 6 "yes"; B has N=800, 5 answered, 1 "yes".

    p = (1200*0.6 + 800*0.2)/2000 = 0.44
    V = (0.6^2 * (1-10/1200) * (10/9*0.24) / 10) + (0.4^2 * (1-5/800) * (5/4*0.16) / 5)
      = 0.36 * 0.991667 * 0.0266667 + 0.16 * 0.99375 * 0.04
      = 0.00952000 + 0.00636000 = 0.01588000
    SE = 0.126016, 95 % CI 0.44 ± 1.959964 * 0.126016 = [0.193009, 0.686991]
    """
    y = np.array([1] * 6 + [0] * 4 + [1] * 1 + [0] * 4, dtype=float)
    strata = np.array([0] * 10 + [1] * 5)
    population = np.array([1200.0, 800.0])
    weights = stats.post_stratified_weights(strata, population)
    assert weights[0] == pytest.approx(120.0) and weights[-1] == pytest.approx(160.0)
    est = stats.weighted_mean(y, weights, strata, population)
    assert round(est.value, 4) == 0.4400
    assert round(est.se**2, 6) == 0.015880
    assert round(est.se, 4) == 0.1260
    assert round(est.low, 4) == 0.1930
    assert round(est.high, 4) == 0.6870


def test_unit_without_membership_stands_for_itself() -> None:
    strata = np.array([0, 0, 1])
    weights = stats.post_stratified_weights(strata, np.array([0.0, 10.0]))
    assert weights.tolist() == [1.0, 1.0, 10.0]


def test_raking_matches_both_margins() -> None:
    sex = np.array([0, 0, 1, 1, 1, 0])
    age = np.array([0, 1, 0, 1, 1, 1])
    w = stats.rake(np.ones(6), [(sex, np.array([50.0, 50.0])), (age, np.array([30.0, 70.0]))])
    assert np.bincount(sex, weights=w).tolist() == pytest.approx([50, 50])
    assert np.bincount(age, weights=w).tolist() == pytest.approx([30, 70])


def test_sample_size_for_margin_and_confidence() -> None:
    # Cochran: n0 = 1.96^2 * 0.25 / 0.05^2 = 384.15; with N = 2000: 384.15 / (1 + 383.15/2000) = 322.4
    assert stats.sample_size(2000, margin=0.05, confidence=0.95) == 323
    assert stats.sample_size(100_000, margin=0.05, confidence=0.95) == 383
    assert stats.sample_size(30, margin=0.05) <= 30


def test_allocation_proportional_with_minimum() -> None:
    plan = stats.allocate({1: 1200, 2: 800, 3: 20}, 300)
    assert sum(plan.values()) == 300 and plan[1] > plan[2] > plan[3]
    floor = stats.allocate({1: 1200, 2: 800, 3: 20}, 300, minimum=10)
    assert floor[3] == 10
    assert stats.allocate({1: 5}, 300, minimum=10)[1] == 5  # never more than the members


def test_rao_scott_is_pearson_when_the_design_is_simple() -> None:
    rng = np.random.default_rng(4)
    rows = rng.integers(0, 2, 400)
    cols = (rows + (rng.random(400) < 0.3)) % 2
    strata = np.zeros(400, dtype=int)
    test = stats.rao_scott(rows, cols, np.ones(400), strata, np.array([1e9]), 2, 2)
    assert test is not None
    from scipy.stats import chi2_contingency

    table = np.zeros((2, 2))
    np.add.at(table, (rows, cols), 1)
    pearson = chi2_contingency(table, correction=False)[0]
    assert test.pearson == pytest.approx(pearson)
    assert test.design_effect == pytest.approx(1.0, abs=0.05)
    assert test.p_value < 0.001
    assert test.df == 1


def test_empty_input_is_not_a_number() -> None:
    est = stats.weighted_mean(np.array([]), np.array([]), np.array([], dtype=int), np.array([1.0]))
    assert math.isnan(est.value) and est.n == 0
