"""Spike detection with robust statistics (pure: counts in, verdict out).

The recent window (7 days) of one topic in one unit is compared with the same
unit's previous windows: ``score = (count - median) / (1.4826 * MAD + 1)``.
The median and the median absolute deviation ignore a past burst or two; the
``+ 1`` keeps a quiet history (all zeros, MAD 0) from turning two reports into
an alarm. A spike needs ``count >= min_count`` and ``score >= threshold``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

WINDOW_DAYS = 7
HISTORY_WINDOWS = 8
THRESHOLD = 3.5


@dataclass(frozen=True)
class SpikeVerdict:
    count: int
    baseline: float
    spread: float
    score: float
    is_spike: bool


def spike_score(
    recent: int, history: Sequence[int], *, min_count: int = 5, threshold: float = THRESHOLD
) -> SpikeVerdict:
    past = np.asarray(list(history) or [0], dtype=float)
    median = float(np.median(past))
    mad = float(np.median(np.abs(past - median)))
    score = (recent - median) / (1.4826 * mad + 1.0)
    return SpikeVerdict(
        count=recent,
        baseline=median,
        spread=mad,
        score=round(score, 3),
        is_spike=recent >= min_count and score >= threshold,
    )
