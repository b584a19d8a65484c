"""A read whose database connection drops mid-request is answered, not a 500.

On PostgreSQL the connection is really terminated (``pg_terminate_backend``) in
the middle of the report list, as a failover or an operator would; a write that
loses its connection is never repeated.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from duluan.conftest import OrgTree
from duluan.intake import views as intake_views
from duluan.intake.selectors import report_list
from duluan.org.choices import Role

pytestmark = pytest.mark.django_db(transaction=True)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="terminates a PostgreSQL backend"
)


def _dying_once(real: Any, calls: list[int]) -> Any:
    """``real``, except that its first call loses the database connection midway."""

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
                else:
                    from django.db import OperationalError

                    connection.close()  # the socket is gone: the next use reconnects
                    raise OperationalError("server closed the connection unexpectedly")
        return real(*args, **kwargs)

    return wrapped


def _signed_in(org_tree: OrgTree) -> Client:
    client = Client()
    client.force_login(org_tree.user("upper_a", Role.OFFICER))
    return client


@postgres_only
def test_a_read_survives_its_connection_terminated(org_tree: OrgTree, monkeypatch: Any) -> None:
    client = _signed_in(org_tree)
    client.raise_request_exception = False  # the first try's error is logged, not the answer
    calls: list[int] = []
    monkeypatch.setattr(intake_views, "report_list", _dying_once(report_list, calls))
    response = client.get(reverse("intake:report_list"))
    assert response.status_code == 200
    assert len(calls) == 2  # run once more, on a fresh connection
    assert client.get(reverse("intake:report_list")).status_code == 200


def test_a_read_is_retried_once_only(org_tree: OrgTree, monkeypatch: Any) -> None:
    """A connection that keeps dying still answers 500, after exactly one retry."""
    from django.db import OperationalError

    from duluan.core import middleware

    client = _signed_in(org_tree)
    client.raise_request_exception = False
    calls: list[int] = []

    def always_dies(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(intake_views, "report_list", always_dies)
    monkeypatch.setattr(middleware, "_drop_lost_connections", lambda: True)
    response = client.get(reverse("intake:report_list"))
    assert response.status_code == 500
    assert len(calls) == 2


def test_a_read_survives_its_session_load_losing_the_connection(
    org_tree: OrgTree, monkeypatch: Any
) -> None:
    """The connection may die before the view, while the session and the user load."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import OperationalError

    from duluan.core import middleware

    client = _signed_in(org_tree)
    client.raise_request_exception = False
    real_load = SessionStore.load
    loads: list[int] = []

    def load_dying_once(self: SessionStore) -> dict[str, Any]:
        loads.append(1)
        if len(loads) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real_load(self)

    monkeypatch.setattr(SessionStore, "load", load_dying_once)
    monkeypatch.setattr(middleware, "_drop_lost_connections", lambda: True)
    response = client.get(reverse("intake:report_list"))
    assert response.status_code == 200 and len(loads) == 2


def test_a_write_is_never_repeated(org_tree: OrgTree, monkeypatch: Any) -> None:
    from django.db import OperationalError

    from duluan.core import middleware

    client = _signed_in(org_tree)
    client.raise_request_exception = False
    calls: list[int] = []

    def dies(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(intake_views, "report_create", dies)
    monkeypatch.setattr(middleware, "_drop_lost_connections", lambda: True)
    client.post(reverse("intake:report_create"), {"subject": "x", "text": "y"})
    assert len(calls) <= 1


def test_other_errors_are_not_retried(org_tree: OrgTree, monkeypatch: Any) -> None:
    client = _signed_in(org_tree)
    client.raise_request_exception = False
    calls: list[int] = []

    def broken(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        raise ValueError("a bug, not a lost connection")

    monkeypatch.setattr(intake_views, "report_list", broken)
    assert client.get(reverse("intake:report_list")).status_code == 500
    assert len(calls) == 1
