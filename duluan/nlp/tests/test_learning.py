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
from duluan.nlp.learn import TextClassifier, read_table
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


def test_a_correction_then_a_retrain_makes_a_new_version(
    org_tree: OrgTree, make_reports: MakeReports, client: Client, settings: Any
) -> None:
    from duluan.nlp.taxonomy import ensure_topics

    ensure_topics()  # a browser test's flush in this worker may have emptied the table
    reports = make_reports(
        org_tree.cs_a1,
        [f"Tổ {i} báo: máy dập ở xưởng {i} kêu to bất thường, anh em lo ngại" for i in range(6)],
    )
    reports_analyse([r.pk for r in reports])
    seed = seed_version_ensure()
    assert seed.is_active
    officer = org_tree.user("cs_a1", Role.OFFICER)
    for report in reports:
        correction_create(actor=officer, report_id=report.pk, topics=["thi_dua"], kind="khen_ngoi")
    assert Correction.objects.count() >= 6
    row = model_retrain()
    assert row is not None and row.version != seed.version
    assert (
        row.n_corrections == Correction.objects.count()
        and row.metrics["evaluation"]["score"] is not None
    )
    assert row.status in (ModelVersion.Status.PROMOTED, ModelVersion.Status.REJECTED)
    active = ModelVersion.objects.get(is_active=True)
    assert active == (row if row.status == ModelVersion.Status.PROMOTED else seed)
    assert model_retrain() is None  # nothing new since

    client.force_login(officer)
    page = client.get(reverse("nlp:models")).content.decode()
    assert row.version in page and seed.version in page and "Đang dùng".lower() in page.lower()
    if row.is_active:
        reports_analyse([reports[0].pk])
        assert reports[0].analysis.model_version == row.version
