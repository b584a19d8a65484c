"""Senders are pseudonyms: no Zalo user id, e-mail address or phone number of a sender
is anywhere in the database in the clear (the raw payloads are sealed)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from duluan.channels.keys import unseal
from duluan.channels.models import ChannelPayload
from duluan.conftest import OrgTree
from duluan.intake.models import Report

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
HANDLES = [
    # Zalo senders (followers and the anonymous one) and their by-app ids
    "2468458835291979224", "2468458835291979225", "2468458835291979226",
    "2468458835291979227", "9a8b7c6d5e4f3a2b1c0d", "5521772797175877301",
    # e-mail senders
    "nguyen.van.an@gmail.com", "tran.binh@yahoo.com.vn", "hr-noreply@congty.vn",
    # phone numbers (as sent, and as a person would write them)
    "+84912345678", "84912345678", "0912345678", "0987654321", "0912 345 678", "84987654321",
]  # fmt: skip


def every_value_in_the_database() -> str:
    parts: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (names from introspection)
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, memoryview):
                        value = value.tobytes()
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", "replace")
                    if value is not None:
                        parts.append(str(value))
    return "\n".join(parts)


@pytest.mark.django_db(transaction=True)
def test_no_sender_handle_is_stored_in_the_clear(endpoints: OrgTree) -> None:
    for kind, pattern in (
        ("zalo", "*.json"),
        ("email", "*.eml"),
        ("sms", "*.json"),
        ("sms", "*.txt"),  # eSMS's short code: its query string
    ):
        for path in sorted((FIXTURES / kind).glob(pattern)):
            with contextlib.suppress(SystemExit):
                call_command("channel", "simulate", kind, str(path), stdout=io.StringIO())
    assert Report.objects.count() == 12
    dump = every_value_in_the_database()
    assert "Công ty chậm trả lương" in dump  # the dump does read the reports
    for handle in HANDLES:
        assert handle not in dump, handle
    # The raw payloads still hold them, sealed, for the filing job only.
    raws = [unseal(p.sealed) for p in ChannelPayload.objects.all()]
    assert any(b"2468458835291979224" in raw for raw in raws)
    assert any(json.dumps("+84912345678").encode()[1:-1] in raw for raw in raws)
    assert any(b"sender=84987654321" in raw for raw in raws)


@pytest.mark.django_db(transaction=True)
def test_a_sender_by_address_is_exported_and_erased(endpoints: OrgTree) -> None:
    from duluan.channels.models import ChannelMessage
    from duluan.privacy.services import subject_erase, subject_export
    from duluan.privacy.subject import SubjectRef

    for name in ("plain.eml", "auto_submitted.eml"):
        with contextlib.suppress(SystemExit):
            call_command(
                "channel", "simulate", "email", str(FIXTURES / "email" / name), stdout=io.StringIO()
            )
    subject = SubjectRef(contacts=("Nguyen.Van.An@gmail.com",))
    exported = subject_export(subject=subject)["channels"]["channel_messages"]
    assert [m["channel"] for m in exported] == ["Email"]
    subject_erase(subject=subject)
    assert ChannelPayload.objects.count() == 1  # the other sender's stays
    assert ChannelMessage.objects.filter(sender_key="").count() == 1
    assert subject_export(subject=subject)["channels"]["channel_messages"] == []
    assert Report.objects.count() == 2  # the reports stay, naming no one
