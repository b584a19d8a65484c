"""Score a model bundle on a labelled file, across every dimension it predicts.

``duluan nlp score --data FILE [--model active|seed|DIR] [--by COLUMN]`` reads CSV,
TSV or JSONL with a ``text`` column and any of ``topics`` (codes, main first,
``;``-separated), ``sentiment``, ``kind`` and ``urgency`` (the codes of
``shared/taxonomy/labels.csv``), runs the product's pipeline once over the texts
(rules and models as in the product) and reports, per dimension present:

* single-label dimensions: ``macro_f1``, ``weighted_f1``, ``accuracy``,
  per-class ``recall`` and ``precision``, ``n``;
* topics: ``main_accuracy`` (the predicted first topic is the labelled main
  one), ``any_accuracy`` (the predicted first topic is among the labelled ones),
  multi-label ``micro_f1`` and ``macro_f1``, per-topic ``recall``, ``n``;

plus ``n`` and ``docs_per_s`` (normalisation included, one thread). ``--by``
repeats the figures for each value of a column (style, channel, writer).
"""

from __future__ import annotations

import csv
import json
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.metrics import f1_score

if TYPE_CHECKING:
    from .bundle import ModelBundle
    from .pipeline import Doc

SINGLE = ("sentiment", "kind", "urgency")
DIMENSIONS = ("topics", *SINGLE)


def read_rows(path: Path | str) -> list[dict[str, str]]:
    """Rows of a CSV, TSV or JSONL file (by extension), every value a string."""
    path = Path(path)
    suffix = path.suffix.lower()
    with path.open(encoding="utf-8-sig", newline="") as fh:
        if suffix in (".jsonl", ".ndjson"):
            raw: Iterable[dict[str, Any]] = [json.loads(line) for line in fh if line.strip()]
        elif suffix in (".tsv", ".tab"):
            raw = list(csv.DictReader(fh, delimiter="\t"))
        elif suffix == ".csv":
            raw = list(csv.DictReader(fh))
        else:
            raise ValueError(f"unknown file type {suffix!r}: use .csv, .tsv or .jsonl")
    rows = [{k: "" if v is None else str(v) for k, v in row.items()} for row in raw]
    if rows and "text" not in rows[0]:
        raise KeyError("the file needs a 'text' column")
    return rows


def _r(x: Any) -> float:
    return round(float(x), 4)


def single_label(truth: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    labels = sorted(set(truth))
    recall: dict[str, float] = {}
    precision: dict[str, float] = {}
    for label in sorted(set(truth) | set(predicted)):
        hits = sum(1 for t, p in zip(truth, predicted, strict=True) if t == p == label)
        n_true = sum(1 for t in truth if t == label)
        n_pred = sum(1 for p in predicted if p == label)
        if n_true:
            recall[label] = _r(hits / n_true)
        if n_pred:
            precision[label] = _r(hits / n_pred)
    return {
        "n": len(truth),
        "macro_f1": _r(f1_score(truth, predicted, labels=labels, average="macro", zero_division=0)),
        "weighted_f1": _r(
            f1_score(truth, predicted, labels=labels, average="weighted", zero_division=0)
        ),
        "accuracy": _r(np.mean([t == p for t, p in zip(truth, predicted, strict=True)])),
        "recall": recall,
        "precision": precision,
    }


def topic_scores(truth: Sequence[list[str]], predicted: Sequence[list[str]]) -> dict[str, Any]:
    pairs = list(zip(truth, predicted, strict=True))
    labels = sorted({t for ts in truth for t in ts} | {p for ps in predicted for p in ps})
    tp: dict[str, int] = defaultdict(int)
    n_true: dict[str, int] = defaultdict(int)
    n_pred: dict[str, int] = defaultdict(int)
    for ts, ps in pairs:
        for t in ts:
            n_true[t] += 1
        for p in ps:
            n_pred[p] += 1
            if p in ts:
                tp[p] += 1
    total_tp = sum(tp.values())
    precision = total_tp / max(1, sum(n_pred.values()))
    recall = total_tp / max(1, sum(n_true.values()))
    per_f1: list[float] = []
    for label in labels:
        prec = tp[label] / n_pred[label] if n_pred[label] else 0.0
        rec = tp[label] / n_true[label] if n_true[label] else 0.0
        if n_true[label]:
            per_f1.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return {
        "n": len(pairs),
        "main_accuracy": _r(np.mean([bool(p) and p[0] == t[0] for t, p in pairs])),
        "any_accuracy": _r(np.mean([bool(p) and p[0] in t for t, p in pairs])),
        "micro_f1": _r(2 * precision * recall / (precision + recall) if precision + recall else 0),
        "macro_f1": _r(np.mean(per_f1) if per_f1 else 0.0),
        "recall": {
            label: _r(tp[label] / n_true[label]) for label in sorted(n_true) if n_true[label]
        },
    }


def predicted_value(doc: Doc, dimension: str) -> Any:
    if dimension == "topics":
        return [code for code, _ in doc.topics]
    return getattr(doc, dimension)


def metrics(rows: Sequence[dict[str, str]], docs: Sequence[Doc]) -> dict[str, Any]:
    """Figures for every dimension the rows label (empty cells are unknown)."""
    out: dict[str, Any] = {"n": len(rows)}
    for dim in DIMENSIONS:
        pairs = [
            (row[dim].strip(), doc)
            for row, doc in zip(rows, docs, strict=True)
            if row.get(dim, "").strip()
        ]
        if not pairs:
            continue
        if dim == "topics":
            truth = [[c for c in t.split(";") if c] for t, _ in pairs]
            out[dim] = topic_scores(truth, [predicted_value(d, dim) for _, d in pairs])
        else:
            out[dim] = single_label([t for t, _ in pairs], [getattr(d, dim) for _, d in pairs])
    return out


def score(
    rows: Sequence[dict[str, str]], bundle: ModelBundle, *, by: str | None = None
) -> dict[str, Any]:
    """Run the pipeline over the rows' texts once and score every labelled dimension."""
    from .pipeline import run

    started = time.perf_counter()
    docs = run([row["text"] for row in rows], bundle)
    elapsed = max(time.perf_counter() - started, 1e-9)
    result: dict[str, Any] = {"model_version": bundle.version, **metrics(rows, docs)}
    result["docs_per_s"] = round(len(rows) / elapsed, 1)
    if by:
        groups: dict[str, list[int]] = defaultdict(list)
        for i, row in enumerate(rows):
            groups[row.get(by, "") or "-"].append(i)
        result["by"] = {
            "column": by,
            "values": {
                value: metrics([rows[i] for i in idx], [docs[i] for i in idx])
                for value, idx in sorted(groups.items())
            },
        }
    return result


def headline(result: dict[str, Any]) -> dict[str, float | None]:
    """The four figures the issue's floors and goals are stated in (percent)."""

    def pick(dim: str, key: str) -> float | None:
        part = result.get(dim)
        return round(100 * part[key], 1) if part else None

    return {
        "sentiment_macro_f1": pick("sentiment", "macro_f1"),
        "kind_macro_f1": pick("kind", "macro_f1"),
        "urgency_macro_f1": pick("urgency", "macro_f1"),
        "topic_main_accuracy": pick("topics", "main_accuracy"),
    }
