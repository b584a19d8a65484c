"""Named measures: one definition for each figure the product shows.

A figure that appears in a document, on the dashboard or the briefing, in an
export or in the API carries a stable ``code`` (:class:`core.extensions.Figure`).
The app that owns the data declares that code here once, with its Vietnamese
label and a one-sentence definition (what is counted, over which rows, by which
date), in a module named ``measures`` that calls :func:`define`. Pages show the
definition as a tooltip, documents as a footnote, the API in its description;
``duluan/core/tests/test_measures.py`` keeps codes unique, and each app's tests
compare the same code across the places it appears.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Measure:
    code: str
    label: str
    definition: str
    unit: str = ""  # "" for a count, "%" for a share, "ngày" for durations…


_MEASURES: dict[str, Measure] = {}
_discovered = False


def define(code: str, label: str, definition: str, unit: str = "") -> Measure:
    """Declare a measure (import time of an app's ``measures`` module); a second,
    different definition of one code is a programming error."""
    entry = Measure(code=code, label=label, definition=definition, unit=unit)
    known = _MEASURES.get(code)
    if known is not None and known != entry:
        raise ValueError(f"measure {code!r} is defined twice, differently")
    _MEASURES[code] = entry
    return entry


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("measures")
        _discovered = True


def get(code: str) -> Measure | None:
    _discover()
    return _MEASURES.get(code)


def all_measures() -> list[Measure]:
    _discover()
    return sorted(_MEASURES.values(), key=lambda m: m.code)
