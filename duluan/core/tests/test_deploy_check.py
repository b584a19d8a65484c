"""`duluan check --deploy` is clean with production settings given only by the environment."""

from __future__ import annotations

from pathlib import Path

from .deploy_check import deploy_check


def test_deploy_check_reports_no_issue(tmp_path: Path) -> None:
    result = deploy_check(tmp_path, "--fail-level", "WARNING")
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


def test_deploy_check_refuses_demo_mode_with_two_factor_waived(tmp_path: Path) -> None:
    result = deploy_check(tmp_path, DULUAN_DEBUG="0", DULUAN_DEMO_MODE="1", DULUAN_WAIVE_2FA="1")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "duluan.E011" in output and "DULUAN_DEMO_MODE is on" in output
    assert "duluan.E012" in output and "Two-factor sign-in is waived" in output


def test_deploy_check_refuses_debug(tmp_path: Path) -> None:
    result = deploy_check(tmp_path, DULUAN_DEBUG="1")
    assert result.returncode != 0
    assert "duluan.E010" in result.stdout + result.stderr


def test_deploy_check_on_postgres_wants_broker_cache_and_pooled_connections(
    tmp_path: Path,
) -> None:
    # Checks read settings only: the database need not answer.
    result = deploy_check(
        tmp_path,
        DULUAN_DEBUG="0",
        DULUAN_DATABASE_URL="postgres://duluan@127.0.0.1:1/duluan",
        DULUAN_DATABASE_CONN_MAX_AGE="0",
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for code in ("E013", "E014", "E015"):
        assert f"duluan.{code}" in output, output
    configured = deploy_check(
        tmp_path,
        DULUAN_DEBUG="0",
        DULUAN_DATABASE_URL="postgres://duluan@127.0.0.1:1/duluan",
        DULUAN_BROKER_URL="redis://127.0.0.1:6379/0",
        DULUAN_CACHE_URL="redis://127.0.0.1:6379/1",
    )
    assert "duluan.E01" not in configured.stdout + configured.stderr, configured.stderr
