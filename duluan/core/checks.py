"""Start-up checks of hostile-input defences that a dependency change could undo."""

from __future__ import annotations

import os
import sys
from importlib.util import find_spec
from typing import Any

from django.core import checks


@checks.register(checks.Tags.security)
def openpyxl_uses_defusedxml(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if not openpyxl_defusedxml():
        return [
            checks.Error(
                "openpyxl is not using defusedxml: spreadsheet XML could expand entities.",
                hint="Install defusedxml in the same environment as openpyxl.",
                id="duluan.E002",
            )
        ]
    return []


def openpyxl_defusedxml() -> bool:
    """``openpyxl.xml.DEFUSEDXML``, without importing openpyxl (and the NumPy it
    brings) into every process that runs the checks: openpyxl's own rule is
    "defusedxml importable and OPENPYXL_DEFUSEDXML not turned off"."""
    loaded = sys.modules.get("openpyxl.xml")
    if loaded is not None:
        return bool(getattr(loaded, "DEFUSEDXML", False))
    return (
        find_spec("defusedxml") is not None
        and os.environ.get("OPENPYXL_DEFUSEDXML", "True") == "True"
    )
