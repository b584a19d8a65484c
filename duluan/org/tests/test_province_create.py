"""``duluan province-create``: the first unit and admin of a fresh province."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from duluan.org.choices import Role
from duluan.org.models import RoleAssignment, Unit, User

pytestmark = pytest.mark.django_db


def test_creates_root_unit_and_admin(tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("mot-mat-khau-rat-dai-2026\n", encoding="utf-8")
    call_command(
        "province_create",
        "--code=SH",
        "--name=Liên đoàn Lao động tỉnh Sông Hồng",
        "--admin=quantri",
        f"--password-file={secret}",
        "--superuser",
    )
    unit = Unit.objects.get(code="SH")
    assert unit.is_root()
    user = User.objects.get(username="quantri")
    assert user.check_password("mot-mat-khau-rat-dai-2026")
    assert user.is_superuser and user.is_staff
    assert RoleAssignment.objects.filter(user=user, unit=unit, role=Role.ADMIN).exists()

    with pytest.raises(CommandError, match="đã có đơn vị gốc"):
        call_command(
            "province_create",
            "--code=SH2",
            "--name=Tỉnh khác",
            "--admin=quantri2",
            f"--password-file={secret}",
        )


def test_refuses_a_weak_password(tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("123\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command(
            "province_create", "--code=SH", "--name=Tỉnh", "--admin=qt", f"--password-file={secret}"
        )
    assert not Unit.objects.exists()
