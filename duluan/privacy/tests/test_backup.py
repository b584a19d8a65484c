"""`duluan backup` and `duluan restore` on a real SQLite file, in a subprocess
(a restore replaces the database file, which the test database cannot be)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="Sao lưu SQLite chạy khi kiểm thử trên SQLite.",
)


def _run(
    var: Path, *args: str, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DULUAN_")}
    env.update({"DULUAN_VAR_DIR": str(var), "DULUAN_HTTPS": "0", **(extra or {})})
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "duluan.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    var = tmp_path_factory.mktemp("template") / "var"
    result = _run(var, "migrate", "-v0")
    assert result.returncode == 0, result.stderr
    return var


@pytest.fixture
def var(migrated: Path, tmp_path: Path) -> Path:
    target = tmp_path / "var"
    shutil.copytree(migrated, target)
    return target


PRELUDE = """
from pathlib import Path
from django.conf import settings
from django.core.management import call_command, CommandError
from duluan.org.models import Unit
from duluan.org.services import unit_create
unit_create(code="BK1", name="Liên đoàn Lao động tỉnh Sao Lưu", level="LĐLĐ tỉnh")
media = Path(settings.MEDIA_ROOT) / "attachments" / "ab"
media.mkdir(parents=True, exist_ok=True)
(media / "abc").write_bytes(b"%PDF-1.4 tep dinh kem")
call_command("backup", BACKUP)
"""

ROUND_TRIP = """
Unit.objects.all().delete()
(media / "abc").unlink()
call_command("restore", BACKUP)
print("UNITS", Unit.objects.count(), (media / "abc").read_bytes()[:4])
"""

TRUNCATED = """
data = Path(BACKUP).read_bytes()
Path(CUT).write_bytes(data[: len(data) * 2 // 3])
flipped = bytearray(data); flipped[len(data) // 2] ^= 0xFF
Path(ALTERED).write_bytes(bytes(flipped))
Unit.objects.all().delete()
for name in (CUT, ALTERED):
    try:
        call_command("restore", name)
    except CommandError as exc:
        print("REFUSED", name, exc)
print("UNITS", Unit.objects.count())
call_command("restore", "--verify-only", BACKUP)
"""


TO_S3 = """
import json, os, tarfile
from django.test import override_settings
from duluan.core.storage import storages_setting
os.environ["DULUAN_STORAGE_BACKEND"] = "s3"
with override_settings(STORAGE_BACKEND="s3", STORAGES=storages_setting()):
    call_command("restore", BACKUP)  # a disk backup restored into S3: files uploaded
    call_command("restore", BACKUP)  # again: nothing more to upload
    call_command("backup", BUCKET_BACKUP)
with tarfile.open(BUCKET_BACKUP) as outer:
    manifest = json.load(outer.extractfile("manifest.json"))
    with tarfile.open(fileobj=outer.extractfile("media.tar")) as media_tar:
        print("MEDIA", manifest["media"], media_tar.getnames())
"""


def _script(body: str, **paths: Path) -> str:
    header = "".join(f"{name} = {str(path)!r}\n" for name, path in paths.items())
    return header + PRELUDE + body


def test_backup_then_restore_round_trip(var: Path, tmp_path: Path) -> None:
    result = _run(var, "shell", "-c", _script(ROUND_TRIP, BACKUP=tmp_path / "b.tar"))
    assert result.returncode == 0, result.stderr
    assert "Đã sao lưu" in result.stdout and "Đã khôi phục" in result.stdout
    assert "UNITS 1 b'%PDF'" in result.stdout


def test_truncated_or_altered_backup_is_refused_and_nothing_is_touched(
    var: Path, tmp_path: Path
) -> None:
    script = _script(
        TRUNCATED,
        BACKUP=tmp_path / "b.tar",
        CUT=tmp_path / "cut.tar",
        ALTERED=tmp_path / "altered.tar",
    )
    result = _run(var, "shell", "-c", script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("REFUSED") == 2
    assert "hỏng hoặc không đầy đủ" in result.stdout
    assert "UNITS 0" in result.stdout  # the refused restores changed nothing
    assert "Tệp sao lưu hợp lệ" in result.stdout


def test_backup_with_s3_holds_the_database_and_names_the_bucket(
    var: Path, tmp_path: Path, s3_server: str
) -> None:
    from duluan.core.tests.s3server import s3_client, s3_env

    client = s3_client(s3_server)
    client.create_bucket(Bucket="duluan-sao-luu")
    env = s3_env(s3_server, "duluan-sao-luu", "tinh")
    env.pop("DULUAN_STORAGE_BACKEND")  # the script switches to S3 after its disk backup
    script = _script(TO_S3, BACKUP=tmp_path / "b.tar", BUCKET_BACKUP=tmp_path / "s3.tar")
    result = _run(var, "shell", "-c", script, extra=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Đã tải 1 tệp đính kèm lên bucket S3") == 1
    assert "nằm trong bucket S3 duluan-sao-luu và không có trong bản sao lưu" in result.stdout
    assert "MEDIA {'storage': 's3', 'bucket': 'duluan-sao-luu', 'prefix': 'tinh'} []" in (
        result.stdout
    )
    body = client.get_object(Bucket="duluan-sao-luu", Key="tinh/attachments/ab/abc")["Body"]
    assert body.read() == b"%PDF-1.4 tep dinh kem"
