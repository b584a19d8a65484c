"""`duluan backup` / `restore` on PostgreSQL (pg_dump / pg_restore), on a scratch
database beside the test database; runs when the suite runs on PostgreSQL."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
DB = settings.DATABASES["default"]

pytestmark = pytest.mark.skipif(
    "postgresql" not in DB["ENGINE"] or shutil.which("pg_dump") is None,
    reason="Sao lưu PostgreSQL chạy khi kiểm thử trên PostgreSQL và có pg_dump.",
)

SCRATCH = "duluan_backup_check"


def _url(name: str) -> str:
    auth = DB["USER"] + (f":{DB['PASSWORD']}" if DB.get("PASSWORD") else "")
    return f"postgres://{auth}@{DB.get('HOST') or 'localhost'}:{DB.get('PORT') or 5432}/{name}"


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[dict[str, str]]:
    import psycopg

    admin = psycopg.connect(_url("postgres"), autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{SCRATCH}"')
    admin.execute(f'CREATE DATABASE "{SCRATCH}"')
    env = {k: v for k, v in os.environ.items() if not k.startswith("DULUAN_")}
    env.update(
        {
            "DULUAN_DATABASE_URL": _url(SCRATCH),
            "DULUAN_VAR_DIR": str(tmp_path / "var"),
            "DULUAN_HTTPS": "0",
        }
    )
    yield env
    admin.execute(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)')
    admin.close()


SCRIPT = """
from django.core.management import call_command, CommandError
from duluan.org.models import Unit
from duluan.org.services import unit_create
call_command("migrate", verbosity=0)
unit_create(code="PG1", name="Liên đoàn Lao động tỉnh Sao Lưu", level="LĐLĐ tỉnh")
call_command("backup", BACKUP)
Unit.objects.all().delete()
data = open(BACKUP, "rb").read()
open(CUT, "wb").write(data[: len(data) // 2])
try:
    call_command("restore", CUT)
except CommandError as exc:
    print("REFUSED", exc)
print("AFTER_REFUSAL", Unit.objects.count())
call_command("restore", BACKUP)
print("UNITS", Unit.objects.count())
"""


def test_postgres_backup_round_trip_and_truncation(scratch: dict[str, str], tmp_path: Path) -> None:
    header = f"BACKUP = {str(tmp_path / 'b.tar')!r}\nCUT = {str(tmp_path / 'cut.tar')!r}\n"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "duluan.cli", "shell", "-c", header + SCRIPT],
        cwd=ROOT,
        env=scratch,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Đã sao lưu (postgresql" in result.stdout
    assert "REFUSED" in result.stdout and "AFTER_REFUSAL 0" in result.stdout
    assert "UNITS 1" in result.stdout


LIVE_SCRIPT = """
import psycopg
from django.conf import settings
from django.core.management import call_command, CommandError
from duluan.org.models import Unit
from duluan.org.services import unit_create
call_command("migrate", verbosity=0)
unit_create(code="PG2", name="Liên đoàn Lao động tỉnh Đang Chạy", level="LĐLĐ tỉnh")
call_command("backup", BACKUP)
live = psycopg.connect(URL)  # another process's connection: the web server, say
try:
    call_command("restore", BACKUP)
except CommandError as exc:
    print("REFUSED", exc)
call_command("restore", BACKUP, force=True)
print("FORCED", Unit.objects.count())
live.close()
"""


def test_postgres_restore_refuses_while_others_are_connected(
    scratch: dict[str, str], tmp_path: Path
) -> None:
    header = f"BACKUP = {str(tmp_path / 'b.tar')!r}\nURL = {scratch['DULUAN_DATABASE_URL']!r}\n"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "duluan.cli", "shell", "-c", header + LIVE_SCRIPT],
        cwd=ROOT,
        env=scratch,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "REFUSED Cơ sở dữ liệu đang có 1 kết nối khác" in result.stdout
    assert "--force" in result.stdout
    assert "FORCED 1" in result.stdout
