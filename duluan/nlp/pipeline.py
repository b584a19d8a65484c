"""The analysis pipeline: an explicit, ordered list of small pure steps.

Each step takes a :class:`Batch` of :class:`Doc` and the
:class:`~duluan.nlp.bundle.ModelBundle` and returns a new batch (both are
frozen; steps never mutate, never touch the database). Working on a batch lets
the ``features`` step vectorise many texts at once, for all three classifiers.
The product, the demo loader, the bulk re-scoring and the surveys all go through
:func:`run`; the model version is stamped on every result by the caller.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from duluan.core.pii import PiiSpan, find_pii

from .learn_base import TrainConfig, prepare
from .text import normalise, tokenise
from .urgency import HOT, NORMAL, combine, urgency_findings

if TYPE_CHECKING:
    from .bundle import ModelBundle


@dataclass(frozen=True)
class Doc:
    raw: str
    text: str = ""  # normalised (NFC, tone marks, placeholders, lower case, abbreviations)
    tokens: tuple[str, ...] = ()
    pii: tuple[PiiSpan, ...] = ()
    topics: tuple[tuple[str, float], ...] = ()  # (code, confidence), best first
    sentiment: str = ""
    sentiment_confidence: float = 0.0
    kind: str = ""
    kind_confidence: float = 0.0
    urgency: str = ""  # binh_thuong / can_chu_y / diem_nong: the model's, raised by the rules
    urgency_confidence: float = 0.0
    urgency_signals: tuple[str, ...] = ()  # the rules that fired
    suggests_hot_spot: bool = False  # urgency == diem_nong

    @property
    def prepared(self) -> str:
        """What the classifiers read: the tokens joined by spaces."""
        return " ".join(self.tokens)


@dataclass(frozen=True)
class Batch:
    """The docs being analysed together, and their feature matrix once computed."""

    docs: list[Doc]
    features: Any = None  # scipy sparse matrix, one row per doc


Step = Callable[[Batch, "ModelBundle | None"], Batch]


def _map(batch: Batch, fn: Callable[[Doc], Doc]) -> Batch:
    return replace(batch, docs=[fn(d) for d in batch.docs])


def step_normalise(batch: Batch, models: ModelBundle | None) -> Batch:
    return _map(batch, lambda d: replace(d, text=normalise(d.raw)))


def step_pii(batch: Batch, models: ModelBundle | None) -> Batch:
    """Personal data found in the raw text (for redaction in reports and exports)."""
    return _map(batch, lambda d: replace(d, pii=tuple(find_pii(d.raw))))


def step_tokenise(batch: Batch, models: ModelBundle | None) -> Batch:
    return _map(batch, lambda d: replace(d, tokens=tuple(tokenise(d.text))))


def step_features(batch: Batch, models: ModelBundle | None) -> Batch:
    """Vectorise once for every classifier (TF-IDF syllable + character n-grams)."""
    if models is None or not batch.docs:
        return batch
    limit = TrainConfig.max_chars  # long texts: the head only, as in training
    docs = [d.prepared if len(d.raw) <= limit else prepare(d.raw, limit) for d in batch.docs]
    return replace(batch, features=models.features.transform(docs))


def step_topics(batch: Batch, models: ModelBundle | None) -> Batch:
    if models is None or batch.features is None:
        return batch
    clf = models.topic
    labelled = clf.labels_from_proba(
        clf.proba_from_scores(clf.scores_from_matrix(batch.features)), models.topic_threshold
    )
    docs = [replace(d, topics=tuple(lab)) for d, lab in zip(batch.docs, labelled, strict=True)]
    return replace(batch, docs=docs)


def step_sentiment(batch: Batch, models: ModelBundle | None) -> Batch:
    if models is None or batch.features is None:
        return batch
    clf = models.sentiment
    found = clf.best_from_proba(clf.proba_from_scores(clf.scores_from_matrix(batch.features)))
    docs = [
        replace(d, sentiment=label, sentiment_confidence=conf)
        for d, (label, conf) in zip(batch.docs, found, strict=True)
    ]
    return replace(batch, docs=docs)


def step_kind(batch: Batch, models: ModelBundle | None) -> Batch:
    if models is None or batch.features is None:
        return batch
    clf = models.kind
    found = clf.best_from_proba(clf.proba_from_scores(clf.scores_from_matrix(batch.features)))
    docs = [
        replace(d, kind=label, kind_confidence=conf)
        for d, (label, conf) in zip(batch.docs, found, strict=True)
    ]
    return replace(batch, docs=docs)


def step_urgency(batch: Batch, models: ModelBundle | None) -> Batch:
    """The learned urgency head decides; a rule (a stoppage, a death, long arrears for
    many) raises its answer where the head is unsure (``urgency.combine``), never lowers
    it. Without a head (an old bundle) the rules alone decide."""
    learned: list[tuple[str, float]] = [(NORMAL, 0.0)] * len(batch.docs)
    clf = models.urgency if models is not None else None
    if clf is not None and batch.features is not None:
        learned = clf.best_from_proba(clf.proba_from_scores(clf.scores_from_matrix(batch.features)))

    def one(d: Doc, guess: tuple[str, float]) -> Doc:
        findings = urgency_findings(d.text)
        level = combine(guess[0], findings, guess[1])
        confidence = guess[1] if level == guess[0] else 1.0
        return replace(
            d,
            urgency=level,
            urgency_confidence=confidence,
            urgency_signals=tuple(f.code for f in findings),
            suggests_hot_spot=level == HOT,
        )

    docs = [one(d, g) for d, g in zip(batch.docs, learned, strict=True)]
    return replace(batch, docs=docs)


STEPS: list[tuple[str, Step]] = [
    ("normalise", step_normalise),
    ("pii", step_pii),
    ("tokenise", step_tokenise),
    ("features", step_features),
    ("topics", step_topics),
    ("sentiment", step_sentiment),
    ("kind", step_kind),
    ("urgency", step_urgency),
]


def run(texts: Sequence[str], models: ModelBundle | None, batch_size: int = 512) -> list[Doc]:
    """Every step over ``texts``, in batches; ``models=None`` skips the classifiers."""
    out: list[Doc] = []
    for start in range(0, len(texts), batch_size):
        batch = Batch(docs=[Doc(raw=t or "") for t in texts[start : start + batch_size]])
        for _name, step in STEPS:
            batch = step(batch, models)
        out.extend(batch.docs)
    return out
