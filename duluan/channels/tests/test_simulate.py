"""``duluan channel simulate KIND FILE``: one report per message in the right unit,
a replay adds none, a forged signature is refused."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from duluan.channels.choices import MessageState
from duluan.channels.models import ChannelMessage
from duluan.conftest import OrgTree
from duluan.intake.models import Report

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CASES = [
    (kind, path.name)
    for kind, pattern in (
        ("zalo", "*.json"),
        ("email", "*.eml"),
        ("sms", "*.json"),
        ("sms", "*.txt"),
    )
    for path in sorted((FIXTURES / kind).glob(pattern))
]


def simulate(kind: str, name: str, *extra: str) -> str:
    out = io.StringIO()
    with contextlib.suppress(SystemExit):
        call_command("channel", "simulate", kind, str(FIXTURES / kind / name), *extra, stdout=out)
    return out.getvalue()


def expected_unit(tree: OrgTree, kind: str, name: str) -> int:
    """The unit each recorded payload must land in (see conftest ``endpoints``)."""
    special = {
        # "#T01-A-2 …": a follower naming a union under the OA's unit.
        ("zalo", "user_send_link.json"): tree.cs_a2,
        # gopy+T01-A-1@: plus-addressing on the province's shared mailbox.
        ("email", "plus_address_attachment.eml"): tree.cs_a1,
        ("email", "auto_submitted.eml"): tree.upper_b,  # its own mailbox
        ("sms", "received_keyword.json"): tree.cs_b1,  # keyword LELOI
        # eSMS's short code 8077 (a query string, as eSMS calls with HTTP GET).
        ("sms", "esms_mo_plain.txt"): tree.upper_b,
        ("sms", "esms_mo_keyword.txt"): tree.cs_b1,  # "GOPY LELOI …"
    }
    default = {"zalo": tree.upper_a, "email": tree.province, "sms": tree.province}[kind]
    return special.get((kind, name), default).pk


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("kind", "name"), CASES)
def test_fixture_files_one_report_in_its_unit_and_a_replay_none(
    endpoints: OrgTree, kind: str, name: str
) -> None:
    assert "HTTP 200: nhận 1," in simulate(kind, name)
    message = ChannelMessage.objects.get()
    assert message.state == MessageState.FILED
    report = Report.objects.get()
    assert report.channel == {"zalo": "zalo", "email": "email", "sms": "sms"}[kind]
    assert report.source == "kenh"
    assert report.submitter_key == ""
    assert report.is_anonymous
    assert message.report_id == report.pk
    assert report.unit_id == expected_unit(endpoints, kind, name)
    assert "HTTP 200: nhận 0, trùng 1" in simulate(kind, name)
    assert Report.objects.count() == 1
    assert ChannelMessage.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("kind", "name"),
    [("zalo", "user_send_text.json"), ("sms", "received_plain.json"), ("sms", "esms_mo_plain.txt")],
)
def test_forged_signature_is_refused_and_stores_nothing(
    endpoints: OrgTree, kind: str, name: str
) -> None:
    assert "HTTP 403" in simulate(kind, name, "--forge")
    assert not ChannelMessage.objects.exists()
    assert not Report.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_mail_attachment_passes_upload_guards_and_refused_file_is_noted(
    endpoints: OrgTree,
) -> None:
    simulate("email", "plus_address_attachment.eml")
    report = Report.objects.get()
    assert [a.original_name for a in report.attachments.all()] == ["thong-bao.png"]
    assert "Tệp bị loại" in report.text


@pytest.mark.django_db(transaction=True)
def test_officer_inbox_shows_the_message_waiting_with_its_channel(endpoints: OrgTree) -> None:
    from django.test import Client

    simulate("sms", "received_keyword.json")  # lands in cs_b1
    report = Report.objects.get()
    officer = Client()
    officer.force_login(endpoints.user("cs_b1"))
    page = officer.get("/kenh/").content.decode()
    assert f'href="/phan-anh/{report.pk}/"' in page
    assert "Tin nhắn SMS" in page and "Chờ phân loại" in page
    other = Client()
    other.force_login(endpoints.user("cs_a1"))
    assert f'href="/phan-anh/{report.pk}/"' not in other.get("/kenh/").content.decode()
    message = ChannelMessage.objects.get()
    assert officer.post(f"/kenh/{message.pk}/da-phan-loai/").status_code == 302
    message.refresh_from_db()
    assert message.state == MessageState.CLASSIFIED
    assert f'href="/phan-anh/{report.pk}/"' not in officer.get("/kenh/").content.decode()


@pytest.mark.django_db
def test_the_inbox_leads_an_officer_to_the_units_tip_pages(endpoints: OrgTree) -> None:
    """The tip pages (list, QR code, poster) are reached from the inbox, by those who
    may open them; an analyst, who reads the inbox but handles no matter, sees no link."""
    from django.test import Client

    officer = Client()
    officer.force_login(endpoints.user("cs_b1"))
    page = officer.get("/kenh/").content.decode()
    assert 'href="/kenh/gop-y/"' in page and "Trang góp ý ẩn danh, mã QR, áp phích" in page
    assert officer.get("/kenh/gop-y/").status_code == 200
    analyst = Client()
    analyst.force_login(endpoints.user("province", "analyst"))
    inbox = analyst.get("/kenh/")
    assert inbox.status_code == 200 and 'href="/kenh/gop-y/"' not in inbox.content.decode()
    assert analyst.get("/kenh/gop-y/").status_code == 404


@pytest.mark.django_db
def test_new_channel_codes_are_in_the_api_schema_and_the_report_form(org_tree: OrgTree) -> None:
    from django.test import Client

    schema = Client().get("/api/openapi.json").content.decode()
    for code in ("zalo", "sms", "trang_gop_y"):
        assert f'"{code}"' in schema
    collaborator = Client()
    collaborator.force_login(org_tree.user("cs_a1", "collaborator"))
    form = collaborator.get("/phan-anh/gui/").content.decode()
    assert 'value="zalo"' in form and "Zalo OA" in form


@pytest.mark.django_db(transaction=True)
def test_simulate_with_unit_sets_up_the_endpoint_for_a_demo(org_tree: OrgTree) -> None:
    out = simulate("zalo", "user_send_text.json", "--unit", org_tree.cs_b1.code)
    assert "Đã tạo điểm tiếp nhận 3886132808788086451" in out
    assert Report.objects.get().unit_id == org_tree.cs_b1.pk


@pytest.mark.django_db
def test_poll_mail_command_is_a_no_op_while_email_is_off(org_tree: OrgTree) -> None:
    out = io.StringIO()
    call_command("channel", "poll-mail", stdout=out)
    assert "đọc 0" in out.getvalue()
