"""Messages that match no unit are not lost: they wait, in the inbox of the officers
whose scope covers where they arrived (the root unit's when nowhere), in a list
"Chưa xác định đơn vị", until one of them picks a unit in their scope; every recorded
payload, replayed with ``--unit``, becomes exactly one report in that unit."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from duluan.channels.choices import MessageState
from duluan.channels.models import ChannelMessage
from duluan.conftest import OrgTree
from duluan.intake.models import Report

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ALL_FIXTURES = [
    (kind.name, path.name)
    for kind in sorted(FIXTURES.iterdir())
    if kind.is_dir()
    for path in sorted(kind.iterdir())
    if path.suffix in {".json", ".eml", ".txt"}
]


def simulate(kind: str, name: str, *extra: str) -> str:
    out = io.StringIO()
    with contextlib.suppress(SystemExit):
        call_command("channel", "simulate", kind, str(FIXTURES / kind / name), *extra, stdout=out)
    return out.getvalue()


def test_every_kind_has_fixtures() -> None:
    assert {kind for kind, _ in ALL_FIXTURES} >= {"zalo", "email", "sms", "tip"}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("kind", "name"), ALL_FIXTURES)
def test_every_fixture_with_unit_files_one_report_there_and_a_replay_none(
    org_tree: OrgTree, settings: object, kind: str, name: str
) -> None:
    settings.CHANNELS = []  # type: ignore[attr-defined]
    out = simulate(kind, name, "--unit", "T01-B")
    assert "HTTP 200: nhận 1," in out, out
    report = Report.objects.get()
    assert report.unit_id == org_tree.upper_b.pk or report.unit.path.startswith(
        org_tree.upper_b.path
    )
    assert ChannelMessage.objects.get().state == MessageState.FILED
    again = simulate(kind, name, "--unit", "T01-B")
    assert "nhận 0, trùng 1" in again, again
    assert Report.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_unrouted_message_waits_for_root_officers_who_place_it(org_tree: OrgTree) -> None:
    out = simulate("sms", "received_plain.json")  # no endpoint at all
    assert "chưa xác định đơn vị 1" in out, out
    message = ChannelMessage.objects.get()
    assert message.state == MessageState.UNROUTED
    assert not Report.objects.exists()

    root = Client()
    root.force_login(org_tree.user("province"))
    page = root.get("/kenh/").content.decode()
    assert "Chưa xác định đơn vị" in page
    assert f'action="/kenh/{message.pk}/dat-don-vi/"' in page

    lower = Client()
    lower.force_login(org_tree.user("cs_a1"))
    assert f'action="/kenh/{message.pk}/dat-don-vi/"' not in lower.get("/kenh/").content.decode()
    # Not theirs to place.
    response = lower.post(f"/kenh/{message.pk}/dat-don-vi/", {"unit": org_tree.cs_a1.pk})
    assert response.status_code == 404
    assert not Report.objects.exists()

    response = root.post(f"/kenh/{message.pk}/dat-don-vi/", {"unit": org_tree.cs_a2.pk})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.unit_id == org_tree.cs_a2.pk
    message.refresh_from_db()
    assert message.state == MessageState.FILED and message.report_id == report.pk
    # Placed once: a second post files nothing more.
    root.post(f"/kenh/{message.pk}/dat-don-vi/", {"unit": org_tree.cs_a1.pk})
    assert Report.objects.count() == 1
    lower_a2 = Client()
    lower_a2.force_login(org_tree.user("cs_a2"))
    assert f'href="/phan-anh/{report.pk}/"' in lower_a2.get("/kenh/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_an_officer_cannot_place_a_message_outside_their_scope(org_tree: OrgTree) -> None:
    simulate("sms", "received_plain.json")
    message = ChannelMessage.objects.get()
    assert message.state == MessageState.UNROUTED
    root = Client()
    root.force_login(org_tree.user("upper_a"))
    # upper_a does not reach the root: the message is not theirs.
    assert (
        root.post(f"/kenh/{message.pk}/dat-don-vi/", {"unit": org_tree.cs_a1.pk}).status_code == 404
    )
    province = Client()
    province.force_login(org_tree.user("province"))
    bad = province.post(f"/kenh/{message.pk}/dat-don-vi/", {"unit": 999999})
    assert bad.status_code in (302, 404)
    assert not Report.objects.exists()
