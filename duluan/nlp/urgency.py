"""Urgency signals: rules over diacritic-folded text, so "no luong" and "nợ lương" match.

Each signal has a stable code. A few signals are hot by themselves (a strike, a
work stoppage, a crowd, a death, a mass poisoning, a fire, an employer who
fled); wage arrears and mass lay-offs suggest a hot spot when the text also
says many people are affected.
"""

from __future__ import annotations

import re

from duluan.core.text import fold

SIGNALS: dict[str, tuple[str, tuple[str, ...]]] = {
    "dinh_cong": ("Đình công", ("dinh cong", "bai cong")),
    "ngung_viec": (
        "Ngừng việc",
        ("ngung viec", "ngung lam viec", "lan cong", "bo viec tap the", "dong loat nghi viec"),
    ),
    "tu_tap": (
        "Tụ tập đông người",
        ("tu tap", "tap trung dong nguoi", "keo ra cong", "keo nhau ra cong", "vay tru so"),
    ),
    "no_luong": (
        "Nợ lương",
        (
            "no luong",
            "cham tra luong",
            "cham luong",
            "chua tra luong",
            "chua duoc tra luong",
            "khong tra luong",
            "chua nhan duoc luong",
            "chua nhan luong",
            "quyt luong",
        ),
    ),
    "no_bhxh": (
        "Nợ bảo hiểm xã hội",
        (
            "no bao hiem",
            "no tien bao hiem",
            "cham dong bao hiem",
            "chua dong bao hiem",
            "tron dong bao hiem",
            "khong dong bao hiem",
            "khong chot so",
            "chua chot so",
        ),
    ),
    "tai_nan": (
        "Tai nạn lao động",
        ("tai nan lao dong", "bi tai nan", "tai nan nghiem trong", "bi thuong nang", "kep tay"),
    ),
    "tu_vong": ("Có người tử vong", ("tu vong", "thiet mang", "chet nguoi", "qua doi tai")),
    "ngo_doc": ("Ngộ độc", ("ngo doc",)),
    "chay_no": ("Cháy, nổ", ("chay no", "vu chay", "hoa hoan", "chay xuong", "no lo hoi")),
    "cat_giam": (
        "Cắt giảm lao động hàng loạt",
        (
            "cat giam hang loat",
            "cat giam lao dong",
            "cat giam nhan su",
            "sa thai",
            "cho thoi viec hang loat",
            "cho nghi viec hang loat",
            "giam bien che",
        ),
    ),
    "bo_tron": ("Chủ doanh nghiệp bỏ trốn", ("bo tron", "chu bo di", "giam doc bien mat")),
}

HOT_BY_ITSELF = frozenset({"dinh_cong", "ngung_viec", "tu_tap", "tu_vong", "ngo_doc", "bo_tron"})
HOT_WHEN_MANY = frozenset({"no_luong", "no_bhxh", "cat_giam", "chay_no", "tai_nan"})

_MANY = re.compile(
    r"\b(?:hang tram|hang nghin|hang ngan|toan bo|toan the|tat ca|rat nhieu|hang loat"
    r"|(?:[5-9]\d|[1-9]\d{2,})\s*(?:nguoi|cong nhan|lao dong|nld|ca|truong hop))\b"
)
_PATTERNS = [
    (code, re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b"))
    for code, (_label, phrases) in SIGNALS.items()
]


def urgency_signals(text: str) -> list[str]:
    """Codes of the signals found in ``text`` (any casing, with or without diacritics)."""
    folded = fold(text)
    return [code for code, pattern in _PATTERNS if pattern.search(folded)]


def suggests_hot_spot(text: str, signals: list[str]) -> bool:
    if HOT_BY_ITSELF.intersection(signals):
        return True
    return bool(HOT_WHEN_MANY.intersection(signals)) and bool(_MANY.search(fold(text)))


def signal_label(code: str) -> str:
    return SIGNALS[code][0] if code in SIGNALS else code
