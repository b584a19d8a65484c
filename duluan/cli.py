"""The ``duluan`` console command: a thin wrapper around manage.py."""

from __future__ import annotations

import os
import sys


def command_name(name: str) -> str:
    """``import-reports`` → ``import_reports``: Django commands are module names,
    people type hyphens. Options (``--help``) pass through unchanged."""
    return name if name.startswith("-") else name.replace("-", "_")


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "duluan"
    if len(args) > 1:
        args[1] = command_name(args[1])
    if len(args) > 2 and args[1] == "help":
        args[2] = command_name(args[2])
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
