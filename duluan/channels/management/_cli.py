"""Helpers shared by the channels' commands."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import CommandError


def read_input(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    if not path.is_file():
        raise CommandError(f"Không thấy tệp «{name}».")
    return path.read_bytes()
