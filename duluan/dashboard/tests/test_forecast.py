"""The forecast model on synthetic series whose truth is known."""

from __future__ import annotations

import math
import random

from duluan.dashboard.forecast import forecast_next


def seasonal(months: int, *, noise: float = 4.0, seed: int = 7) -> list[float]:
    rng = random.Random(seed)
    return [100 + 40 * math.sin(2 * math.pi * t / 12) + rng.gauss(0, noise) for t in range(months)]


def truth(t: int) -> float:
    return 100 + 40 * math.sin(2 * math.pi * t / 12)


def test_picks_seasonal_naive_on_a_seasonal_series_and_covers_the_truth() -> None:
    series = seasonal(36)
    result = forecast_next(series, horizon=1)
    assert result is not None
    assert result.model == "seasonal_naive"
    assert abs(result.value - truth(36)) < 15
    assert result.low <= truth(36) <= result.high
    assert result.high - result.low < 40  # honest but not vacuous


def test_horizon_two_uses_the_same_month_last_year() -> None:
    series = seasonal(30, noise=0.0)
    result = forecast_next(series, horizon=2)
    assert result is not None and result.model == "seasonal_naive"
    assert math.isclose(result.value, series[30 + 1 - 12])


def test_interval_covers_about_eighty_percent_out_of_sample() -> None:
    hits = trials = 0
    for seed in range(60):
        series = seasonal(37, noise=8.0, seed=seed)
        result = forecast_next(series[:36], horizon=1)
        assert result is not None
        trials += 1
        hits += result.low <= series[36] <= result.high
    assert 0.6 <= hits / trials <= 0.97


def test_flat_noisy_series_uses_smoothing() -> None:
    rng = random.Random(3)
    series = [50 + rng.gauss(0, 5) for _ in range(30)]
    result = forecast_next(series)
    assert result is not None
    assert result.model == "ses"
    assert 40 < result.value < 60
    assert result.low < 50 < result.high


def test_short_history_falls_back_to_smoothing_and_too_short_says_nothing() -> None:
    assert forecast_next([3.0, 4.0]) is None
    result = forecast_next([10.0, 12.0, 11.0, 13.0, 12.0])
    assert result is not None and result.model == "ses"


def test_never_below_zero() -> None:
    result = forecast_next([5.0, 0.0, 9.0, 0.0, 1.0, 0.0, 8.0])
    assert result is not None
    assert result.low >= 0 and result.value >= 0
