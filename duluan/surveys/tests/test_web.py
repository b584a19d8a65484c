"""The respondent's link, interviewer mode, versions, codes, the command line."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
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


def _post(client: Client, url: str, data: dict) -> object:
    page = client.get(url)
    instance = page.context["instance_id"]
    payload = {"instance_id": instance}
    for key, value in data.items():
        payload[f"q_{key}"] = value
    return client.post(url, payload)


def test_member_answers_anonymously_once_per_browser(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    client = Client(REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Điện thoại thử")
    url = _link(survey, org_tree.cs_a1)
    page = client.get(url)
    assert page.status_code == 200
    assert "Anh/chị có con nhỏ không?" in page.content.decode()
    sent = _post(client, url, answers(co_con="co", so_con="2", y_kien="Nhà trọ chật"))
    assert sent.status_code == 200 and "Cảm ơn" in sent.content.decode()  # type: ignore[attr-defined]
    response = Response.objects.get()
    assert response.unit == org_tree.cs_a1 and response.collector is None
    stored = repr(response.__dict__)
    assert "203.0.113.9" not in stored and "Điện thoại" not in stored
    # Calculations are the engine's: the server stores what was sent, computes nothing.
    assert "luong_nam" not in response.data
    # The same browser is told it has answered.
    assert "đã gửi câu trả lời" in client.get(url).content.decode()


def test_server_refuses_tampered_types_and_choices_not_skip_logic(org_tree) -> None:
    """Types, static choices and unconditional required are checked on the server;
    relevant and constraint are the engine's (docs/decisions/0004)."""
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    client = Client()
    url = _link(survey, org_tree.cs_a1)
    not_a_number = _post(client, url, answers(co_con="co", so_con="bốn"))
    assert not_a_number.status_code == 422  # type: ignore[attr-defined]
    not_a_choice = _post(client, url, answers(co_con="co_le"))
    assert not_a_choice.status_code == 422  # type: ignore[attr-defined]
    missing = _post(client, url, answers(co_con=""))  # required, under no relevant
    assert missing.status_code == 422  # type: ignore[attr-defined]
    # The constraint (1–10) and the relevant are not evaluated here.
    _post(client, url, answers(co_con="khong", so_con="40"))
    assert Response.objects.get().data["so_con"] == "40"


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


def test_interviewer_enters_answers_for_someone(org_tree) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a)
    collaborator = org_tree.user("cs_a1", "collaborator")
    client = Client()
    client.force_login(collaborator)
    url = reverse("surveys:interview", args=[survey.pk])
    page = client.get(url)
    assert page.status_code == 200
    payload = {"instance_id": page.context["instance_id"], "unit": org_tree.cs_a1.pk}
    payload.update({f"q_{k}": v for k, v in answers().items()})
    assert client.post(url, payload).status_code == 200
    response = Response.objects.get()
    assert response.source == "interview" and response.collector == collaborator


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
