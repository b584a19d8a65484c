"""Start-up checks of hostile-input defences that a dependency change could undo."""

from __future__ import annotations

from typing import Any

from django.core import checks


@checks.register(checks.Tags.security)
def openpyxl_uses_defusedxml(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from openpyxl import xml as openpyxl_xml

    if not getattr(openpyxl_xml, "DEFUSEDXML", False):
        return [
            checks.Error(
                "openpyxl is not using defusedxml: spreadsheet XML could expand entities.",
                hint="Install defusedxml in the same environment as openpyxl.",
                id="duluan.E002",
            )
        ]
    return []
