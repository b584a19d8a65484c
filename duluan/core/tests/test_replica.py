"""The read-replica router: which reads may leave the primary, and the dashboard's use of it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connections, transaction

from duluan.core import replica
from duluan.core.replica import REPLICA, ReplicaRouter, replica_reads
from duluan.dashboard.models import FactDay
from duluan.intake.models import Report
from duluan.org.choices import Role
from duluan.org.models import Unit, User


@pytest.fixture
def with_replica(monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``replica`` alias in the settings (never connected to by these tests)."""
    monkeypatch.setitem(connections.settings, REPLICA, dict(connections.settings["default"]))


def test_without_a_replica_every_read_stays_on_the_primary() -> None:
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_read(FactDay) is None
    assert router.db_for_read(FactDay) is None


def test_only_reads_inside_replica_reads_go_to_the_replica(with_replica: None) -> None:
    router = ReplicaRouter()
    assert router.db_for_read(FactDay) is None
    with replica_reads():
        assert router.db_for_read(FactDay) == REPLICA
        assert router.db_for_read(Report) == REPLICA
        # The access rule's tables always come from the primary.
        assert router.db_for_read(Unit) is None
        assert router.db_for_read(User) is None
    assert router.db_for_read(FactDay) is None
    assert router.db_for_write(FactDay) is None
    assert router.allow_migrate(REPLICA, "dashboard") is False
    assert router.allow_migrate("default", "dashboard") is True


@pytest.mark.django_db
def test_a_transaction_reads_its_own_writes_from_the_primary(with_replica: None) -> None:
    with replica_reads(), transaction.atomic():
        assert ReplicaRouter().db_for_read(FactDay) is None


@pytest.mark.django_db
def test_the_dashboard_reads_its_facts_through_the_replica_context(
    org_tree: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from duluan.dashboard import facts
    from duluan.dashboard.filters import filters_parse
    from duluan.dashboard.selectors import dashboard_get

    seen: list[bool] = []

    class Spy:
        def db_for_read(self, model: type[Any], **hints: Any) -> str:
            seen.append(replica._reading.get())
            return "default"

    monkeypatch.setattr(facts, "router", Spy())
    today = date(2026, 11, 20)
    user = org_tree.user("province", Role.ANALYST)
    dashboard_get(user, filters_parse({"period": "2026-11"}, today), today=today)
    assert seen and all(seen)
    assert replica._reading.get() is False  # reset after the call
