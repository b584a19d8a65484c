"""The anonymous tip page: one report in the unit, a receipt code to come back with,
no cookie, no address stored, spam held back without knowing who anyone is."""

from __future__ import annotations

import contextlib
import io
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from duluan.channels import tip
from duluan.channels.choices import MessageState
from duluan.channels.models import ChannelMessage, TipFollowUp, TipReceipt
from duluan.channels.tip_services import tip_sender_key
from duluan.conftest import OrgTree
from duluan.intake.models import Report
from duluan.org.choices import Role

from .tip_support import (
    PNG,
    VISITOR_IP,
    database_text,
    form_fields,
    no_cookie,
    open_tip_page,
    receipt_code,
    send_tip,
    visitor,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tip"
LOOKUP = "/gop-y/tra-cuu/"


@pytest.fixture
def tip_page(org_tree: OrgTree, settings: Any) -> OrgTree:
    settings.CHANNELS = ["tip"]
    settings.TIP_MIN_FILL_SECONDS = 0  # the time-to-fill check has its own test
    open_tip_page(org_tree.cs_a1)
    return org_tree


def lookup(client: Client, code: str, **extra: str) -> Any:
    page = client.get(LOOKUP)
    assert page.status_code == 200 and no_cookie(page)
    return client.post(LOOKUP, {**form_fields(page.content.decode()), "code": code, **extra})


# ── receipt codes and the signed form ────────────────────────────────────────
def test_receipt_codes_are_random_grouped_and_stored_only_hashed(settings: Any) -> None:
    codes = {tip.receipt_code_new() for _ in range(200)}
    assert len(codes) == 200
    code = codes.pop()
    assert len(code) == 19 and code.count("-") == 3
    digest = tip.receipt_hash(code)
    assert code.replace("-", "") not in digest and len(digest) == 64
    # As people type it back: lower case, spaces, O for 0 and I or L for 1.
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert tip.receipt_matches(digest, typed)
    assert not tip.receipt_matches(digest, tip.receipt_code_new())
    assert tip.receipt_code_clean("ABCD-EFGH") is None
    settings.SECRET_KEY = "another-site-" * 4
    assert tip.receipt_hash(code) != digest  # keyed: a copy of the table alone reads nothing


def test_form_token_refuses_forged_fast_old_foreign_and_filled_trap(settings: Any) -> None:
    settings.TIP_MIN_FILL_SECONDS = 3
    settings.TIP_FORM_MAX_AGE = 3600
    now = time.time()
    served = tip.form_token_new(scope="tip:1", now=now - 10)
    checked = tip.form_token_check(served.value, scope="tip:1", posted={served.trap: ""})
    assert checked.nonce and checked.age >= 10

    def reason(value: str, scope: str = "tip:1", posted: dict[str, str] | None = None) -> str:
        with pytest.raises(tip.TokenRefused) as refused:
            tip.form_token_check(value, scope=scope, posted=posted or {})
        return refused.value.reason

    assert reason(tip.form_token_new(scope="tip:1").value) == "too_fast"
    assert reason(tip.form_token_new(scope="tip:1", now=now - 7200).value) == "expired"
    assert reason(served.value, scope="tip:2") == "scope"
    assert reason(served.value, posted={served.trap: "http://spam.example"}) == "honeypot"
    assert reason(served.value[:-2] + "xx") == "forged"
    assert reason("") == "forged"


# ── the page ─────────────────────────────────────────────────────────────────
@pytest.mark.django_db(transaction=True)
def test_tip_files_one_report_in_the_unit_with_no_cookie_and_no_address(
    tip_page: OrgTree,
) -> None:
    client = visitor()
    answer = send_tip(
        client,
        text="Quản đốc xưởng 2 bắt ký cam kết không tham gia công đoàn.",
        place="Xưởng may 2",
        files=[SimpleUploadedFile("anh.png", PNG)],
    )
    assert answer.status_code == 200, answer.content.decode()[:500]
    assert no_cookie(answer)
    assert answer.headers["Cache-Control"] == "no-store"
    code = receipt_code(answer)
    report = Report.objects.get()
    assert report.unit_id == tip_page.cs_a1.pk
    assert report.channel == "trang_gop_y" and report.source == "kenh"
    assert report.submitter_key == "" and not hasattr(report, "identity")
    assert "Xưởng may 2" in report.text and report.attachments.count() == 1
    message = ChannelMessage.objects.get()
    assert message.kind == "tip" and message.state == MessageState.FILED
    assert message.report_id == report.pk
    assert message.sender_key == tip_sender_key(code)
    receipt = TipReceipt.objects.get()
    assert receipt.message_id == message.pk and receipt.unit_id == tip_page.cs_a1.pk
    dump = database_text()
    assert VISITOR_IP not in dump and "127.0.0.1" not in dump
    assert code not in dump and code.replace("-", "") not in dump


def test_tip_page_is_off_unless_the_channel_is_on(org_tree: OrgTree, settings: Any) -> None:
    open_tip_page(org_tree.cs_a1)
    settings.CHANNELS = []
    assert Client().get("/gop-y/t01-a-1/").status_code == 404
    assert Client().get(LOOKUP).status_code == 404
    settings.CHANNELS = ["tip"]
    assert Client().get("/gop-y/t01-a-1/").status_code == 200
    assert Client().get("/gop-y/khong-co/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_signed_in_visitor_gets_no_cookie_and_files_as_nobody(
    tip_page: OrgTree,
) -> None:
    client = visitor()
    client.force_login(tip_page.user("cs_a1", Role.COLLABORATOR))
    answer = send_tip(client)
    assert answer.status_code == 200 and no_cookie(answer)
    assert Report.objects.get().submitter_key == ""


@pytest.mark.django_db(transaction=True)
def test_receipt_shows_the_state_and_follow_up_is_added_to_the_same_report(
    tip_page: OrgTree,
) -> None:
    client = visitor()
    code = receipt_code(send_tip(client))
    shown = lookup(client, code.lower().replace("-", " "))
    assert shown.status_code == 200 and no_cookie(shown)
    page = shown.content.decode()
    assert tip_page.cs_a1.name in page
    assert "Cán bộ công đoàn đã nhận, đang phân loại" in page
    assert "Chưa có trả lời" in page
    fields = form_fields(page)
    more = client.post(
        LOOKUP,
        {**fields, "code": code, "action": "follow_up", "text": "Bổ sung: chuyện xảy ra từ 01/12."},
    )
    assert more.status_code == 303 and no_cookie(more)
    assert "Đã gửi thông tin bổ sung." in client.get(more["Location"]).content.decode()
    follow_up = TipFollowUp.objects.get()
    report = Report.objects.get()
    assert follow_up.receipt.message.report_id == report.pk
    assert Report.objects.count() == 1
    officer = Client()
    officer.force_login(tip_page.user("cs_a1"))
    detail = officer.get(reverse("intake:report_detail", args=[report.pk]))
    assert "Bổ sung: chuyện xảy ra từ 01/12." in detail.content.decode()


@pytest.mark.django_db(transaction=True)
def test_wrong_code_is_refused_and_wrong_codes_are_throttled(
    tip_page: OrgTree, settings: Any
) -> None:
    settings.TIP_LOOKUP_FAILURES = 3
    client = visitor()
    code = receipt_code(send_tip(client))
    for _ in range(3):
        wrong = lookup(client, tip.receipt_code_new())
        assert wrong.status_code == 404 and no_cookie(wrong)
        assert "Không tìm thấy góp ý với mã này" in wrong.content.decode()
    assert lookup(client, "không phải mã").status_code == 429
    # Wrong codes pause every look-up, the right one too, until the window ends.
    assert lookup(client, code).status_code == 429


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_files_once(tip_page: OrgTree) -> None:
    client = visitor()
    url = "/gop-y/t01-a-1/"
    fields = form_fields(client.get(url).content.decode())
    data = {**fields, "text": "Nhà ăn giảm suất ăn ca."}
    assert client.post(url, data).status_code == 200
    again = client.post(url, data)
    assert again.status_code == 400 and no_cookie(again)
    assert Report.objects.count() == 1 and TipReceipt.objects.count() == 1


def test_robots_are_refused_without_filing(tip_page: OrgTree, settings: Any) -> None:
    client = visitor()
    url = "/gop-y/t01-a-1/"
    fields = form_fields(client.get(url).content.decode())
    trap = next(name for name in fields if name.startswith("w_"))
    filled = client.post(url, {**fields, trap: "mua thuốc giá rẻ", "text": "spam"})
    assert filled.status_code == 400 and no_cookie(filled)
    settings.TIP_MIN_FILL_SECONDS = 60
    fresh = form_fields(client.get(url).content.decode())
    fast = client.post(url, {**fresh, "text": "Gửi ngay khi mở trang."})
    assert fast.status_code == 400
    assert "quá nhanh" in fast.content.decode()
    assert "Gửi ngay khi mở trang." in fast.content.decode()  # nothing typed is lost
    no_token = client.post(url, {"text": "Không có mã biểu mẫu."})
    assert no_token.status_code == 400
    assert not ChannelMessage.objects.exists() and not Report.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_each_unit_and_the_site_take_a_limited_number_of_tips_per_hour(
    tip_page: OrgTree, settings: Any
) -> None:
    settings.TIP_RATE_UNIT = 2
    open_tip_page(tip_page.cs_b1, code="t01-b-1")
    client = visitor()
    assert send_tip(client).status_code == 200
    assert send_tip(client).status_code == 200
    busy = send_tip(client, text="Lần thứ ba trong giờ.")
    assert busy.status_code == 429 and no_cookie(busy)
    assert "Lần thứ ba trong giờ." in busy.content.decode()
    assert send_tip(client, key="t01-b-1").status_code == 200  # another unit's page
    settings.TIP_RATE_GLOBAL = 3
    assert send_tip(client, key="t01-b-1").status_code == 429  # the site's limit
    assert Report.objects.count() == 3


def test_invalid_tip_keeps_what_was_typed(tip_page: OrgTree, settings: Any) -> None:
    client = visitor()
    empty = send_tip(client, text=" ", place="Xưởng 3")
    assert empty.status_code == 400
    page = empty.content.decode()
    assert "Hãy viết điều bạn muốn góp ý." in page and 'value="Xưởng 3"' in page
    bad = send_tip(client, files=[SimpleUploadedFile("anh.png", b"MZ not an image")])
    assert bad.status_code == 400
    assert "không phải" in bad.content.decode()
    settings.UPLOAD_MAX_BYTES = 20
    big = send_tip(client, files=[SimpleUploadedFile("to.png", PNG)])
    assert big.status_code == 400 and "«to.png» vượt quá" in big.content.decode()
    many = send_tip(client, files=[SimpleUploadedFile(f"{n}.png", b"x") for n in range(4)])
    assert many.status_code == 400 and "tối đa 3 tệp" in many.content.decode()
    assert not ChannelMessage.objects.exists()


# ── the recorded fixtures ────────────────────────────────────────────────────
def simulate(path: Path) -> str:
    out = io.StringIO()
    with contextlib.suppress(SystemExit):
        call_command("channel", "simulate", "tip", str(path), stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.json")))
def test_tip_fixture_files_one_report_and_replay_none(
    org_tree: OrgTree, settings: Any, name: str
) -> None:
    settings.CHANNELS = []  # off, as on the embedded default: simulate switches it on
    open_tip_page(org_tree.cs_a1)
    assert "nhận 1" in simulate(FIXTURES / name)
    report = Report.objects.get()
    assert report.unit_id == org_tree.cs_a1.pk and report.channel == "trang_gop_y"
    assert ChannelMessage.objects.get().state == MessageState.FILED
    assert "nhận 0, trùng 1" in simulate(FIXTURES / name)
    assert Report.objects.count() == 1


def test_tip_webhook_refuses_every_post(org_tree: OrgTree, settings: Any) -> None:
    settings.CHANNELS = ["tip"]
    body = (FIXTURES / "tip_text.json").read_bytes()
    answer = Client().post("/kenh/webhook/tip/", body, content_type="application/json")
    assert answer.status_code == 403
    assert not ChannelMessage.objects.exists()
