"""The dashboard's panels are kept a few seconds per reader, never across readers
whose access differs, and the page says when they were computed."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from duluan.cases.models import Matter
from duluan.cases.services import matter_create_from_report
from duluan.cases.tests.helpers import make_report
from duluan.conftest import OrgTree
from duluan.dashboard import panel_cache
from duluan.org.choices import Role
from duluan.org.models import RoleAssignment, User
from duluan.org.scope import access_fingerprint
from duluan.org.services import role_assign

pytestmark = pytest.mark.django_db
URL = "/bang-dieu-khien/cac-muc/"


@pytest.fixture(autouse=True)
def _cache_on(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.DASHBOARD_PANELS_CACHE_SECONDS = 30
    # Keys of this test only (ids recur between rolled-back tests on SQLite); never a
    # cache.clear(), which on Redis would empty the cache under other xdist workers.
    monkeypatch.setattr(panel_cache, "PREFIX", f"duluan:test:panels:{uuid.uuid4().hex}:")


def _overdue_matter(org_tree: OrgTree, unit: str, subject: str) -> None:
    report = make_report(org_tree, unit, subject=subject)
    matter = matter_create_from_report(actor=org_tree.user(unit), report=report)
    Matter.objects.filter(pk=matter.pk).update(state_since=timezone.now() - timedelta(days=60))


def _panels(http: Client) -> str:
    response = http.get(URL, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def test_panels_are_kept_for_the_seconds_set_and_say_when(org_tree: OrgTree) -> None:
    http = Client()
    http.force_login(org_tree.user("province", Role.LEADER))
    _overdue_matter(org_tree, "cs_a1", "Vấn đề cũ thứ nhất")
    first = _panels(http)
    assert "Vấn đề cũ thứ nhất" in first
    assert "Các mục trên tính lúc" in first and "làm mới sau mỗi 30 giây" in first

    _overdue_matter(org_tree, "cs_a2", "Vấn đề cũ thứ hai")
    assert "Vấn đề cũ thứ hai" not in _panels(http)  # within the 30 s: the kept panels

    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        later = _panels(http)
    assert "Vấn đề cũ thứ hai" in later


def test_readers_with_other_access_never_share_kept_panels(org_tree: OrgTree) -> None:
    _overdue_matter(org_tree, "cs_a1", "Vấn đề ở cơ sở A1")
    _overdue_matter(org_tree, "cs_b1", "Vấn đề ở cơ sở B1")
    province, upper_b = Client(), Client()
    province.force_login(org_tree.user("province", Role.LEADER))
    upper_b.force_login(org_tree.user("upper_b", Role.LEADER))
    assert "Vấn đề ở cơ sở A1" in _panels(province)
    seen_by_b = _panels(upper_b)
    assert "Vấn đề ở cơ sở B1" in seen_by_b and "Vấn đề ở cơ sở A1" not in seen_by_b


def test_a_withdrawn_role_is_a_new_key_at_once(org_tree: OrgTree) -> None:
    _overdue_matter(org_tree, "cs_a1", "Vấn đề ở cơ sở A1")
    leader = org_tree.user("upper_b", Role.LEADER)
    role_assign(user=leader, unit=org_tree.upper_a, role=Role.LEADER)
    http = Client()
    http.force_login(leader)
    before = access_fingerprint(leader)
    assert "Vấn đề ở cơ sở A1" in _panels(http)  # kept for upper_a + upper_b

    RoleAssignment.objects.filter(user=leader, unit=org_tree.upper_a).update(is_active=False)
    assert access_fingerprint(User.objects.get(pk=leader.pk)) != before  # as a new request
    assert "Vấn đề ở cơ sở A1" not in _panels(http)  # not the panels kept for the old role


def test_off_with_zero_seconds(org_tree: OrgTree, settings: Any) -> None:
    settings.DASHBOARD_PANELS_CACHE_SECONDS = 0
    http = Client()
    http.force_login(org_tree.user("province", Role.LEADER))
    assert "tính lúc" not in _panels(http)
    _overdue_matter(org_tree, "cs_a1", "Vấn đề mới")
    assert "Vấn đề mới" in _panels(http)


def test_an_erasure_or_retention_run_drops_every_kept_panel(
    org_tree: OrgTree, django_capture_on_commit_callbacks: Any
) -> None:
    from duluan.privacy.retention import retention_apply

    http = Client()
    http.force_login(org_tree.user("province", Role.LEADER))
    _overdue_matter(org_tree, "cs_a1", "Vấn đề cũ thứ nhất")
    assert "Vấn đề cũ thứ nhất" in _panels(http)
    _overdue_matter(org_tree, "cs_a2", "Vấn đề cũ thứ hai")
    assert "Vấn đề cũ thứ hai" not in _panels(http)  # kept

    retention_apply(dry_run=True)  # counts only: nothing erased, nothing dropped
    assert "Vấn đề cũ thứ hai" not in _panels(http)
    with django_capture_on_commit_callbacks(execute=True):
        retention_apply()  # anonymises and erases what expired: the panels go
    assert "Vấn đề cũ thứ hai" in _panels(http)
