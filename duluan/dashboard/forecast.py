"""Next month's volume, with an honest interval: a small, tested model.

Two candidates, both classic and explainable to a leader:

* **seasonal naive**: next month as the same month last year (needs 13 months);
* **simple exponential smoothing** (SES): a weighted mean that favours
  recent months; the smoothing weight is fitted by least squares.

The one with the smaller mean absolute one-step error over the recent past
(a backtest on the same months for both) is used. The interval comes from
that model's own one-step errors (their root mean square, widened with the
horizon as the model implies), at 80 % by default, and never goes below 0:
it says how wrong this kind of forecast has been here, not a promise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SEASON = 12
Z = {80: 1.2816, 90: 1.6449, 95: 1.96}


@dataclass(frozen=True)
class Forecast:
    model: str  # "seasonal_naive" | "ses" | "mean"
    value: float
    low: float
    high: float
    level: int
    history: int  # months of history used

    @property
    def model_label(self) -> str:
        return {
            "seasonal_naive": "cùng kỳ năm trước",
            "ses": "san bằng mũ",
            "mean": "trung bình",
        }[self.model]


def _ses_fit(series: list[float]) -> tuple[float, list[float]]:
    """The smoothing weight minimising one-step squared error, and those errors."""
    best: tuple[float, float, list[float]] | None = None
    for step in range(1, 20):
        alpha = step / 20
        level = series[0]
        errors: list[float] = []
        for value in series[1:]:
            errors.append(value - level)
            level = alpha * value + (1 - alpha) * level
        sse = sum(e * e for e in errors)
        if best is None or sse < best[0]:
            best = (sse, alpha, errors)
    assert best is not None
    return best[1], best[2]


def _ses_level(series: list[float], alpha: float) -> float:
    level = series[0]
    for value in series[1:]:
        level = alpha * value + (1 - alpha) * level
    return level


def _rms(errors: list[float]) -> float:
    return math.sqrt(sum(e * e for e in errors) / len(errors)) if errors else 0.0


def forecast_next(series: list[float], *, horizon: int = 1, level: int = 80) -> Forecast | None:
    """Forecast ``horizon`` months after the last value of a monthly ``series``.

    ``None`` with fewer than 3 months: too little to say anything honest.
    """
    n = len(series)
    if n < 3:
        return None
    z = Z[level]
    alpha, ses_errors = _ses_fit(series)
    candidates: dict[str, tuple[float, float, float]] = {}  # model: (value, sigma_h, backtest)
    ses_sigma = _rms(ses_errors) * math.sqrt(1 + (horizon - 1) * alpha * alpha)
    if n > SEASON:
        seasonal_errors = [series[t] - series[t - SEASON] for t in range(SEASON, n)]
        window = len(seasonal_errors)  # compare both on the same recent months
        source = series[n - SEASON - 1 + horizon] if horizon <= SEASON else series[-SEASON]
        candidates["seasonal_naive"] = (
            source,
            _rms(seasonal_errors),
            sum(abs(e) for e in seasonal_errors) / window,
        )
        recent = ses_errors[-window:]
        candidates["ses"] = (
            _ses_level(series, alpha),
            ses_sigma,
            sum(abs(e) for e in recent) / len(recent),
        )
    else:
        candidates["ses"] = (_ses_level(series, alpha), ses_sigma, 0.0)
    model = min(candidates, key=lambda m: candidates[m][2])
    value, sigma, _ = candidates[model]
    value = max(value, 0.0)
    return Forecast(
        model=model,
        value=value,
        low=max(value - z * sigma, 0.0),
        high=value + z * sigma,
        level=level,
        history=n,
    )
