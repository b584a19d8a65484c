"""The respondent's link, interviewer mode, versions, codes, the command line."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duluan.core.errors import ValidationFailed
from duluan.surveys import services, xlsform
from duluan.surveys.models import AccessCode, Response, Survey

from .support import LIVING, answers, living_xlsx, make_survey

pytestmark = pytest.mark.django_db


def _link(survey: Survey, unit) -> str:
    return reverse("surveys:respond", args=[survey.public_key, unit.pk])


def _gui(survey: Survey, unit) -> str:
    return reverse("surveys:respond_submit", args=[survey.public_key, unit.pk])


def _instance(survey: Survey, instance_id: str = "", **answers: str) -> bytes:
    """The OpenRosa instance the web form engine posts for the LIVING form."""
    version = survey.current_version
    assert version is not None
    values = {**answers}
    kho = values.pop("kho_khan", "")
    luong = values.pop("luong", "")
    fields = "".join(f"<{k}>{v}</{k}>" for k, v in values.items())
    return (
        f'<?xml version="1.0"?><data id="{version.form_id}" version="{version.version_label}">'
        f"{fields}<thu_nhap><luong>{luong}</luong><luong_nam/></thu_nhap><kho_khan>{kho}</kho_khan>"
        f"<meta><instanceID>{instance_id or f'uuid:{uuid.uuid4()}'}</instanceID></meta></data>"
    ).encode()


def _send(client: Client, url: str, xml: bytes, **extra: str) -> Any:
    """The test client's response (with ``.json()``)."""
    upload = SimpleUploadedFile("xml_submission_file", xml, content_type="text/xml")
    return client.post(url, {"xml_submission_file": upload, **extra})


def test_member_answers_anonymously_once_per_browser(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    client = Client(REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Điện thoại thử")
    url = _link(survey, org_tree.cs_a1)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    # The page carries the XForm for the engine (id and version of this survey) and
    # the engine's bundle; the engine's <style> tags are allowed here only.
    assert f'id=\\"duluan-{survey.pk}\\"' in html and "webform/webform.js" in html
    assert "'unsafe-inline'" in page["Content-Security-Policy"]
    assert "unsafe-inline" not in client.get("/dang-nhap/")["Content-Security-Policy"]
    sent = _send(
        client,
        _gui(survey, org_tree.cs_a1),
        _instance(survey, co_con="co", so_con="2", luong="8.5", y_kien="Nhà trọ chật"),
    )
    assert sent.status_code == 201 and sent.json()["ok"] is True
    response = Response.objects.get()
    assert response.unit == org_tree.cs_a1 and response.collector is None
    assert response.source == "web"
    stored = repr(response.__dict__)
    assert "203.0.113.9" not in stored and "Điện thoại" not in stored
    # Calculations are the engine's: the server stores what was sent, computes nothing.
    assert "luong_nam" not in response.data
    # The same browser is told it has answered.
    assert "đã gửi câu trả lời" in client.get(url).content.decode()


def test_same_instance_sent_twice_is_stored_once(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    xml = _instance(survey, "uuid:mot-lan", co_con="khong", luong="7")
    first = _send(Client(), _gui(survey, org_tree.cs_a1), xml)
    again = _send(Client(), _gui(survey, org_tree.cs_a1), xml)
    assert (first.status_code, again.status_code) == (201, 200)
    assert Response.objects.count() == 1


def test_server_refuses_tampered_types_and_choices_not_skip_logic(org_tree) -> None:
    """Types, static choices and unconditional required are checked on the server;
    relevant and constraint are the engine's (docs/decisions/0004)."""
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    client = Client()
    url = _gui(survey, org_tree.cs_a1)
    not_a_number = _send(client, url, _instance(survey, co_con="co", so_con="bốn"))
    assert not_a_number.status_code == 422
    not_a_choice = _send(client, url, _instance(survey, co_con="co_le"))
    assert not_a_choice.status_code == 422
    missing = _send(client, url, _instance(survey, co_con=""))  # required, under no relevant
    assert missing.status_code == 422
    assert _send(client, url, b"<khong-phai-xml").status_code == 422
    assert client.post(url).status_code == 422  # no file
    # The constraint (1–10) and the relevant are not evaluated here.
    _send(client, url, _instance(survey, co_con="khong", so_con="40"))
    assert Response.objects.get().data["so_con"] == "40"


def test_submission_needs_the_csrf_token(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    client = Client(enforce_csrf_checks=True)
    url = _link(survey, org_tree.cs_a1)
    page = client.get(url)
    xml = _instance(survey, co_con="khong")
    assert _send(client, _gui(survey, org_tree.cs_a1), xml).status_code == 403
    token = re.search(r'data-csrf="([^"]+)"', page.content.decode()).group(1)  # type: ignore[union-attr]
    upload = SimpleUploadedFile("xml_submission_file", xml, content_type="text/xml")
    sent = client.post(
        _gui(survey, org_tree.cs_a1), {"xml_submission_file": upload}, HTTP_X_CSRFTOKEN=token
    )
    assert sent.status_code == 201


def test_link_outside_the_subtree_is_not_found(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    assert Client().get(_link(survey, org_tree.cs_b1)).status_code == 404


def test_closed_survey_takes_no_answers(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    survey.opens_at = timezone.now() - timedelta(days=2)
    survey.closes_at = timezone.now() - timedelta(days=1)
    survey.save()
    with pytest.raises(ValidationFailed):
        services.response_submit(
            survey=survey, unit=org_tree.cs_a1, answers=answers(), source="web"
        )


def test_one_time_codes(org_tree) -> None:
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a)
    codes = services.codes_issue(actor=officer, survey=survey, unit=org_tree.cs_a1, count=3)
    services.survey_update(actor=officer, survey=survey, codes_required=True)
    assert len(set(codes)) == 3 and not AccessCode.objects.filter(code_hash__in=codes).exists()
    with pytest.raises(ValidationFailed):
        services.response_submit(
            survey=survey, unit=org_tree.cs_a1, answers=answers(), source="web", code="SAI"
        )
    services.response_submit(
        survey=survey, unit=org_tree.cs_a1, answers=answers(), source="web", code=codes[0]
    )
    with pytest.raises(ValidationFailed):
        services.response_submit(
            survey=survey, unit=org_tree.cs_a1, answers=answers(), source="web", code=codes[0]
        )


def test_one_time_code_goes_with_the_instance(org_tree) -> None:
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a)
    (code,) = services.codes_issue(actor=officer, survey=survey, unit=org_tree.cs_a1, count=1)
    services.survey_update(actor=officer, survey=survey, codes_required=True)
    page = Client().get(_link(survey, org_tree.cs_a1)).content.decode()
    assert 'id="f-code"' in page
    url = _gui(survey, org_tree.cs_a1)
    wrong = _send(Client(), url, _instance(survey, co_con="khong"), code="SAI")
    assert wrong.status_code == 422 and "Mã tham gia" in wrong.json()["message"]
    assert _send(Client(), url, _instance(survey, co_con="khong"), code=code).status_code == 201


def test_interviewer_enters_answers_for_someone(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    collaborator = org_tree.user("cs_a1", "collaborator")
    client = Client()
    client.force_login(collaborator)
    url = reverse("surveys:interview", args=[survey.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'data-mode="interview"' in page.content.decode()
    sent = _send(
        client,
        reverse("surveys:interview_submit", args=[survey.pk]),
        _instance(survey, co_con="khong", luong="6"),
        unit=str(org_tree.cs_a1.pk),
    )
    assert sent.status_code == 201 and "phiếu tiếp theo" in sent.json()["message"]
    response = Response.objects.get()
    assert response.source == "interview" and response.collector == collaborator
    assert response.unit == org_tree.cs_a1


def test_preview_on_the_survey_page_stores_nothing(org_tree) -> None:
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a)
    client = Client()
    client.force_login(officer)
    page = client.get(reverse("surveys:detail", args=[survey.pk]))
    html = page.content.decode()
    assert "Xem trước như người trả lời" in html and 'data-mode="preview"' in html
    assert 'data-submit-url=""' in html
    assert "'wasm-unsafe-eval'" in page["Content-Security-Policy"]


def test_changed_form_after_responses_is_a_new_version(org_tree) -> None:
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a)
    services.response_submit(survey=survey, unit=org_tree.cs_a1, answers=answers(), source="web")
    changed = {
        **LIVING,
        "survey": [*LIVING["survey"], {"type": "text", "name": "them", "label": "Thêm"}],
    }
    version = services.survey_form_replace(
        actor=officer, survey=survey, content=xlsform.export_workbook(changed)
    )
    assert version.number == 2
    assert Response.objects.get().version.number == 1
    assert 'version="2"' in version.xform


def test_command_line_import_and_export(org_tree, tmp_path: Path) -> None:
    source = tmp_path / "song.xlsx"
    source.write_bytes(living_xlsx())
    out = StringIO()
    call_command("survey", "import", str(source), "--unit", org_tree.upper_a.code, stdout=out)
    survey = Survey.objects.get(pk=int(out.getvalue().strip()))
    target = tmp_path / "back.xlsx"
    call_command("survey", "export", str(survey.pk), "--out", str(target), stdout=StringIO())
    assert xlsform.read_workbook(target.read_bytes()) == LIVING


def test_command_line_refusal_writes_nothing_and_exits_non_zero(org_tree, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(
        xlsform.export_workbook({"survey": [{"type": "photo", "name": "anh", "label": "Ảnh"}]})
    )
    err = StringIO()
    with pytest.raises(SystemExit) as caught:
        call_command("survey", "import", str(bad), "--unit", org_tree.upper_a.code, stderr=err)
    assert caught.value.code != 0
    assert "dòng 2" in err.getvalue() and "cột 'type'" in err.getvalue()
    assert not Survey.objects.exists()


def test_quick_poll_to_collaborators(org_tree) -> None:
    officer = org_tree.user("upper_a")
    collaborator = org_tree.user("cs_a1", "collaborator")
    poll = services.poll_create(
        actor=officer,
        unit=org_tree.upper_a,
        question="Anh chị có ủng hộ quy định mới?",
        options=["Ủng hộ", "Không ủng hộ", "Chưa rõ"],
        closes_at=None,
        notify=False,
    )
    client = Client()
    client.force_login(collaborator)
    url = reverse("surveys:poll_answer", args=[poll.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"tra_loi": "pa1"})
    client.post(url, {"tra_loi": "pa2"})  # a second vote is refused
    assert Response.objects.filter(survey=poll).count() == 1
    assert Response.objects.get(survey=poll).collector is None


def test_poll_window_is_taken_whole_from_the_caller(org_tree) -> None:
    """A poll planned for another day opens when the caller says, not at the wall clock.

    The demo builds a past week: a poll opened and closed before today must be
    accepted as such (once, the wall clock opened it and the past close came first).
    """
    from datetime import timedelta

    from django.utils import timezone

    officer = org_tree.user("upper_a")
    opens = timezone.now() - timedelta(days=40)
    poll = services.poll_create(
        actor=officer,
        unit=org_tree.upper_a,
        question="Anh chị có ủng hộ quy định mới?",
        options=["Ủng hộ", "Không ủng hộ"],
        opens_at=opens,
        closes_at=opens + timedelta(days=2),
        notify=False,
    )
    assert poll.opens_at == opens and not poll.is_open()


def test_poll_opens_now_by_default(org_tree) -> None:
    from django.utils import timezone

    before = timezone.now()
    poll = services.poll_create(
        actor=org_tree.user("upper_a"),
        unit=org_tree.upper_a,
        question="Đồng ý không?",
        options=["Có", "Không"],
        closes_at=None,
        notify=False,
    )
    assert poll.opens_at is not None and before <= poll.opens_at <= timezone.now()
    assert poll.is_open()


def test_map_tiles_come_from_nowhere_unless_a_tile_server_is_set(org_tree, settings) -> None:
    """No third party by default: the respondent's address reaches no tile server."""
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    url = _link(survey, org_tree.cs_a1)
    policy = Client().get(url)["Content-Security-Policy"]
    img_src = next(d for d in policy.split(";") if d.strip().startswith("img-src"))
    assert img_src.split() == ["img-src", "'self'", "data:", "blob:"]
    settings.SURVEY_MAP_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    policy = Client().get(url)["Content-Security-Policy"]
    assert "img-src 'self' data: blob: https://tile.openstreetmap.org;" in policy
    settings.SURVEY_MAP_TILES = "javascript:alert(1)"
    assert "javascript" not in Client().get(url)["Content-Security-Policy"]
