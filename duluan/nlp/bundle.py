"""A model version on disk: three classifiers (topics, sentiment, kind) trained together.

The seed version is trained from the seed set kept in the repository
(``duluan/nlp/seed/seed.csv``) the first time it is needed, deterministically,
into ``DULUAN_NLP_MODEL_DIR/seed-<fingerprint>/`` (a few seconds; the
fingerprint covers the seed set and the algorithm, so a changed seed set gives
a new version). Retrained versions live beside it; the database row
:class:`~duluan.nlp.models.ModelVersion` says which one is active.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
from django.conf import settings

from .learn import ALGORITHM, Features, TextClassifier, TrainConfig, fingerprint, prepare

logger = logging.getLogger(__name__)

SEED_PATH = Path(__file__).resolve().parent / "seed" / "seed.csv"
TOPIC_THRESHOLD = 0.5
BUNDLE_FORMAT = "bundle-v2"  # one joblib, shared features


@dataclass(frozen=True)
class LabelledText:
    """A text with the labels known for it; an empty field is unknown (not trained on)."""

    text: str
    topics: tuple[str, ...]
    sentiment: str
    kind: str


@dataclass
class ModelBundle:
    """Three classifiers over one shared feature space (a text is vectorised once)."""

    version: str
    features: Features
    topic: TextClassifier
    sentiment: TextClassifier
    kind: TextClassifier
    topic_threshold: float = TOPIC_THRESHOLD
    meta: dict[str, Any] | None = None

    def save(self, directory: Path) -> Path:
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=directory.parent))
        try:
            joblib.dump(
                {
                    "features": self.features,
                    "topic": self.topic,
                    "sentiment": self.sentiment,
                    "kind": self.kind,
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
        meta = json.loads((directory / "bundle.json").read_text())
        parts = joblib.load(directory / "bundle.joblib")
        return cls(
            version=meta["version"],
            features=parts["features"],
            topic=parts["topic"],
            sentiment=parts["sentiment"],
            kind=parts["kind"],
            topic_threshold=float(meta.get("topic_threshold", TOPIC_THRESHOLD)),
            meta=meta,
        )


def model_dir() -> Path:
    path = Path(settings.NLP_MODEL_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def read_labelled(path: Path) -> list[LabelledText]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            LabelledText(
                text=row["text"],
                topics=tuple(t for t in row["topics"].split(";") if t),
                sentiment=row["sentiment"],
                kind=row["kind"],
            )
            for row in csv.DictReader(fh)
        ]


def seed_rows() -> list[LabelledText]:
    return read_labelled(SEED_PATH)


def seed_version() -> str:
    return "seed-" + fingerprint(SEED_PATH.read_text(encoding="utf-8"), ALGORITHM, BUNDLE_FORMAT)


def bundle_train(
    rows: Sequence[LabelledText], *, version: str, config: TrainConfig | None = None
) -> ModelBundle:
    """Fit the shared features on every text, then each classifier on the rows
    that know its label (a correction may fix the sentiment only)."""
    config = config or TrainConfig()
    features = Features(config)
    features.fit_transform([prepare(r.text) for r in rows])
    with_topics = [r for r in rows if r.topics]
    with_sentiment = [r for r in rows if r.sentiment]
    with_kind = [r for r in rows if r.kind]
    topic = TextClassifier(config=config, multilabel=True).fit(
        [r.text for r in with_topics], [list(r.topics) for r in with_topics], features=features
    )
    sentiment = TextClassifier(config=config).fit(
        [r.text for r in with_sentiment],
        [r.sentiment for r in with_sentiment],
        features=features,
    )
    kind = TextClassifier(config=config).fit(
        [r.text for r in with_kind], [r.kind for r in with_kind], features=features
    )
    return ModelBundle(
        version=version,
        features=features,
        topic=topic,
        sentiment=sentiment,
        kind=kind,
        meta={"algorithm": ALGORITHM, "n_train": len(rows)},
    )


_lock = threading.Lock()
_loaded: dict[str, ModelBundle] = {}


def seed_bundle() -> ModelBundle:
    """The seed model, trained on first use and kept on disk and in memory."""
    version = seed_version()
    with _lock:
        if version in _loaded:
            return _loaded[version]
        directory = model_dir() / version
        if not (directory / "bundle.json").exists():
            logger.info("training the seed model %s", version)
            bundle_train(seed_rows(), version=version).save(directory)
        bundle = ModelBundle.load(directory)
        _loaded[version] = bundle
        return bundle


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
