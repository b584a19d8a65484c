"""The erasure ledger: an append-only file outside the database.

A backup restored after an erasure would bring the erased data back; `duluan
restore` therefore re-applies every ledger entry. Entries hold keys (ids and
keyed hashes), never the erased data.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from django.conf import settings


def ledger_path() -> Path:
    return Path(settings.ERASURE_LEDGER)


def ledger_append(entry: dict[str, Any]) -> None:
    path = ledger_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())


def ledger_entries() -> list[dict[str, Any]]:
    path = ledger_path()
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entries.append(json.loads(line))
    return entries
