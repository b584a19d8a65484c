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
