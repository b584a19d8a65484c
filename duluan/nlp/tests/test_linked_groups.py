"""``linked_groups`` (SciPy's connected components) finds the groups the
union-find it replaced found, on random graphs of every density."""

from __future__ import annotations

import random

import numpy as np
import pytest

from duluan.nlp.similarity import linked_groups


def union_find_groups(near: list[np.ndarray]) -> list[list[int]]:
    """The implementation before issue #17, kept as the reference."""
    parent = list(range(len(near)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, linked in enumerate(near):
        for j in linked:
            a, b = find(i), find(int(j))
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(len(near)):
        groups.setdefault(find(i), []).append(i)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g[0]))


def random_near(rng: random.Random, n: int, p: float, symmetric: bool) -> list[np.ndarray]:
    edges: list[set[int]] = [set() for _ in range(n)]
    for i in range(n):
        for j in range(i + 1 if symmetric else 0, n):
            if i != j and rng.random() < p:
                edges[i].add(j)
                if symmetric:
                    edges[j].add(i)
    return [np.array(sorted(e), dtype=np.int32) for e in edges]


@pytest.mark.parametrize("symmetric", [True, False])
def test_same_groups_as_the_union_find_on_random_graphs(symmetric: bool) -> None:
    rng = random.Random(17)
    for _ in range(150):
        n = rng.randint(0, 80)
        p = rng.choice([0.0, 0.005, 0.02, 0.05, 0.2])
        near = random_near(rng, n, p, symmetric)
        assert linked_groups(near) == union_find_groups(near)


def test_singletons_are_not_groups_and_order_is_largest_first() -> None:
    near = [
        np.array([3]),
        np.array([], dtype=np.int32),
        np.array([4]),
        np.array([0]),
        np.array([2, 5]),
        np.array([4]),
    ]
    assert linked_groups(near) == [[2, 4, 5], [0, 3]]
    assert linked_groups([]) == []
