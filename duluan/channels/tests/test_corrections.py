"""A rumour corrected: everyone who reported it through a channel hears back, once
per sender; the channels are counted on the dashboard, in the periodic report and
in a collaborator's evaluation."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.core import mail as mailbox
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duluan.cases.choices import State
from duluan.cases.models import Matter
from duluan.cases.services import (
    matter_attach_report,
    matter_create_from_report,
)
from duluan.cases.tests.helpers import verify_as_rumour
from duluan.channels import corrections
from duluan.channels import sms as sms_module
from duluan.channels import zalo as zalo_module
from duluan.channels.dashboard_panels import channels_panel
from duluan.channels.models import (
    ChannelMessage,
    Correction,
    CorrectionDelivery,
    ZaloSend,
    ZaloTemplate,
)
from duluan.channels.models_tip import DeliveryState
from duluan.channels.report_sections import channels_section
from duluan.channels.simulate import channel_simulate
from duluan.channels.zalo_client import token_store
from duluan.conftest import OrgTree
from duluan.core.extensions import Span
from duluan.intake.models import Report
from duluan.org.choices import Role

from .conftest import OA_ID, SMS_DEVICE
from .tip_support import form_fields, open_tip_page, receipt_code, send_tip, visitor

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ZALO = FIXTURES / "zalo"
CORRECTION = "Công ty không giải thể; lương tháng 12 trả đúng ngày 10/01 như mọi năm."


class FakeZaloApi:
    """Zalo's OA message endpoints (httpx.MockTransport): what left for Zalo's servers."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.refuse = False

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.refuse:
            raise httpx.ConnectError("Zalo không trả lời", request=request)
        body = json.loads(request.content)
        self.requests.append({"path": request.url.path, "body": body})
        return httpx.Response(200, json={"error": 0, "data": {"message_id": "z1"}})

    def sent(self) -> list[tuple[str, str]]:
        """(the Zalo user id, the text) of each message, a reply or a template."""
        out = []
        for r in self.requests:
            message = r["body"]["message"]
            if "text" in message:
                text = message["text"]
            else:
                text = message["attachment"]["payload"]["template_data"]["noi_dung"]
            out.append((r["body"]["recipient"]["user_id"], text))
        return out


@pytest.fixture
def zalo_api(settings: Any, monkeypatch: pytest.MonkeyPatch) -> FakeZaloApi:
    """The OA connected (its tokens stored, fresh) and its API answered by a fake."""
    settings.ZALO_APP_ID = "3608465249409039670"
    token_store(oa_id=OA_ID, access_token="access", refresh_token="refresh", expires_in=90000)
    fake = FakeZaloApi()
    monkeypatch.setattr(zalo_module, "CLIENT_TRANSPORT", httpx.MockTransport(fake))
    return fake


@pytest.fixture
def zalo_sent(zalo_api: FakeZaloApi) -> Any:
    """Corrections and replies the fake Zalo received, as (user id, text)."""

    class Sent:
        def __len__(self) -> int:
            return len(zalo_api.sent())

        def __iter__(self) -> Any:
            return iter(zalo_api.sent())

        def __bool__(self) -> bool:
            return bool(zalo_api.sent())

    return Sent()


@pytest.fixture
def sms_gateway(settings: Any, monkeypatch: pytest.MonkeyPatch) -> list[httpx.Request]:
    """The SMS gateway's send API (httpx.MockTransport): the requests it got."""
    settings.SMS_GATEWAY_URL = "https://api.sms-gate.app/3rdparty/v1"
    settings.SMS_GATEWAY_USER = "duluan"
    settings.SMS_GATEWAY_PASSWORD = "mat-khau"
    got: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        got.append(request)
        return httpx.Response(202, json={"id": f"sms-{len(got)}", "state": "Pending"})

    monkeypatch.setattr(sms_module, "SEND_TRANSPORT", httpx.MockTransport(answer))
    return got


def zalo(name: str, *, now: bool = False, **changes: str) -> None:
    body = json.loads((ZALO / name).read_text(encoding="utf-8"))
    if "msg_id" in changes:
        body["message"]["msg_id"] = changes["msg_id"]
    if now:  # written just now: within the OA's reply window
        body["timestamp"] = str(int(timezone.now().timestamp() * 1000))
    raw = json.dumps(body, ensure_ascii=False).encode()
    assert channel_simulate(kind="zalo", raw=raw).body["received"] == 1


def rumour_matter(
    tree: OrgTree, *, sms: bool = False, recent: bool = False
) -> tuple[Matter, list[str]]:
    """Reports of one rumour: three Zalo messages from two followers (one of them
    twice, ``recent``: just now), an e-mail, an SMS if ``sms``, and two tips from
    two tipsters; grouped under one matter at upper_a, verified as a rumour. The
    tipsters' receipt codes come back."""
    zalo("user_send_text.json", now=recent)
    zalo(
        "user_send_text.json", now=recent, msg_id="a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5"
    )  # the same follower again
    zalo("anonymous_send_text.json", now=recent)
    mail = (FIXTURES / "email" / "plain.eml").read_bytes()
    assert channel_simulate(kind="email", raw=mail).body["received"] == 1
    if sms:
        text = (FIXTURES / "sms" / "received_plain.json").read_bytes()
        assert channel_simulate(kind="sms", raw=text).body["received"] == 1
    codes = [
        receipt_code(send_tip(visitor(), text="Nghe nói công ty sắp giải thể, không trả lương.")),
        receipt_code(send_tip(visitor(), text="Công nhân đồn công ty nợ lương rồi giải thể.")),
    ]
    messages = ChannelMessage.objects.select_related("report").order_by("pk")
    reports = [m.report for m in messages if m.report is not None]
    assert len(reports) == 6 + sms
    officer = tree.user("province")  # the e-mail came to the province's mailbox
    matter = matter_create_from_report(actor=officer, report=reports[0])
    for report in reports[1:]:
        matter_attach_report(actor=officer, matter=matter, report=report)
    verify_as_rumour(
        officer,
        matter,
        rumour_claim="Công ty sắp giải thể, không trả lương tháng 12",
        verified_facts="Công ty vẫn hoạt động; lương tháng 12 trả ngày 10/01.",
    )
    return matter, codes


@pytest.fixture
def channels_on(endpoints: OrgTree, settings: Any) -> OrgTree:
    settings.CHANNELS = ["tip", "zalo"]
    settings.TIP_MIN_FILL_SECONDS = 0
    settings.CHANNELS_REPLIES = False  # the "Đã nhận" receipts are the core's tests
    open_tip_page(endpoints.cs_a1)
    return endpoints


@pytest.mark.django_db(transaction=True)
def test_rumour_correction_reaches_each_sender_once(
    channels_on: OrgTree,
    zalo_api: FakeZaloApi,
    sms_gateway: list[httpx.Request],
    settings: Any,
) -> None:
    tree = channels_on
    settings.CHANNELS_REPLIES = True  # receipts first: they must not block the correction
    matter, codes = rumour_matter(tree, sms=True, recent=True)
    receipts = len(zalo_api.requests)
    assert receipts == 2  # the named follower's two messages; the anonymous one: none
    assert len(mailbox.outbox) == 1  # the e-mail's receipt
    officer = Client()
    officer.force_login(tree.user("upper_a"))
    url = reverse("channels:correction", args=[matter.pk])

    # The matter's page offers it; the preview drafts the text from the verification.
    page = officer.get(reverse("cases:matter_detail", args=[matter.pk])).content.decode()
    assert "Xem trước và gửi đính chính" in page and f'href="{url}"' in page
    preview = officer.get(url)
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "6 người" in text  # the follower who wrote twice counts once
    assert "Công ty vẫn hoạt động; lương tháng 12 trả ngày 10/01." in text

    assert officer.post(url, {"text": CORRECTION}).status_code == 302
    deliveries = CorrectionDelivery.objects.filter(matter=matter)
    assert sorted(deliveries.values_list("kind", "state")) == [
        ("email", DeliveryState.SENT),
        ("sms", DeliveryState.SENT),
        ("tip", DeliveryState.SENT),
        ("tip", DeliveryState.SENT),
        ("zalo", DeliveryState.SENT),
        ("zalo", DeliveryState.REFUSED),  # the anonymous follower: Zalo gives no API
    ]
    refused = deliveries.get(kind="zalo", state=DeliveryState.REFUSED)
    assert refused.note.startswith("Người gửi ẩn danh trên Zalo")

    # E-mail: in the sender's thread, not marked automatic, despite today's receipt.
    assert [m.to for m in mailbox.outbox] == [["nguyen.van.an@gmail.com"]] * 2
    answer = mailbox.outbox[1]
    assert answer.body == CORRECTION
    original = ChannelMessage.objects.get(kind="email").message_id
    assert answer.extra_headers["In-Reply-To"] == f"<{original}>"
    assert answer.extra_headers["References"] == f"<{original}>"
    assert "Auto-Submitted" not in answer.extra_headers
    # Zalo: a reply in the 48-hour window, quoting the message, after its receipt.
    [correction_request] = zalo_api.requests[receipts:]
    assert correction_request["path"] == "/v3.0/oa/message/cs"
    assert correction_request["body"]["recipient"] == {"user_id": "2468458835291979224"}
    assert correction_request["body"]["message"]["text"] == CORRECTION
    assert ZaloSend.objects.filter(key__startswith="reply:correction:").count() == 1
    # SMS: the gateway's send API, Basic auth, from the device the SMS came to.
    [sms_request] = sms_gateway
    assert str(sms_request.url) == "https://api.sms-gate.app/3rdparty/v1/messages"
    assert sms_request.headers["authorization"].startswith("Basic ")
    assert json.loads(sms_request.content) == {
        "textMessage": {"text": CORRECTION},
        "phoneNumbers": ["+84912345678"],
        "deviceId": SMS_DEVICE,
    }

    # The e-mail sender asks what is held on them: the correction; erased, it is gone.
    from duluan.channels.privacy_tip import CorrectionsProvider
    from duluan.privacy.registry import ErasureKeys
    from duluan.privacy.subject import SubjectRef

    subject = SubjectRef(contacts=("Nguyen.Van.An@gmail.com",))
    exported = CorrectionsProvider().export(subject)["corrections_received"]
    assert [(e["channel"], e["text"]) for e in exported] == [("Email", CORRECTION)]

    # A second trigger, and the job run again, send nothing more: the anonymous
    # follower, whom Zalo's API can never reach, is not offered again either.
    assert corrections.correction_preview(matter).by_kind == {}
    assert officer.post(url, {"text": "Lần hai"}).status_code == 302
    [first] = Correction.objects.order_by("pk")
    assert corrections.correction_deliver(correction_id=first.pk) == {"sent": 0, "failed": 0}
    assert CorrectionDelivery.objects.count() == 6
    assert len(zalo_api.requests) == receipts + 1
    assert len(mailbox.outbox) == 2 and len(sms_gateway) == 1

    assert CorrectionsProvider().erase(subject, ErasureKeys()) == 1
    assert CorrectionDelivery.objects.count() == 5

    # Recorded on the matter, and each tipster reads it with their code.
    page = officer.get(reverse("cases:matter_detail", args=[matter.pk])).content.decode()
    told = re.search(r"Đã gửi đính chính tới [^<]*", page)
    assert told and told.group(0) == (
        "Đã gửi đính chính tới 4 người qua Zalo OA, Tin nhắn SMS, Trang góp ý ẩn danh."
    )
    for code in codes:
        client = visitor()
        form = form_fields(client.get("/gop-y/tra-cuu/").content.decode())
        shown = client.post("/gop-y/tra-cuu/", {**form, "code": code}).content.decode()
        assert CORRECTION in shown
        assert "Đang xác minh thông tin" in shown
        assert "Công ty vẫn hoạt động" not in shown  # the verification itself stays inside


@pytest.mark.django_db(transaction=True)
def test_no_correction_before_a_rumour_or_a_direction(
    channels_on: OrgTree, zalo_sent: list[tuple[str, str]]
) -> None:
    zalo("user_send_text.json")
    officer_user = channels_on.user("upper_a")
    matter = matter_create_from_report(actor=officer_user, report=Report.objects.get())
    officer = Client()
    officer.force_login(officer_user)
    url = reverse("channels:correction", args=[matter.pk])
    page = officer.get(reverse("cases:matter_detail", args=[matter.pk])).content.decode()
    assert "Gửi được đính chính khi vấn đề được xác minh là tin đồn" in page
    assert officer.post(url, {"text": CORRECTION}).status_code == 400
    assert not CorrectionDelivery.objects.exists() and not zalo_sent
    # Outside the matter's units: not found; a collaborator may not send.
    other = Client()
    other.force_login(channels_on.user("upper_b"))
    assert other.get(url).status_code == 404
    collaborator = Client()
    collaborator.force_login(channels_on.user("upper_a", Role.COLLABORATOR))
    assert collaborator.get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_channel_refusal_is_recorded_not_resent(
    channels_on: OrgTree, zalo_api: FakeZaloApi
) -> None:
    matter, _codes = rumour_matter(channels_on, recent=True)
    zalo_api.refuse = True  # Zalo's servers do not answer
    correction = corrections.correction_send(
        actor=channels_on.user("upper_a"), matter_id=matter.pk, text=CORRECTION
    )
    assert correction is not None
    notes = sorted(CorrectionDelivery.objects.filter(kind="zalo").values_list("state", "note"))
    assert notes == [
        (DeliveryState.FAILED, "Lỗi của kênh: ConnectError"),
        (DeliveryState.REFUSED, "Người gửi ẩn danh trên Zalo: OA chỉ trả lời được từ màn hình chat của OA."),
    ]  # fmt: skip
    assert CorrectionDelivery.objects.filter(kind="tip", state=DeliveryState.SENT).count() == 2
    assert corrections.correction_summary(matter).failed == 2
    assert not ZaloSend.objects.filter(key__startswith="reply:correction:").exists()
    # Zalo answers again: a new trigger offers the one it failed, and only them (the
    # anonymous follower can never be reached).
    zalo_api.refuse = False
    assert corrections.correction_preview(matter).by_kind == {"zalo": 1}
    again = corrections.correction_send(
        actor=channels_on.user("upper_a"), matter_id=matter.pk, text=CORRECTION
    )
    assert again is not None
    assert zalo_api.sent() == [("2468458835291979224", CORRECTION)]
    assert CorrectionDelivery.objects.count() == 5
    assert corrections.correction_summary(matter).sent == 4


@pytest.mark.django_db(transaction=True)
def test_past_the_reply_window_zalo_sends_the_approved_template_within_quota(
    channels_on: OrgTree, zalo_api: FakeZaloApi, settings: Any
) -> None:
    matter, _codes = rumour_matter(channels_on)  # the Zalo messages are days old
    actor = channels_on.user("upper_a")
    # No approved correction template: recorded as not sent, with the reason.
    corrections.correction_send(actor=actor, matter_id=matter.pk, text=CORRECTION)
    named = CorrectionDelivery.objects.get(kind="zalo", state=DeliveryState.FAILED, note__startswith="Quá 48 giờ")  # fmt: skip
    assert not zalo_api.requests
    # The follower's daily quota already spent: refused with the quota's reason.
    settings.ZALO_CORRECTION_TEMPLATE = "dinh-chinh-1"
    ZaloTemplate.objects.create(
        oa_id=OA_ID, template_id="dinh-chinh-1", name="Đính chính", approved=True
    )
    settings.ZALO_FOLLOWER_DAILY = 0
    corrections.correction_send(actor=actor, matter_id=matter.pk, text=CORRECTION)
    named.refresh_from_db()
    assert named.state == DeliveryState.FAILED and "hạn mức" in named.note
    # Within quota: the template goes, once, under the delivery's key.
    settings.ZALO_FOLLOWER_DAILY = 1
    corrections.correction_send(actor=actor, matter_id=matter.pk, text=CORRECTION)
    named.refresh_from_db()
    assert named.state == DeliveryState.SENT
    [request] = zalo_api.requests
    assert request["path"] == settings.ZALO_TEMPLATE_PATH
    payload = request["body"]["message"]["attachment"]["payload"]
    assert payload == {"template_id": "dinh-chinh-1", "template_data": {"noi_dung": CORRECTION}}
    assert ZaloSend.objects.get(kind=ZaloSend.Kind.TEMPLATE).key.startswith("template:correction:")
    # The job run again for that correction sends nothing more.
    correction = named.correction
    assert corrections.correction_deliver(correction_id=correction.pk) == {"sent": 0, "failed": 0}
    assert len(zalo_api.requests) == 1


# ── counted everywhere ───────────────────────────────────────────────────────
@pytest.mark.django_db(transaction=True)
def test_dashboard_panel_and_report_section_count_the_channels(
    channels_on: OrgTree, zalo_sent: list[tuple[str, str]], settings: Any
) -> None:
    tree = channels_on
    matter, _codes = rumour_matter(tree, recent=True)
    corrections.correction_send(actor=tree.user("upper_a"), matter_id=matter.pk, text=CORRECTION)
    now = timezone.now()
    first = Report.objects.order_by("heard_at").first()
    assert first is not None  # the recorded Zalo messages carry their own (past) times
    span = Span(first.heard_at - timedelta(days=1), now + timedelta(days=1))
    section = channels_section(tree.province, span)
    assert section is not None
    assert section.figure("channels.reports") == 6
    assert section.figure("channels.zalo") == 3 and section.figure("channels.tip") == 2
    assert section.figure("channels.email") == 1 and section.figure("channels.sms") == 0
    assert section.figure("channels.corrections") == 4  # not the anonymous Zalo follower
    assert "3 phản ánh nắm bắt qua mạng xã hội" in section.paragraphs[0]
    assert channels_section(tree.upper_b, span) is None  # nothing came in there

    leader = tree.user("province", Role.LEADER)
    panel = channels_panel(leader, tree.province, span)
    assert panel is not None and panel.figure("channels.reports") == 6
    assert panel.figure("channels.zalo") is None  # 3 < DULUAN_MIN_CELL: hidden
    settings.MIN_CELL = 2
    assert channels_panel(leader, tree.province, span).figure("channels.zalo") == 3  # type: ignore[union-attr]
    assert channels_panel(tree.user("upper_b", Role.LEADER), tree.province, span) is None

    client = Client()
    client.force_login(leader)
    this_month = timezone.localdate().strftime("%Y-%m")  # the tips came in this month
    query = {"unit": tree.province.pk, "period": this_month}
    panels = client.get(reverse("dashboard:panels"), query).content.decode()
    assert "Tiếp nhận qua Zalo, email, SMS, trang góp ý" in panels

    from duluan.reporting.documents import document_input, render
    from duluan.reporting.periods import Period
    from duluan.reporting.synthesis import synthesis_build

    since, until = timezone.localtime(first.heard_at).year, timezone.localdate().year
    period = Period.parse(f"{since}..{until}" if since != until else str(until))
    synthesis = synthesis_build(tree.province, period)
    block = next(b for b in synthesis.blocks if b.key == "channels")
    assert block.figure("channels.zalo") == 3
    from docx import Document

    document = Document(BytesIO(render(document_input(synthesis), "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "nắm bắt qua mạng xã hội" in text


@pytest.mark.django_db(transaction=True)
def test_a_collaborators_reports_by_e_mail_count_in_their_evaluation(
    endpoints: OrgTree,
) -> None:
    from duluan.network.selectors.activity import member_activity
    from duluan.network.services.roster import Appointment, member_create

    tree = endpoints
    collaborator = tree.user("province", Role.COLLABORATOR)
    collaborator.email = "Nguyen.Van.An@gmail.com"  # the account's own address, any case
    collaborator.save(update_fields=["email"])
    member = member_create(
        actor=tree.user("province"),
        unit_id=tree.province.pk,
        kind="ctv",
        full_name="Nguyễn Văn An",
        user=collaborator,
        appointment=Appointment(on=date(2024, 1, 1), decision_no="QĐ-1", issuer="BTV"),
    )
    mail = (FIXTURES / "email" / "plain.eml").read_bytes()
    assert channel_simulate(kind="email", raw=mail).body["received"] == 1
    sent_on = timezone.localtime(ChannelMessage.objects.get().sent_at).date()
    activity = member_activity(member, sent_on, sent_on + timedelta(days=1))
    assert activity.reports_via_channels == 1
    assert activity.reports_sent == 1  # the e-mail counts as a report they sent
    before = member_activity(member, sent_on - timedelta(days=30), sent_on)
    assert before.reports_via_channels == 0
    from duluan.network.selectors.activity import activities_for

    assert (
        activities_for([member], sent_on, sent_on + timedelta(days=1))[member.pk].reports_sent == 1
    )


@pytest.mark.django_db(transaction=True)
def test_on_the_demo_the_rumour_closed_sends_one_correction_per_sender(
    org_tree: OrgTree, zalo_sent: list[tuple[str, str]], settings: Any
) -> None:
    from duluan.channels.demo_steps import DEMO_OA, MATTER_TITLE, channels_demo, channels_wipe
    from duluan.org.demo_context import DemoContext

    settings.CHANNELS_REPLIES = False
    settings.CHANNELS = ["tip"]  # as `make run`: the demo prints tipsters' codes then
    # Connected here (its API the fake): the demo's messages are within the reply window.
    token_store(oa_id=DEMO_OA, access_token="access", refresh_token="refresh", expires_in=90000)
    officer = org_tree.user("upper_a")
    progress: list[str] = []
    ctx = DemoContext(root=org_tree.province, units={}, users={officer.username: officer},
                      today=timezone.localdate(), seed=7, progress=progress.append)  # fmt: skip
    counts = channels_demo(ctx)
    assert counts == {"tip_pages": 1, "channel_reports": 5, "rumour_matters": 1}
    matter = Matter.objects.get(title=MATTER_TITLE)
    assert matter.state == State.GHI_NHAN  # closed as a rumour
    assert corrections.correction_preview(matter).by_kind == {"tip": 2, "zalo": 2}
    actor = org_tree.user("province")
    first = corrections.correction_send(actor=actor, matter_id=matter.pk, text=CORRECTION)
    assert first is not None
    assert CorrectionDelivery.objects.filter(matter=matter, state=DeliveryState.SENT).count() == 4
    assert len(zalo_sent) == 2
    assert corrections.correction_send(actor=actor, matter_id=matter.pk, text=CORRECTION) is None
    assert CorrectionDelivery.objects.count() == 4 and len(zalo_sent) == 2
    # A demo tipster's code, from the progress line, reads the correction.
    code = next(line.rsplit(" ", 1)[1] for line in progress if "Mã biên nhận" in line)
    client = visitor()
    settings.CHANNELS = ["tip"]
    settings.TIP_MIN_FILL_SECONDS = 0
    form = form_fields(client.get("/gop-y/tra-cuu/").content.decode())
    assert CORRECTION in client.post("/gop-y/tra-cuu/", {**form, "code": code}).content.decode()
    channels_wipe(org_tree.province)
    assert not ChannelMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_after_sending_the_officer_reads_what_really_happened_per_channel(
    channels_on: OrgTree, zalo_api: FakeZaloApi
) -> None:
    matter, _codes = rumour_matter(channels_on, recent=True)
    officer = Client()
    officer.force_login(channels_on.user("upper_a"))
    url = reverse("channels:correction", args=[matter.pk])
    sent = officer.post(url, {"text": CORRECTION}, follow=True)
    page = sent.content.decode()
    assert (
        "Đã gửi tới 1 người qua Email, 2 người qua Trang góp ý ẩn danh, 1 người qua Zalo OA; "
        "1 người qua Zalo OA không nhận được: Người gửi ẩn danh trên Zalo"
    ) in page
    assert "Đã xếp lịch" not in page
    # The anonymous follower can never be reached: not offered again, no button.
    refused = CorrectionDelivery.objects.get(kind="zalo", state=DeliveryState.REFUSED)
    assert refused.note.startswith("Người gửi ẩn danh trên Zalo")
    assert corrections.correction_preview(matter).new == []
    again = officer.get(url).content.decode()
    assert '<button type="submit">Gửi đính chính' not in again
    assert "Không còn ai để gửi" in again
    assert "Từng lượt gửi" in again and "Kênh không thể gửi tới người này" in again
    assert officer.post(url, {"text": CORRECTION}).status_code == 302
    assert Correction.objects.count() == 1
    # Recorded in the matter's timeline.
    detail = officer.get(reverse("cases:matter_detail", args=[matter.pk])).content.decode()
    assert "Gửi đính chính" in detail and "1 người qua Zalo OA không nhận được" in detail


@pytest.mark.django_db(transaction=True)
def test_while_the_job_waits_the_officer_is_told_it_is_being_sent(
    channels_on: OrgTree, zalo_api: FakeZaloApi
) -> None:
    matter, _codes = rumour_matter(channels_on, recent=True)
    correction = Correction.objects.create(matter=matter, text=CORRECTION)
    CorrectionDelivery.objects.create(
        correction=correction, matter=matter, kind="tip", sender_key="x" * 64
    )
    assert corrections.correction_outcome(correction) == (
        "Đang gửi tới 1 người (xem bảng từng lượt gửi)."
    )
