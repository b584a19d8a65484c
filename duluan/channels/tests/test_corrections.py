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

import pytest
from django.core import mail as mailbox
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duluan.cases.choices import Outcome, State
from duluan.cases.models import Matter
from duluan.cases.services import (
    matter_attach_report,
    matter_create_from_report,
    verification_record,
)
from duluan.cases.workflow import matter_transition
from duluan.channels import corrections
from duluan.channels.dashboard_panels import channels_panel
from duluan.channels.models import ChannelMessage, Correction, CorrectionDelivery
from duluan.channels.models_tip import DeliveryState
from duluan.channels.report_sections import channels_section
from duluan.channels.simulate import channel_simulate
from duluan.channels.zalo import ZaloAdapter
from duluan.conftest import OrgTree
from duluan.core.extensions import Span
from duluan.intake.models import Report
from duluan.org.choices import Role

from .tip_support import form_fields, open_tip_page, receipt_code, send_tip, visitor

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ZALO = FIXTURES / "zalo"
CORRECTION = "Công ty không giải thể; lương tháng 12 trả đúng ngày 10/01 như mọi năm."


@pytest.fixture
def zalo_sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """What would leave for Zalo's servers: (the Zalo user id, the text)."""
    sent: list[tuple[str, str]] = []

    def reply(self: Any, message: Any, inbound: Any, text: str) -> bool:
        sent.append((inbound.sender, text))
        return True

    monkeypatch.setattr(ZaloAdapter, "reply", reply)
    return sent


def zalo(name: str, **changes: str) -> None:
    body = json.loads((ZALO / name).read_text(encoding="utf-8"))
    if "msg_id" in changes:
        body["message"]["msg_id"] = changes["msg_id"]
    raw = json.dumps(body, ensure_ascii=False).encode()
    assert channel_simulate(kind="zalo", raw=raw).body["received"] == 1


def rumour_matter(tree: OrgTree) -> tuple[Matter, list[str]]:
    """Reports of one rumour: three Zalo messages from two followers (one of them
    twice), an e-mail and two tips from two tipsters; grouped under one matter at
    upper_a, verified as a rumour. The tipsters' receipt codes come back."""
    zalo("user_send_text.json")
    zalo(
        "user_send_text.json", msg_id="a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5"
    )  # the same follower again
    zalo("anonymous_send_text.json")
    mail = (FIXTURES / "email" / "plain.eml").read_bytes()
    assert channel_simulate(kind="email", raw=mail).body["received"] == 1
    codes = [
        receipt_code(send_tip(visitor(), text="Nghe nói công ty sắp giải thể, không trả lương.")),
        receipt_code(send_tip(visitor(), text="Công nhân đồn công ty nợ lương rồi giải thể.")),
    ]
    messages = ChannelMessage.objects.select_related("report").order_by("pk")
    reports = [m.report for m in messages if m.report is not None]
    assert len(reports) == 6
    officer = tree.user("province")  # the e-mail came to the province's mailbox
    matter = matter_create_from_report(actor=officer, report=reports[0])
    for report in reports[1:]:
        matter_attach_report(actor=officer, matter=matter, report=report)
    matter_transition(actor=officer, matter=matter, to_state=State.SANG_LOC)
    matter_transition(actor=officer, matter=matter, to_state=State.XAC_MINH)
    verification_record(
        actor=officer,
        matter=matter,
        outcome=Outcome.RUMOUR,
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
    channels_on: OrgTree, zalo_sent: list[tuple[str, str]]
) -> None:
    tree = channels_on
    matter, codes = rumour_matter(tree)
    officer = Client()
    officer.force_login(tree.user("upper_a"))
    url = reverse("channels:correction", args=[matter.pk])

    # The matter's page offers it; the preview drafts the text from the verification.
    page = officer.get(reverse("cases:matter_detail", args=[matter.pk])).content.decode()
    assert "Xem trước và gửi đính chính" in page and f'href="{url}"' in page
    preview = officer.get(url)
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "5 người" in text  # the follower who wrote twice counts once
    assert "Công ty vẫn hoạt động; lương tháng 12 trả ngày 10/01." in text

    assert officer.post(url, {"text": CORRECTION}).status_code == 302
    deliveries = CorrectionDelivery.objects.filter(matter=matter)
    assert deliveries.count() == 5
    assert set(deliveries.values_list("state", flat=True)) == {DeliveryState.SENT}
    kinds = sorted(deliveries.values_list("kind", flat=True))
    assert kinds == ["email", "tip", "tip", "zalo", "zalo"]
    assert [m.to for m in mailbox.outbox] == [["nguyen.van.an@gmail.com"]]
    assert mailbox.outbox[0].body == CORRECTION
    assert sorted(s for s, _ in zalo_sent) == ["2468458835291979224", "9a8b7c6d5e4f3a2b1c0d"]
    assert {t for _, t in zalo_sent} == {CORRECTION}

    # The e-mail sender asks what is held on them: the correction; erased, it is gone.
    from duluan.channels.privacy_tip import CorrectionsProvider
    from duluan.privacy.registry import ErasureKeys
    from duluan.privacy.subject import SubjectRef

    subject = SubjectRef(contacts=("Nguyen.Van.An@gmail.com",))
    exported = CorrectionsProvider().export(subject)["corrections_received"]
    assert [(e["channel"], e["text"]) for e in exported] == [("Email", CORRECTION)]

    # A second trigger, and the job run again, send nothing more.
    assert officer.post(url, {"text": "Lần hai"}).status_code == 302
    correction = Correction.objects.get()
    assert corrections.correction_deliver(correction_id=correction.pk) == {"sent": 0, "failed": 0}
    assert CorrectionDelivery.objects.count() == 5 and len(zalo_sent) == 2
    assert len(mailbox.outbox) == 1
    assert "không còn ai để gửi" in officer.get(url).content.decode()

    assert CorrectionsProvider().erase(subject, ErasureKeys()) == 1
    assert CorrectionDelivery.objects.count() == 4

    # Recorded on the matter, and each tipster reads it with their code.
    page = officer.get(reverse("cases:matter_detail", args=[matter.pk])).content.decode()
    told = re.search(r"Đã gửi đính chính tới [^<]*", page)
    assert (
        told and told.group(0) == "Đã gửi đính chính tới 4 người qua Zalo OA, Trang góp ý ẩn danh."
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
    channels_on: OrgTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    matter, _codes = rumour_matter(channels_on)

    def refuse(self: Any, message: Any, inbound: Any, text: str) -> bool:
        raise ConnectionError("Zalo không trả lời")

    monkeypatch.setattr(ZaloAdapter, "reply", refuse)
    correction = corrections.correction_send(
        actor=channels_on.user("upper_a"), matter_id=matter.pk, text=CORRECTION
    )
    assert correction is not None
    states = dict(CorrectionDelivery.objects.filter(kind="zalo").values_list("sender_key", "state"))
    assert set(states.values()) == {DeliveryState.FAILED}
    assert CorrectionDelivery.objects.filter(kind="tip", state=DeliveryState.SENT).count() == 2
    assert corrections.correction_summary(matter).failed == 2
    # Zalo answers again: a new trigger offers the two it refused, and only them.
    sent: list[str] = []

    def accept(self: Any, message: Any, inbound: Any, text: str) -> bool:
        sent.append(inbound.sender)
        return True

    monkeypatch.setattr(ZaloAdapter, "reply", accept)
    assert corrections.correction_preview(matter).by_kind == {"zalo": 2}
    again = corrections.correction_send(
        actor=channels_on.user("upper_a"), matter_id=matter.pk, text=CORRECTION
    )
    assert again is not None and len(sent) == 2
    assert CorrectionDelivery.objects.count() == 5
    assert corrections.correction_summary(matter).sent == 5


# ── counted everywhere ───────────────────────────────────────────────────────
@pytest.mark.django_db(transaction=True)
def test_dashboard_panel_and_report_section_count_the_channels(
    channels_on: OrgTree, zalo_sent: list[tuple[str, str]], settings: Any
) -> None:
    tree = channels_on
    matter, _codes = rumour_matter(tree)
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
    assert section.figure("channels.corrections") == 5
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

    period = Period.parse(f"{timezone.localtime(first.heard_at).year}..{timezone.localdate().year}")
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
    from duluan.channels.demo_steps import MATTER_TITLE, channels_demo, channels_wipe
    from duluan.org.demo_context import DemoContext

    settings.CHANNELS_REPLIES = False
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
