"""Shared fixtures: a small province with two branches, and one account per role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from duluan.core.tests.s3server import s3_server, s3_storage  # noqa: F401  (fixtures)
from duluan.org.choices import Role
from duluan.org.models import Unit, User
from duluan.org.services import role_assign, unit_create, user_create

PASSWORD = "mat-khau-thu-nghiem-2026"


@dataclass
class OrgTree:
    """province ─┬─ upper_a ─┬─ cs_a1
    │           └─ cs_a2
    └─ upper_b ─── cs_b1
    """

    province: Unit
    upper_a: Unit
    upper_b: Unit
    cs_a1: Unit
    cs_a2: Unit
    cs_b1: Unit
    users: dict[str, User] = field(default_factory=dict)

    def user(self, unit_attr: str, role: str = Role.OFFICER) -> User:
        return self.users[f"{unit_attr}:{role}"]


def make_user(unit: Unit, role: str, username: str) -> User:
    user = user_create(username=username, password=PASSWORD, full_name=f"Người dùng {username}")
    role_assign(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def org_tree(db: Any) -> OrgTree:
    province = unit_create(
        code="T01",
        name="Liên đoàn Lao động tỉnh Thử Nghiệm",
        short_name="LĐLĐ tỉnh",
        level="LĐLĐ tỉnh",
    )
    upper_a = unit_create(
        code="T01-A",
        name="Công đoàn Khu công nghiệp A",
        short_name="CĐ KCN A",
        level="Công đoàn cấp trên trực tiếp cơ sở",
        parent=province,
    )
    upper_b = unit_create(
        code="T01-B",
        name="Công đoàn ngành Giáo dục",
        short_name="CĐ ngành GD",
        level="Công đoàn cấp trên trực tiếp cơ sở",
        parent=province,
    )
    cs_a1 = unit_create(
        code="T01-A-1",
        name="Công đoàn cơ sở Công ty TNHH May Sông Xanh",
        short_name="CĐCS May Sông Xanh",
        level="Công đoàn cơ sở",
        parent=upper_a,
        member_count=1200,
    )
    cs_a2 = unit_create(
        code="T01-A-2",
        name="Công đoàn cơ sở Công ty CP Giày Bình Minh",
        short_name="CĐCS Giày Bình Minh",
        level="Công đoàn cơ sở",
        parent=upper_a,
        member_count=800,
    )
    cs_b1 = unit_create(
        code="T01-B-1",
        name="Công đoàn Trường THPT Lê Lợi",
        short_name="CĐ THPT Lê Lợi",
        level="Công đoàn cơ sở",
        parent=upper_b,
        member_count=60,
    )
    tree = OrgTree(province, upper_a, upper_b, cs_a1, cs_a2, cs_b1)
    for attr in ("province", "upper_a", "upper_b", "cs_a1", "cs_a2", "cs_b1"):
        for role in Role.values:
            tree.users[f"{attr}:{role}"] = make_user(getattr(tree, attr), role, f"{attr}_{role}")
    return tree


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Argon2 is deliberately slow; tests that check it set it back themselves."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _two_factor_waived(settings: Any) -> None:
    """Most tests sign in with a password only; the two-factor tests turn this off."""
    settings.TWO_FACTOR_WAIVED = True


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> None:
    """Rolled-back overrides must not linger in the calendar's process cache."""
    from duluan.core.calendar import overrides_changed

    overrides_changed()


@pytest.fixture(autouse=True)
def _keep_test_connection() -> Iterator[None]:
    """A request that ends outside Django's test client (a streamed file, a WSGI
    call from schemathesis) fires request_finished, whose handler closes the
    database connection; on PostgreSQL that ends the test's transaction. Django's
    test client detaches that handler around its own requests; do it for all."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _restore_seeded_topics(request: pytest.FixtureRequest, django_db_blocker: Any) -> Any:
    """A transactional test (the browser tests' live server) empties every table at its
    end, the migration-seeded topics too: put them back before each database test."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None or any(
        name in request.fixturenames for name in ("db", "transactional_db", "live_server")
    ):
        from duluan.nlp.taxonomy import ensure_topics

        request.getfixturevalue("django_db_setup")  # the test database, never the real one
        with django_db_blocker.unblock():
            ensure_topics()
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if transactional:
        from duluan.nlp.taxonomy import ensure_topics

        with django_db_blocker.unblock():
            ensure_topics()
