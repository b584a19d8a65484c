"""Our MinHash against the exact Jaccard, and the folding it drives, on recorded texts."""

from __future__ import annotations

import itertools

from duluan.media import fold
from duluan.media.parse import parse_feed
from duluan.media.recorded import recorded


def _texts() -> list[tuple[str, str]]:
    items = parse_feed(recorded("feeds/baocongnhan.rss")) + parse_feed(
        recorded("feeds/laodongmau.atom")
    )
    return [(i.link, f"{i.title}. {i.text}") for i in items]


REPOSTS = {
    frozenset(
        {
            "https://baocongnhan.example/viec-lam/cong-nhan-giay-phu-mau-ngung-viec-vi-no-luong-1001.html",
            "https://laodongmau.example/thoi-su/giay-phu-mau-no-luong-2001",
        }
    ),
    frozenset(
        {
            "https://baocongnhan.example/tien-luong/thuong-tet-chua-cong-bo-1002.html",
            "https://laodongmau.example/viec-lam/thuong-tet-2002",
        }
    ),
}


def test_minhash_estimates_jaccard_closely() -> None:
    texts = _texts()
    errors = []
    for (_, a), (_, b) in itertools.combinations(texts, 2):
        exact = fold.jaccard(fold.shingles(a), fold.shingles(b))
        estimate = fold.similarity(fold.signature(a), fold.signature(b))
        errors.append(abs(exact - estimate))
    assert len(errors) == 78
    assert sum(errors) / len(errors) < 0.02
    assert max(errors) < 0.15, max(errors)  # 64 permutations: standard error ~0.06


def test_reposts_fold_and_distinct_stories_do_not() -> None:
    texts = _texts()
    folded = {
        frozenset({la, lb})
        for (la, a), (lb, b) in itertools.combinations(texts, 2)
        if fold.similarity(fold.signature(a), fold.signature(b)) >= fold.THRESHOLD
    }
    assert folded == REPOSTS
