"""Reads that may go to a PostgreSQL read replica (``DULUAN_DATABASE_REPLICA_URL``).

With the setting, ``DATABASES["replica"]`` points at a streaming replica and
:class:`ReplicaRouter` sends there the reads made inside :func:`replica_reads`
(the dashboard's figures and their exports: a second or two behind is fine for
them). Everything else reads the primary, and so do, always:

* the access rule's tables (units, roles, accounts, tokens, sessions): a role
  revoked on the primary is revoked at once, whatever the replica's lag;
* any read inside a transaction on the primary (a service reads what it wrote);
* all writes, and migrations (the replica is a physical copy).

Without the setting there is no ``replica`` alias and the router does nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from django.db import connections

REPLICA = "replica"
# Apps whose rows decide who may see what, or who is signed in: never from a replica.
PRIMARY_ONLY_APPS = frozenset({"org", "auth", "contenttypes", "sessions", "api", "otp_totp"})

_reading: ContextVar[bool] = ContextVar("duluan_replica_reads", default=False)

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def replica_reads() -> Iterator[None]:
    """Within this block, reads of product data may be served by the replica."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def reads_from_replica(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorator form of :func:`replica_reads`, for selectors."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with replica_reads():
            return fn(*args, **kwargs)

    return wrapper


def replica_configured() -> bool:
    return REPLICA in connections.settings


class ReplicaRouter:
    """Django database router; listed in ``DATABASE_ROUTERS`` always, idle without a replica."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if not _reading.get() or not replica_configured():
            return None
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return None
        if connections["default"].in_atomic_block:
            return None
        return REPLICA

    def db_for_write(self, model: type[Any], **hints: Any) -> str | None:
        return None

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica holds the same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db != REPLICA
