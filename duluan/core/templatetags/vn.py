"""Vietnamese display conventions: 1.234.567, 12,5 %, dd/mm/yyyy HH:MM."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def vn_number(value: object, decimals: int = 0) -> str:
    if value is None or value == "":
        return ""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    text = f"{number:,.{int(decimals)}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


@register.filter
def vn_percent(value: object, decimals: int = 1) -> str:
    formatted = vn_number(value, decimals)
    return f"{formatted} %" if formatted else ""


@register.filter
def vn_cell(value: object) -> str:
    """A table cell as the documents write it (``reporting.documents.fmt``): counts
    grouped (1.914), shares with one decimal after a comma (16,9), "—" for a hidden
    value; text as it is."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int):
        return vn_number(value)
    if isinstance(value, float):
        return vn_number(value, 1)
    return str(value)


@register.filter
def vn_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.strftime("%d/%m/%Y")


@register.filter
def vn_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return local.strftime("%d/%m/%Y %H:%M")


@register.filter
def list_at(values: list[object] | None, index: int) -> object:
    """``values[index]``, or ``""`` past the end (tables whose rows may carry a link)."""
    if not values or index >= len(values):
        return ""
    return values[index]


@register.filter
def measure_definition(code: str) -> str:
    """The registered definition of a figure's code (``core.measures``), for a
    ``title``/footnote; empty when the code is not a registered measure."""
    from duluan.core import measures

    found = measures.get(str(code))
    return found.definition if found else ""
