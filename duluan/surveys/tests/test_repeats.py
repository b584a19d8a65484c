"""Repeat groups: read from the instance XML (nested, with groups, select-multiple),
checked by the server (types and static choices), exported as Kobo does (one table
per repeat, linked by index), counted on the results page; the first stored shape
still reads."""

from __future__ import annotations

import csv
import io
import re
import uuid
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from duluan.core.errors import ValidationFailed
from duluan.surveys import exports, forms_spec, repeat_exports, repeats, services
from duluan.surveys.instance import parse_instance
from duluan.surveys.models import Response, Survey

from .support import make_survey

pytestmark = pytest.mark.django_db
OPENROSA = {"X-OpenRosa-Version": "1.0"}

HOUSEHOLDS: dict[str, list[dict[str, str]]] = {
    "survey": [
        {"type": "select_one yn", "name": "dong_y", "label::Vietnamese (vi)": "Đồng ý tham gia?"},
        {"type": "begin_repeat", "name": "ho", "label::Vietnamese (vi)": "Hộ gia đình"},
        {"type": "integer", "name": "so_nguoi", "label::Vietnamese (vi)": "Số người trong hộ"},
        {"type": "select_one nha", "name": "nha", "label::Vietnamese (vi)": "Loại nhà"},
        {"type": "begin_group", "name": "kinh_te", "label::Vietnamese (vi)": "Kinh tế"},
        {"type": "decimal", "name": "thu_nhap", "label::Vietnamese (vi)": "Thu nhập hộ"},
        {"type": "end_group"},
        {"type": "begin_repeat", "name": "thanh_vien", "label::Vietnamese (vi)": "Thành viên"},
        {"type": "integer", "name": "tuoi", "label::Vietnamese (vi)": "Tuổi"},
        {
            "type": "select_multiple nhu_cau",
            "name": "nhu_cau",
            "label::Vietnamese (vi)": "Nhu cầu",
        },
        {"type": "text", "name": "ghi_chu", "label::Vietnamese (vi)": "Ghi chú"},
        {"type": "end_repeat"},
        {"type": "end_repeat"},
    ],
    "choices": [
        {"list_name": "yn", "name": "co", "label::Vietnamese (vi)": "Có"},
        {"list_name": "yn", "name": "khong", "label::Vietnamese (vi)": "Không"},
        {"list_name": "nha", "name": "thue", "label::Vietnamese (vi)": "Nhà thuê"},
        {"list_name": "nha", "name": "rieng", "label::Vietnamese (vi)": "Nhà riêng"},
        {"list_name": "nhu_cau", "name": "hoc", "label::Vietnamese (vi)": "Học tập"},
        {"list_name": "nhu_cau", "name": "y_te", "label::Vietnamese (vi)": "Y tế"},
        {"list_name": "nhu_cau", "name": "viec", "label::Vietnamese (vi)": "Việc làm"},
    ],
    "settings": [{"form_title": "Hộ gia đình đoàn viên", "default_language": "Vietnamese (vi)"}],
}


def _member(age: int, needs: str, note: str = "") -> str:
    return f"<thanh_vien><tuoi>{age}</tuoi><nhu_cau>{needs}</nhu_cau><ghi_chu>{note}</ghi_chu></thanh_vien>"


def _household(people: int, home: str, income: str, members: list[str]) -> str:
    return (
        f"<ho><so_nguoi>{people}</so_nguoi><nha>{home}</nha>"
        f"<kinh_te><thu_nhap>{income}</thu_nhap></kinh_te>{''.join(members)}</ho>"
    )


def instance_xml(survey: Survey, body: str, instance_id: str | None = None) -> bytes:
    version = survey.current_version
    assert version is not None
    return (
        f'<?xml version="1.0"?><data xmlns:jr="http://openrosa.org/javarosa" '
        f'id="{version.form_id}" version="{version.version_label}"><dong_y>co</dong_y>{body}'
        f"<meta><instanceID>{instance_id or f'uuid:{uuid.uuid4()}'}</instanceID></meta></data>"
    ).encode()


TWO_HOUSEHOLDS = _household(
    3, "thue", "12.5", [_member(34, "hoc y_te", "Con đi học"), _member(8, "hoc")]
) + _household(1, "rieng", "6", [_member(60, "y_te")])


def _items(survey: Survey) -> list[forms_spec.Question]:
    version = survey.current_version
    assert version is not None
    return forms_spec.questions(version.spec)


def _submit(survey: Survey, unit: Any, body: str = TWO_HOUSEHOLDS) -> Response:
    return services.instance_submit(
        survey=survey, unit=unit, content=instance_xml(survey, body), source="odk"
    ).response


# ── parse ────────────────────────────────────────────────────────────────
def test_nested_repeats_and_groups_in_repeats_become_linked_rows(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a, HOUSEHOLDS)
    template = (
        '<ho jr:template=""><so_nguoi/><nha/><kinh_te><thu_nhap/></kinh_te>'
        '<thanh_vien jr:template=""><tuoi/></thanh_vien></ho>'
    )
    _form, _version, instance_id, answers, tables = parse_instance(
        instance_xml(survey, template + TWO_HOUSEHOLDS, "uuid:x"), _items(survey)
    )
    assert instance_id == "uuid:x" and answers == {"dong_y": "co"}
    assert tables["ho"] == [
        {"_index": 1, "_parent_index": None, "so_nguoi": "3", "nha": "thue", "thu_nhap": "12.5"},
        {"_index": 2, "_parent_index": None, "so_nguoi": "1", "nha": "rieng", "thu_nhap": "6"},
    ]
    assert tables["ho/thanh_vien"] == [
        {
            "_index": 1,
            "_parent_index": 1,
            "tuoi": "34",
            "nhu_cau": ["hoc", "y_te"],
            "ghi_chu": "Con đi học",
        },
        {"_index": 2, "_parent_index": 1, "tuoi": "8", "nhu_cau": ["hoc"], "ghi_chu": ""},
        {"_index": 3, "_parent_index": 2, "tuoi": "60", "nhu_cau": ["y_te"], "ghi_chu": ""},
    ]


def test_submission_stores_checked_tables_outside_the_answers(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a, HOUSEHOLDS)
    stored = _submit(survey, org_tree.cs_a1)
    assert stored.data["dong_y"] == "co"
    assert stored.data["_repeats"]["ho/thanh_vien"][1] == {
        "_index": 2,
        "_parent_index": 1,
        "tuoi": "8",
        "nhu_cau": ["hoc"],
    }
    assert "so_nguoi" not in stored.data  # repeat fields never mix with the analysed answers


def test_first_stored_shape_still_reads() -> None:
    items = forms_spec.questions(_spec())
    tables = repeats.repeat_tables(items)
    old = {"dong_y": "co", "_repeats": {"ho": [{"so_nguoi": "2", "nha": "thue", "tuoi": "9"}]}}
    read = repeats.stored_tables(old, tables)
    assert read == {"ho": [{"_index": 1, "_parent_index": None, "so_nguoi": "2", "nha": "thue"}]}
    # A select-multiple stored as one text in the first shape reads as a list.
    legacy = {"_repeats": {"thanh_vien": [{"nhu_cau": "hoc viec"}]}}
    assert repeats.stored_tables(legacy, tables)["ho/thanh_vien"][0]["nhu_cau"] == ["hoc", "viec"]


def _spec() -> dict[str, Any]:
    from duluan.surveys import xlsform

    return xlsform.compile_workbook(HOUSEHOLDS).spec


# ── the server's check ──────────────────────────────────────────────────
def test_check_refuses_bad_type_and_unknown_choice_naming_the_question() -> None:
    items = forms_spec.questions(_spec())
    raw = {
        "ho": [{"_index": 1, "_parent_index": None, "so_nguoi": "ba", "nha": "lều"}],
        "ho/thanh_vien": [{"_index": 1, "_parent_index": 1, "nhu_cau": ["hoc", "bay"]}],
    }
    with pytest.raises(forms_spec.AnswerErrors) as caught:
        repeats.repeats_check(items, raw)
    errors = caught.value.errors
    assert errors["ho[1]/so_nguoi"] == "Số người trong hộ: Hãy nhập một số nguyên."
    assert errors["ho[1]/nha"].endswith("Lựa chọn không có trong danh sách.")
    assert errors["ho/thanh_vien[1]/nhu_cau"].startswith("Nhu cầu:")


def test_check_drops_unknown_fields_and_tables_and_caps_rows() -> None:
    items = forms_spec.questions(_spec())
    kept = repeats.repeats_check(
        items,
        {
            "ho": [{"so_nguoi": "+2", "la": "x", "dong_y": "co", "thu_nhap": "7,5"}],
            "khong_co": [{"a": "1"}],
        },
    )
    assert kept == {
        "ho": [{"_index": 1, "_parent_index": None, "so_nguoi": "2", "thu_nhap": "7.5"}]
    }
    too_many = {"ho": [{"so_nguoi": "1"}] * (repeats.MAX_ROWS + 1)}
    with pytest.raises(forms_spec.AnswerErrors) as caught:
        repeats.repeats_check(items, too_many)
    assert caught.value.errors == {"ho": f"Nhóm lặp có quá {repeats.MAX_ROWS} dòng."}
    orphan = {"ho": [{"so_nguoi": "1"}], "ho/thanh_vien": [{"_parent_index": 2, "tuoi": "3"}]}
    with pytest.raises(forms_spec.AnswerErrors) as caught:
        repeats.repeats_check(items, orphan)
    assert list(caught.value.errors) == ["ho/thanh_vien[1]"]


def test_bad_repeat_row_is_refused_by_the_submission(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a, HOUSEHOLDS)
    body = _household(2, "thue", "5", [_member(30, "hoc bay")])
    with pytest.raises(ValidationFailed) as caught:
        _submit(survey, org_tree.cs_a1, body)
    errors = caught.value.extra["errors"]
    assert isinstance(errors, dict) and "ho/thanh_vien[1]/nhu_cau" in errors
    assert not Response.objects.exists()


# ── exports ─────────────────────────────────────────────────────────────
def _fill(survey: Survey, unit: Any, count: int) -> None:
    for _ in range(count):
        _submit(survey, unit)


def test_xlsx_has_one_linked_sheet_per_repeat(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a, HOUSEHOLDS)
    _fill(survey, org_tree.cs_a1, 10)
    content, _mime = exports.export(survey, "xlsx")
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Bang ket qua", "Phieu tra loi", "ho", "thanh_vien"]
    main = list(book["Phieu tra loi"].values)
    assert main[0][-2:] == ("_index", "_id") and len(main) == 11
    ids = {row[-1] for row in main[1:]}
    assert ids == set(range(1, 11))
    homes = list(book["ho"].values)
    assert homes[0] == (
        "_index",
        "_parent_index",
        "_parent_table_name",
        "_submission__id",
        "so_nguoi",
        "nha",
        "thu_nhap",
    )
    assert len(homes) == 21 and {r[2] for r in homes[1:]} == {"Phieu tra loi"}
    assert [r[0] for r in homes[1:]] == list(range(1, 21))
    assert all(r[1] == r[3] and r[3] in ids for r in homes[1:])
    # Integer and decimal answers are number cells.
    assert {(r[4], r[5], r[6]) for r in homes[1:]} == {(3, "thue", 12.5), (1, "rieng", 6)}
    people = list(book["thanh_vien"].values)
    assert people[0][:4] == tuple(repeat_exports.LINK_COLUMNS)
    assert people[0][4:] == ("tuoi", "nhu_cau", "ghi_chu")
    assert len(people) == 31 and {r[2] for r in people[1:]} == {"ho"}
    by_index = {r[0]: r for r in homes[1:]}
    for row in people[1:]:
        home = by_index[row[1]]
        assert home[3] == row[3]  # the same response
        if row[4] == 60:
            assert home[5] == "rieng" and row[5] == "y_te"
        else:
            assert home[5] == "thue"
    assert (34, "hoc y_te", "Con đi học") in {r[4:] for r in people[1:]}


def test_csv_of_a_form_with_repeats_is_a_zip_of_tables(org_tree) -> None:
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a, HOUSEHOLDS)
    _fill(survey, org_tree.cs_a1, 6)
    client = Client()
    client.force_login(officer)
    answer = client.get(reverse("surveys:export", args=[survey.pk, "csv"]))
    assert answer["Content-Type"] == "application/zip"
    assert answer["Content-Disposition"].endswith('.zip"')
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    assert archive.namelist() == [
        "Bang ket qua.csv",
        "Phieu tra loi.csv",
        "ho.csv",
        "thanh_vien.csv",
        "Ghi chu.csv",
    ]
    raw = archive.read("thanh_vien.csv")
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [*repeat_exports.LINK_COLUMNS, "tuoi", "nhu_cau", "ghi_chu"]
    assert len(rows) == 1 + 18
    # Under SURVEY_MIN_TEXT (10) responses the free text is left out, as in the main sheet.
    assert {r[6] for r in rows[1:]} == {""}
    summary = list(csv.reader(io.StringIO(archive.read("Bang ket qua.csv").decode("utf-8-sig"))))
    assert summary[0] == exports.HEADERS
    note = archive.read("Ghi chu.csv").decode("utf-8-sig")
    assert "Câu trả lời tự do chỉ xuất khi có ít nhất 10 phiếu" in note


def test_hidden_group_exports_no_repeat_rows(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a, HOUSEHOLDS)
    _fill(survey, org_tree.cs_a1, 4)
    book = load_workbook(io.BytesIO(exports.export(survey, "xlsx")[0]))
    assert [len(list(book[name].values)) for name in ("ho", "thanh_vien")] == [1, 1]


def test_sheet_names_are_cut_and_unique() -> None:
    long = "a" * 40
    tables = [
        repeats.RepeatTable(long, long, "", None),
        repeats.RepeatTable(f"x/{long}", long, "", None),
        repeats.RepeatTable("Phieu tra loi", "Phieu tra loi", "", None),
    ]
    names = repeat_exports.sheet_names(tables)
    assert names[long] == "a" * 31
    assert names[f"x/{long}"] == "a" * 29 + "~2"
    assert names["Phieu tra loi"] == "Phieu tra loi~2"
    assert all(len(n) <= 31 for n in names.values())


# ── results page ────────────────────────────────────────────────────────
def test_results_count_repeat_rows_under_the_anonymity_rules(org_tree) -> None:
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a, HOUSEHOLDS)
    _fill(survey, org_tree.cs_a1, 6)
    sections = {s.table.path: s for s in repeats.repeat_results(survey)}
    homes = sections["ho"]
    assert (homes.rows, homes.responses, homes.hidden) == (12, 6, False)
    home = {rq.result.question.name: rq for rq in homes.questions}
    cells = {c.name: c.count for c in home["nha"].result.cells}
    assert cells == {"thue": 6, "rieng": 6}
    assert home["so_nguoi"].result.mean is not None
    assert home["so_nguoi"].result.mean.value == pytest.approx(2.0)
    people = {rq.result.question.name: rq for rq in sections["ho/thanh_vien"].questions}
    needs = {c.name: c.count for c in people["nhu_cau"].result.cells}
    assert needs == {"hoc": 12, "y_te": 12, "viec": 0}
    assert "ghi_chu" not in people  # free text is not counted

    client = Client()
    client.force_login(officer)
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "Nhóm lặp: Hộ gia đình" in page and "12 dòng từ 6 phiếu" in page
    assert "18 dòng từ 6 phiếu" in page and 'id="chart-r1-1"' in page


def test_many_rows_from_few_responses_stay_hidden(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a, HOUSEHOLDS)
    many = _household(9, "thue", "3", [_member(30 + i, "viec") for i in range(8)])
    _fill(survey, org_tree.cs_a1, 5)  # the survey itself is shown ...
    for _ in range(2):  # ... two of them with 8 members each who need a job
        _submit(survey, org_tree.cs_a1, many)
    sections = {s.table.path: s for s in repeats.repeat_results(survey)}
    people = {rq.result.question.name: rq for rq in sections["ho/thanh_vien"].questions}
    needs = {c.name: c.count for c in people["nhu_cau"].result.cells}
    # 16 rows say "viec", but from 2 responses: hidden.
    assert needs["viec"] is None and needs["hoc"] == 10


# ── ODK Collect, end to end ─────────────────────────────────────────────
def test_collect_submission_with_nested_repeats_reaches_the_export(org_tree) -> None:
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a, HOUSEHOLDS)
    _device, token = services.device_create(
        actor=officer, survey=survey, unit=org_tree.cs_a1, name="Máy tổ 1"
    )
    client = Client()
    listing = client.get(f"/khao-sat/odk/{token}/formList", headers=OPENROSA).content.decode()
    download = re.search(r"<downloadUrl>([^<]+)</downloadUrl>", listing).group(1)  # type: ignore[union-attr]
    xform = client.get(download.replace("http://testserver", ""), headers=OPENROSA).content
    assert b'<thanh_vien jr:template="">' in xform
    for i in range(5):
        body = TWO_HOUSEHOLDS if i else _household(4, "rieng", "20", [_member(41, "viec")])
        upload = SimpleUploadedFile(
            "submission.xml", instance_xml(survey, body), content_type="text/xml"
        )
        answer = client.post(
            f"/khao-sat/odk/{token}/submission", {"xml_submission_file": upload}, headers=OPENROSA
        )
        assert answer.status_code == 201, answer.content
    book = load_workbook(io.BytesIO(exports.export(survey, "xlsx")[0]))
    homes = list(book["ho"].values)[1:]
    people = list(book["thanh_vien"].values)[1:]
    assert len(homes) == 9 and len(people) == 13
    lone = next(r for r in homes if r[6] == 20)
    assert [p[4:6] for p in people if p[1] == lone[0]] == [(41, "viec")]


def test_responses_stored_in_the_first_shape_are_exported_and_counted(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a, HOUSEHOLDS)
    _fill(survey, org_tree.cs_a1, 5)
    # The first shape: {repeat name: [{leaf: text}]}, no indexes, select-multiple as text.
    Response.objects.filter(survey=survey).update(
        data={"dong_y": "co", "_repeats": {"ho": [{"so_nguoi": "5", "nha": "thue", "tuoi": "7"}]}}
    )
    book = load_workbook(io.BytesIO(exports.export(survey, "xlsx")[0]))
    homes = list(book["ho"].values)[1:]
    assert len(homes) == 5 and {r[4:7] for r in homes} == {(5, "thue", None)}
    assert list(book["thanh_vien"].values)[1:] == []
    section = next(s for s in repeats.repeat_results(survey) if s.table.path == "ho")
    counts = {c.name: c.count for c in section.questions[1].result.cells}
    assert (section.rows, counts) == (5, {"thue": 5, "rieng": 0})


def test_onadata_nested_repeats_inside_a_group(org_tree) -> None:
    """The shared onadata form: repeats inside a group are keyed by their whole path."""
    from duluan.surveys import xlsform

    from .support import SHARED_FORMS, shared_forms

    shared_forms()
    path = SHARED_FORMS / "23-onadata-nested_repeats.xlsx"
    workbook = xlsform.read_workbook(path.read_bytes())
    # Its geopoint is refused for anonymous surveys (not the subject here): left out.
    workbook["survey"] = [r for r in workbook["survey"] if r.get("type") != "geopoint"]
    workbook["settings"] = [{"form_title": "Nested repeats Test"}]  # duluan sets the form id
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a, workbook)
    version = survey.current_version
    assert version is not None
    kid = (
        "<kids_details><kids_name>Minh</kids_name><kids_age>{age}</kids_age>"
        "<kids_immunization><immunization_info>{shot}</immunization_info></kids_immunization>"
        "</kids_details>"
    )
    xml = (
        f'<data id="{version.form_id}" version="{version.version_label}"><kids>'
        "<has_kids>1</has_kids>"
        f"{kid.format(age=4, shot='BCG')}{kid.format(age=7, shot='Sởi')}"
        "<nested_group><nested_name>Lan</nested_name><nested_age>30</nested_age></nested_group>"
        "</kids><address>Hà Nội</address><web_browsers>firefox chrome</web_browsers>"
        "<meta><instanceID>uuid:onadata-1</instanceID></meta></data>"
    ).encode()
    stored = services.instance_submit(
        survey=survey, unit=org_tree.cs_a1, content=xml, source="odk"
    ).response
    assert stored.data["web_browsers"] == ["firefox", "chrome"]
    assert stored.data["nested_age"] == "30"
    tables = stored.data["_repeats"]
    assert [r["kids_age"] for r in tables["kids/kids_details"]] == ["4", "7"]
    assert tables["kids/kids_details/kids_immunization"] == [
        {"_index": 1, "_parent_index": 1, "immunization_info": "BCG"},
        {"_index": 2, "_parent_index": 2, "immunization_info": "Sởi"},
    ]
    names = repeat_exports.sheet_names(repeats.survey_repeat_tables(survey))
    assert names == {
        "kids/kids_details": "kids_details",
        "kids/kids_details/kids_immunization": "kids_immunization",
    }
