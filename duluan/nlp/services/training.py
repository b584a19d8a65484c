"""Retrain from staff corrections; promote a new model version only if it is not worse.

* training rows: the seed set plus every corrected report not held out (a
  report's corrected fields only; the other fields are unknown for training);
* held-out slice: corrected reports whose id falls in one fifth by a stable
  hash; they and the seed set are the evaluation data;
* score: the mean of sentiment macro-F1, kind macro-F1 and first-topic accuracy
  over that evaluation data; the candidate is promoted when its score is at
  least the active version's (ties go to the candidate, which has seen more).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone
from sklearn.metrics import f1_score

from duluan.intake.models import Report

from ..bundle import (
    LabelledText,
    ModelBundle,
    active_bundle,
    bundle_train,
    model_dir,
    seed_bundle,
    seed_rows,
    seed_version,
)
from ..models import Correction, ModelVersion
from ..pipeline import run
from .analysis import report_text

logger = logging.getLogger(__name__)
HELD_OUT_SHARE = 5  # one report in five


def is_held_out(report_id: int) -> bool:
    digest = hashlib.sha256(f"nlp-holdout:{report_id}".encode()).digest()
    return digest[0] % HELD_OUT_SHARE == 0


def corrected_rows() -> tuple[list[LabelledText], list[LabelledText], int]:
    """(training rows, held-out rows, number of corrections) from every correction."""
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
        )
        (held if is_held_out(report_id) else train).append(row)
    return train, held, count


def bundle_score(bundle: ModelBundle, rows: Sequence[LabelledText]) -> dict[str, Any]:
    """Sentiment and kind macro-F1, first-topic accuracy, and their mean."""
    if not rows:
        return {"n": 0, "score": None}
    docs = run([r.text for r in rows], bundle)
    out: dict[str, Any] = {"n": len(rows)}
    parts: list[float] = []
    for field in ("sentiment", "kind"):
        pairs = [(getattr(r, field), getattr(d, field)) for r, d in zip(rows, docs, strict=True)]
        pairs = [p for p in pairs if p[0]]
        if pairs:
            truth, pred = zip(*pairs, strict=True)
            out[f"{field}_macro_f1"] = round(
                float(f1_score(truth, pred, average="macro", zero_division=0)), 4
            )
            out[f"{field}_accuracy"] = round(float(np.mean([a == b for a, b in pairs])), 4)
            parts.append(out[f"{field}_macro_f1"])
    topic_pairs = [(r.topics, d.topics) for r, d in zip(rows, docs, strict=True) if r.topics]
    if topic_pairs:
        out["topic_accuracy"] = round(
            float(np.mean([bool(p) and p[0][0] in t for t, p in topic_pairs])), 4
        )
        parts.append(out["topic_accuracy"])
    out["score"] = round(float(np.mean(parts)), 4) if parts else None
    return out


def seed_version_ensure() -> ModelVersion:
    """The seed model's row (active when nothing else was ever promoted)."""
    version = seed_version()
    row = ModelVersion.objects.filter(version=version).first()
    if row is not None:
        return row
    bundle = seed_bundle()
    metrics = {"seed": bundle_score(bundle, seed_rows())}
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
                "n_train": len(seed_rows()),
                "metrics": metrics,
                "note": "Mô hình khởi đầu (tập mẫu trong mã nguồn)",
            },
        )
    return row


def model_retrain(*, actor: Any = None, force: bool = False) -> ModelVersion | None:
    """Build, evaluate and maybe promote a new version; ``None`` when nothing is new."""
    seed_version_ensure()
    train, held, n_corrections = corrected_rows()
    last = ModelVersion.objects.exclude(version=seed_version()).order_by("-created_at").first()
    if not force and n_corrections == (last.n_corrections if last else 0):
        logger.info("no new corrections since %s; nothing to retrain", last or "the seed model")
        return None
    seeds = seed_rows()
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    version = f"r{stamp}-{n_corrections}"
    candidate = bundle_train([*seeds, *train], version=version)
    current = active_bundle()
    evaluation = [*held, *seeds]
    cand_held, cur_held = bundle_score(candidate, held), bundle_score(current, held)
    cand_seed, cur_seed = bundle_score(candidate, seeds), bundle_score(current, seeds)
    cand_all, cur_all = bundle_score(candidate, evaluation), bundle_score(current, evaluation)
    better = (cand_all["score"] or 0) >= (cur_all["score"] or 0) - 1e-9
    directory = model_dir() / version
    candidate.save(directory)
    metrics = {
        "held_out": cand_held,
        "seed": cand_seed,
        "evaluation": cand_all,
        "active_before": {
            "version": current.version,
            "held_out": cur_held,
            "seed": cur_seed,
            "evaluation": cur_all,
        },
    }
    with transaction.atomic():
        if better:
            ModelVersion.objects.filter(is_active=True).update(is_active=False)
        row = ModelVersion.objects.create(
            version=version,
            path=str(directory),
            status=ModelVersion.Status.PROMOTED if better else ModelVersion.Status.REJECTED,
            is_active=better,
            n_train=len(seeds) + len(train),
            n_corrections=n_corrections,
            metrics=metrics,
            note=(
                "Đưa vào dùng: không kém phiên bản trước"
                if better
                else "Không dùng: kém hơn phiên bản đang dùng"
            ),
        )
    logger.info("model %s %s (score %s vs %s)", version, row.status, cand_all, cur_all)
    return row
