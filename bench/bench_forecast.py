"""The dashboard's own exponential smoothing against statsmodels' (decision 0003).

Series like the dashboard's: 36 complete months of report counts, a slow trend,
a yearly swing and over-dispersed noise, at sizes from a small topic (about 8 a
month) to a province's total (about 500). For each: our SES
(``dashboard.forecast``: weight on a 0.05 grid, level started at the first
month) and statsmodels' ``SimpleExpSmoothing`` fitted by its optimiser, with
the level started at the first month (``known``) and estimated (``estimated``).
Reports the next-month values, their differences, the out-of-sample error on
a held-out 37th month, and the time per series and per dashboard page (the
total and 12 topics, horizon 2), plus statsmodels' first import.
"""

from __future__ import annotations

import math
import random
import time
import warnings
from collections.abc import Callable
from typing import Any

NAME = "forecast"
SIZES = (8, 20, 60, 150, 500)
SERIES_PER_SIZE = 40
PAGE_SERIES = 13  # the total and 12 topics


def _series(seed: int, base: float, months: int = 37) -> list[float]:
    rng = random.Random(seed)
    out = []
    for t in range(months):
        mean = base * (1 + 0.01 * t) * (1 + 0.3 * math.sin(2 * math.pi * t / 12))
        out.append(float(max(0, round(rng.gauss(mean, 1.5 * math.sqrt(mean))))))
    return out


def _per_call(fn: Callable[[], object], repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - started) / repeat


def run() -> dict[str, Any]:
    from duluan.dashboard.forecast import _ses_fit, _ses_level, forecast_next

    started = time.perf_counter()
    import numpy as np
    from statsmodels.tsa.holtwinters import SimpleExpSmoothing

    import_s = time.perf_counter() - started

    def ours(s: list[float]) -> float:
        return _ses_level(s, _ses_fit(s)[0])

    def theirs(s: list[float], init: str) -> float:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # convergence chatter on near-flat series
            if init == "known":
                model = SimpleExpSmoothing(
                    np.asarray(s), initialization_method="known", initial_level=s[0]
                )
            else:
                model = SimpleExpSmoothing(np.asarray(s), initialization_method=init)
            return float(model.fit().forecast(1)[0])

    rel_known: list[float] = []
    rel_est: list[float] = []
    abs_err = {"ours_ses": 0.0, "sm_known": 0.0, "sm_estimated": 0.0, "ours_forecast_next": 0.0}
    examples = []
    n = 0
    for base in SIZES:
        for seed in range(SERIES_PER_SIZE):
            full = _series(seed, base)
            s, actual = full[:36], full[36]
            a, b, c = ours(s), theirs(s, "known"), theirs(s, "estimated")
            rel_known.append(abs(a - b) / max(b, 1.0))
            rel_est.append(abs(a - c) / max(c, 1.0))
            abs_err["ours_ses"] += abs(a - actual)
            abs_err["sm_known"] += abs(b - actual)
            abs_err["sm_estimated"] += abs(c - actual)
            picked = forecast_next(s)
            assert picked is not None
            abs_err["ours_forecast_next"] += abs(picked.value - actual)
            n += 1
            if seed == 0:
                examples.append(
                    {
                        "base": base,
                        "ours": round(a, 1),
                        "sm_known": round(b, 1),
                        "sm_est": round(c, 1),
                    }
                )
    page = [_series(seed, SIZES[seed % len(SIZES)])[:36] for seed in range(PAGE_SERIES)]
    ours_s = _per_call(lambda: ours(page[0]), 2000)
    theirs_s = _per_call(lambda: theirs(page[0], "known"), 50)
    theirs_est_s = _per_call(lambda: theirs(page[0], "estimated"), 50)
    page_ours = _per_call(lambda: [forecast_next(s, horizon=2) for s in page], 200)
    page_theirs = _per_call(lambda: [theirs(s, "known") for s in page], 5)
    figures: dict[str, Any] = {
        "series": n,
        "statsmodels_first_import_s": round(import_s, 2),
        "relative_difference_vs_sm_known": {
            "mean_pct": round(100 * sum(rel_known) / n, 2),
            "max_pct": round(100 * max(rel_known), 2),
        },
        "relative_difference_vs_sm_estimated": {
            "mean_pct": round(100 * sum(rel_est) / n, 2),
            "max_pct": round(100 * max(rel_est), 2),
        },
        "holdout_mean_abs_error": {k: round(v / n, 2) for k, v in abs_err.items()},
        "examples_next_month": examples,
        "per_series_ms": {
            "ours_ses_fit": round(1000 * ours_s, 3),
            "sm_known": round(1000 * theirs_s, 2),
            "sm_estimated": round(1000 * theirs_est_s, 2),
        },
        "per_page_13_series_ms": {
            "ours_forecast_next": round(1000 * page_ours, 2),
            "sm_ses_only": round(1000 * page_theirs, 1),
        },
    }
    return figures
