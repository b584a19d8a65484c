"""Functions of SurveyCTO and CHT rewritten into ODK XPath at import, each told back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from duluan.surveys import dialects, xlsform

from .support import make_survey
from .test_xlsform import odk_validate

CHOICES = [
    {"list_name": "don_vi", "name": "kg", "label": "Ki-lô-gam"},
    {"list_name": "don_vi", "name": "l", "label": "Lít"},
]


def test_arguments_split_at_top_level_commas_only() -> None:
    text = "f(${a}, concat('x, y', substr(${b}, 0, 2)), \"(\"), rest"
    args, end = dialects.split_arguments(text, 2) or ([], 0)
    assert args == ["${a}", "concat('x, y', substr(${b}, 0, 2))", '"("']
    assert text[end:] == ", rest"
    assert dialects.split_arguments("f()", 2) == ([], 3)
    assert dialects.split_arguments("f(a, (b", 2) is None


def test_choice_label_becomes_jr_choice_name_with_nested_and_quoted_arguments() -> None:
    assert dialects.rewrite("choice-label(${D07A}, ${D07A})") == (
        "jr:choice-name(${D07A}, '${D07A}')",
        ["choice-label"],
    )
    new, names = dialects.rewrite("concat('a, b', choice-label(${a}, concat(${b}, ', ')))")
    assert new == "concat('a, b', jr:choice-name(concat(${b}, ', '), '${a}'))"
    assert names == ["choice-label"]
    # Inside a string it is text, not a call; a first argument that is not a
    # ${question} has no ODK equivalent and stays (the import refuses it).
    assert dialects.rewrite("'choice-label(${a}, 1)'") == ("'choice-label(${a}, 1)'", [])
    assert dialects.rewrite("choice-label(../a, 1)") == ("choice-label(../a, 1)", [])


def test_duration_reads_the_start_question_and_is_refused_without_one() -> None:
    assert dialects.rewrite("duration() > 60", start="starttime") == (
        "round((decimal-date-time(string(now())) - decimal-date-time(string(${starttime})))"
        " * 86400) > 60",
        ["duration"],
    )
    assert dialects.rewrite("duration()") == ("duration()", [])
    book = {"survey": [{"type": "calculate", "name": "d", "calculation": "duration()"}]}
    with pytest.raises(xlsform.FormRefused) as caught:
        xlsform.compile_workbook(book)
    [issue] = caught.value.issues
    assert (issue.sheet, issue.row, issue.column) == ("survey", 2, "calculation")
    assert "duration()" in issue.message and "'start'" in issue.message


def test_difference_in_months_is_whole_months_with_format_date() -> None:
    new, names = dialects.rewrite("floor(difference-in-months(${dob}, today()) div 12)")
    assert names == ["difference-in-months"]
    assert new == (
        "floor(((number(format-date(today(), '%Y')) - number(format-date(${dob}, '%Y'))) * 12"
        " + number(format-date(today(), '%n')) - number(format-date(${dob}, '%n'))"
        " - if(number(format-date(today(), '%e')) < number(format-date(${dob}, '%e')), 1, 0))"
        " div 12)"
    )
    # Nested: a rewritten call inside another's arguments.
    new, names = dialects.rewrite("difference-in-months(${a}, choice-label(${b}, ${b}))")
    assert "jr:choice-name(${b}, '${b}')" in new and "choice-label" not in new
    assert sorted(names) == ["choice-label", "difference-in-months"]


def _evaluate(expression: str) -> int:
    """The rewritten expression evaluated: each ``number(format-date('D', '%x'))`` is
    the year, month or day of D (as ODK's format-date gives them), then the XPath
    arithmetic (``if``, ``div``) is Python's."""
    parts = {"%Y": 0, "%n": 1, "%e": 2}

    def part(match: re.Match[str]) -> str:
        return str(int(match.group(1).split("-")[parts[match.group(2)]]))

    plain = re.sub(r"number\(format-date\('([\d-]+)', '(%[Yne])'\)\)", part, expression)
    plain = re.sub(r"if\((\d+) < (\d+), 1, 0\)", r"(1 if \1 < \2 else 0)", plain)
    assert set(re.findall(r"[^\d\s()+*<-]+", plain)) <= {"if", "else"}, plain
    return int(eval(plain.replace(" div ", " // ")))  # noqa: S307 - digits and operators


@pytest.mark.parametrize(
    ("a", "b", "months"),
    # CHT's own examples (medic/cht-core, its difference-in-months tests).
    [
        ("2015-10-01", "2015-10-01", 0),
        ("2015-09-01", "2015-10-01", 1),
        ("2015-09-02", "2015-10-01", 0),
        ("2015-10-01", "2015-11-01", 1),
        ("2015-10-02", "2015-11-01", 0),
        ("2014-10-01", "2015-10-01", 12),
        ("2014-10-02", "2015-10-01", 11),
        ("2015-10-01", "2014-10-01", -12),
    ],
)
def test_difference_in_months_agrees_with_chts_examples(a: str, b: str, months: int) -> None:
    new, _ = dialects.rewrite(f"difference-in-months('{a}', '{b}')")
    assert _evaluate(new) == months


def test_only_expression_columns_and_their_languages_are_rewritten() -> None:
    book = {
        "survey": [
            {"type": "start", "name": "bat_dau"},
            {"type": "select_one don_vi", "name": "dv", "label": "Đơn vị"},
            {
                "type": "text",
                "name": "ghi",
                "label": "Nhãn choice-label(${dv}, ${dv})",
                "hint::Tiếng Việt (vi)": "duration()",
                "relevant::Tiếng Việt (vi)": "choice-label(${dv}, ${dv}) != ''",
                "constraint": "duration() < 600",
            },
        ],
        "choices": CHOICES,
    }
    translated, notes = dialects.translate(book)
    row = translated["survey"][2]
    assert len(notes) == 2
    assert row["label"] == "Nhãn choice-label(${dv}, ${dv})"
    assert row["hint::Tiếng Việt (vi)"] == "duration()"
    assert row["relevant::Tiếng Việt (vi)"] == "jr:choice-name(${dv}, '${dv}') != ''"
    assert row["constraint"].startswith("round((decimal-date-time(string(now()))")


def test_the_import_warns_of_each_rewrite_naming_row_column_and_both_expressions() -> None:
    book = {
        "survey": [
            {"type": "start", "name": "bat_dau"},
            {"type": "select_one don_vi", "name": "dv", "label": "Đơn vị"},
            {"type": "calculate", "name": "ten_dv", "calculation": "choice-label(${dv}, ${dv})"},
            {"type": "calculate", "name": "giay", "calculation": "duration()"},
            {
                "type": "date",
                "name": "ngay",
                "label": "Ngày",
                "constraint": "difference-in-months(., today()) < 12",
            },
        ],
        "choices": CHOICES,
    }
    compiled = xlsform.compile_workbook(book)
    said = [w for w in compiled.warnings if "đổi sang biểu thức ODK" in w]
    assert len(said) == 3
    assert said[0].startswith("Trang 'survey', dòng 4, cột 'calculation': ")
    assert "hàm choice-label() của SurveyCTO" in said[0]
    assert "'choice-label(${dv}, ${dv})' thành 'jr:choice-name(${dv}, '${dv}')'" in said[0]
    assert said[1].startswith("Trang 'survey', dòng 5, cột 'calculation': ")
    assert "từ lúc mở phiếu" in said[1] and "màn hình" in said[1]
    assert "decimal-date-time(string(${bat_dau}))" in said[1]
    assert said[2].startswith("Trang 'survey', dòng 6, cột 'constraint': ")
    assert "hàm difference-in-months() của CHT" in said[2]
    # What pyxform wrote for ODK: the question's own list, its label by value.
    assert "jr:choice-name( /data/dv , ' /data/dv ')" in compiled.xform
    assert "decimal-date-time(string( /data/bat_dau ))" in compiled.xform
    # The web engine opens it (decimal-date-time(now()) would stop it: capabilities.py).
    assert compiled.web_blockers == []


@pytest.mark.django_db
def test_the_survey_version_keeps_the_rewrite_warnings_and_the_odk_rows(org_tree) -> None:
    book = {
        "survey": [
            {"type": "select_one don_vi", "name": "dv", "label": "Đơn vị"},
            {"type": "calculate", "name": "ten_dv", "calculation": "choice-label(${dv}, ${dv})"},
        ],
        "choices": CHOICES,
    }
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a, book)
    version = survey.current_version
    assert version is not None
    assert any("đổi sang biểu thức ODK" in w and "dòng 3" in w for w in version.warnings)
    # Export gives the ODK form: imported again, nothing is left to rewrite.
    again = xlsform.compile_workbook(
        xlsform.read_workbook(xlsform.export_workbook(version.workbook))
    )
    assert again.workbook["survey"][1]["calculation"] == "jr:choice-name(${dv}, '${dv}')"
    assert not any("đổi sang biểu thức ODK" in w for w in again.warnings)


def test_a_function_with_no_rewrite_is_still_refused() -> None:
    book = {
        "survey": [
            {"type": "integer", "name": "a", "label": "A"},
            {"type": "calculate", "name": "b", "calculation": "z-score('x', ${a})"},
        ]
    }
    with pytest.raises(xlsform.FormRefused) as caught:
        xlsform.compile_workbook(book)
    assert "'z-score()'" in caught.value.issues[0].message


def test_rewritten_forms_pass_odk_validate(tmp_path: Path) -> None:
    """JavaRosa (ODK Collect's engine) parses and evaluates the rewritten expressions."""
    book = {
        "survey": [
            {"type": "start", "name": "bat_dau"},
            {"type": "select_one don_vi", "name": "dv", "label": "Đơn vị"},
            {"type": "date", "name": "sinh", "label": "Ngày sinh"},
            {"type": "calculate", "name": "ten_dv", "calculation": "choice-label(${dv}, ${dv})"},
            {"type": "calculate", "name": "giay", "calculation": "duration()"},
            {
                "type": "calculate",
                "name": "tuoi",
                "calculation": "int(difference-in-months(${sinh}, today()) div 12)",
            },
        ],
        "choices": CHOICES,
    }
    compiled = xlsform.compile_workbook(book)
    odk_validate(xlsform.xform_for(compiled.workbook, form_id="x", version="1"), tmp_path)


AGE_BOOK = {
    "survey": [
        {"type": "start", "name": "bat_dau"},
        {"type": "date", "name": "sinh", "label": "Ngày sinh"},
        {"type": "integer", "name": "so", "label": "Số"},
        {
            "type": "calculate",
            "name": "tuoi",
            "calculation": "round(round(decimal-date-time(today()) - "
            "decimal-date-time(${sinh})) div 365.25 )",
        },
        {
            "type": "calculate",
            "name": "giay",
            "calculation": "decimal-date-time(now()) - decimal-date-time( ${bat_dau} )"
            " + decimal-date-time(string(${sinh})) - decimal-date-time('2000-01-15')",
        },
        {
            "type": "date",
            "name": "ngay",
            "label": "Ngày",
            "constraint": "decimal-date-time(.) <= decimal-date-time(today())",
        },
    ],
}


def test_decimal_date_time_of_a_date_node_gets_string_and_a_warning() -> None:
    compiled = xlsform.compile_workbook(AGE_BOOK)
    survey = compiled.workbook["survey"]
    assert survey[3]["calculation"] == (
        "round(round(decimal-date-time(today()) - decimal-date-time(string(${sinh}))) div 365.25 )"
    )
    # Already text, today()/now() and string literals stay as written.
    assert survey[4]["calculation"] == (
        "decimal-date-time(now()) - decimal-date-time(string(${bat_dau}))"
        " + decimal-date-time(string(${sinh})) - decimal-date-time('2000-01-15')"
    )
    assert survey[5]["constraint"] == ("decimal-date-time(string(.)) <= decimal-date-time(today())")
    said = [w for w in compiled.warnings if "decimal-date-time(string(…))" in w]
    assert [w.split(":")[0] for w in said] == [
        "Trang 'survey', dòng 5, cột 'calculation'",
        "Trang 'survey', dòng 6, cột 'calculation'",
        "Trang 'survey', dòng 7, cột 'constraint'",
    ]
    assert "ODK Collect vẫn tính ra cùng giá trị" in said[0]
    assert "thành 'round(round(decimal-date-time(today()) - decimal-date-time(string(" in said[0]
    assert compiled.web_blockers == []


def test_decimal_date_time_of_a_number_stays_and_is_collect_only() -> None:
    book = {
        "survey": [
            {"type": "integer", "name": "so", "label": "Số"},
            {"type": "calculate", "name": "d", "calculation": "decimal-date-time(${so})"},
        ]
    }
    compiled = xlsform.compile_workbook(book)
    assert compiled.workbook["survey"][1]["calculation"] == "decimal-date-time(${so})"
    [blocker] = compiled.web_blockers
    assert blocker.startswith("Trang 'survey', dòng 3, cột 'calculation': ")
    assert "decimal-date-time(${so})" in blocker


def test_date_rewrites_pass_odk_validate(tmp_path: Path) -> None:
    compiled = xlsform.compile_workbook(AGE_BOOK)
    odk_validate(xlsform.xform_for(compiled.workbook, form_id="x", version="1"), tmp_path)


def test_bohemia_census_imports_web_ready_and_passes_odk_validate(tmp_path: Path) -> None:
    path = Path("/work/shared/xlsforms/33-bohemia-census.xlsx")
    if not path.exists():
        pytest.skip("the shared corpus is not on this machine")
    compiled = xlsform.compile_workbook(xlsform.read_workbook(path.read_bytes()))
    assert compiled.web_blockers == []
    said = [w for w in compiled.warnings if "decimal-date-time(string(…))" in w]
    assert [w.split(":")[0] for w in said] == [
        "Trang 'survey', dòng 148, cột 'calculation'",
        "Trang 'survey', dòng 400, cột 'calculation'",
    ]
    odk_validate(xlsform.xform_for(compiled.workbook, form_id="x", version="1"), tmp_path)
