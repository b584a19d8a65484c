"""The one learning algorithm of the product and of ``duluan nlp train``.

A text classifier over normalised Vietnamese (:func:`duluan.nlp.text.normalise`):

* features: TF-IDF of syllable 1-3 grams plus TF-IDF of character 1-5 grams
  inside word boundaries (sub-linear tf); the character n-grams make it robust
  to missing diacritics, typos and unseen compounds, the syllable bi- and
  trigrams carry the Vietnamese multi-syllable words without a segmenter;
* model: a linear SVM per class (one-vs-rest) with balanced class weights, so a
  small class (the complaints that matter) is not drowned by the majority;
* calibration: out-of-fold decision scores (3 folds on the training data only)
  fit a softmax temperature (single-label) or a Platt scale per label
  (multi-label), so the confidences shown to staff mean something, and per-class
  score offsets that maximise macro-F1 + weighted-F1 on those out-of-fold scores.

Nothing is downloaded; a model is a directory with ``model.joblib`` and
``meta.json`` (labels, settings, training metrics). Models are pickles: load
only the ones this installation wrote.
"""

from __future__ import annotations

import copy
import csv
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC

# Re-exported: callers, and models pickled before learn_base existed, name them here.
from .learn_base import ALGORITHM as ALGORITHM
from .learn_base import TrainConfig as TrainConfig
from .learn_base import fingerprint as fingerprint
from .learn_base import prepare as prepare


def _char_wb_grams(word: str, lo: int, hi: int) -> list[str]:
    """scikit-learn's ``char_wb`` n-grams of one word (padded with a space each side)."""
    w = " " + word + " "
    size = len(w)
    grams: list[str] = []
    for n in range(lo, hi + 1):
        if n >= size:  # the whole padded word, once, as scikit-learn counts a short word
            grams.append(w)
            break
        grams.extend([w[i : i + n] for i in range(size - n + 1)])
    return grams


def _csr(rows: int, cols: int, indices: list[int], indptr: list[int]) -> sparse.csr_matrix:
    """0/1 entries at ``indices`` (repeats summed): a count matrix."""
    m = sparse.csr_matrix(
        (
            np.ones(len(indices), dtype=np.float32),
            np.asarray(indices, dtype=np.int32),
            np.asarray(indptr, dtype=np.int64),
        ),
        shape=(rows, cols),
    )
    m.sum_duplicates()
    return m


def _tfidf(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Sub-linear tf × idf, rows L2-normalised (scikit-learn's ``TfidfVectorizer``)."""
    x = counts.astype(np.float32)
    np.log(x.data, out=x.data)
    x.data += 1
    x.data *= idf[x.indices]
    return normalize(x, copy=False)


class CharNgrams:
    """TF-IDF of character n-grams inside word boundaries, exactly scikit-learn's
    ``TfidfVectorizer(analyzer="char_wb", sublinear_tf=True)``, computed per
    distinct word: a text's n-gram counts are its word counts times each word's
    n-gram counts (a sparse product), so a long text costs one dictionary look-up
    per word, not one per character n-gram (10× faster on news articles)."""

    def __init__(self, ngram_range: tuple[int, int], min_df: int, max_features: int | None):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.vocabulary_: dict[str, int] = {}
        self.idf_ = np.zeros(0, dtype=np.float32)

    def _counts(self, docs: Sequence[str], vocabulary: dict[str, int], grow: bool) -> Any:
        words: dict[str, int] = {}
        indices: list[int] = []
        indptr = [0]
        for doc in docs:
            for word in doc.split():
                j = words.get(word)
                if j is None:
                    j = words[word] = len(words)
                indices.append(j)
            indptr.append(len(indices))
        doc_words = _csr(len(docs), len(words), indices, indptr)
        lo, hi = self.ngram_range
        indices, indptr = [], [0]
        for word in words:
            for gram in _char_wb_grams(word, lo, hi):
                j = vocabulary.get(gram)
                if j is None:
                    if not grow:
                        continue
                    j = vocabulary[gram] = len(vocabulary)
                indices.append(j)
            indptr.append(len(indices))
        word_grams = _csr(len(words), len(vocabulary), indices, indptr)
        return (doc_words @ word_grams).tocsr()

    def fit_transform(self, docs: Sequence[str]) -> sparse.csr_matrix:
        vocabulary: dict[str, int] = {}
        counts = self._counts(docs, vocabulary, grow=True)
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        keep = df >= self.min_df
        if self.max_features is not None and keep.sum() > self.max_features:
            total = np.asarray(counts.sum(axis=0)).ravel()
            candidates = np.flatnonzero(keep)
            best = np.argsort(-total[candidates], kind="stable")[: self.max_features]
            keep = np.zeros_like(keep)
            keep[candidates[best]] = True
        terms = [t for t, k in zip(vocabulary, keep, strict=True) if k]
        order = sorted(range(len(terms)), key=terms.__getitem__)
        columns = np.flatnonzero(keep)[order]
        self.vocabulary_ = {terms[i]: n for n, i in enumerate(order)}
        self.idf_ = (np.log((1 + len(docs)) / (1 + df[columns])) + 1).astype(np.float32)
        return _tfidf(counts[:, columns], self.idf_)

    def transform(self, docs: Sequence[str]) -> sparse.csr_matrix:
        return _tfidf(self._counts(docs, self.vocabulary_, grow=False), self.idf_)


def _pack(vocabulary: dict[str, int]) -> str:
    """A vocabulary as one string, terms in column order (no term holds a newline)."""
    terms = [""] * len(vocabulary)
    for term, j in vocabulary.items():
        terms[j] = term
    return "\n".join(terms)


def _unpack(packed: str) -> dict[str, int]:
    return {term: j for j, term in enumerate(packed.split("\n"))} if packed else {}


class Features:
    def __init__(self, config: TrainConfig) -> None:
        self.word = TfidfVectorizer(
            ngram_range=config.word_ngrams,
            sublinear_tf=True,
            token_pattern=r"\S+",  # noqa: S106 (a regex, not a password)
            lowercase=False,
            dtype=np.float32,
            max_features=config.max_word_features,
            min_df=config.word_min_df,
        )
        self.char = CharNgrams(config.char_ngrams, config.char_min_df, config.max_char_features)

    def fit_transform(self, docs: Sequence[str]) -> sparse.csr_matrix:
        return sparse.hstack(
            [self.word.fit_transform(docs), self.char.fit_transform(docs)], format="csr"
        )

    def transform(self, docs: Sequence[str]) -> sparse.csr_matrix:
        return sparse.hstack([self.word.transform(docs), self.char.transform(docs)], format="csr")

    # Vocabularies travel as one string each: scikit-learn's dict of 300,000 terms
    # to numpy integers pickles to 3× the bytes and made a large model slow to load.
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        for name in ("word", "char"):
            part = state[name]
            if isinstance(getattr(part, "vocabulary_", None), dict):
                part = copy.copy(part)
                part.__dict__["vocabulary_"] = _pack(part.vocabulary_)
                state[name] = part
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for part in (state["word"], state["char"]):
            if isinstance(part.__dict__.get("vocabulary_"), str):
                part.__dict__["vocabulary_"] = _unpack(part.__dict__["vocabulary_"])
        self.__dict__.update(state)


def _softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = scores * temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-x)))


def _fit_temperature(scores: np.ndarray, y: np.ndarray) -> float:
    best_t, best_loss = 1.0, float("inf")
    for t in (0.5, 1, 1.5, 2, 3, 4, 5, 6, 8, 10):
        p = _softmax(scores, t)[np.arange(len(y)), y]
        loss = float(-np.mean(np.log(np.clip(p, 1e-9, 1))))
        if loss < best_loss:
            best_t, best_loss = float(t), loss
    return best_t


def _fit_offsets(scores: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per-class additive offsets, coordinate ascent on macro-F1 + weighted-F1."""
    k = scores.shape[1]
    offsets = np.zeros(k)

    def gain(off: np.ndarray) -> float:
        pred = (scores + off).argmax(axis=1)
        return float(
            f1_score(y, pred, average="macro", zero_division=0)
            + f1_score(y, pred, average="weighted", zero_division=0)
        )

    best = gain(offsets)
    grid = np.linspace(-0.5, 0.5, 11)
    for _ in range(2):
        for j in range(k):
            for step in grid:
                trial = offsets.copy()
                trial[j] = step
                g = gain(trial)
                if g > best + 1e-6:
                    best, offsets = g, trial
    return offsets


def _platt(score: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Logistic fit p = sigmoid(a*s + b) by a few Newton steps (labels 0/1)."""
    a, b = 1.0, 0.0
    t = np.where(y > 0, (y.sum() + 1) / (y.sum() + 2), 1 / (len(y) - y.sum() + 2))
    for _ in range(30):
        p = _sigmoid(a * score + b)
        w = np.maximum(p * (1 - p), 1e-9)
        g_a, g_b = float(np.sum((p - t) * score)), float(np.sum(p - t))
        h_aa, h_ab, h_bb = (
            float(np.sum(w * score * score)),
            float(np.sum(w * score)),
            float(w.sum()),
        )
        det = h_aa * h_bb - h_ab * h_ab
        if abs(det) < 1e-12:
            break
        da = (h_bb * g_a - h_ab * g_b) / det
        db = (h_aa * g_b - h_ab * g_a) / det
        a, b = a - da, b - db
        if abs(da) + abs(db) < 1e-6:
            break
    return float(a), float(b)


@dataclass
class TextClassifier:
    """Single-label (``labels[i]`` a string) or multi-label (a list of strings)."""

    config: TrainConfig = field(default_factory=TrainConfig)
    multilabel: bool = False
    classes: list[str] = field(default_factory=list)
    features: Features | None = None
    weights: np.ndarray | None = None  # (n_features, n_classes), float32
    bias: np.ndarray | None = None
    temperature: float = 1.0
    offsets: np.ndarray | None = None
    platt: list[tuple[float, float]] = field(default_factory=list)
    chosen_c: float = 1.0
    info: dict[str, Any] = field(default_factory=dict)

    # ── training ──
    def _fit_svms(
        self,
        x: sparse.csr_matrix,
        y: np.ndarray,
        c: float | None = None,
        weights: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """One binary SVM per column of the 0/1 matrix ``y`` (rows weighted by ``weights``)."""
        c = self.config.c if c is None else c
        coefs, biases = [], []
        for j in range(y.shape[1]):
            col = y[:, j]
            if col.min() == col.max():  # a label present everywhere or nowhere
                coefs.append(np.zeros(x.shape[1]))
                biases.append(1.0 if col[0] else -1.0)
                continue
            ratio = np.ones(x.shape[1])
            if self.config.nb_weighting:
                # NB-SVM: scale each feature by its log-count ratio for this class.
                pos = np.asarray(x[col == 1].sum(axis=0)).ravel() + 1.0
                neg = np.asarray(x[col == 0].sum(axis=0)).ravel() + 1.0
                ratio = np.abs(np.log((pos / pos.sum()) / (neg / neg.sum())))
            svm = LinearSVC(C=c, class_weight="balanced", random_state=self.config.seed)
            svm.fit(
                x @ sparse.diags(ratio) if self.config.nb_weighting else x,
                col,
                sample_weight=weights,
            )
            coefs.append(svm.coef_.ravel() * ratio)
            biases.append(float(svm.intercept_[0]))
        return np.asarray(coefs, dtype=np.float32).T, np.asarray(biases, dtype=np.float32)

    def _indicator(self, labels: Sequence[Any]) -> np.ndarray:
        index = {c: i for i, c in enumerate(self.classes)}
        y = np.zeros((len(labels), len(self.classes)), dtype=np.int8)
        for row, label in enumerate(labels):
            for one in label if self.multilabel else [label]:
                y[row, index[one]] = 1
        return y

    def fit(
        self,
        texts: Sequence[str],
        labels: Sequence[Any],
        *,
        features: Features | None = None,
        weights: Sequence[float] | None = None,
    ) -> TextClassifier:
        """Learn from ``texts``; ``features`` (already fitted) are shared with other
        classifiers of the same texts, so a text is vectorised once for all of them.
        ``weights`` (one per text, default 1) make some rows count more than others."""
        started = time.perf_counter()
        w_all = (
            None
            if weights is None or all(w == 1 for w in weights)
            else np.asarray(weights, dtype=np.float64)
        )
        docs = [prepare(t, self.config.max_chars) for t in texts]
        if self.multilabel:
            self.classes = sorted({lab for labs in labels for lab in labs})
        else:
            self.classes = sorted({str(lab) for lab in labels})
            labels = [str(lab) for lab in labels]
        if len(self.classes) < 2:
            raise ValueError("need at least two labels to learn from")
        y = self._indicator(labels)
        y_single = y.argmax(axis=1)
        self.chosen_c = self.config.c
        x_shared = features.transform(docs) if features is not None else None

        # Out-of-fold scores for calibration (training data only).
        oof = np.zeros(y.shape, dtype=np.float64)
        folds = self.config.folds
        min_count = int(np.bincount(y_single).min()) if not self.multilabel else folds
        if folds >= 2 and len(docs) >= 10 * folds and min_count >= folds:
            splitter = (
                KFold(folds, shuffle=True, random_state=self.config.seed)
                if self.multilabel
                else StratifiedKFold(folds, shuffle=True, random_state=self.config.seed)
            )
            grid = [self.config.c]
            if not self.multilabel:
                grid += [c for c in self.config.c_grid if c != self.config.c]
            oofs = {c: np.zeros(y.shape, dtype=np.float64) for c in grid}
            for train_idx, test_idx in splitter.split(docs, y_single):
                if x_shared is not None:
                    x_tr, x_te = x_shared[train_idx], x_shared[test_idx]
                else:
                    feats = Features(self.config)
                    x_tr = feats.fit_transform([docs[i] for i in train_idx])
                    x_te = feats.transform([docs[i] for i in test_idx])
                for c in grid:
                    w_tr = None if w_all is None else w_all[train_idx]
                    w, b = self._fit_svms(x_tr, y[train_idx], c, w_tr)
                    oofs[c][test_idx] = x_te @ w + b

            def quality(c: float) -> float:
                pred = oofs[c].argmax(axis=1)
                return float(
                    f1_score(y_single, pred, average="macro", zero_division=0)
                    + f1_score(y_single, pred, average="weighted", zero_division=0)
                )

            self.chosen_c = max(grid, key=quality) if len(grid) > 1 else grid[0]
            oof = oofs[self.chosen_c]
            calibrated = True
        else:
            calibrated = False

        if features is not None and x_shared is not None:
            self.features, x = features, x_shared
        else:
            self.features = Features(self.config)
            x = self.features.fit_transform(docs)
        self.weights, self.bias = self._fit_svms(x, y, self.chosen_c, w_all)
        k = len(self.classes)
        if self.multilabel:
            self.platt = [
                _platt(oof[:, j], y[:, j]) if calibrated else (2.0, 0.0) for j in range(k)
            ]
        else:
            self.temperature = _fit_temperature(oof, y_single) if calibrated else 2.0
            self.offsets = (
                _fit_offsets(oof, y_single)
                if calibrated and self.config.tune_offsets
                else np.zeros(k)
            )
        self.info = {
            "algorithm": ALGORITHM,
            "n_train": len(docs),
            "n_features": int(x.shape[1]),
            "train_seconds": round(time.perf_counter() - started, 2),
            "config": asdict(self.config),
            "chosen_c": self.chosen_c,
            "multilabel": self.multilabel,
            "classes": self.classes,
        }
        return self

    # ── prediction ──
    def scores(self, texts: Sequence[str], *, prepared: bool = False) -> np.ndarray:
        """Decision scores; ``prepared=True`` when the texts went through :func:`prepare`."""
        assert self.features is not None
        docs = list(texts) if prepared else [prepare(t, self.config.max_chars) for t in texts]
        return self.scores_from_matrix(self.features.transform(docs))

    def scores_from_matrix(self, x: sparse.csr_matrix) -> np.ndarray:
        assert self.weights is not None
        return np.asarray(x @ self.weights + self.bias)

    def predict_proba(self, texts: Sequence[str], *, prepared: bool = False) -> np.ndarray:
        return self.proba_from_scores(self.scores(texts, prepared=prepared))

    def proba_from_scores(self, s: np.ndarray) -> np.ndarray:
        if self.multilabel:
            a = np.array([p[0] for p in self.platt])
            b = np.array([p[1] for p in self.platt])
            return _sigmoid(s * a + b)
        assert self.offsets is not None
        return _softmax(s + self.offsets, self.temperature)

    def predict(self, texts: Sequence[str]) -> list[str]:
        """Single-label: the best label of each text."""
        proba = self.predict_proba(texts)
        return [self.classes[i] for i in proba.argmax(axis=1)]

    def predict_with_confidence(
        self, texts: Sequence[str], *, prepared: bool = False
    ) -> list[tuple[str, float]]:
        return self.best_from_proba(self.predict_proba(texts, prepared=prepared))

    def best_from_proba(self, proba: np.ndarray) -> list[tuple[str, float]]:
        best = proba.argmax(axis=1)
        return [(self.classes[i], float(proba[r, i])) for r, i in enumerate(best)]

    def predict_labels(
        self,
        texts: Sequence[str],
        threshold: float = 0.5,
        max_labels: int = 3,
        *,
        prepared: bool = False,
    ) -> list[list[tuple[str, float]]]:
        """Multi-label: labels above ``threshold`` (at least the best one), best first."""
        proba = self.predict_proba(texts, prepared=prepared)
        return self.labels_from_proba(proba, threshold, max_labels)

    def labels_from_proba(
        self, proba: np.ndarray, threshold: float = 0.5, max_labels: int = 3
    ) -> list[list[tuple[str, float]]]:
        out: list[list[tuple[str, float]]] = []
        for row in proba:
            order = np.argsort(-row)
            picked = [(self.classes[i], float(row[i])) for i in order[:max_labels]]
            out.append([picked[0]] + [p for p in picked[1:] if p[1] >= threshold])
        return out

    # ── persistence ──
    def save(self, directory: Path | str, extra: dict[str, Any] | None = None) -> Path:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        joblib.dump(self, directory / "model.joblib", compress=3)
        meta = dict(self.info)
        meta.update(extra or {})
        (directory / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2))
        return directory

    @classmethod
    def load(cls, directory: Path | str) -> TextClassifier:
        model = joblib.load(Path(directory) / "model.joblib")
        if not isinstance(model, cls):
            raise TypeError(f"{directory} does not hold a TextClassifier")
        return model


# ── data files ───────────────────────────────────────────────────────────────
def read_table(
    path: Path | str, text_column: str, label_column: str
) -> tuple[list[str], list[str]]:
    """Texts and labels from a CSV, TSV or JSONL file (chosen by extension)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".ndjson", ".json", ".tsv", ".tab", ".csv"):
        raise ValueError(f"unknown file type {suffix!r}: use .csv, .tsv or .jsonl")
    rows: Iterable[dict[str, Any]]
    with path.open(encoding="utf-8-sig", newline="") as fh:
        if suffix in (".jsonl", ".ndjson", ".json"):
            rows = [json.loads(line) for line in fh if line.strip()]
        elif suffix in (".tsv", ".tab"):
            rows = list(csv.DictReader(fh, delimiter="\t"))
        elif suffix == ".csv":
            rows = list(csv.DictReader(fh))
        else:
            raise ValueError(f"unknown file type {suffix!r}: use .csv, .tsv or .jsonl")
    texts: list[str] = []
    labels: list[str] = []
    for row in rows:
        if text_column not in row or label_column not in row:
            raise KeyError(f"columns {text_column!r} and {label_column!r} are required")
        label = row[label_column]
        if label is None or str(label).strip() == "":
            continue
        texts.append(str(row[text_column] or ""))
        labels.append(str(label).strip())
    return texts, labels


def evaluate(model: TextClassifier, texts: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro/weighted F1 and prediction throughput (text in, label out)."""
    started = time.perf_counter()
    predicted: list[str] = []
    for start in range(0, len(texts), 256):
        predicted.extend(model.predict(texts[start : start + 256]))
    elapsed = max(time.perf_counter() - started, 1e-9)
    y = list(labels)
    return {
        "accuracy": round(float(np.mean([p == t for p, t in zip(predicted, y, strict=True)])), 4),
        "macro_f1": round(float(f1_score(y, predicted, average="macro", zero_division=0)), 4),
        "weighted_f1": round(float(f1_score(y, predicted, average="weighted", zero_division=0)), 4),
        "n": len(y),
        "docs_per_s": round(len(y) / elapsed, 1),
    }
