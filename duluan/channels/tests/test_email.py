"""E-mail: receipts only to people, never to robots or ourselves; IMAP polling never
deletes; ``duluan mail-ingest`` for a Postfix pipe."""

from __future__ import annotations

import io
import sys
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from duluan.channels.email import mail_poll
from duluan.channels.models import ChannelMessage
from duluan.channels.services import channel_receive
from duluan.conftest import OrgTree
from duluan.intake.models import Report

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "email"


@pytest.fixture
def mail_on(endpoints: OrgTree, settings: Any) -> OrgTree:
    settings.CHANNELS = ["email"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MAIL_MESSAGE_ID_DOMAIN = "duluan.ldld.vn"
    return endpoints


def letter(**headers: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = headers.pop("From", "Công nhân <cong.nhan@gmail.com>")
    msg["To"] = headers.pop("To", "gopy@ldld.vn")
    msg["Subject"] = headers.pop("Subject", "Phản ánh")
    msg["Message-ID"] = headers.pop("Message_ID", "<m-1@gmail.com>")
    msg["Date"] = "Thu, 03 Dec 2026 10:05:00 +0700"
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content("Xưởng 3 nóng quá, quạt hỏng cả tuần.")
    return bytes(msg)


@pytest.mark.django_db(transaction=True)
def test_a_person_gets_one_receipt_marked_auto_replied(mail_on: OrgTree) -> None:
    channel_receive(kind="email", raw=letter())
    [receipt] = mail.outbox
    report = Report.objects.get()
    assert receipt.to == ["cong.nhan@gmail.com"]
    assert f"mã tra cứu PA-{report.pk}" in receipt.body
    assert receipt.extra_headers["Auto-Submitted"] == "auto-replied"
    assert receipt.extra_headers["In-Reply-To"] == "<m-1@gmail.com>"
    assert receipt.extra_headers["Message-ID"].endswith("@duluan.ldld.vn>")
    # A second letter the same day is filed, but gets no second receipt.
    channel_receive(kind="email", raw=letter(Message_ID="<m-2@gmail.com>"))
    assert Report.objects.count() == 2
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "headers",
    [
        {"Auto_Submitted": "auto-replied"},
        {"Auto_Submitted": "auto-generated"},
        {"Precedence": "bulk"},
        {"Precedence": "list"},
        {"Precedence": "junk"},
        {"List_Id": "<tin-tuc.congty.vn>"},
        {"From": "no-reply@congty.vn"},
    ],
)
def test_mail_marked_automatic_is_filed_but_never_answered(
    mail_on: OrgTree, headers: dict[str, str]
) -> None:
    channel_receive(kind="email", raw=letter(**headers))
    assert Report.objects.count() == 1
    assert ChannelMessage.objects.get().automatic
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "headers",
    [
        {"From": "MAILER-DAEMON@mx.ldld.vn"},
        {"From": "postmaster@ldld.vn"},
        {"X_Duluan_Loop": "1"},
        {"Message_ID": "<170.1.duluan@duluan.ldld.vn>"},  # our own receipt came back
    ],
)
def test_bounces_and_our_own_mail_are_dropped(mail_on: OrgTree, headers: dict[str, str]) -> None:
    result = channel_receive(kind="email", raw=letter(**headers))
    assert result.created == []
    assert not ChannelMessage.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_our_receipt_sent_back_to_us_does_not_loop(mail_on: OrgTree) -> None:
    channel_receive(kind="email", raw=letter())
    [receipt] = mail.outbox
    channel_receive(kind="email", raw=bytes(receipt.message()))
    assert Report.objects.count() == 1
    assert len(mail.outbox) == 1


# ── IMAP ────────────────────────────────────────────────────────────────────
class FakeMessage:
    def __init__(self, uid: str, raw: bytes) -> None:
        import email

        self.uid = uid
        self.obj = email.message_from_bytes(raw)


class FakeFolders:
    def __init__(self, box: FakeMailbox) -> None:
        self.box = box

    def exists(self, name: str) -> bool:
        return name in self.box.folders

    def create(self, name: str) -> None:
        self.box.folders[name] = []


class FakeMailbox:
    """imap-tools' MailBox surface, in memory: nothing is ever deleted, only moved."""

    def __init__(self, messages: list[bytes]) -> None:
        self.folders: dict[str, list[FakeMessage]] = {
            "INBOX": [FakeMessage(str(i + 1), raw) for i, raw in enumerate(messages)]
        }
        self.folder = FakeFolders(self)
        self.logged_out = False
        self.deleted: list[str] = []

    def fetch(self, *, limit: int, mark_seen: bool, bulk: bool) -> list[FakeMessage]:
        assert mark_seen is False
        return list(self.folders["INBOX"][:limit])

    def move(self, uids: list[str], folder: str) -> None:
        moving = [m for m in self.folders["INBOX"] if m.uid in uids]
        self.folders["INBOX"] = [m for m in self.folders["INBOX"] if m.uid not in uids]
        self.folders[folder].extend(moving)

    def delete(self, uids: list[str]) -> None:  # pragma: no cover - must never be called
        self.deleted.extend(uids)

    def logout(self) -> None:
        self.logged_out = True


@pytest.mark.django_db(transaction=True)
def test_imap_poll_files_each_mail_once_and_moves_it_never_deletes(mail_on: OrgTree) -> None:
    raws = [p.read_bytes() for p in sorted(FIXTURES.glob("*.eml"))]
    box = FakeMailbox(raws)
    result = mail_poll(mailbox_factory=lambda: box)
    assert (result.fetched, result.received, result.moved) == (3, 3, 3)
    assert box.folders["INBOX"] == []
    assert len(box.folders["DaXuLy"]) == 3
    assert box.deleted == []
    assert box.logged_out
    assert Report.objects.count() == 3
    # The same mail delivered again (say, copied back to the inbox): nothing new.
    again = FakeMailbox(raws)
    assert mail_poll(mailbox_factory=lambda: again).duplicates == 3
    assert Report.objects.count() == 3


@pytest.mark.django_db
def test_imap_poll_does_nothing_while_email_is_off(endpoints: OrgTree, settings: Any) -> None:
    settings.CHANNELS = []
    box = FakeMailbox([letter()])
    assert mail_poll(mailbox_factory=lambda: box).fetched == 0
    assert len(box.folders["INBOX"]) == 1


@pytest.mark.django_db(transaction=True)
def test_mail_ingest_reads_one_message_on_stdin(mail_on: OrgTree, monkeypatch: Any) -> None:
    raw = (FIXTURES / "plain.eml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    out = io.StringIO()
    call_command("mail_ingest", stdout=out)
    assert "nhận 1" in out.getvalue()
    assert Report.objects.get().unit_id == mail_on.province.pk


@pytest.mark.django_db
def test_mail_ingest_refuses_while_email_is_off(endpoints: OrgTree, monkeypatch: Any) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(letter())))
    with pytest.raises(SystemExit) as exit_:
        call_command("mail_ingest", stdout=io.StringIO(), stderr=io.StringIO())
    assert exit_.value.code == 69
