"""Related reports: the nearest neighbours of a report in the model's feature space.

The same incident reaches the union told three ways (a hotline note, a Zalo
message, an officer's write-up): few words in common, the same facts. Threshold
grouping misses them; a ranked list of neighbours finds them. A candidate's
score is the cosine of the two texts in the shared TF-IDF features (syllable and
character n-grams, so teencode and missing diacritics still meet), plus

* ``ENTITY_BOOST`` when both name the same company, industrial park or place
  (folded: "Cty May Phúc Thịnh" meets "cty may phuc thinh"),
* ``UNIT_BOOST`` when both came from the same unit,

and only candidates heard within ``WINDOW_DAYS`` of the report count. Pure
functions over plain data; the selectors scope and fetch.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from scipy import sparse

from duluan.core.text import fold

from .stopwords import is_stopword

WINDOW_DAYS = 30
ENTITY_BOOST = 0.12
UNIT_BOOST = 0.04
MIN_SCORE = 0.12  # below this, a neighbour is noise
SUGGEST_SCORE = 0.3  # a matter is suggested for a report at least this close to it

_CAP = r"[A-ZĐÀ-Ỹ][\wÀ-ỹ&.-]*"
_COMPANY = re.compile(
    rf"\b(?:[Cc][ôo]ng ty|[Cc]ty|CTY|CT|DN|[Dd]oanh nghi[ệe]p|[Nn]h[àa] m[áa]y|[Xx][ưu][ởo]ng"
    rf"|[Tt]r[ưu][ờo]ng|[Bb][ệe]nh vi[ệe]n|[Ss]i[êe]u th[ịi])"
    rf"(?:\s+(?:TNHH|CP|MTV|TNHH MTV|[Cc][ổo] ph[ầa]n|[Ll]i[êe]n doanh|[Tt]ập đoàn))*"
    rf"\s+((?:{_CAP}\s*){{1,4}})"
)
_PARK = re.compile(
    rf"\b(?:KCN|CCN|KCX|[Kk]hu c[ôo]ng nghi[ệe]p|[Cc][ụu]m c[ôo]ng nghi[ệe]p)\s+((?:{_CAP}\s*){{1,3}})"
)
_GENERIC = frozenset(
    [
        "viet",
        "nam",
        "vn",
        "tnhh",
        "cp",
        "mtv",
        "co",
        "phan",
        "cong",
        "ty",
        "cty",
        "dn",
        "the",
        "va",
        "so",
        "mot",
        "hai",
        "ba",
    ]
)


def entity_keys(text: str, place: str = "") -> frozenset[str]:
    """Folded names of the companies, industrial parks and places a report names."""
    keys: set[str] = set()
    for pattern in (_COMPANY, _PARK):
        for match in pattern.finditer(text or ""):
            words = [w for w in fold(_named(match.group(1))).split() if w not in _GENERIC]
            if words:
                keys.add(" ".join(words[:3]))
    place_words = [
        w for w in fold(_named((place or "").replace(",", " "))).split() if w not in _GENERIC
    ]
    if place_words:
        keys.add(" ".join(place_words[:3]))
    return frozenset(k for k in keys if len(k) >= 3)


def _named(words: str) -> str:
    """``words`` without function words ("xưởng Đang tăng ca": "Đang" names nothing);
    read with their diacritics, before folding, so "Minh" stays while "mình" goes."""
    return " ".join(w for w in words.split() if not is_stopword(w))


@dataclass(frozen=True)
class Candidate:
    key: int
    heard_at: datetime
    unit_id: int | None
    entities: frozenset[str]


@dataclass(frozen=True)
class Neighbour:
    key: int
    score: float
    cosine: float
    shared: tuple[str, ...]  # the entities both name
    same_unit: bool


def rank(
    query: Any,
    matrix: Any,
    me: Candidate,
    candidates: Sequence[Candidate],
    *,
    limit: int = 5,
    window_days: int = WINDOW_DAYS,
    min_score: float = MIN_SCORE,
) -> list[Neighbour]:
    """The best ``limit`` candidates for ``me``. ``query`` is one row and ``matrix`` one row
    per candidate of the same feature space (sparse or dense); every row has the same
    norm (the bundle's features are L2-normed per part), so dot products over the
    query's self-product are cosines."""
    if not candidates:
        return []
    self_sim = _dot(query, query)[0] or 1.0
    cosines = _dot(matrix, query) / self_sim
    window = timedelta(days=window_days)
    out: list[Neighbour] = []
    for cand, cos in zip(candidates, cosines, strict=True):
        if cand.key == me.key or abs(cand.heard_at - me.heard_at) > window:
            continue
        shared = tuple(sorted(me.entities & cand.entities))
        same_unit = me.unit_id is not None and cand.unit_id == me.unit_id
        score = float(cos) + (ENTITY_BOOST if shared else 0.0) + (UNIT_BOOST if same_unit else 0.0)
        if score >= min_score:
            out.append(
                Neighbour(cand.key, round(score, 4), round(float(cos), 4), shared, same_unit)
            )
    out.sort(key=lambda n: (-n.score, n.key))
    return out[:limit]


def _dot(rows: Any, one: Any) -> np.ndarray:
    """``rows · oneᵀ`` as a flat array (sparse or dense inputs)."""
    product = rows @ (one.T if sparse.issparse(one) else np.asarray(one).T)
    dense = product.toarray() if sparse.issparse(product) else np.asarray(product)
    return np.asarray(dense, dtype=np.float64).ravel()
