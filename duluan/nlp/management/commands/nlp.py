"""``duluan nlp``: the trainer, evaluation, bulk re-scoring, retraining, spikes.

    duluan nlp train --data TRAIN --text-column TEXT --label-column LABEL --out DIR
    duluan nlp evaluate --model DIR|active --data TEST --text-column TEXT --label-column LABEL
    duluan nlp score --data FILE [--model active|seed|DIR] [--by COLUMN]
    duluan nlp rescore [--all]
    duluan nlp retrain [--force]
    duluan nlp spikes
    duluan nlp seed-quality

``train`` and ``evaluate`` read CSV, TSV or JSONL (by extension) and use exactly
the product's algorithm (:mod:`duluan.nlp.learn`). ``evaluate`` prints one JSON
line: accuracy, macro_f1, weighted_f1, n, docs_per_s (one core, normalisation
included); with ``--model active`` (or a product bundle's directory) it scores
the product's own head for the label column (``topics``, ``sentiment``, ``kind``,
``urgency``). ``score`` scores every dimension a file labels at once
(:mod:`duluan.nlp.scoring`).
"""

from __future__ import annotations

import json
import os
import sys
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError


def _one_core() -> None:
    """Measure and run on one core: BLAS/OpenMP pools limited to a single thread."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - ships with scikit-learn
        pass


def _is_bundle(model: str) -> bool:
    """``active``/``seed`` or a directory the product wrote (``bundle.json``)."""
    return model in ("active", "seed") or (Path(model) / "bundle.json").exists()


class Command(BaseCommand):
    help = "Phân tích văn bản: huấn luyện, đánh giá, chấm lại, huấn luyện lại, phát hiện tăng đột biến."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        train = sub.add_parser("train", help="Huấn luyện một bộ phân loại từ tệp có nhãn")
        evaluate = sub.add_parser("evaluate", help="Đánh giá một bộ phân loại trên tệp có nhãn")
        for p in (train, evaluate):
            p.add_argument("--data", required=True, help="tệp CSV, TSV hoặc JSONL")
            p.add_argument("--text-column", required=True)
            p.add_argument("--label-column", required=True)
        train.add_argument("--out", required=True, help="thư mục ghi mô hình")
        train.add_argument("--c", type=float, default=None, help="độ phạt SVM (mặc định 1.0)")
        evaluate.add_argument(
            "--model", required=True, help="thư mục mô hình, hoặc 'active' (mô hình đang dùng)"
        )
        score = sub.add_parser("score", help="Chấm mô hình của sản phẩm trên tệp có nhãn")
        score.add_argument("--data", required=True, help="tệp CSV, TSV hoặc JSONL, cột 'text'")
        score.add_argument(
            "--model", default="active", help="'active' (mặc định), 'seed' hoặc thư mục mô hình"
        )
        score.add_argument("--by", default=None, help="cột để tách kết quả (style, channel…)")
        rescore = sub.add_parser("rescore", help="Phân tích các phản ánh chưa phân tích")
        rescore.add_argument("--all", action="store_true", help="phân tích lại tất cả")
        retrain = sub.add_parser("retrain", help="Huấn luyện lại từ các hiệu chỉnh")
        retrain.add_argument("--force", action="store_true", help="kể cả khi không có gì mới")
        sub.add_parser("spikes", help="Phát hiện tăng đột biến theo chủ đề × đơn vị")
        sub.add_parser("seed-quality", help="Chất lượng mô hình đang dùng trên dữ liệu mẫu demo")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        getattr(self, f"do_{action.replace('-', '_')}")(options)

    # ── the generic trainer ──
    def do_train(self, options: dict[str, Any]) -> None:
        from duluan.nlp.learn import TextClassifier, TrainConfig

        texts, labels = self._read(options)
        config = TrainConfig() if options["c"] is None else TrainConfig(c=options["c"])
        started = time.perf_counter()
        model = TextClassifier(config=config).fit(texts, labels)
        out = Path(options["out"])
        model.save(
            out, extra={"data": str(options["data"]), "label_column": options["label_column"]}
        )
        self.stdout.write(
            json.dumps(
                {
                    "out": str(out),
                    "n": len(texts),
                    "labels": model.classes,
                    "train_seconds": round(time.perf_counter() - started, 2),
                    "size_mb": round(
                        sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 2**20, 2
                    ),
                },
                ensure_ascii=False,
            )
        )

    def do_evaluate(self, options: dict[str, Any]) -> None:
        from duluan.nlp.learn import TextClassifier, evaluate

        _one_core()
        if _is_bundle(options["model"]):
            self._evaluate_bundle(options)
            return
        texts, labels = self._read(options)
        started = time.perf_counter()
        try:
            model = TextClassifier.load(options["model"])
        except FileNotFoundError as exc:
            raise CommandError(f"Không tìm thấy mô hình ở {options['model']}") from exc
        load_s = time.perf_counter() - started
        result = evaluate(model, texts, labels)
        result["load_seconds"] = round(load_s, 3)
        self.stdout.write(json.dumps(result, ensure_ascii=False))

    def _evaluate_bundle(self, options: dict[str, Any]) -> None:
        """The product's head for the label column, through the whole pipeline."""
        from duluan.nlp import scoring

        column = options["label_column"]
        dimension = {"topic": "topics", "main_topic": "topics"}.get(column, column)
        if dimension not in scoring.DIMENSIONS:
            raise CommandError(
                "Với mô hình của sản phẩm, cột nhãn phải là topics, sentiment, kind hoặc urgency."
            )
        bundle, load_s = self._bundle(options["model"])
        rows = [
            {"text": text, dimension: label}
            for text, label in zip(*self._read(options), strict=True)
        ]
        result = scoring.score(rows, bundle)
        part = dict(result.get(dimension, {}))
        if dimension == "topics":
            part["accuracy"] = part.get("main_accuracy")
        part.update(
            n=len(rows),
            docs_per_s=result["docs_per_s"],
            load_seconds=round(load_s, 3),
            model_version=bundle.version,
        )
        self.stdout.write(json.dumps(part, ensure_ascii=False))

    def do_score(self, options: dict[str, Any]) -> None:
        from duluan.nlp import scoring

        _one_core()
        try:
            rows = scoring.read_rows(options["data"])
        except (OSError, KeyError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        if not rows:
            raise CommandError("Tệp không có dòng nào.")
        bundle, load_s = self._bundle(options["model"])
        result = scoring.score(rows, bundle, by=options["by"])
        result["load_seconds"] = round(load_s, 3)
        self.stdout.write(json.dumps(result, ensure_ascii=False))

    def _bundle(self, which: str) -> tuple[Any, float]:
        from duluan.nlp.bundle import ModelBundle, active_bundle, seed_bundle

        started = time.perf_counter()
        if which == "active":
            bundle = active_bundle()
        elif which == "seed":
            bundle = seed_bundle()
        else:
            try:
                bundle = ModelBundle.load(Path(which))
            except FileNotFoundError as exc:
                raise CommandError(f"Không tìm thấy mô hình ở {which}") from exc
        return bundle, time.perf_counter() - started

    def _read(self, options: dict[str, Any]) -> tuple[list[str], list[str]]:
        from duluan.nlp.learn import read_table

        try:
            texts, labels = read_table(
                options["data"], options["text_column"], options["label_column"]
            )
        except (OSError, KeyError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        if not texts:
            raise CommandError("Tệp không có dòng nào có nhãn.")
        return texts, labels

    # ── the product ──
    def do_rescore(self, options: dict[str, Any]) -> None:
        from duluan.nlp.services.analysis import reports_rescore

        done = [0]
        started = time.perf_counter()

        def progress(n: int) -> None:
            done[0] += n
            rate = done[0] / max(time.perf_counter() - started, 1e-9)
            print(f"\r{done[0]} phản ánh · {rate:.0f}/s", end="", file=sys.stderr, flush=True)

        total = reports_rescore(everything=options["all"], progress=progress)
        print(file=sys.stderr)
        self.stdout.write(f"Đã phân tích {total} phản ánh.")

    def do_retrain(self, options: dict[str, Any]) -> None:
        from duluan.nlp.services.training import model_retrain

        row = model_retrain(force=options["force"])
        if row is None:
            self.stdout.write("Không có hiệu chỉnh mới; giữ nguyên mô hình.")
            return
        self.stdout.write(
            f"Phiên bản {row.version}: {row.get_status_display()} "
            f"(điểm {row.metrics['evaluation'].get('score')} so với "
            f"{row.metrics['active_before']['evaluation'].get('score')})"
        )

    def do_spikes(self, options: dict[str, Any]) -> None:
        from duluan.nlp.services.spikes import spikes_detect

        made = spikes_detect()
        self.stdout.write(f"Cảnh báo tăng đột biến mới: {len(made)}")

    def do_seed_quality(self, options: dict[str, Any]) -> None:
        from duluan.nlp.quality import demo_quality

        self.stdout.write(json.dumps(demo_quality(), ensure_ascii=False))
