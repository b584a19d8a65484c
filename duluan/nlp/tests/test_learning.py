"""The generic trainer (CLI), and learning from corrections (retrain, promote, pages)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from duluan.conftest import OrgTree
from duluan.nlp.learn import TextClassifier, TrainConfig, read_table
from duluan.nlp.models import Correction, ModelVersion
from duluan.nlp.services.analysis import reports_analyse
from duluan.nlp.services.corrections import correction_create
from duluan.nlp.services.training import model_retrain, seed_version_ensure
from duluan.org.choices import Role

from .conftest import MakeReports

POSITIVE = ["giảng viên nhiệt tình", "bài giảng hay dễ hiểu", "thầy rất tận tâm", "môn học bổ ích"]
NEGATIVE = ["phòng học nóng quá", "giảng viên đi trễ", "slide sơ sài khó hiểu", "máy chiếu hỏng"]


def _rows(n: int = 15) -> list[tuple[str, str]]:
    rows = []
    for i in range(n):
        for text in POSITIVE:
            rows.append((f"{text} lần {i}", "positive"))
        for text in NEGATIVE:
            rows.append((f"{text} lần {i}", "negative"))
    return rows


def _write(path: Path, rows: list[tuple[str, str]]) -> Path:
    if path.suffix == ".jsonl":
        path.write_text(
            "\n".join(json.dumps({"t": t, "y": y}, ensure_ascii=False) for t, y in rows)
        )
    else:
        sep = "\t" if path.suffix == ".tsv" else ","
        path.write_text("t" + sep + "y\n" + "\n".join(f'"{t}"{sep}{y}' for t, y in rows))
    return path


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl"])
def test_train_and_evaluate_commands(tmp_path: Path, suffix: str) -> None:
    data = _write(tmp_path / f"train{suffix}", _rows())
    out = tmp_path / "model"
    trained = StringIO()
    call_command(
        "nlp",
        "train",
        "--data",
        str(data),
        "--text-column",
        "t",
        "--label-column",
        "y",
        "--out",
        str(out),
        stdout=trained,
    )
    assert json.loads(trained.getvalue())["labels"] == ["negative", "positive"]
    answer = StringIO()
    call_command(
        "nlp",
        "evaluate",
        "--model",
        str(out),
        "--data",
        str(data),
        "--text-column",
        "t",
        "--label-column",
        "y",
        stdout=answer,
    )
    line = answer.getvalue().strip()
    assert "\n" not in line
    result = json.loads(line)
    assert {"accuracy", "macro_f1", "weighted_f1", "n", "docs_per_s"} <= set(result)
    assert result["n"] == 120 and result["accuracy"] >= 0.95
    model = TextClassifier.load(out)
    assert model.predict(["giảng viên nhiet tinh"]) == ["positive"]  # no diacritics still


def test_read_table_refuses_unknown_files_and_columns(tmp_path: Path) -> None:
    data = _write(tmp_path / "d.csv", _rows(1))
    with pytest.raises(KeyError):
        read_table(data, "text", "y")
    with pytest.raises(ValueError, match="unknown file type"):
        read_table(tmp_path / "d.xlsx", "t", "y")
    with pytest.raises(CommandError):
        call_command(
            "nlp",
            "evaluate",
            "--model",
            str(tmp_path / "none"),
            "--data",
            str(data),
            "--text-column",
            "t",
            "--label-column",
            "y",
            stdout=StringIO(),
        )


def _corrected(org_tree: OrgTree, make_reports: MakeReports, n: int) -> list[Any]:
    from duluan.nlp.taxonomy import ensure_topics

    ensure_topics()  # a browser test's flush in this worker may have emptied the table
    reports = make_reports(
        org_tree.cs_a1,
        [f"Tổ {i} báo: máy dập ở xưởng {i} kêu to bất thường, anh em lo ngại" for i in range(n)],
    )
    reports_analyse([r.pk for r in reports])
    officer = org_tree.user("cs_a1", Role.OFFICER)
    for report in reports:
        correction_create(
            actor=officer,
            report_id=report.pk,
            topics=["an_toan"],
            kind="khieu_nai",
            urgency="can_chu_y",
            confirm=True,  # recorded whether the model agreed or not
        )
    return reports


@pytest.fixture
def smaller_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retraining here trains a real model on a fixed quarter of the shipped corpus
    and scores it on a part of dev: the same code path, a quarter of the minutes
    (the figures of the full corpus are ``python -m bench nlp``'s)."""
    from duluan.nlp import bundle
    from duluan.nlp.services import training

    rows, dev = bundle.shipped_rows(), training.dev_rows()
    monkeypatch.setattr(training, "shipped_rows", lambda: rows[::4])
    monkeypatch.setattr(training, "dev_rows", lambda: dev[::3])


@pytest.mark.usefixtures("smaller_corpus")
def test_a_retrain_waits_for_enough_held_out_corrections(
    org_tree: OrgTree, make_reports: MakeReports, client: Client, settings: Any
) -> None:
    settings.NLP_PROMOTION_MIN_HELD_OUT = 1000
    reports = _corrected(org_tree, make_reports, 6)
    seed = seed_version_ensure()
    assert seed.is_active and seed.metrics["dev"]["n"] > 0  # the shipped model's dev figures
    row = model_retrain()
    assert row is not None and row.version != seed.version
    assert row.status == ModelVersion.Status.CANDIDATE and not row.is_active
    assert "Chờ đủ 1000" in row.note
    assert row.n_corrections == Correction.objects.count() >= 6
    assert row.metrics["n_held_out"] + row.metrics["n_train_corrections"] == len(reports)
    for part in ("dev", "held_out"):
        assert part in row.metrics and part in row.metrics["active_before"]
    assert set(row.metrics["dev"]) >= {"sentiment", "kind", "urgency", "topics", "score"}
    assert ModelVersion.objects.get(is_active=True) == seed
    assert model_retrain() is None  # nothing new since

    client.force_login(org_tree.user("cs_a1", Role.OFFICER))
    page = client.get(reverse("nlp:models")).content.decode()
    assert row.version in page and seed.version in page and "(đang dùng)" in page
    assert "Mức khẩn (F1 macro)" in page and "Tập phát triển" in page


def test_held_out_corrections_are_never_trained_on(
    org_tree: OrgTree, make_reports: MakeReports
) -> None:
    from duluan.nlp.services.training import corrected_rows, is_held_out

    reports = _corrected(org_tree, make_reports, 12)
    train, held, count = corrected_rows()
    held_ids = {r.pk for r in reports if is_held_out(r.pk)}
    assert len(held) == len(held_ids) and len(train) == len(reports) - len(held_ids)
    assert {r.text for r in held}.isdisjoint({r.text for r in train})
    assert count == 12 * 3  # topics, kind, urgency of each report
    assert all(r.weight == 3 and r.urgency == "can_chu_y" for r in train + held)


def test_the_gate_compares_on_the_held_out_part_only() -> None:
    from duluan.nlp.services.training import _decide

    better, worse = {"score": 0.8}, {"score": 0.6}
    assert _decide(better, worse, 29)[0] == ModelVersion.Status.CANDIDATE  # too few yet
    assert _decide(better, worse, 30)[0] == ModelVersion.Status.PROMOTED
    assert _decide(worse, better, 30)[0] == ModelVersion.Status.REJECTED
    assert _decide(better, better, 30)[0] == ModelVersion.Status.PROMOTED  # ties: the newer


@pytest.mark.usefixtures("smaller_corpus")
def test_a_retrain_with_enough_held_out_corrections_decides(
    org_tree: OrgTree, make_reports: MakeReports, settings: Any
) -> None:
    settings.NLP_PROMOTION_MIN_HELD_OUT = 1
    _corrected(org_tree, make_reports, 12)
    seed = seed_version_ensure()
    row = model_retrain()
    assert row is not None and row.metrics["n_held_out"] >= 1
    cand, cur = row.metrics["held_out"]["score"], row.metrics["active_before"]["held_out"]["score"]
    expected = ModelVersion.Status.PROMOTED if cand >= cur - 1e-9 else ModelVersion.Status.REJECTED
    assert row.status == expected
    active = ModelVersion.objects.get(is_active=True)
    assert active == (row if row.status == ModelVersion.Status.PROMOTED else seed)


def test_weights_make_a_row_count_more() -> None:
    texts = ["lương thấp quá", "lương thấp quá"] * 10 + ["thưởng tết vui", "thưởng tết vui"] * 10
    labels = ["a", "b"] * 10 + ["c", "c"] * 10
    heavy_b = [1.0 if lab != "b" else 5.0 for lab in labels]
    heavy_a = [1.0 if lab != "a" else 5.0 for lab in labels]
    config = TrainConfig(folds=0)
    assert TextClassifier(config=config).fit(texts, labels, weights=heavy_b).predict(
        ["lương thấp quá"]
    ) == ["b"]
    assert TextClassifier(config=config).fit(texts, labels, weights=heavy_a).predict(
        ["lương thấp quá"]
    ) == ["a"]
