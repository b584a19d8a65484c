"""Refuse to serve or run jobs on a database whose migrations are not all applied.

Called by ``config/wsgi.py`` (every WSGI server), gunicorn's ``on_starting``
hook (``deploy/gunicorn.conf.py``) and Celery's ``worker_init`` / ``beat_init``
signals (``config/celery.py``). ``DULUAN_ALLOW_UNAPPLIED_MIGRATIONS=1`` lets a
process start anyway (an emergency read-only node, a migration being tested).
"""

from __future__ import annotations

import sys

from django.conf import settings


class UnappliedMigrations(RuntimeError):
    """Raised (in a WSGI worker) when the database is behind the code."""


def unapplied_migrations(using: str = "default") -> list[str]:
    """``app.migration`` names the code has and the database has not applied, in order."""
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def refusal_message(process: str, pending: list[str]) -> str:
    shown = ", ".join(pending[:5]) + (f" (+{len(pending) - 5})" if len(pending) > 5 else "")
    return (
        f"duluan: {process} refuses to start: {len(pending)} migration(s) not applied "
        f"to the database ({shown}). Run `duluan migrate` first (docs/operations.md, "
        "upgrade order), or set DULUAN_ALLOW_UNAPPLIED_MIGRATIONS=1 to start anyway."
    )


def migrations_check(process: str) -> str | None:
    """The refusal message, or ``None`` when the process may start."""
    from django.db import connections

    if settings.ALLOW_UNAPPLIED_MIGRATIONS:
        return None
    try:
        pending = unapplied_migrations()
    finally:
        # Never hand an open connection to forked children (gunicorn, Celery prefork).
        connections.close_all()
    return refusal_message(process, pending) if pending else None


def refuse_unapplied_migrations(process: str) -> None:
    """Exit the process with a clear message when migrations are pending."""
    message = migrations_check(process)
    if message:
        print(message, file=sys.stderr, flush=True)
        raise SystemExit(2)
