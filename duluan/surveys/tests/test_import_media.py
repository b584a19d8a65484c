"""Importing every ODK form, the files beside it, media and location where consent
allows, the server's checks without XPath, and what the import says about the web."""

from __future__ import annotations

import hashlib
import io
import re
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from duluan.core.errors import ValidationFailed
from duluan.surveys import forms_spec, services, xlsform
from duluan.surveys.models import Response, ResponseFile, Survey

from .support import NAMED, SHARED_FORMS, instance_xml, make_survey, png_bytes

pytestmark = pytest.mark.django_db
OPENROSA: dict[str, str] = {"X-OpenRosa-Version": "1.0"}
FORM_FILES = sorted(SHARED_FORMS.glob("*.xlsx")) if SHARED_FORMS.is_dir() else []
# Refused, and why (see docs/surveys.md). 06, 35 and 37 are broken on purpose.
REFUSED = {
    "06": "include",  # a type pyxform removed
    "09": "Duplicate column header",  # two 'label' columns: pyxform's reader refuses
    "27": "nằm trong chính nó",  # group 'inputs' relevant on its own child: a cycle
    "29": "existing",  # trigger names a question the form lacks (pyxform)
    "35": "_.contains",  # ODK-X, not an XLSForm: JavaScript in choice_filter
    "37": "textX",  # unknown type
}


@pytest.mark.skipif(not FORM_FILES, reason="shared XLSForms missing")
@pytest.mark.parametrize("path", FORM_FILES, ids=lambda p: p.name[:30])
def test_shared_form_imports_or_is_refused_naming_sheet_row_and_column(path: Path) -> None:
    number = path.name[:2]
    try:
        compiled = xlsform.compile_workbook(xlsform.read_workbook(path.read_bytes()))
    except xlsform.FormRefused as exc:
        assert number in REFUSED, str(exc)
        assert REFUSED[number] in exc.message
        first = exc.issues[0]
        assert first.sheet and first.row and first.column, str(first)
        return
    assert number not in REFUSED
    assert "<h:body" in compiled.xform


@pytest.mark.skipif(not FORM_FILES, reason="shared XLSForms missing")
def test_thirty_one_of_the_thirty_four_valid_shared_forms_import() -> None:
    accepted = []
    for path in FORM_FILES:
        try:
            xlsform.compile_workbook(xlsform.read_workbook(path.read_bytes()))
        except xlsform.FormRefused:
            continue
        accepted.append(path.name[:2])
    assert len(accepted) == 31 and not set(accepted) & set(REFUSED)


def test_a_group_shown_by_an_answer_inside_it_is_refused_as_odk_collect_does() -> None:
    """JavaRosa (ODK Collect) refuses the form: "Cycle detected in form's relevant and
    calculation logic" (CHT's ``inputs`` group, shown when its own ``./source`` says so)."""
    for relevant in ("./nguon = 'user'", "${nguon} = 'user'"):
        book = {
            "survey": [
                {"type": "begin group", "name": "vao", "label": "V", "relevant": relevant},
                {"type": "text", "name": "nguon", "label": "Nguồn"},
                {"type": "end group"},
            ]
        }
        with pytest.raises(xlsform.FormRefused) as caught:
            xlsform.compile_workbook(book)
        [issue] = caught.value.issues
        assert (issue.sheet, issue.row, issue.column) == ("survey", 2, "relevant")
        assert "'nguon'" in issue.message and "nằm trong chính nó" in issue.message
    # Shown by an answer before it: imported.
    book = {
        "survey": [
            {"type": "text", "name": "nguon", "label": "Nguồn"},
            {"type": "begin group", "name": "vao", "label": "V", "relevant": "${nguon} = 'a'"},
            {"type": "text", "name": "ten", "label": "Tên"},
            {"type": "end group"},
        ]
    }
    assert "<h:body" in xlsform.compile_workbook(book).xform


def test_a_group_named_meta_is_renamed_and_instance_tag_dropped_with_warnings() -> None:
    """CHT's converter takes both; pyxform 4 keeps 'meta' for ODK's metadata block and
    crashes on an instance attribute named 'tag'."""
    book = {
        "survey": [
            {"type": "text", "name": "a", "label": "A", "instance::tag": "hidden"},
            {"type": "begin group", "name": "meta", "label": "M"},
            {"type": "calculate", "name": "b", "calculation": "${a}"},
            {"type": "end group", "name": "meta"},
        ]
    }
    compiled = xlsform.compile_workbook(book)
    assert "/data/meta_group/b" in compiled.xform
    assert "<instanceID/>" in compiled.xform
    assert "tag=" not in compiled.xform
    assert compiled.workbook["survey"][0] == {"type": "text", "name": "a", "label": "A"}
    assert any(
        w.startswith("Trang 'survey', dòng 3: nhóm tên 'meta'") and "'meta_group'" in w
        for w in compiled.warnings
    )
    assert any("'instance::tag'" in w and "dòng 2" in w for w in compiled.warnings)
    # A form that names its group elsewhere keeps it (and pyxform refuses it, named).
    for row in (
        {"type": "text", "name": "c", "label": "${meta}"},
        {"type": "calculate", "name": "c", "calculation": "../meta/b"},
    ):
        with pytest.raises(xlsform.FormRefused) as caught:
            xlsform.compile_workbook({"survey": [*book["survey"], row]})
        assert "'meta' is reserved" in caught.value.message
    # The word in a label is no reference.
    worded = {"survey": [*book["survey"], {"type": "note", "name": "c", "label": "meta data"}]}
    assert "/data/meta_group/b" in xlsform.compile_workbook(worded).xform


def test_typographic_quotes_become_straight_in_expressions_only() -> None:
    book = {
        "survey": [
            {"type": "select_one yn", "name": "a", "label": "Chọn ‘khác’"},
            {"type": "text", "name": "b", "label": "B", "relevant": "${a} = ‘other’"},
            {"type": "text", "name": "c", "label": "C", "constraint": ". != “x”"},
        ],
        "choices": [
            {"list_name": "yn", "name": "other", "label": "Khác"},
            {"list_name": "yn", "name": "co", "label": "Có"},
        ],
    }
    compiled = xlsform.compile_workbook(book)
    rows = compiled.workbook["survey"]
    assert rows[1]["relevant"] == "${a} = 'other'"
    assert rows[2]["constraint"] == '. != "x"'
    # The ::lang variants of an expression column too.
    lang = xlsform.normalise_quotes(
        {"survey": [{"required_message::vi": "‘a’", "relevant::vi": "‘a’"}]}
    )
    assert lang["survey"][0] == {"required_message::vi": "‘a’", "relevant::vi": "'a'"}
    assert rows[0]["label"] == "Chọn ‘khác’"
    assert "relevant=\" /data/a  = 'other'\"" in compiled.xform


EXTERNAL = {
    "survey": [
        {"type": "select_one tinh", "name": "tinh", "label": "Tỉnh"},
        {
            "type": "select_one_external huyen",
            "name": "huyen",
            "label": "Huyện",
            "choice_filter": "tinh=${tinh}",
        },
    ],
    "choices": [
        {"list_name": "tinh", "name": "hn", "label": "Hà Nội"},
        {"list_name": "tinh", "name": "hp", "label": "Hải Phòng"},
    ],
    "external_choices": [
        {"list_name": "huyen", "name": "ba_dinh", "label": "Ba Đình", "tinh": "hn"},
        {"list_name": "huyen", "name": "le_chan", "label": "Lê Chân", "tinh": "hp"},
    ],
}


def test_external_choices_become_the_itemsets_csv_attachment(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a, EXTERNAL, media={})
    version = survey.current_version
    assert version is not None
    media = version.media.get()
    assert media.filename == "itemsets.csv"
    with media.file.open("rb") as handle:
        text = handle.read().decode()
    assert text.splitlines() == [
        "list_name,name,label,tinh",
        "huyen,ba_dinh,Ba Đình,hn",
        "huyen,le_chan,Lê Chân,hp",
    ]
    # pyxform's external select: Collect reads its choices from itemsets.csv.
    assert "query=\"instance('huyen')" in version.xform
    assert any("itemsets.csv" in w for w in version.warnings)
    # The answer is checked against the names of the file (the union: no filter here).
    unit = org_tree.cs_a1
    ok = services.response_submit(
        survey=survey, unit=unit, answers={"tinh": "hn", "huyen": "ba_dinh"}, source="web"
    )
    assert ok.response.data["huyen"] == "ba_dinh"
    with pytest.raises(ValidationFailed):
        services.response_submit(
            survey=survey, unit=unit, answers={"tinh": "hn", "huyen": "bia"}, source="web"
        )


PULLDATA = {
    "survey": [
        {"type": "text", "name": "ma", "label": "Mã"},
        {
            "type": "calculate",
            "name": "ten",
            "calculation": "pulldata('don_vi', 'ten', 'ma', ${ma})",
        },
        {"type": "select_one_from_file loai.csv", "name": "loai", "label": "Loại"},
    ]
}


def test_pulldata_and_from_file_need_their_csv_beside_the_form(org_tree) -> None:
    officer = org_tree.user("upper_a")
    with pytest.raises(xlsform.FormRefused) as caught:
        make_survey(officer, org_tree.upper_a, PULLDATA, media={"loai.csv": b"name,label\n"})
    texts = [str(i) for i in caught.value.issues]
    assert texts == [
        "Trang 'survey', dòng 3, cột 'calculation': cần tệp 'don_vi.csv' đính kèm biểu mẫu mà "
        "chưa có"
    ]
    assert not Survey.objects.exists()
    survey = make_survey(
        officer,
        org_tree.upper_a,
        PULLDATA,
        media={
            "don_vi.csv": "ma,ten\n1,Công đoàn A\n".encode(),
            "loai.csv": b"name,label\nx,X\ny,Y\n",
        },
    )
    version = survey.current_version
    assert version is not None
    assert sorted(version.media.values_list("filename", flat=True)) == ["don_vi.csv", "loai.csv"]
    unit = org_tree.cs_a1
    services.response_submit(survey=survey, unit=unit, answers={"loai": "x"}, source="web")
    with pytest.raises(ValidationFailed):
        services.response_submit(survey=survey, unit=unit, answers={"loai": "z"}, source="web")


def test_a_file_that_is_not_what_its_name_says_is_refused(org_tree) -> None:
    with pytest.raises(ValidationFailed):
        make_survey(
            org_tree.user("upper_a"),
            org_tree.upper_a,
            PULLDATA,
            media={"don_vi.csv": b"\xff\xfe\x00bad", "loai.csv": b"name\nx\n"},
        )
    with pytest.raises(ValidationFailed):
        make_survey(
            org_tree.user("upper_a"),
            org_tree.upper_a,
            {"survey": [{"type": "text", "name": "a", "label": "A", "media::image": "x.png"}]},
            media={"x.png": b"name,label\nnot,an image\n"},
        )


def test_manifest_lists_media_with_md5_and_only_its_device_downloads(org_tree) -> None:
    officer = org_tree.user("upper_a")
    csv = "ma,ten\n1,Công đoàn A\n".encode()
    survey = make_survey(
        officer,
        org_tree.upper_a,
        PULLDATA,
        media={"don_vi.csv": csv, "loai.csv": b"name,label\nx,X\n"},
    )
    other = make_survey(officer, org_tree.upper_a)
    _d, token = services.device_create(actor=officer, survey=survey, unit=org_tree.cs_a1, name="A")
    _d, stranger = services.device_create(
        actor=officer, survey=other, unit=org_tree.cs_a1, name="B"
    )
    client = Client()
    manifest = client.get(f"/khao-sat/odk/{token}/manifest/{survey.pk}", headers=OPENROSA)
    body = manifest.content.decode()
    assert 'xmlns="http://openrosa.org/xforms/xformsManifest"' in body
    md5 = hashlib.md5(csv, usedforsecurity=False).hexdigest()
    assert f"<filename>don_vi.csv</filename><hash>md5:{md5}</hash>" in body
    url = re.search(r"<downloadUrl>(http://testserver)?([^<]+don_vi.csv)</downloadUrl>", body)
    assert url is not None
    got = client.get(url.group(2), headers=OPENROSA)
    assert got.status_code == 200 and got.content == csv
    theirs = f"/khao-sat/odk/{stranger}/media/{survey.pk}/don_vi.csv"
    assert client.get(theirs, headers=OPENROSA).status_code == 404
    # The web engine fetches the same file by the survey's public key.
    public = client.get(f"/ks/{survey.public_key}/tep/don_vi.csv")
    assert public.status_code == 200 and public.content == csv
    assert client.get(f"/ks/{other.public_key}/tep/don_vi.csv").status_code == 404


def test_a_new_version_keeps_the_files_of_the_last_one(org_tree) -> None:
    officer = org_tree.user("upper_a")
    media = {"don_vi.csv": b"ma,ten\n1,A\n", "loai.csv": b"name,label\nx,X\n"}
    survey = make_survey(officer, org_tree.upper_a, PULLDATA, media=media)
    services.response_submit(survey=survey, unit=org_tree.cs_a1, answers={}, source="web")
    changed = {"survey": [*PULLDATA["survey"], {"type": "text", "name": "them", "label": "Thêm"}]}
    content = xlsform.export_workbook(changed)
    version = services.survey_form_replace(
        actor=officer, survey=survey, content=content, media={"loai.csv": b"name,label\ny,Y\n"}
    )
    assert version.number == 2
    first = survey.versions.get(number=1)
    assert first.media.get(filename="loai.csv").md5 != version.media.get(filename="loai.csv").md5
    assert version.media.get(filename="don_vi.csv").sha256 == (
        first.media.get(filename="don_vi.csv").sha256
    )


def test_anonymous_survey_refuses_media_and_location_and_imports_without_them(org_tree) -> None:
    officer = org_tree.user("upper_a")
    client = Client()
    client.force_login(officer)
    upload = SimpleUploadedFile("f.xlsx", xlsform.export_workbook(NAMED))
    refused = client.post(
        "/khao-sat/nhap/", {"unit": org_tree.upper_a.pk, "anonymous": "1", "file": upload}
    )
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "Trang &#x27;survey&#x27;, dòng 3, cột &#x27;type&#x27;" in page
    assert "khảo sát ẩn danh không thu ảnh" in page
    assert "Nhập mà bỏ các câu hỏi đó" in page
    again = client.post(
        "/khao-sat/nhap/",
        {"unit": org_tree.upper_a.pk, "anonymous": "1", "drop_private": "1"},
    )
    assert again.status_code == 302
    survey = Survey.objects.get()
    assert survey.anonymous
    version = survey.current_version
    assert version is not None
    assert [q.name for q in forms_spec.questions(version.spec)] == ["noi_lam"]


def test_command_line_named_and_without_private(org_tree, tmp_path: Path) -> None:
    form = tmp_path / "f.xlsx"
    form.write_bytes(xlsform.export_workbook(NAMED))
    with pytest.raises(SystemExit):
        call_command("survey", "import", str(form), "--unit", org_tree.upper_a.code)
    out = io.StringIO()
    call_command(
        "survey", "import", str(form), "--unit", org_tree.upper_a.code, "--named", stdout=out
    )
    named = Survey.objects.get(pk=int(out.getvalue()))
    assert not named.anonymous
    out = io.StringIO()
    call_command(
        "survey",
        "import",
        str(form),
        "--unit",
        org_tree.upper_a.code,
        "--without-private",
        stdout=out,
    )
    stripped = Survey.objects.get(pk=int(out.getvalue()))
    assert stripped.anonymous and "image" not in stripped.current_version.xform  # type: ignore[union-attr]


def _named_with_device(org_tree):  # type: ignore[no-untyped-def]
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a, NAMED, anonymous=False)
    _d, token = services.device_create(actor=officer, survey=survey, unit=org_tree.cs_a1, name="A")
    return survey, token


def _submit(token: str, xml: bytes, **files: bytes):  # type: ignore[no-untyped-def]
    parts = {"xml_submission_file": SimpleUploadedFile("submission.xml", xml, "text/xml")}
    for name, content in files.items():
        parts[name] = SimpleUploadedFile(name, content)
    return Client().post(f"/khao-sat/odk/{token}/submission", parts, headers=OPENROSA)


def test_named_survey_stores_a_collect_image_shown_only_in_scope(org_tree) -> None:
    survey, token = _named_with_device(org_tree)
    version = survey.current_version
    xml = instance_xml(
        version,
        f"uuid:{uuid.uuid4()}",
        noi_lam="Xưởng may",
        anh="1712.png",
        vi_tri="21.0285 105.8542 10 5",
    )
    sent = _submit(token, xml, **{"1712.png": png_bytes()})
    assert sent.status_code == 201, sent.content
    response = Response.objects.get()
    assert response.data["anh"] == "1712.png"
    assert response.data["vi_tri"] == "21.0285 105.8542 10 5"
    stored = ResponseFile.objects.get()
    assert stored.question == "anh" and stored.content_type == "image/png"
    url = f"/khao-sat/{survey.pk}/tep-tra-loi/{stored.pk}/"
    inside = Client()
    inside.force_login(org_tree.user("upper_a"))
    got = inside.get(url)
    assert got.status_code == 200 and got.content == png_bytes()
    assert url in inside.get(f"/khao-sat/{survey.pk}/").content.decode()
    outside = Client()
    outside.force_login(org_tree.user("upper_b"))
    assert outside.get(url).status_code == 404
    below = Client()
    below.force_login(org_tree.user("cs_a1"))
    assert below.get(url).status_code == 404


def test_answered_file_goes_through_the_attachment_guards(org_tree) -> None:
    survey, token = _named_with_device(org_tree)
    version = survey.current_version
    xml = instance_xml(version, "uuid:fake", anh="a.png")
    fake = _submit(token, xml, **{"a.png": b"#!/bin/sh\necho not an image\n"})
    assert fake.status_code == 400
    assert not Response.objects.exists() and not ResponseFile.objects.exists()
    # A part no question names is never stored; too many parts are refused.
    extra = _submit(
        token, instance_xml(version, "uuid:x"), **{"x.png": png_bytes(), "y.png": png_bytes()}
    )
    assert extra.status_code == 400
    assert not ResponseFile.objects.exists()


def test_server_checks_types_and_choices_but_not_skip_logic() -> None:
    book = {
        "survey": [
            {"type": "select_one yn", "name": "co", "label": "Có?", "required": "yes"},
            {
                "type": "integer",
                "name": "so",
                "label": "Số",
                "relevant": "${co} = 'co'",
                "constraint": ". < 5",
                "required": "yes",
            },
            {"type": "date", "name": "ngay", "label": "Ngày"},
            {"type": "geopoint", "name": "o_dau", "label": "Ở đâu"},
            {"type": "calculate", "name": "gap_doi", "calculation": "${so} * 2"},
        ],
        "choices": [
            {"list_name": "yn", "name": "co", "label": "Có"},
            {"list_name": "yn", "name": "khong", "label": "Không"},
        ],
    }
    items = forms_spec.questions(xlsform.compile_workbook(book).spec)
    for tampered in (
        {"co": "co", "so": "năm"},
        {"co": "hack"},
        {"co": "co", "ngay": "2026-13-40"},
        {"co": "co", "o_dau": "999 0"},
        {"so": "1"},  # required, under no relevant
    ):
        with pytest.raises(forms_spec.AnswerErrors):
            forms_spec.validate_answers(items, tampered)
    # relevant and constraint are the engine's; the calculation is stored as sent.
    data = forms_spec.validate_answers(
        items, {"co": "khong", "so": "40", "gap_doi": "7", "bogus": "x"}
    )
    assert data == {"co": "khong", "so": "40", "gap_doi": "7"}


def test_a_form_the_web_cannot_answer_has_no_poster_qr_or_links(org_tree) -> None:
    book = {
        "survey": [
            {"type": "text", "name": "ten", "label": "Tên"},
            {"type": "audio", "name": "giong", "label": "Ghi âm", "required": "yes"},
        ],
        "entities": [{"dataset": "nguoi", "label": "${ten}"}],
    }
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a, book, anonymous=False)
    version = survey.current_version
    assert version is not None
    assert version.web_blockers and "bắt buộc" in version.web_blockers[0]
    assert any("entities" in w for w in version.warnings)
    client = Client()
    client.force_login(officer)
    assert client.get(f"/khao-sat/{survey.pk}/ap-phich/{org_tree.cs_a1.pk}/").status_code == 404
    assert client.get(f"/khao-sat/{survey.pk}/qr/{org_tree.cs_a1.pk}.png").status_code == 404
    page = client.get(f"/khao-sat/{survey.pk}/").content.decode()
    assert "không trả lời được trên web" in page and "ODK Collect" in page
    assert f"/ks/{survey.public_key}/" not in page
    # The public link itself says to use ODK Collect, with no engine on the page.
    public = Client().get(f"/ks/{survey.public_key}/{org_tree.cs_a1.pk}/")
    assert public.status_code == 404 and "ODK Collect" in public.content.decode()


def test_a_form_the_engine_cannot_open_is_collect_only_with_the_row_named(org_tree) -> None:
    """@getodk/web-forms 0.22 fails to load a form that gives a question's node to
    decimal-date-time(); a date's node the import writes as text (dialects.py), a
    number's it cannot: the import says so, the web link is off."""
    book = {
        "survey": [
            {"type": "date", "name": "sinh", "label": "Ngày sinh"},
            {"type": "decimal", "name": "ngay_so", "label": "Số ngày"},
            {
                "type": "calculate",
                "name": "tuoi",
                "calculation": "round((decimal-date-time(today()) - "
                "decimal-date-time(${sinh})) div 365.25)",
            },
            {"type": "calculate", "name": "d", "calculation": "decimal-date-time(${ngay_so})"},
        ],
    }
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a, book, anonymous=False)
    version = survey.current_version
    assert version is not None and not version.web_ready
    [blocker] = version.web_blockers
    assert "dòng 5, cột 'calculation'" in blocker
    assert "decimal-date-time(${ngay_so})" in blocker
    assert any(
        "dòng 4, cột 'calculation'" in w and "string(${sinh})" in w for w in version.warnings
    )
    public = Client().get(f"/ks/{survey.public_key}/{org_tree.cs_a1.pk}/")
    assert public.status_code == 404 and "ODK Collect" in public.content.decode()


def test_encrypted_form_imports_without_its_key_and_says_so() -> None:
    book = {
        "survey": [{"type": "text", "name": "a", "label": "A"}],
        "settings": [{"form_title": "Mã hoá", "public_key": "MIIBIjANBgkq"}],
    }
    compiled = xlsform.compile_workbook(book)
    assert "base64RsaPublicKey" not in compiled.xform
    assert any("public_key" in w for w in compiled.warnings)
    assert "base64RsaPublicKey" not in xlsform.xform_for(
        compiled.workbook, form_id="x", version="1"
    )


def test_import_page_and_command_say_what_only_collect_does(org_tree, tmp_path: Path) -> None:
    book = {
        "survey": [
            {"type": "text", "name": "ten", "label": "Tên"},
            {"type": "barcode", "name": "ma", "label": "Mã thẻ"},
        ],
        "entities": [{"dataset": "nguoi", "label": "${ten}"}],
    }
    client = Client()
    client.force_login(org_tree.user("upper_a"))
    upload = SimpleUploadedFile("f.xlsx", xlsform.export_workbook(book))
    page = client.post(
        "/khao-sat/nhap/", {"unit": org_tree.upper_a.pk, "file": upload}, follow=True
    ).content.decode()
    assert "quét mã vạch chỉ có trên ODK Collect" in page
    assert "chỉ ODK Collect (với ODK Central) tạo và cập nhật thực thể" in page
    form = tmp_path / "f.xlsx"
    form.write_bytes(xlsform.export_workbook(book))
    err = io.StringIO()
    call_command(
        "survey",
        "import",
        str(form),
        "--unit",
        org_tree.upper_a.code,
        stdout=io.StringIO(),
        stderr=err,
    )
    assert "Cảnh báo: Trang 'survey', dòng 3: quét mã vạch" in err.getvalue()


@pytest.mark.parametrize("kind", ["start-geopoint", "background-audio", "geotrace", "video"])
def test_anonymous_survey_refuses_every_identifying_type(kind: str) -> None:
    book = {"survey": [{"type": "text", "name": "a", "label": "A"}, {"type": kind, "name": "b"}]}
    with pytest.raises(xlsform.FormRefused) as caught:
        xlsform.compile_workbook(book, anonymous=True)
    assert str(caught.value.issues[0]).startswith("Trang 'survey', dòng 3, cột 'type'")
    assert xlsform.compile_workbook(xlsform.without_private(book), anonymous=True)


def test_named_survey_stores_an_image_sent_by_the_web_engine(org_tree) -> None:
    """The web engine posts each answered file beside the instance, as Collect does."""
    survey, _token = _named_with_device(org_tree)
    version = survey.current_version
    xml = instance_xml(version, f"uuid:{uuid.uuid4()}", noi_lam="Xưởng may", anh="chup.png")
    client = Client()
    url = f"/ks/{survey.public_key}/{org_tree.cs_a1.pk}/gui/"
    sent = client.post(
        url,
        {
            "xml_submission_file": SimpleUploadedFile("submission.xml", xml, "text/xml"),
            "chup.png": SimpleUploadedFile("chup.png", png_bytes()),
        },
    )
    assert sent.status_code == 201, sent.content
    stored = ResponseFile.objects.get()
    assert stored.response.source == "web" and stored.question == "anh"


def test_a_form_without_form_title_is_named_after_its_file_or_the_typed_title(org_tree) -> None:
    """No "data" or "duluan-5" for the respondent: the survey's title is the one the
    officer typed, else the form's form_title, else the file's name; the XForm served
    (web and Collect) carries it as <h:title>."""
    book = {"survey": [{"type": "text", "name": "y_kien", "label": "Ý kiến"}]}
    client = Client()
    client.force_login(org_tree.user("upper_a"))

    def imported(filename: str, title: str = "") -> Survey:
        upload = SimpleUploadedFile(filename, xlsform.export_workbook(book))
        data = {"unit": org_tree.upper_a.pk, "file": upload, "title": title}
        assert client.post("/khao-sat/nhap/", data).status_code == 302
        return Survey.objects.latest("pk")

    survey = imported("phieu_y-kien_2026.xlsx")
    version = survey.current_version
    assert version is not None
    assert survey.title == "phieu y kien 2026"
    assert "<h:title>phieu y kien 2026</h:title>" in version.xform
    assert f'id="duluan-{survey.pk}"' in version.xform
    page = Client().get(f"/ks/{survey.public_key}/{org_tree.cs_a1.pk}/").content.decode()
    assert "phieu y kien 2026</h1>" in page and ">data</h1>" not in page
    typed = imported("data.xlsx", "Ý kiến về bữa ăn ca")
    assert typed.title == "Ý kiến về bữa ăn ca"
    typed_version = typed.current_version
    assert typed_version is not None
    assert "<h:title>Ý kiến về bữa ăn ca</h:title>" in typed_version.xform
    # A form_title in the form wins over the file's name.
    named = {**book, "settings": [{"form_title": "Bữa ăn ca"}]}
    assert make_survey(org_tree.user("upper_a"), org_tree.upper_a, named).title == "Bữa ăn ca"
    # pyxform's other name for form_title, "title", is replaced as well.
    aliased = {**book, "settings": [{"title": "Ca đêm"}]}
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a, aliased, title="Ca ngày")
    assert "<h:title>Ca ngày</h:title>" in (survey.current_version or version).xform


def test_command_line_names_a_missing_media_file(org_tree, tmp_path: Path) -> None:
    form = tmp_path / "f.xlsx"
    form.write_bytes(xlsform.export_workbook(NAMED))
    given = tmp_path / "ok.csv"
    given.write_bytes(b"name,label\na,A\n")
    missing = tmp_path / "khong-co.csv"
    with pytest.raises(CommandError) as caught:
        call_command(
            "survey",
            "import",
            str(form),
            "--unit",
            org_tree.upper_a.code,
            "--named",
            "--media",
            str(given),
            str(missing),
        )
    assert str(caught.value) == f"Không đọc được tệp đính kèm {missing}."
    assert not Survey.objects.exists()


def test_import_page_names_an_expression_column_with_two_languages(org_tree) -> None:
    book = {
        "survey": [
            {"type": "integer", "name": "a", "label": "A"},
            {
                "type": "text",
                "name": "b",
                "label": "B",
                "relevant::English (en)": "${a} > 1",
                "relevant::Vietnamese (vi)": "${a} > 2",
            },
        ]
    }
    client = Client()
    client.force_login(org_tree.user("upper_a"))
    upload = SimpleUploadedFile("f.xlsx", xlsform.export_workbook(book))
    refused = client.post("/khao-sat/nhap/", {"unit": org_tree.upper_a.pk, "file": upload})
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "Trang &#x27;survey&#x27;, dòng 3, cột &#x27;relevant::English (en)&#x27;" in page
    assert not Survey.objects.exists()
