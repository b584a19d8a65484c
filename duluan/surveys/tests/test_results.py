"""Results under the anonymity rules: page and every export, no recovery by subtraction."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from duluan.org.services import unit_create
from duluan.surveys import exports, results, services
from duluan.surveys.models import Survey

from .support import LIVING, answers, make_survey

pytestmark = pytest.mark.django_db


def _fill(survey: Survey, unit, count: int, **kw) -> None:
    for i in range(count):
        services.response_submit(
            survey=survey, unit=unit, source="web", answers=answers(luong=str(5 + i % 7), **kw)
        )


def test_small_survey_shows_no_figure_anywhere(org_tree) -> None:
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a)
    _fill(survey, org_tree.cs_a1, 4, y_kien="Tôi là người duy nhất ở tổ may 3")
    outcome = results.results_compute(survey)
    assert outcome.hidden and outcome.questions == []
    client = Client()
    client.force_login(officer)
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "dưới 5 phiếu" in page and "tổ may 3" not in page
    for fmt in ("csv", "xlsx", "docx"):
        body = client.get(reverse("surveys:export", args=[survey.pk, fmt])).content
        assert "tổ may 3".encode() not in body
        content, _ = exports.export(survey, fmt)
        if fmt == "csv":
            rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
            assert all(r[2].startswith("ẩn") for r in rows[1:])


def test_small_cells_hidden_with_a_complement(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    _fill(survey, org_tree.cs_a1, 12, hai_long="4")
    _fill(survey, org_tree.cs_a1, 6, hai_long="5")
    _fill(survey, org_tree.cs_a1, 2, hai_long="1")
    outcome = results.results_compute(survey)
    cells = {
        c.name: c for c in next(r for r in outcome.questions if r.question.name == "hai_long").cells
    }
    assert cells["1"].count is None and cells["1"].share is None
    # With only "1" hidden, 20 - 12 - 6 would give it away: the next smallest is hidden too.
    assert cells["5"].count is None
    assert cells["4"].count == 12
    rows = exports.table_rows(outcome)
    assert not any(r[1] == "Rất không hài lòng" and r[2] == 2 for r in rows)


def test_suppression_of_tables_leaves_no_single_hidden_cell_in_a_line() -> None:
    hidden = exports.suppress_table([[10, 2, 8], [9, 9, 9], [7, 6, 12]], 5)
    assert hidden[0][1]
    for row in hidden:
        assert sum(row) != 1
    for j in range(3):
        assert sum(hidden[i][j] for i in range(3)) != 1


def test_free_text_only_from_ten_responses(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    _fill(survey, org_tree.cs_a1, 7, y_kien="Ca đêm quá dài")
    text = next(r for r in results.results_compute(survey).questions if r.question.name == "y_kien")
    assert text.texts == [] and text.text_hidden
    _fill(survey, org_tree.cs_a1, 3, y_kien="Ca đêm quá dài")
    text = next(r for r in results.results_compute(survey).questions if r.question.name == "y_kien")
    assert len(text.texts) == 10


def test_unit_filters_cannot_isolate_a_small_unit_by_subtraction(org_tree) -> None:
    """upper_a has cs_a1 (12 responses), cs_a2 (6) and a new cs_a3 (2): showing upper_a, cs_a1 and
    cs_a2 would give cs_a3's 2 answers as upper_a - cs_a1 - cs_a2. The smallest shown child hides."""
    cs_a3 = unit_create(
        code="T01-A-3",
        name="CĐCS Nhỏ",
        level="Công đoàn cơ sở",
        parent=org_tree.upper_a,
        member_count=30,
    )
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    _fill(survey, org_tree.cs_a1, 12)
    _fill(survey, org_tree.cs_a2, 6)
    _fill(survey, cs_a3, 2)
    counts = {org_tree.cs_a1.pk: 12, org_tree.cs_a2.pk: 6, cs_a3.pk: 2}
    viewable = results.viewable_units(org_tree.upper_a, counts, 5)
    assert org_tree.upper_a.pk in viewable and org_tree.cs_a1.pk in viewable
    assert cs_a3.pk not in viewable and org_tree.cs_a2.pk not in viewable
    # The page refuses the hidden unit's filter.
    officer = org_tree.user("upper_a")
    client = Client()
    client.force_login(officer)
    url = reverse("surveys:results", args=[survey.pk])
    assert client.get(url, {"unit": org_tree.cs_a2.pk}).status_code == 302
    assert client.get(url, {"unit": org_tree.cs_a1.pk}).status_code == 200


def test_answer_filter_needs_both_sides_large_enough(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    _fill(survey, org_tree.cs_a1, 12, co_con="khong")
    _fill(survey, org_tree.cs_a1, 3, co_con="co", so_con="1")
    assert results.results_compute(survey, answer=("co_con", "co")).hidden
    # The complement (12) alone would reveal the 3 by subtraction from the whole: hidden too.
    assert results.results_compute(survey, answer=("co_con", "khong")).hidden


def test_results_page_shows_weighted_figures_and_charts(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    _fill(survey, org_tree.cs_a1, 10, hai_long="4")
    _fill(survey, org_tree.cs_a2, 10, hai_long="2")
    outcome = results.results_compute(survey)
    likert = next(r for r in outcome.questions if r.question.name == "hai_long").likert
    # cs_a1 has 1200 members, cs_a2 800: the weighted mean is 0.6*4 + 0.4*2 = 3.2 (unweighted: 3.0).
    assert likert is not None and likert["mean"].value == pytest.approx(3.2)
    client = Client()
    client.force_login(org_tree.user("upper_a"))
    page = client.get(
        reverse("surveys:results", args=[survey.pk]), {"row": "co_con", "col": "hai_long"}
    )
    text = page.content.decode()
    assert (
        page.status_code == 200 and 'id="chart-data"' in text and "Rao-Scott" in text
    ) or "bảng chéo" in text
    xlsx = client.get(reverse("surveys:export", args=[survey.pk, "xlsx"]))
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx.content))
    raw = list(book["Phieu tra loi"].values)
    assert raw[0][:2] == ("Đơn vị (gộp nếu ít phiếu)", "Trọng số") and len(raw) == 21
    assert {row[1] for row in raw[1:]} == {120.0, 80.0}


def test_response_rates_are_live(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    _fill(survey, org_tree.cs_a1, 3)
    rates = {r["unit"].pk: r for r in results.response_rates(survey)}
    assert rates[org_tree.cs_a1.pk]["responses"] == 3
    assert rates[org_tree.upper_a.pk]["responses"] == 3
    assert rates[org_tree.cs_a1.pk]["rate"] == pytest.approx(3 / 1200)


def test_free_text_analytics_summary_when_the_text_analytics_exist(org_tree) -> None:
    interface = pytest.importorskip(
        "duluan.nlp.interface", reason="duluan.nlp.interface.analyse_texts is not in main yet"
    )
    assert hasattr(interface, "analyse_texts")
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    _fill(survey, org_tree.cs_a1, 10, y_kien="Công ty chậm trả lương, anh em rất bức xúc")
    client = Client()
    client.force_login(org_tree.user("upper_a"))
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "chưa sẵn sàng" not in page


def test_analyses_are_summarised_as_counts() -> None:
    from duluan.surveys.views import summarise_analyses

    summary = summarise_analyses(
        [
            {"sentiment": "tieu_cuc", "topics": [{"code": "tien_luong"}]},
            {"sentiment": "tieu_cuc", "topics": ["nha_o"]},
            {"sentiment": "trung_lap", "topics": []},
        ]
    )
    assert {"kind": "sentiment", "label": "tieu_cuc", "count": 2} in summary
    assert {"kind": "topic", "label": "tien_luong", "count": 1} in summary


def test_columns_read_from_the_database_equal_the_documents(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    _fill(survey, org_tree.cs_a1, 6, kho_khan=["nha_o", "gio_lam"])
    _fill(survey, org_tree.cs_a2, 6, kho_khan=["tien_luong"], hai_long="2")
    fast = results.results_compute(survey)
    data = results.load(survey)
    slow_data = results.Dataset(
        data.unit_ids, data.strata, data.units, data.population, [dict(a) for a in data.answers]
    )
    slow = results.results_compute(survey, data=slow_data)
    for a, b in zip(fast.questions, slow.questions, strict=True):
        assert [c.count for c in a.cells] == [c.count for c in b.cells], a.question.name
        assert (a.mean.value if a.mean else None) == (b.mean.value if b.mean else None)
    kho = next(r for r in fast.questions if r.question.name == "kho_khan")
    assert [c.count for c in kho.cells] == [6, 6, 6]


def test_raking_to_the_units_sex_structure(org_tree) -> None:
    """10 men, 10 women answered, but the membership is 30 % men and 70 % women: the
    raked share of "Hài lòng" is 0.3 * (men's share) + 0.7 * (women's share)."""
    living = {
        **LIVING,
        "survey": [
            *LIVING["survey"],
            {"type": "select_one gt", "name": "gioi_tinh", "label::Vietnamese (vi)": "Giới tính"},
        ],
        "choices": [
            *LIVING["choices"],
            {"list_name": "gt", "name": "nam", "label::Vietnamese (vi)": "Nam"},
            {"list_name": "gt", "name": "nu", "label::Vietnamese (vi)": "Nữ"},
        ],
    }
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a, living)
    _fill(survey, org_tree.cs_a1, 10, gioi_tinh="nam", hai_long="4")
    _fill(survey, org_tree.cs_a1, 5, gioi_tinh="nu", hai_long="4")
    _fill(survey, org_tree.cs_a1, 5, gioi_tinh="nu", hai_long="2")

    def share() -> float:
        q = next(
            r for r in results.results_compute(survey).questions if r.question.name == "hai_long"
        )
        return next(c for c in q.cells if c.name == "4").share.value  # type: ignore[union-attr]

    assert share() == pytest.approx(0.75)
    survey.raking_margins = {"gioi_tinh": {"nam": 300, "nu": 700}}
    survey.save()
    assert share() == pytest.approx(0.3 * 1.0 + 0.7 * 0.5)


def test_new_responses_extend_the_cached_columns(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    _fill(survey, org_tree.cs_a1, 8, hai_long="4", kho_khan=["nha_o"])
    first = results.results_compute(survey)
    _fill(survey, org_tree.cs_a2, 7, hai_long="2", kho_khan=["gio_lam", "nha_o"])
    extended = results.results_compute(survey)
    results.forget_loaded()
    fresh = results.results_compute(survey)
    assert extended.n == fresh.n == 15 and first.n == 8
    for a, b in zip(extended.questions, fresh.questions, strict=True):
        assert [c.count for c in a.cells] == [c.count for c in b.cells], a.question.name
        assert [c.share.value if c.share else None for c in a.cells] == pytest.approx(
            [c.share.value if c.share else None for c in b.cells]
        )
        assert (a.mean.value if a.mean else None) == pytest.approx(b.mean.value if b.mean else None)
