"""``duluan nlp score`` and ``evaluate --model active``: the product's model on a labelled file."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from duluan.nlp.scoring import single_label, topic_scores

ROWS = [
    {
        "text": "Công ty nợ lương 3 tháng, hàng trăm công nhân ngừng việc, ai cũng bức xúc",
        "topics": "tranh_chap;tien_luong",
        "sentiment": "tieu_cuc",
        "kind": "thong_tin",
        "urgency": "diem_nong",
        "style": "can_bo",
    },
    {
        "text": "Cảm ơn công đoàn đã tổ chức Tết Sum vầy, anh em vui lắm 🙏",
        "topics": "thuong_phuc_loi;cong_doan",
        "sentiment": "tich_cuc",
        "kind": "khen_ngoi",
        "urgency": "binh_thuong",
        "style": "tin_nhan",
    },
    {
        "text": "cho em hoi rut bhxh 1 lan can giay to gi a",
        "topics": "bao_hiem",
        "sentiment": "trung_lap",
        "kind": "cau_hoi",
        "urgency": "binh_thuong",
        "style": "khong_dau",
    },
]


def _write(path: Path) -> Path:
    if path.suffix == ".jsonl":
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS))
    else:
        import csv

        sep = "\t" if path.suffix == ".tsv" else ","
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(ROWS[0]), delimiter=sep)
            writer.writeheader()
            writer.writerows(ROWS)
    return path


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".tsv"])
def test_score_reports_every_dimension_and_by_column(tmp_path: Path, suffix: str) -> None:
    out = StringIO()
    call_command(
        "nlp", "score", "--data", str(_write(tmp_path / f"d{suffix}")), "--by", "style", stdout=out
    )
    result = json.loads(out.getvalue())
    assert (
        result["n"] == 3
        and result["docs_per_s"] > 0
        and result["model_version"].startswith("seed-")
    )
    for dim in ("sentiment", "kind", "urgency"):
        part = result[dim]
        assert {"macro_f1", "weighted_f1", "accuracy", "recall", "precision", "n"} <= set(part)
        assert 0 <= part["macro_f1"] <= 1
    assert {"main_accuracy", "any_accuracy", "micro_f1", "macro_f1", "recall"} <= set(
        result["topics"]
    )
    assert set(result["by"]["values"]) == {"can_bo", "tin_nhan", "khong_dau"}
    assert result["by"]["values"]["tin_nhan"]["n"] == 1


@pytest.mark.django_db
def test_evaluate_the_active_model_on_one_column(tmp_path: Path) -> None:
    data = _write(tmp_path / "d.csv")
    for column in ("sentiment", "kind", "urgency", "topics"):
        out = StringIO()
        call_command(
            "nlp", "evaluate", "--model", "active", "--data", str(data),
            "--text-column", "text", "--label-column", column, stdout=out,
        )  # fmt: skip
        result = json.loads(out.getvalue())
        assert result["n"] == 3 and 0 <= result["accuracy"] <= 1 and "load_seconds" in result


@pytest.mark.django_db
def test_score_refuses_a_file_without_text(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("noi_dung,sentiment\nabc,tieu_cuc\n")
    with pytest.raises(CommandError):
        call_command("nlp", "score", "--data", str(bad), stdout=StringIO())


def test_single_label_figures() -> None:
    found = single_label(["a", "a", "b", "c"], ["a", "b", "b", "c"])
    assert found["accuracy"] == 0.75 and found["recall"] == {"a": 0.5, "b": 1.0, "c": 1.0}
    assert found["precision"]["b"] == 0.5


def test_topic_figures() -> None:
    found = topic_scores([["a", "b"], ["c"]], [["a"], ["b", "c"]])
    assert found["main_accuracy"] == 0.5 and found["any_accuracy"] == 0.5
    assert found["micro_f1"] == round(2 / 3, 4)


@pytest.mark.django_db
def test_demo_quality_scores_the_demo_truth(org_tree: Any, make_reports: Any) -> None:
    from duluan.demo.models import DemoTruth
    from duluan.nlp.quality import demo_quality

    assert demo_quality()["n"] == 0
    reports = make_reports(org_tree.cs_a1, [r["text"] for r in ROWS])
    for report, row in zip(reports, ROWS, strict=True):
        DemoTruth.objects.create(
            report=report,
            topics=row["topics"],
            sentiment=row["sentiment"],
            kind=row["kind"],
            urgency=row["urgency"],
            seed=7,
        )
    found = demo_quality()
    assert found["n"] == 3 and set(found["headline"]) == {
        "sentiment_macro_f1",
        "kind_macro_f1",
        "urgency_macro_f1",
        "topic_main_accuracy",
    }
