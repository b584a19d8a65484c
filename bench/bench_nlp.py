"""Text analytics: the trainer on public datasets, the pipeline's speed and memory,
the seed model's quality on the demo's ground truth.

* trainer: ``duluan nlp train`` / ``evaluate``'s code (:mod:`duluan.nlp.learn`),
  train split → test split, on every set under ../shared/data/ (skipped with a
  note when missing); UIT-VSFC sentiment and topic are the headline figures;
* pipeline: every step (normalise … urgency) over 20,000 demo-like reports
  (the demo generator's texts, generated in memory, no database), one core;
  reports/s and the process's peak memory (max RSS);
* seed model: trained from the repository's seed set, scored against the
  demo generator's ground truth for the same 20,000 reports (held out: the
  seed set was written by hand, not generated).

Set ``BENCH_NLP_SETS=uit-vsfc`` to limit the trainer to some sets, and
``BENCH_NLP_SPLIT=dev`` to score on the dev splits (where settings are chosen;
the test splits are for reporting what ships).
"""

from __future__ import annotations

import os
import random
import resource
import time
from datetime import date
from pathlib import Path
from typing import Any

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

from bench.common import ROOT, setup_django  # noqa: E402

NAME = "nlp"
DATA = ROOT.parent / "shared" / "data"
DEMO_REPORTS = 20_000

# (name, train, dev, test, text column, label column); no dev split: None
SETS: list[tuple[str, str, str | None, str, str, str]] = [
    (
        "uit-vsfc-sentiment",
        "uit-vsfc/train.csv",
        "uit-vsfc/dev.csv",
        "uit-vsfc/test.csv",
        "text",
        "sentiment",
    ),
    (
        "uit-vsfc-topic",
        "uit-vsfc/train.csv",
        "uit-vsfc/dev.csv",
        "uit-vsfc/test.csv",
        "text",
        "topic",
    ),
    ("vihsd", "vihsd/train.csv", "vihsd/dev.csv", "vihsd/test.csv", "free_text", "label_id"),
    (
        "victsd-constructiveness",
        "victsd/ViCTSD_train.csv",
        "victsd/ViCTSD_valid.csv",
        "victsd/ViCTSD_test.csv",
        "Comment",
        "Constructiveness",
    ),
    (
        "victsd-toxicity",
        "victsd/ViCTSD_train.csv",
        "victsd/ViCTSD_valid.csv",
        "victsd/ViCTSD_test.csv",
        "Comment",
        "Toxicity",
    ),
    ("vsmec", "vsmec/train.csv", "vsmec/valid.csv", "vsmec/test.csv", "Sentence", "Emotion"),
    ("vntc-sample", "vntc-sample/train.jsonl", None, "vntc-sample/test.jsonl", "text", "label"),
]


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def trainer() -> dict[str, Any]:
    import tempfile

    from duluan.nlp.learn import TextClassifier, evaluate, read_table

    wanted = {s for s in os.environ.get("BENCH_NLP_SETS", "").split(",") if s}
    out: dict[str, Any] = {}
    split = os.environ.get("BENCH_NLP_SPLIT", "test")
    for name, train, dev, test_split, text_col, label_col in SETS:
        if wanted and not any(name.startswith(w) for w in wanted):
            continue
        test = dev if split == "dev" else test_split
        if test is None:
            out[name] = {"skipped": "no dev split"}
            continue
        if not (DATA / train).exists():
            out[name] = {"skipped": f"{DATA / train} missing"}
            continue
        texts, labels = read_table(DATA / train, text_col, label_col)
        started = time.perf_counter()
        model = TextClassifier().fit(texts, labels)
        train_s = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as tmp:
            model.save(Path(tmp))
            size = sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file())
            started = time.perf_counter()
            model = TextClassifier.load(Path(tmp))
            load_s = time.perf_counter() - started
        test_texts, test_labels = read_table(DATA / test, text_col, label_col)
        result = evaluate(model, test_texts, test_labels)
        result.update(
            n_train=len(texts),
            train_seconds=round(train_s, 1),
            load_seconds=round(load_s, 3),
            model_mb=round(size / 2**20, 2),
        )
        out[name] = result
        print(name, result, flush=True)
    return out


def demo_specs() -> list[Any]:
    from duluan.demo.orgspec import org_spec
    from duluan.demo.people import people_spec
    from duluan.demo.reports import plan_reports

    rng = random.Random(2026)
    org = org_spec(rng)
    people = people_spec(rng, org)
    specs, _timeline = plan_reports(rng, org, people, total=DEMO_REPORTS, today=date(2026, 11, 1))
    return specs


def pipeline_and_seed() -> dict[str, Any]:
    from duluan.nlp.bundle import model_dir, seed_bundle, seed_version
    from duluan.nlp.pipeline import run
    from duluan.nlp.quality import quality_on
    from duluan.nlp.services.analysis import report_text

    specs = demo_specs()
    texts = [report_text(s.subject, s.text) for s in specs]
    rss_before = _rss_mb()
    started = time.perf_counter()
    bundle = seed_bundle()  # trains on first use (cached under var/)
    first_use_s = time.perf_counter() - started
    from duluan.nlp.bundle import ModelBundle

    started = time.perf_counter()
    ModelBundle.load(model_dir() / seed_version())
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    docs = run(texts, bundle)
    elapsed = time.perf_counter() - started
    directory = model_dir() / seed_version()
    size = sum(f.stat().st_size for f in directory.rglob("*") if f.is_file())
    quality = quality_on(
        texts,
        [[c for c in s.topics.split(";") if c] for s in specs],
        [s.sentiment for s in specs],
        [s.true_kind for s in specs],
        bundle,
    )
    hot_truth = [s.true_urgency == "diem_nong" for s in specs]
    hot_pred = [d.suggests_hot_spot for d in docs]
    tp = sum(1 for a, b in zip(hot_truth, hot_pred, strict=True) if a and b)
    return {
        "pipeline": {
            "reports": len(texts),
            "avg_chars": round(sum(map(len, texts)) / len(texts), 1),
            "reports_per_s": round(len(texts) / elapsed, 1),
            "seconds": round(elapsed, 2),
            "peak_rss_mb": _rss_mb(),
            "rss_before_model_mb": rss_before,
        },
        "seed_model": {
            "version": bundle.version,
            "train_or_load_first_use_s": round(first_use_s, 2),
            "load_seconds": round(load_s, 3),
            "size_mb": round(size / 2**20, 2),
            "quality_on_demo_truth": quality,
            "hot_spot_precision": round(tp / max(sum(hot_pred), 1), 4),
            "hot_spot_recall": round(tp / max(sum(hot_truth), 1), 4),
        },
    }


def run() -> dict[str, Any]:
    setup_django(NAME)
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    figures = pipeline_and_seed()
    figures["trainer"] = trainer()
    figures["peak_rss_mb"] = _rss_mb()
    return figures
