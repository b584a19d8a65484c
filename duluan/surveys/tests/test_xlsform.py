"""XLSForm in and out: the real forms of others import (and render) or are refused with
the sheet, row and column named; the round trip gives the same form."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from duluan.surveys import forms_spec, xlsform

from .support import LIVING, SHARED_FORMS, living_xlsx

FORM_FILES = sorted(SHARED_FORMS.glob("*.xlsx")) if SHARED_FORMS.is_dir() else []
needs_shared = pytest.mark.skipif(
    not FORM_FILES, reason=f"shared XLSForms missing at {SHARED_FORMS}"
)


def _outcome(path: Path) -> tuple[xlsform.Compiled | None, xlsform.FormRefused | None]:
    try:
        return xlsform.compile_workbook(xlsform.read_workbook(path.read_bytes())), None
    except xlsform.FormRefused as exc:
        return None, exc


@needs_shared
@pytest.mark.parametrize("path", FORM_FILES, ids=lambda p: p.name[:40])
def test_real_form_imports_and_renders_or_is_refused_with_its_place(path: Path) -> None:
    compiled, refused = _outcome(path)
    if refused is not None:
        assert refused.issues
        for issue in refused.issues:
            text = str(issue)
            assert text.startswith("Trang '")
            # A refusal about one row names it (file-level problems have no row).
            if issue.sheet in ("survey", "choices") and "header" not in issue.message:
                assert issue.row is not None or "pyxform" in issue.message, text
        assert "Biểu mẫu XLSForm bị từ chối" in refused.message
        return
    assert compiled is not None
    items = forms_spec.questions(compiled.spec)
    assert any(q.kind == "question" for q in items)
    # The XForm carries every expression for ODK's engines; none is refused here.
    assert "<h:body" in compiled.xform


@needs_shared
def test_most_real_forms_have_a_clear_verdict() -> None:
    accepted = [p.name for p in FORM_FILES if _outcome(p)[0] is not None]
    assert len(accepted) >= 5, accepted
    refused = [p.name for p in FORM_FILES if _outcome(p)[1]]
    assert refused


@needs_shared
@pytest.mark.parametrize("path", FORM_FILES, ids=lambda p: p.name[:40])
def test_round_trip_gives_the_same_form(path: Path) -> None:
    compiled, refused = _outcome(path)
    if compiled is None:
        pytest.skip(f"refused: {refused}")
    exported = xlsform.export_workbook(compiled.workbook)
    again = xlsform.compile_workbook(xlsform.read_workbook(exported))
    assert again.workbook == compiled.workbook
    assert again.spec == compiled.spec  # pyxform's XML may order attributes differently run to run


def test_vietnamese_form_round_trips_and_prefers_vietnamese_labels() -> None:
    compiled = xlsform.compile_workbook(xlsform.read_workbook(living_xlsx()))
    assert compiled.workbook == {k: v for k, v in LIVING.items()}
    items = {q.name: q for q in forms_spec.questions(compiled.spec)}
    assert items["co_con"].label == "Anh/chị có con nhỏ không?"
    assert items["so_con"].constraint_message == "Từ 1 đến 10 con"
    assert items["luong"].relevant == [] and items["luong"].group == "thu_nhap"
    again = xlsform.compile_workbook(
        xlsform.read_workbook(xlsform.export_workbook(compiled.workbook))
    )
    assert again.spec == compiled.spec


def test_refuses_unsupported_rows_with_sheet_row_and_column() -> None:
    book = {
        "survey": [
            {"type": "text", "name": "a", "label": "A"},
            {"type": "geopoint", "name": "where", "label": "Ở đâu"},
            {
                "type": "text",
                "name": "b",
                "label": "B",
                "calculation": "pulldata('x', 'y', 'z', 1)",
            },
            {"type": "text", "name": "c", "label": "C", "relevant": "/data/a = 'x'"},
        ]
    }
    with pytest.raises(xlsform.FormRefused) as caught:
        xlsform.compile_workbook(book, anonymous=True, media=set())
    texts = [str(i) for i in caught.value.issues]
    assert texts[0].startswith("Trang 'survey', dòng 3, cột 'type'") and "ẩn danh" in texts[0]
    assert any(
        t.startswith("Trang 'survey', dòng 4, cột 'calculation'") and "'x.csv'" in t for t in texts
    )
    # ODK's XPath (a relative path here) is the engines' to evaluate: not refused.
    assert not any("dòng 5" in t for t in texts)


def test_refuses_a_file_that_is_not_a_spreadsheet() -> None:
    with pytest.raises(Exception) as caught:
        xlsform.read_workbook(b"not a spreadsheet at all, just text")
    assert "xlsx" in str(caught.value) or "bảng tính" in str(caught.value)


def test_export_keeps_expressions_as_text_never_formulas() -> None:
    book = {"survey": [{"type": "text", "name": "a", "label": '=HYPERLINK("x")'}]}
    again = xlsform.read_workbook(xlsform.export_workbook(book))
    assert again["survey"][0]["label"] == '=HYPERLINK("x")'


# ── ODK Validate: the JavaRosa engine Collect runs ─────────────────────
def _validator() -> Path:
    import pyxform

    jar = Path(pyxform.__file__).parent / "validators" / "odk_validate" / "bin" / "ODK_Validate.jar"
    if shutil.which("java") is None:
        pytest.skip("java is missing: ODK Validate (JavaRosa) cannot run here")
    if not jar.exists():
        pytest.skip(f"ODK_Validate.jar not shipped in this pyxform ({jar})")
    return jar


def odk_validate(xform: str, tmp_path: Path) -> None:
    jar = _validator()
    target = tmp_path / "form.xml"
    target.write_text(xform, encoding="utf-8")
    java = shutil.which("java") or "java"
    run = subprocess.run(  # noqa: S603 - our own jar on our own file
        [java, "-Djava.awt.headless=true", "-jar", str(jar), str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert not re.search(r"\bError\b", run.stderr), run.stderr


@pytest.mark.django_db
def test_served_xforms_pass_odk_validate(org_tree, tmp_path: Path) -> None:
    """Every XForm duluan serves: the Vietnamese form, a poll, and the accepted real forms."""
    from duluan.surveys import services

    from .support import make_survey

    officer = org_tree.user("upper_a")
    forms = [make_survey(officer, org_tree.upper_a)]
    forms.append(
        services.poll_create(
            actor=officer,
            unit=org_tree.upper_a,
            question="Đồng ý không?",
            options=["Có", "Không"],
            closes_at=None,
            notify=False,
        )
    )
    xforms = []
    for path in FORM_FILES:
        compiled, _ = _outcome(path)
        if compiled is not None:
            xforms.append(xlsform.xform_for(compiled.workbook, form_id="duluan-x", version="1"))
    _validator()
    for xform in xforms:
        odk_validate(xform, tmp_path)
    for survey in forms:
        version = survey.current_version
        assert version is not None
        odk_validate(version.xform, tmp_path)
        assert f'id="{version.form_id}"' in version.xform
        assert f'version="{version.version_label}"' in version.xform


# ── An expression column with a language (relevant::English), which pyxform lacks ──


def _with_language_columns(**columns: str) -> dict[str, list[dict[str, str]]]:
    return {
        "survey": [
            {"type": "integer", "name": "a", "label": "A"},
            {"type": "text", "name": "b", "label": "B", **columns},
            {"type": "text", "name": "c", "label": "C"},
        ]
    }


def test_one_language_of_an_expression_column_is_read_as_the_column() -> None:
    book = _with_language_columns(**{"relevant::Vietnamese (vi)": "${a} > 1"})
    book["survey"][2]["relevant::Vietnamese (vi)"] = ""
    compiled = xlsform.compile_workbook(book)
    assert compiled.workbook["survey"][1]["relevant"] == "${a} > 1"
    assert all("relevant::Vietnamese (vi)" not in row for row in compiled.workbook["survey"])
    assert 'relevant=" /data/a  &gt; 1"' in compiled.xform
    assert (
        "Trang 'survey', cột 'relevant::Vietnamese (vi)': biểu thức không theo ngôn ngữ, "
        "được đọc là cột 'relevant'"
    ) in compiled.warnings


def test_languages_that_agree_are_read_as_the_column() -> None:
    book = _with_language_columns(
        **{"constraint::English (en)": ". != 'x'", "constraint::Vietnamese (vi)": ". != 'x'"}
    )
    compiled = xlsform.compile_workbook(book)
    assert compiled.workbook["survey"][1]["constraint"] == ". != 'x'"


def test_languages_that_differ_are_refused_with_the_row_and_column() -> None:
    book = _with_language_columns(
        **{"relevant::English (en)": "${a} > 1", "relevant::Vietnamese (vi)": "${a} > 2"}
    )
    with pytest.raises(xlsform.FormRefused) as caught:
        xlsform.compile_workbook(book)
    [issue] = caught.value.issues
    assert (issue.sheet, issue.row, issue.column) == ("survey", 3, "relevant::English (en)")
    assert "ODK chỉ đọc một cột 'relevant'" in issue.message
    assert "unhashable" not in caught.value.message


def test_an_alias_column_is_one_warning_naming_its_rows() -> None:
    rows = [{"type": "integer", "name": "a", "label": "A"}]
    rows += [
        {"type": "text", "name": f"q{i}", "label": f"Q{i}", "relevance": "${a} > 1"}
        for i in range(12)
    ]
    compiled = xlsform.compile_workbook({"survey": rows})
    notes = [w for w in compiled.warnings if "'relevance'" in w]
    assert notes == [
        "Trang 'survey', cột 'relevance' được đọc là 'relevant' "
        "(dòng 3, 4, 5, 6, 7, 8, 9, 10 và 4 dòng khác)"
    ]
    assert all(row.get("relevant") == "${a} > 1" for row in compiled.workbook["survey"][1:])
