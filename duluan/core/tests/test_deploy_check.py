"""`duluan check --deploy` is clean with production settings given only by the environment."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_deploy_check_reports_no_issue(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DULUAN_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(
        {
            "DULUAN_DEBUG": "0",
            "DULUAN_SECRET_KEY": secrets.token_urlsafe(50),
            "DULUAN_ALLOWED_HOSTS": "example.org",
            "DULUAN_VAR_DIR": str(tmp_path),
        }
    )
    result = subprocess.run(
        [sys.executable, "-m", "duluan.cli", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_passwords_are_hashed_with_argon2(org_tree, settings) -> None:
    from django.contrib.auth.hashers import make_password

    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    assert make_password("mot-mat-khau-dai").startswith("argon2$")
    from django.conf import settings as live

    assert live.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
