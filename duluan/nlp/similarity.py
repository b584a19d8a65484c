"""Pure functions over texts: near-duplicates, clusters of similar reports, key phrases.

* :func:`near_duplicate_groups`: the same report sent by several units, reposts
  with small edits. Shingles are syllable 1-3 grams of the normalised text
  (binary: a long text repeated is not "more" of a shingle); two texts whose
  cosine is at least ``threshold`` are linked, groups are the connected parts
  (``scipy.sparse.csgraph.connected_components``).
* :func:`cluster_texts`: emerging issues. Density-first "leader" clustering
  on TF-IDF cosine: the text with most neighbours above ``threshold`` starts a
  cluster with its unassigned neighbours, and so on. Deterministic, no k to guess.
* :func:`summarise`: an extractive summary (the sentences nearest the
  cluster's centroid) and key phrases (the centroid's heaviest n-grams).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from .stopwords import STOP  # function words that make poor key phrases
from .text import normalise, syllable_text


def _prepared(texts: Sequence[str]) -> list[str]:
    return [syllable_text(normalise(t)) for t in texts]


def _vectors(
    docs: Sequence[str], ngrams: tuple[int, int], min_df: int = 1, idf: bool = True
) -> tuple[sparse.csr_matrix, TfidfVectorizer]:
    vec = TfidfVectorizer(
        ngram_range=ngrams,
        sublinear_tf=True,
        use_idf=idf,
        binary=not idf,
        token_pattern=r"\S+",  # noqa: S106 (a regex, not a password)
        lowercase=False,
        min_df=min_df,
        dtype=np.float32,
    )
    try:
        x = vec.fit_transform(docs)
    except ValueError:  # empty vocabulary
        return sparse.csr_matrix((len(docs), 1), dtype=np.float32), vec
    return x.tocsr(), vec


def _neighbours(x: sparse.csr_matrix, threshold: float, chunk: int = 2000) -> list[np.ndarray]:
    """For each row, the other rows with cosine ≥ threshold (rows are L2-normalised)."""
    out: list[np.ndarray] = []
    xt = x.T.tocsc()
    for start in range(0, x.shape[0], chunk):
        sims = (x[start : start + chunk] @ xt).tocsr()
        sims.data[sims.data < threshold] = 0
        sims.eliminate_zeros()
        indptr, indices = sims.indptr, sims.indices
        for i in range(sims.shape[0]):
            row = indices[indptr[i] : indptr[i + 1]]
            out.append(row[row != start + i])
    return out


def linked_groups(near: Sequence[np.ndarray]) -> list[list[int]]:
    """The connected parts (at least two each) of the graph ``i -- near[i][k]``,
    largest first, each in index order."""
    from scipy.sparse.csgraph import connected_components

    n = len(near)
    rows = np.repeat(np.arange(n), [len(x) for x in near])
    cols = np.concatenate(near).astype(np.int64) if n else np.empty(0, dtype=np.int64)
    graph = sparse.csr_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(i)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g[0]))


def near_duplicate_groups(texts: Sequence[str], threshold: float = 0.7) -> list[list[int]]:
    """Groups (indices, at least two each) of texts that say the same thing."""
    if len(texts) < 2:
        return []
    x, _ = _vectors(_prepared(texts), (1, 3), idf=False)
    return linked_groups(_neighbours(x, threshold))


@dataclass(frozen=True)
class Cluster:
    members: list[int]  # indices into the input, nearest the centroid first
    key_phrases: list[str]
    summary: str


_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")


def _key_phrases(centroid: np.ndarray, terms: np.ndarray, n_phrases: int) -> list[str]:
    phrases: list[str] = []
    ranked = [int(i) for i in np.argsort(-centroid)[:200] if centroid[i] > 0]
    # Two-syllable phrases first (Vietnamese words are mostly two syllables).
    ranked.sort(key=lambda i: (" " not in str(terms[i]), -centroid[i]))
    for idx in ranked:
        term = str(terms[idx])
        words = term.split()
        if any(w in STOP or "_" in w or w.isdigit() for w in (words[0], words[-1])):
            continue
        if any(term in p for p in phrases):
            continue
        phrases = [p for p in phrases if p not in term]
        phrases.append(term)
        if len(phrases) >= n_phrases:
            break
    return phrases


def _summary(
    texts: Sequence[str], order: Sequence[int], centroid: np.ndarray, vec: TfidfVectorizer
) -> str:
    """The sentence (of the texts nearest the centroid) closest to the centroid."""
    sentences: list[str] = []
    for i in order[:5]:
        sentences.extend(s.strip() for s in _SENTENCE.split(texts[i]) if len(s.strip()) > 15)
    if not sentences:
        return texts[order[0]] if order else ""
    sx = vec.transform(_prepared(sentences))
    return sentences[int(np.argmax(np.asarray(sx @ centroid).ravel()))]


def summarise(texts: Sequence[str], n_phrases: int = 5) -> tuple[str, list[str], list[int]]:
    """(summary sentence, key phrases, order of texts by closeness to the centroid)."""
    if not texts:
        return "", [], []
    x, vec = _vectors(_prepared(texts), (1, 2))
    if not getattr(vec, "vocabulary_", None):
        return texts[0], [], list(range(len(texts)))
    centroid = np.asarray(x.mean(axis=0)).ravel()
    order = [int(i) for i in np.argsort(-np.asarray(x @ centroid).ravel(), kind="stable")]
    phrases = _key_phrases(centroid, vec.get_feature_names_out(), n_phrases)
    return _summary(texts, order, centroid, vec), phrases, order


def cluster_texts(
    texts: Sequence[str], threshold: float = 0.3, min_size: int = 3, limit: int | None = None
) -> list[Cluster]:
    """Clusters of at least ``min_size`` similar texts, largest first (``limit`` of them)."""
    if len(texts) < min_size:
        return []
    x, vec = _vectors(_prepared(texts), (1, 2))
    if not getattr(vec, "vocabulary_", None):
        return []
    near = _neighbours(x, threshold)
    degree = np.array([len(n) for n in near])
    assigned = np.zeros(len(texts), dtype=bool)
    groups: list[list[int]] = []
    for centre in np.argsort(-degree, kind="stable"):
        if assigned[centre] or degree[centre] + 1 < min_size:
            continue
        members = [int(centre)] + [int(j) for j in near[centre] if not assigned[j]]
        if len(members) < min_size:
            continue
        assigned[members] = True
        groups.append(members)
    groups.sort(key=lambda g: (-len(g), g[0]))
    terms = vec.get_feature_names_out()
    clusters: list[Cluster] = []
    for members in groups[:limit]:
        sub = x[members]
        centroid = np.asarray(sub.mean(axis=0)).ravel()
        order = np.argsort(-np.asarray(sub @ centroid).ravel(), kind="stable")
        ranked = [members[int(i)] for i in order]
        clusters.append(
            Cluster(
                members=ranked,
                key_phrases=_key_phrases(centroid, terms, 5),
                summary=_summary(texts, ranked, centroid, vec),
            )
        )
    return clusters
