"""Retrain from staff corrections; promote a new version only on held-out corrections.

* **Training rows**: the corpus's training part plus every corrected report
  outside the held-out slice, a correction weighing ``NLP_CORRECTION_WEIGHT``
  corpus rows (3 by default): staff read real reports of their own province.
  Only the fields a person judged are known for a report (a correction may fix
  the sentiment only).
* **Held-out slice**: corrected reports whose id falls in one fifth by a stable
  hash. The candidate never trains on them; neither did any earlier version
  (the slice is fixed by id). Corrections and confirmations both count.
* **The gate**: candidate and active model are scored on the held-out slice only
  (never on rows either trained on), per dimension: sentiment, kind and urgency
  macro-F1, main-topic accuracy; the score is their mean over the dimensions the
  slice labels. With fewer than ``NLP_PROMOTION_MIN_HELD_OUT`` held-out reports
  (30 by default) nothing is promoted: the candidate waits, marked so on the
  model page. With enough, the candidate is promoted when its score is at least
  the active version's.
* **For information** (never for the gate): both models' figures on the corpus's
  development part, stored with the version and shown on the model page.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from duluan.intake.models import Report
from duluan.org.types import Actor

from ..bundle import (
    LabelledText,
    ModelBundle,
    active_bundle,
    bundle_train,
    model_dir,
    seed_bundle,
    seed_version,
    shipped_rows,
)
from ..corpus import corpus_items
from ..models import Correction, ModelVersion
from ..pipeline import run
from ..scoring import metrics
from .analysis import report_text

logger = logging.getLogger(__name__)
HELD_OUT_SHARE = 5  # one report in five


def is_held_out(report_id: int) -> bool:
    digest = hashlib.sha256(f"nlp-holdout:{report_id}".encode()).digest()
    return digest[0] % HELD_OUT_SHARE == 0


def corrected_rows() -> tuple[list[LabelledText], list[LabelledText], int]:
    """(training rows, held-out rows, number of corrections) from every correction;
    the latest judgement of each field of each report wins."""
    latest: dict[int, dict[str, str]] = {}
    count = 0
    for report_id, field, value in Correction.objects.order_by("created_at", "id").values_list(
        "report_id", "field", "value"
    ):
        latest.setdefault(report_id, {})[field] = value
        count += 1
    texts = {
        pk: report_text(subject, text)
        for pk, subject, text in Report.objects.filter(pk__in=latest).values_list(
            "pk", "subject", "text"
        )
    }
    weight = float(settings.NLP_CORRECTION_WEIGHT)
    train: list[LabelledText] = []
    held: list[LabelledText] = []
    for report_id, fields in latest.items():
        if report_id not in texts:
            continue
        row = LabelledText(
            text=texts[report_id],
            topics=tuple(t for t in fields.get("topics", "").split(";") if t),
            sentiment=fields.get("sentiment", ""),
            kind=fields.get("kind", ""),
            urgency=fields.get("urgency", ""),
            weight=weight,
        )
        (held if is_held_out(report_id) else train).append(row)
    return train, held, count


def _as_rows(rows: Sequence[LabelledText]) -> list[dict[str, str]]:
    return [
        {
            "text": r.text,
            "topics": ";".join(r.topics),
            "sentiment": r.sentiment,
            "kind": r.kind,
            "urgency": r.urgency,
        }
        for r in rows
    ]


def bundle_figures(bundle: ModelBundle, rows: Sequence[LabelledText]) -> dict[str, Any]:
    """Per-dimension figures of ``bundle`` on ``rows`` and the gate's ``score``: the mean of
    sentiment, kind and urgency macro-F1 and main-topic accuracy over the labelled ones."""
    if not rows:
        return {"n": 0, "score": None}
    plain = _as_rows(rows)
    found = metrics(plain, run([r["text"] for r in plain], bundle))
    parts = [found[d]["macro_f1"] for d in ("sentiment", "kind", "urgency") if d in found]
    if "topics" in found:
        parts.append(found["topics"]["main_accuracy"])
    found["score"] = round(float(np.mean(parts)), 4) if parts else None
    return found


def dev_rows() -> list[LabelledText]:
    return [item.labelled() for item in corpus_items("dev")]


def seed_version_ensure() -> ModelVersion:
    """The shipped model's row (active when nothing else was ever promoted), with its
    figures on the corpus's development part."""
    version = seed_version()
    row = ModelVersion.objects.filter(version=version).first()
    if row is not None:
        return row
    bundle = seed_bundle()
    train = shipped_rows()
    metrics_ = {"dev": bundle_figures(bundle, dev_rows())}
    with transaction.atomic():
        current = ModelVersion.objects.filter(is_active=True).first()
        make_active = current is None or current.version.startswith("seed-")
        if make_active:
            ModelVersion.objects.filter(is_active=True).update(is_active=False)
        row, _ = ModelVersion.objects.get_or_create(
            version=version,
            defaults={
                "path": str(model_dir() / version),
                "status": ModelVersion.Status.PROMOTED,
                "is_active": make_active,
                "n_train": len(train),
                "metrics": metrics_,
                "note": "Mô hình khởi đầu (kho văn bản mẫu trong mã nguồn)",
            },
        )
    return row


def _decide(candidate: dict[str, Any], current: dict[str, Any], held: int) -> tuple[str, str]:
    """(status, note) of the candidate from the two models' held-out figures."""
    minimum = int(settings.NLP_PROMOTION_MIN_HELD_OUT)
    if held < minimum:
        return (
            ModelVersion.Status.CANDIDATE,
            f"Chờ đủ {minimum} phản ánh hiệu chỉnh giữ lại để so sánh (hiện có {held}); "
            "chưa đưa vào dùng",
        )
    if (candidate["score"] or 0) >= (current["score"] or 0) - 1e-9:
        return (
            ModelVersion.Status.PROMOTED,
            "Đưa vào dùng: không kém phiên bản trước trên phần giữ lại",
        )
    return ModelVersion.Status.REJECTED, "Không dùng: kém phiên bản đang dùng trên phần giữ lại"


def model_retrain(*, actor: Actor | None = None, force: bool = False) -> ModelVersion | None:
    """Build, evaluate and maybe promote a new version; ``None`` when nothing is new."""
    seed_version_ensure()
    train, held, n_corrections = corrected_rows()
    last = ModelVersion.objects.exclude(version=seed_version()).order_by("-created_at").first()
    if not force and n_corrections == (last.n_corrections if last else 0):
        logger.info("no new corrections since %s; nothing to retrain", last or "the seed model")
        return None
    corpus = shipped_rows()
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    version = f"r{stamp}-{n_corrections}"
    candidate = bundle_train([*corpus, *train], version=version)
    current = active_bundle()
    cand_held, cur_held = bundle_figures(candidate, held), bundle_figures(current, held)
    dev = dev_rows()
    status, note = _decide(cand_held, cur_held, len(held))
    directory = model_dir() / version
    candidate.save(directory)
    figures = {
        "held_out": cand_held,
        "dev": bundle_figures(candidate, dev),
        "active_before": {
            "version": current.version,
            "held_out": cur_held,
            "dev": bundle_figures(current, dev),
        },
        "n_held_out": len(held),
        "n_train_corrections": len(train),
    }
    promoted = status == ModelVersion.Status.PROMOTED
    with transaction.atomic():
        if promoted:
            ModelVersion.objects.filter(is_active=True).update(is_active=False)
        row = ModelVersion.objects.create(
            version=version,
            path=str(directory),
            status=status,
            is_active=promoted,
            n_train=len(corpus) + len(train),
            n_corrections=n_corrections,
            metrics=figures,
            note=note,
        )
    logger.info("model %s %s (held-out %s vs %s)", version, status, cand_held, cur_held)
    return row
