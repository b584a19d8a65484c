"""Text analytics: the shipped model on the corpus's held-out parts, the pipeline's speed
and memory, related reports, personal data, the trainer on public datasets.

* trainer: ``duluan nlp train`` / ``evaluate``'s code (:mod:`duluan.nlp.learn`),
  train split → test split, on every set under ../shared/data/ (skipped with a
  note when missing); UIT-VSFC sentiment and topic are the headline figures;
* corpus: the shipped model (trained on the corpus's training part) scored by
  ``duluan nlp score``'s code on the development part and on the demo part,
  per dimension and per style; the four headline figures of issue #15;
* template transfer: the same model on the old template grammar's texts and
  labels (what the demo used to be), labelled as such;
* pipeline: every step (normalise … urgency) over 20,000 reports made of the
  corpus's texts, one core; reports/s, the process's peak memory (max RSS),
  model load time (median of 3);
* related: the same-incident rate on the related-reports set;
* pii: recall and precision of personal-data masking on the PII set.

Set ``BENCH_NLP_SETS=uit-vsfc`` to limit the trainer to some sets, and
``BENCH_NLP_SPLIT=dev`` to score on the dev splits (where settings are chosen;
the test splits are for reporting what ships); ``BENCH_NLP_TRAINER=0`` skips the
public datasets (minutes).
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
    """This process's peak resident memory: VmHWM (fresh at exec; ``ru_maxrss`` is not,
    a child started by a large parent would report the parent's size), else rusage."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
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
    """The template grammar's reports (in memory): the old demo generator's texts."""
    from duluan.demo.orgspec import org_spec
    from duluan.demo.people import people_spec
    from duluan.demo.reports import plan_reports

    rng = random.Random(2026)
    org = org_spec(rng)
    people = people_spec(rng, org)
    specs, _timeline = plan_reports(
        rng, org, people, total=DEMO_REPORTS, today=date(2026, 11, 1), source="templates"
    )
    return specs


def corpus_quality() -> dict[str, Any]:
    """The shipped model on the corpus's parts it never trained on, per dimension and style:
    ``dev`` (where choices were made: optimistic by that much) and ``demo`` (never used
    for any choice; the demo province's texts)."""
    from duluan.nlp.bundle import seed_bundle
    from duluan.nlp.corpus import corpus_items
    from duluan.nlp.scoring import headline, score

    bundle = seed_bundle()
    out: dict[str, Any] = {}
    for split in ("dev", "demo"):
        rows = [item.row() for item in corpus_items(split)]
        if not rows:
            out[split] = {"skipped": "no items"}
            continue
        result = score(rows, bundle, by="style")
        out[split] = {"headline": headline(result), **result}
        print(split, out[split]["headline"], flush=True)
    return out


def template_transfer(specs: list[Any]) -> dict[str, Any]:
    """The model on the old template grammar's texts against the grammar's own labels.

    Labelled as what it is: template transfer (the grammar and its labels were written
    together), not understanding of real reports; kept to see the old figure move."""
    from duluan.nlp.bundle import seed_bundle
    from duluan.nlp.scoring import headline, score
    from duluan.nlp.services.analysis import report_text

    rows = [
        {
            "text": report_text(s.subject, s.text),
            "topics": s.topics,
            "sentiment": s.sentiment,
            "kind": s.true_kind,
            "urgency": s.true_urgency,
        }
        for s in specs
    ]
    result = score(rows, seed_bundle())
    return {
        "what": "template transfer, not a measure of understanding",
        "headline": headline(result),
        **result,
    }


def related_rate() -> dict[str, Any]:
    """Same-incident rate on the related-reports set: 45 incidents told three ways and 90
    similar reports of other incidents; for each incident report, is another telling of
    the same incident the nearest neighbour (top 1), or among the nearest three?"""
    import json
    from datetime import datetime

    from duluan.nlp import related
    from duluan.nlp.bundle import seed_bundle
    from duluan.nlp.corpus import CORPUS_DIR
    from duluan.nlp.learn import prepare

    path = CORPUS_DIR / "related.jsonl"
    if not path.exists():
        return {"skipped": "no related set"}
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    matrix = seed_bundle().features.transform([prepare(i["text"]) for i in items])
    pool = [
        related.Candidate(
            k, datetime.strptime(i["date"], "%d/%m/%Y"), None, related.entity_keys(i["text"])
        )
        for k, i in enumerate(items)
    ]
    out: dict[str, Any] = {"incidents": len({i["incident"] for i in items if i["incident"]})}
    for boost in (0.0, related.ENTITY_BOOST):
        saved, related.ENTITY_BOOST = related.ENTITY_BOOST, boost
        try:
            top1 = top3 = n = 0
            for k, item in enumerate(items):
                if not item["incident"]:
                    continue
                n += 1
                found = related.rank(matrix[k], matrix, pool[k], pool, limit=3, min_score=-1)
                same = [items[f.key]["incident"] == item["incident"] for f in found]
                top1 += bool(same and same[0])
                top3 += any(same)
        finally:
            related.ENTITY_BOOST = saved
        out[f"entity_boost_{boost}"] = {
            "reports": n,
            "top1": round(top1 / n, 4),
            "top3": round(top3 / n, 4),
        }
    print("related", out, flush=True)
    return out


def pii_figures() -> dict[str, Any]:
    """Recall and precision of the personal-data masking on the PII set (written apart
    from the rules: names after titles, labels, self-introductions, unaccented names,
    place names and job titles that must stay)."""
    import json

    from duluan.nlp.corpus import CORPUS_DIR

    path = CORPUS_DIR / "pii.jsonl"
    try:
        from duluan.core.pii import pii_scores
    except ImportError:
        return {"skipped": "no pii_scores"}
    if not path.exists():
        return {"skipped": "no PII set"}
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    scores = pii_scores((i["text"], [(s["kind"], s["text"]) for s in i["spans"]]) for i in items)
    print("pii", scores, flush=True)
    return {"items": len(items), **scores}


def pipeline_child() -> None:
    """In a fresh process (the model already trained): load it, run every step over
    20,000 reports made of the corpus's texts on one core; print the figures as JSON.
    A fresh process, so the peak memory is the product's, not the trainer's."""
    import json

    from threadpoolctl import threadpool_limits

    setup_django(NAME)
    threadpool_limits(1)
    from duluan.nlp.bundle import ModelBundle, model_dir, seed_version
    from duluan.nlp.corpus import corpus_items
    from duluan.nlp.pipeline import run

    pool = [i.text for split in ("dev", "demo", "train") for i in corpus_items(split)]
    texts = [pool[i % len(pool)] for i in range(DEMO_REPORTS)] if pool else []
    rss_before = _rss_mb()
    loads = []
    for _ in range(3):
        started = time.perf_counter()
        bundle = ModelBundle.load(model_dir() / seed_version())
        loads.append(time.perf_counter() - started)
    rss_model = _rss_mb()
    started = time.perf_counter()
    run(texts, bundle)
    elapsed = time.perf_counter() - started
    print(
        json.dumps(
            {
                "reports": len(texts),
                "texts": "the corpus's texts, cycled",
                "avg_chars": round(sum(map(len, texts)) / max(1, len(texts)), 1),
                "reports_per_s": round(len(texts) / elapsed, 1),
                "seconds": round(elapsed, 2),
                "peak_rss_mb": _rss_mb(),
                "rss_before_model_mb": rss_before,
                "rss_with_model_mb": rss_model,
                "load_seconds_median": round(sorted(loads)[1], 3),
            }
        )
    )


def pipeline_and_seed(specs: list[Any]) -> dict[str, Any]:
    """Train (or find) the shipped model here, then measure the pipeline in a child."""
    import json
    import subprocess
    import sys

    from duluan.nlp.bundle import model_dir, seed_bundle, seed_version

    started = time.perf_counter()
    bundle = seed_bundle()  # trains on first use (cached under var/)
    first_use_s = time.perf_counter() - started
    directory = model_dir() / seed_version()
    size = sum(f.stat().st_size for f in directory.rglob("*") if f.is_file())
    child = subprocess.run(
        [sys.executable, "-c", "from bench.bench_nlp import pipeline_child; pipeline_child()"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    pipeline = json.loads(child.stdout.strip().splitlines()[-1])
    return {
        "pipeline": pipeline,
        "shipped_model": {
            "version": bundle.version,
            "train_or_load_first_use_s": round(first_use_s, 2),
            "training_peak_rss_mb": _rss_mb(),
            "load_seconds_median": pipeline.pop("load_seconds_median"),
            "size_mb": round(size / 2**20, 2),
        },
    }


def run() -> dict[str, Any]:
    setup_django(NAME)
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    specs = demo_specs()
    figures = pipeline_and_seed(specs)
    figures["corpus"] = corpus_quality()
    figures["template_transfer"] = template_transfer(specs)
    figures["related"] = related_rate()
    figures["pii"] = pii_figures()
    if os.environ.get("BENCH_NLP_TRAINER", "1") != "0":
        figures["trainer"] = trainer()
    figures["peak_rss_mb"] = _rss_mb()
    return figures
