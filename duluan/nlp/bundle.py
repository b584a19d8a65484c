"""A model version on disk: four classifiers (topics, sentiment, kind, urgency) over one
shared feature space, trained together.

The shipped version (named ``seed-<fingerprint>`` for continuity) is trained from
the training part of the corpus kept in the repository (``duluan/nlp/corpus/``,
see :mod:`duluan.nlp.corpus`) the first time it is needed, deterministically,
into ``DULUAN_NLP_MODEL_DIR/seed-<fingerprint>/`` (under a minute; the
fingerprint covers the corpus's training part and the algorithm, so a changed
corpus gives a new version). Retrained versions live beside it; the database
row :class:`~duluan.nlp.models.ModelVersion` says which one is active.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

from duluan.core.text import fold

from .learn_base import ALGORITHM, TrainConfig, fingerprint, prepare

if TYPE_CHECKING:  # scikit-learn and SciPy load with a model, not with this module
    from .learn import Features, TextClassifier

logger = logging.getLogger(__name__)

TOPIC_THRESHOLD = 0.5
BUNDLE_FORMAT = "bundle-v2"  # one joblib, shared features


@dataclass(frozen=True)
class LabelledText:
    """A text with the labels known for it; an empty field is unknown (not trained on).

    ``weight`` scales the row in training: a staff correction counts more than a
    corpus row (``services.training.CORRECTION_WEIGHT``).
    """

    text: str
    topics: tuple[str, ...]
    sentiment: str
    kind: str
    urgency: str = ""
    weight: float = 1.0


@dataclass
class ModelBundle:
    """Four classifiers over one shared feature space (a text is vectorised once).

    ``urgency`` is ``None`` in bundles written before it existed: the rules alone
    decide there.
    """

    version: str
    features: Features
    topic: TextClassifier
    sentiment: TextClassifier
    kind: TextClassifier
    urgency: TextClassifier | None = None
    topic_threshold: float = TOPIC_THRESHOLD
    meta: dict[str, Any] | None = None

    def save(self, directory: Path) -> Path:
        import joblib

        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=directory.parent))
        try:
            joblib.dump(
                {
                    "features": self.features,
                    "topic": self.topic,
                    "sentiment": self.sentiment,
                    "kind": self.kind,
                    "urgency": self.urgency,
                },
                tmp / "bundle.joblib",
                compress=3,
            )
            meta = dict(self.meta or {})
            meta.update({"version": self.version, "topic_threshold": self.topic_threshold})
            (tmp / "bundle.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2))
            if directory.exists():
                shutil.rmtree(directory, ignore_errors=True)
            try:
                os.replace(tmp, directory)
            except OSError:  # another process wrote the same version meanwhile
                if not (directory / "bundle.json").exists():
                    raise
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        return directory

    @classmethod
    def load(cls, directory: Path) -> ModelBundle:
        import joblib

        meta = json.loads((directory / "bundle.json").read_text())
        parts = joblib.load(directory / "bundle.joblib")
        return cls(
            version=meta["version"],
            features=parts["features"],
            topic=parts["topic"],
            sentiment=parts["sentiment"],
            kind=parts["kind"],
            urgency=parts.get("urgency"),
            topic_threshold=float(meta.get("topic_threshold", TOPIC_THRESHOLD)),
            meta=meta,
        )


def model_dir() -> Path:
    path = Path(settings.NLP_MODEL_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def seed_rows() -> list[LabelledText]:
    """What the shipped ("seed") model learns from: the corpus's training part."""
    from .corpus import corpus_rows

    return corpus_rows("train")


AUGMENT_STRIPPED_SHARE = 0.3  # chosen on the dev part: see docs/nlp.md
# Syllable n-grams seen in one text only are dropped: the vocabulary falls from 277k to
# 63k terms (memory), dev figures unchanged or up (+0.1 to +0.5): see docs/nlp.md.
PRODUCT_CONFIG = TrainConfig(word_min_df=2)


def shipped_rows() -> list[LabelledText]:
    """The training part, plus a copy without diacritics of a fixed 30 % of it: people
    type without diacritics, and the character n-grams of "no luong" and "nợ lương"
    share little (+13 kind and +9 topic points on the dev part's unaccented texts)."""
    from .corpus import corpus_items

    rows: list[LabelledText] = []
    stripped: list[LabelledText] = []
    for item in corpus_items("train"):
        row = item.labelled()
        rows.append(row)
        digest = hashlib.sha256(f"strip:{item.id}".encode()).digest()[0] / 256
        if digest < AUGMENT_STRIPPED_SHARE and fold(item.text) != item.text.lower():
            stripped.append(replace(row, text=fold(item.text)))
    return rows + stripped


def seed_version() -> str:
    """``seed-<fingerprint>``: the fingerprint covers the training part of the corpus and
    the algorithm, so a changed corpus gives a new version."""
    from .corpus import corpus_text

    return "seed-" + fingerprint(
        corpus_text(["train"]),
        ALGORITHM,
        BUNDLE_FORMAT,
        f"strip{AUGMENT_STRIPPED_SHARE}",
        repr(PRODUCT_CONFIG),
    )


def bundle_train(
    rows: Sequence[LabelledText], *, version: str, config: TrainConfig | None = None
) -> ModelBundle:
    """Fit the shared features on every text, then each classifier on the rows
    that know its label (a correction may fix the sentiment only), each row
    weighted by its ``weight``."""
    from .learn import Features, TextClassifier

    config = config or PRODUCT_CONFIG
    features = Features(config)
    features.fit_transform([prepare(r.text) for r in rows])

    def head(field: str, *, multilabel: bool = False) -> TextClassifier | None:
        known = [r for r in rows if getattr(r, field)]
        labels = [list(r.topics) if multilabel else getattr(r, field) for r in known]
        if len({x for lab in labels for x in (lab if multilabel else [lab])}) < 2:
            return None
        return TextClassifier(config=config, multilabel=multilabel).fit(
            [r.text for r in known],
            labels,
            features=features,
            weights=[r.weight for r in known],
        )

    topic = head("topics", multilabel=True)
    sentiment = head("sentiment")
    kind = head("kind")
    if topic is None or sentiment is None or kind is None:
        raise ValueError("the training rows need at least two topics, sentiments and kinds")
    return ModelBundle(
        version=version,
        features=features,
        topic=topic,
        sentiment=sentiment,
        kind=kind,
        urgency=head("urgency"),
        meta={"algorithm": ALGORITHM, "n_train": len(rows)},
    )


_lock = threading.Lock()
_loaded: dict[str, ModelBundle] = {}


def seed_bundle() -> ModelBundle:
    """The shipped model, trained on first use and kept on disk and in memory.

    One process trains while the others wait on a file lock, then load what it
    wrote (web and task workers, test workers, started together).
    """
    version = seed_version()
    with _lock:
        if version in _loaded:
            return _loaded[version]
        directory = model_dir() / version
        if not (directory / "bundle.json").exists():
            with _file_lock(model_dir() / f".{version}.lock"):
                if not (directory / "bundle.json").exists():
                    logger.info("training the shipped model %s", version)
                    bundle_train(shipped_rows(), version=version).save(directory)
        bundle = ModelBundle.load(directory)
        _loaded[version] = bundle
        return bundle


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock between processes (POSIX ``flock``; a no-op elsewhere)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def bundle_at(version: str, directory: Path) -> ModelBundle:
    with _lock:
        if version not in _loaded:
            _loaded[version] = ModelBundle.load(directory)
        return _loaded[version]


def active_bundle() -> ModelBundle:
    """The promoted model version, or the seed model when none was promoted."""
    from .models import ModelVersion

    try:
        active = ModelVersion.objects.filter(is_active=True).only("version", "path").first()
    except Exception:  # no database (a script, the bench): the seed model
        logger.debug("no database; using the seed model", exc_info=True)
        active = None
    if active is None or active.version.startswith("seed-"):
        return seed_bundle()  # the seed set in this code base, whatever an older one was
    directory = Path(active.path)
    try:
        return bundle_at(active.version, directory)
    except Exception:
        logger.exception(
            "model %s unreadable at %s; using the seed model", active.version, directory
        )
        return seed_bundle()


def forget_loaded() -> None:
    with _lock:
        _loaded.clear()
