"""Cell values: turning what a reader returns into text, and making exports safe."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

# A spreadsheet treats a cell that starts with one of these as a formula
# ("=HYPERLINK(...)", "+cmd|...", "@SUM(...)"), or as a DDE call ("|"); tab, CR
# and LF hide the same trick, and so does leading whitespace. The full-width
# forms (U+FF1D ＝, U+FF0B ＋, U+FF0D －, U+FF20 ＠) are what an East Asian
# input method types, and some spreadsheet programs read them as the ASCII ones.
# The rule follows OWASP's "CSV Injection" guidance, widened to those forms.
FORMULA_PREFIXES = ("=", "+", "-", "@", "|", "\t", "\r", "\n", "＝", "＋", "－", "＠")

Cell = str | int | float | bool | date | datetime | time | timedelta | None


def escape_formula(value: Cell) -> Cell:
    """A value safe to write to a spreadsheet: text that looks like a formula gets
    a leading apostrophe, so Excel and LibreOffice show it instead of running it.

    Numbers (negative ones included) are left alone; they are never formulas.
    Every exporter (CSV and XLSX) writes text through this function.
    """
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def looks_like_formula(text: str) -> bool:
    """Whether ``text`` starts, or starts after whitespace, with a formula prefix."""
    return text.startswith(FORMULA_PREFIXES) or text.lstrip().startswith(FORMULA_PREFIXES)


def escape_row(values: list[Cell]) -> list[Cell]:
    return [escape_formula(value) for value in values]


def unescape_formula(text: str) -> str:
    """Undo :func:`escape_formula`, so an exported file imports back unchanged."""
    if text.startswith("'") and looks_like_formula(text[1:]):
        return text[1:]
    return text


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Cell) -> str:
    """The text a person typed: ``1001.0`` (a code typed as a number) is ``"1001"``."""
    if type(value) is str:  # the common case first: this runs for every cell
        text = value.strip()
        return unescape_formula(text).strip() if text[:1] == "'" else text
    if value is None:
        return ""
    if isinstance(value, str):
        return unescape_formula(value.strip())
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def shorten(text: str, limit: int = 60) -> str:
    """A value quoted in an error message: one line, not a whole paragraph."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def vn_int(number: int) -> str:
    """1234567 → "1.234.567", as Vietnamese readers write it."""
    return f"{number:,}".replace(",", ".")
