"""Detect and mask personal data in free text (phones, e-mails, ID numbers, names).

Rules, not a model: they are predictable, fast, and explainable to an
inspector. The text-analytics pipeline reuses :func:`find_pii` as a step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_NAME_WORD = f"[{_UPPER}][{_LOWER}]+"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (
        "phone",
        re.compile(r"(?<![\d])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?![\d])"),
    ),
    ("id_number", re.compile(r"(?<![\d])(?:\d{12}|\d{9})(?![\d])")),
    (
        "name",
        re.compile(
            rf"\b(?:anh|chị|ông|bà|cô|chú|bác|em|đồng chí|Anh|Chị|Ông|Bà|Cô|Chú|Bác|Em) "
            rf"(?P<pii>{_NAME_WORD}(?: {_NAME_WORD}){{0,3}})"
        ),
    ),
]

LABELS = {
    "email": "[email]",
    "phone": "[số điện thoại]",
    "id_number": "[số giấy tờ]",
    "name": "[tên]",
}


@dataclass(frozen=True)
class PiiSpan:
    kind: str
    start: int
    end: int
    text: str


def find_pii(text: str) -> list[PiiSpan]:
    """Non-overlapping spans of personal data, in text order."""
    spans: list[PiiSpan] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            # A pattern may name the part to mask ("pii"); the rest is context.
            group = "pii" if "pii" in pattern.groupindex else 0
            start, end = match.span(group)
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            spans.append(PiiSpan(kind, start, end, match.group(group)))
    return sorted(spans, key=lambda s: s.start)


def mask_pii(text: str) -> str:
    """The text with every detected span replaced by its label."""
    out: list[str] = []
    last = 0
    for span in find_pii(text):
        out.append(text[last : span.start])
        out.append(LABELS[span.kind])
        last = span.end
    out.append(text[last:])
    return "".join(out)
