"""One demo province for the whole module: building it takes a few seconds."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings

LABELS = Path(__file__).resolve().parents[3] / ".." / "shared" / "taxonomy" / "labels.csv"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
REPORTS = 2000
SEED = 7


@dataclass
class Loaded:
    accounts: list[dict[str, Any]]
    output: str


@pytest.fixture(scope="module")
def demo(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Loaded]:
    """The demo loaded once per test module, inside a transaction rolled back at the end.

    Each test's own transaction nests inside it as a savepoint, so nothing the
    demo writes (units, accounts, levels, reports) outlives the module.
    """
    path = tmp_path_factory.mktemp("demo") / "accounts.json"
    out = StringIO()
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # What the real command's commit would set off (hot-spot notices to every
            # ancestor) runs here too, inside the transaction that is rolled back.
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command(
                    "demo",
                    "--reports",
                    str(REPORTS),
                    "--seed",
                    str(SEED),
                    "--accounts-json",
                    str(path),
                    stdout=out,
                    stderr=StringIO(),
                )
            yield Loaded(json.loads(path.read_text(encoding="utf-8")), out.getvalue())
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="session")
def taxonomy() -> dict[str, set[str]]:
    """Codes by dimension from shared/taxonomy/labels.csv."""
    if not LABELS.exists():
        pytest.skip(f"taxonomy file not found at {LABELS} (shared/ is not checked out here)")
    codes: dict[str, set[str]] = {}
    with LABELS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            codes.setdefault(row["dimension"], set()).add(row["code"])
    return codes
