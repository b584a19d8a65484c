"""Vietnamese text helpers: NFC storage, diacritic-insensitive search keys, sorting."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Old-style tone placement ("hoà", "thuý", "luơng") normalised to one key by
# folding every mark away; the fold is what search compares.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(text: str) -> str:
    """Store text as NFC with ``\n`` line breaks, trimmed at the ends."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch.translate(_SPECIAL))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()


# One translate table for the Latin range (precomposed letters and combining
# marks): folding a long text is then a single C-level pass.
_FOLD_TABLE = {
    code: _fold_char(chr(code))
    for code in list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00))
}
_FOLD_TABLE.update({code: None for code in range(0x300, 0x370)})  # type: ignore[misc]


def fold(text: str) -> str:
    """A search key: lower case, no diacritics, đ→d, single spaces.

    ``fold("Nợ LƯƠNG")`` == ``fold("no luong")`` == ``fold("nợ luơng")``.
    """
    folded = text.translate(_FOLD_TABLE)
    if not folded.isascii():  # rare scripts fall back to the general path
        folded = "".join(_fold_char(ch) for ch in unicodedata.normalize("NFD", folded))
    return _SPACES.sub(" ", folded.lower()).strip()


_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_ORDER = {ch: i for i, ch in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letter_key(ch: str) -> tuple[int, int]:
    decomposed = unicodedata.normalize("NFD", ch.lower())
    tone = 0
    base = ""
    for part in decomposed:
        if part in _TONES:
            tone = _TONES[part]
        else:
            base += part
    base = unicodedata.normalize("NFC", base)
    if base in _ORDER:
        return (_ORDER[base], tone)
    return (100 + ord(base[0]) if base else 0, tone)


def vn_sort_key(text: str) -> tuple[tuple[int, int], ...]:
    """Sort key in Vietnamese alphabetical order (a ă â b c d đ e ê ...), tones last."""
    normalised = unicodedata.normalize("NFC", text)
    letters = tuple(_letter_key(ch) for ch in normalised)
    tones = tuple((0, t) for _, t in letters)
    return tuple((b, 0) for b, _ in letters) + tones


__all__ = ["fold", "nfc", "vn_sort_key"]
