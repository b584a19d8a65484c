"""The survey's .xlsx export escapes its title and question labels too (they
were written raw while the rows went through ``escape_row``)."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from duluan.surveys import exports

from .support import make_survey


def test_title_that_looks_like_a_formula_is_text(org_tree) -> None:
    survey = make_survey(org_tree.user("cs_a1"), org_tree.cs_a1, title='＝HYPERLINK("x")')
    content, _ = exports.export(survey, "xlsx")
    sheet = load_workbook(io.BytesIO(content))["Bang ket qua"]
    assert sheet["A1"].value == '\'＝HYPERLINK("x")'
    assert sheet["A1"].data_type == "s"


def test_numbers_are_numbers_and_hidden_free_text_is_explained(org_tree, settings) -> None:
    """Integer and decimal answers are number cells (text stays escaped); free text
    left out under SURVEY_MIN_TEXT says why, in a note sheet."""
    import uuid

    from duluan.surveys import services

    from .support import instance_xml

    settings.SURVEY_MIN_TEXT = 10
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    version = survey.current_version
    for n in range(6):
        body = instance_xml(
            version,
            f"uuid:{uuid.uuid4()}",
            co_con="co",
            so_con=str(n + 1),
            thu_nhap="<luong>-8.5</luong>",
            hai_long="4",
            y_kien="=1+1",
        )
        services.instance_submit(survey=survey, unit=org_tree.cs_a1, content=body, source="odk")
    book = load_workbook(io.BytesIO(exports.export(survey, "xlsx")[0]))
    rows = list(book["Phieu tra loi"].iter_rows())
    header = [c.value for c in rows[0]]
    so_con, luong, y_kien = (header.index(q) for q in ("so_con", "luong", "y_kien"))
    assert {type(r[so_con].value) for r in rows[1:]} == {int}
    assert {(r[luong].value, r[luong].data_type) for r in rows[1:]} == {(-8.5, "n")}
    assert {r[y_kien].value for r in rows[1:]} == {None}
    note = [c for row in book["Ghi chu"].values for c in row if c]
    assert any("ít nhất 10 phiếu" in str(c) and "6 phiếu" in str(c) for c in note)
    settings.SURVEY_MIN_TEXT = 5
    book = load_workbook(io.BytesIO(exports.export(survey, "xlsx")[0]))
    assert "Ghi chu" not in book.sheetnames
    rows = list(book["Phieu tra loi"].iter_rows())
    assert {r[y_kien].value for r in rows[1:]} == {"'=1+1"}
