"""Test-wide environment, loaded by pytest as a plugin (-p) before Django reads settings."""

import os
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DULUAN_HTTPS", "0")
os.environ.setdefault("DULUAN_STATIC_FINDERS", "0")
os.environ.setdefault("DULUAN_TASKS_EAGER", "1")  # tasks run in the test, broker or not
os.environ.setdefault("DULUAN_VAR_DIR", str(_ROOT / "var" / "test"))
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in tests
