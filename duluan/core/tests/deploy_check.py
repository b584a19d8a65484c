"""Run ``duluan check --deploy`` in a process of its own, with production settings given
only by the environment (none of the test run's ``DULUAN_*``)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def deploy_check(tmp_path: Path, *options: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """``extra``: more environment (``DULUAN_DEBUG=1`` …); ``options``: more arguments."""
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
            **extra,
        }
    )
    return subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "-m", "duluan.cli", "check", "--deploy", *options],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
