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


def simulate(kind: str, path: Path, *extra: str) -> str:
    out = io.StringIO()
    with contextlib.suppress(SystemExit):
        call_command("channel", "simulate", kind, str(path), *extra, stdout=out)
    return out.getvalue()


def expected_unit(tree: OrgTree, kind: str, name: str) -> int:
    """The unit each recorded payload must land in (see conftest ``endpoints``)."""
    special = {
        # "#T01-A-2 …": a follower naming a union under the OA's unit.
        ("zalo", "user_send_link.json"): tree.cs_a2,
    }
    default = {"zalo": tree.upper_a}[kind]
    return special.get((kind, name), default).pk


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", sorted(p.name for p in (FIXTURES / "zalo").glob("*.json")))
def test_zalo_fixture_files_one_report_and_replay_none(endpoints: OrgTree, name: str) -> None:
    path = FIXTURES / "zalo" / name
    assert "HTTP 200: nhận 1" in simulate("zalo", path)
    message = ChannelMessage.objects.get()
    assert message.state == MessageState.FILED
    report = Report.objects.get()
    assert report.channel == "zalo"
    assert report.source == "kenh"
    assert message.report_id == report.pk
    assert report.unit_id == expected_unit(endpoints, "zalo", name)
    assert "HTTP 200: nhận 0, trùng 1" in simulate("zalo", path)
    assert Report.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_forged_zalo_signature_is_refused(endpoints: OrgTree) -> None:
    out = simulate("zalo", FIXTURES / "zalo" / "user_send_text.json", "--forge")
    assert "HTTP 403" in out
    assert not ChannelMessage.objects.exists()
