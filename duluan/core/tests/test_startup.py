"""Web server, Celery worker and beat refuse to start on unapplied migrations."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from duluan.core.startup import migrations_check, unapplied_migrations

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_a_fully_migrated_database_has_nothing_pending() -> None:
    assert unapplied_migrations() == []


@pytest.mark.django_db
def test_a_migration_recorded_unapplied_is_found_and_refused(settings: Any) -> None:
    # The test's transaction rolls the record back afterwards.
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = %s AND name = %s",
            ["core", "0001_initial"],
        )
    assert "core.0001_initial" in unapplied_migrations()
    settings.ALLOW_UNAPPLIED_MIGRATIONS = False
    message = migrations_check("the web server")
    assert message is not None
    assert "core.0001_initial" in message
    assert "duluan migrate" in message
    settings.ALLOW_UNAPPLIED_MIGRATIONS = True
    assert migrations_check("the web server") is None


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DULUAN_")}
    # An empty SQLite file: every migration is unapplied.
    env.update({"DULUAN_VAR_DIR": str(tmp_path), "DULUAN_HTTPS": "0", **extra})
    return env


def test_wsgi_application_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        cwd=ROOT,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "refuses to start" in result.stderr
    assert "contenttypes.0001_initial" in result.stderr

    allowed = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        cwd=ROOT,
        env=_env(tmp_path, DULUAN_ALLOW_UNAPPLIED_MIGRATIONS="1"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert allowed.returncode == 0, allowed.stderr


def test_celery_worker_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    celery = Path(sys.executable).with_name("celery")
    result = subprocess.run(  # noqa: S603
        [str(celery), "-A", "config", "worker", "--pool", "solo", "--loglevel", "warning"],
        cwd=ROOT,
        env=_env(tmp_path, DULUAN_BROKER_URL="memory://"),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    assert "the Celery worker refuses to start" in result.stderr
