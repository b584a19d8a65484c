"""The light half of :mod:`duluan.nlp.learn`: the algorithm's name, its settings,
the text preparation and fingerprints, with no NumPy, SciPy or scikit-learn.

The pipeline, the bundle's bookkeeping and every page import these; only
training and applying a model need :mod:`duluan.nlp.learn` (which re-exports
them), so a web worker or a command that uses no model starts without the
numerical stack.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .text import normalise, syllable_text

ALGORITHM = "tfidf-syl13-char15-linsvm-v5"


@dataclass(frozen=True)
class TrainConfig:
    word_ngrams: tuple[int, int] = (1, 3)
    char_ngrams: tuple[int, int] = (1, 5)
    char_min_df: int = 2
    word_min_df: int = 1
    # Bounds for long documents (news articles): the head of a text, and the most
    # frequent n-grams, keep a model small, quick to load and fast to apply.
    max_chars: int = 3000
    max_word_features: int = 300_000
    max_char_features: int = 300_000
    c: float = 1.0
    # Single-label: other penalties tried on the out-of-fold scores; the best by
    # macro-F1 + weighted-F1 is kept (training data only, never the test set).
    c_grid: tuple[float, ...] = ()
    folds: int = 3
    nb_weighting: bool = False
    tune_offsets: bool = False
    seed: int = 0


def prepare(text: str, max_chars: int = TrainConfig.max_chars) -> str:
    """Raw text in, the string the vectorisers read out (the first ``max_chars``)."""
    return syllable_text(normalise((text or "")[:max_chars]))


def fingerprint(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:10]
