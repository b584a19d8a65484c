"""The calendar behind the demo: lunar Tết and how topics rise and fall in a year.

Multipliers, not probabilities: :func:`topic_season` scales each topic's base
weight for a day; :func:`volume_factor` scales the number of reports heard.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

# First day of the lunar new year.
TET_DAYS: dict[int, date] = {
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 3),
    2031: date(2031, 1, 23),
    2032: date(2032, 2, 11),
    2033: date(2033, 1, 31),
    2034: date(2034, 2, 19),
    2035: date(2035, 2, 8),
}
_STEMS = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
_BRANCHES = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")


def tet_of(year: int) -> date:
    return TET_DAYS.get(year, date(year, 2, 5))


def tet_offset(day: date) -> tuple[int, date]:
    """Days until the nearest Tết (negative once it has passed) and that Tết."""
    candidates = [tet_of(day.year - 1), tet_of(day.year), tet_of(day.year + 1)]
    nearest = min(candidates, key=lambda tet: abs((tet - day).days))
    return (nearest - day).days, nearest


def next_tet(day: date) -> date:
    tet = tet_of(day.year)
    return tet if tet >= day - timedelta(days=10) else tet_of(day.year + 1)


def lunar_year_name(year: int) -> str:
    return f"{_STEMS[(year - 4) % 10]} {_BRANCHES[(year - 4) % 12]}"


def _bump(value: float, centre: float, width: float) -> float:
    return math.exp(-(((value - centre) / width) ** 2))


def _in(day: date, months: tuple[int, ...]) -> bool:
    return day.month in months


def topic_season(day: date) -> dict[str, float]:
    """How much more (or less) each topic is talked about on ``day``."""
    to_tet, _ = tet_offset(day)
    before_tet = _bump(to_tet, 35, 40) if -7 <= to_tet <= 130 else 0.0
    after_tet = 1.0 if -45 <= to_tet <= 0 else 0.0
    heat = {4: 1.5, 5: 2.2, 6: 2.5, 7: 2.2, 8: 1.4}.get(day.month, 1.0)
    m = day.month
    return {
        "tien_luong": 1.0 + 0.35 * before_tet + (0.2 if m in (1, 7) else 0.0),
        "thuong_phuc_loi": 1.0 + 6.0 * before_tet + (0.3 if m in (6, 7) else 0.0),
        "viec_lam": 1.0 + 0.5 * after_tet,
        "hop_dong": 1.0 + 0.5 * after_tet,
        "bao_hiem": 1.3 if m in (6, 7) else 1.0,
        "thoi_gio": (1.5 if m in (9, 10, 11, 12) else 1.0)
        + 0.3 * before_tet
        + (0.3 if (m == 4 and day.day > 15) or (m == 8 and day.day > 20) else 0.0),
        "an_toan": heat,
        "doi_song": 1.0 + 0.8 * after_tet + (0.5 if (m == 8 and day.day > 10) or m == 9 else 0.0),
        "quan_ly_doi_xu": 1.0,
        "dan_chu_co_so": 1.8 if m in (12, 1, 2, 3) else (1.2 if m in (6, 9) else 1.0),
        "cong_doan": {5: 1.6, 1: 1.4, 7: 1.3}.get(m, 1.0) + 0.3 * before_tet,
        "chinh_sach": 1.3 if m in (6, 7) else 1.0,
        "tranh_chap": 1.0 + 0.6 * before_tet,
        "thi_dua": {5: 1.8, 11: 1.8, 12: 1.8, 7: 1.3}.get(m, 1.0),
        "xa_hoi": (1.8 if m in (8, 9, 10) else 1.0) + (0.5 if 10 <= to_tet <= 40 else 0.0),
        "khac": 1.0,
    }


def volume_factor(day: date) -> float:
    """Fewer reports on Sundays and over the Tết holiday, a busy run-up before it."""
    weekday = (1.1, 1.05, 1.05, 1.0, 1.0, 0.75, 0.35)[day.weekday()]
    to_tet, _ = tet_offset(day)
    if -4 <= to_tet <= 5:
        holiday = 0.2
    elif -10 <= to_tet < -4:
        holiday = 0.6
    elif 5 < to_tet <= 14:
        holiday = 1.2
    else:
        holiday = 1.0
    for month, dom in ((4, 30), (5, 1), (9, 2), (1, 1)):
        if day.month == month and day.day == dom:
            holiday = min(holiday, 0.4)
    return weekday * holiday


def issue_season(day: date) -> dict[str, float]:
    """Weights of seasonal issues within their topic on ``day``."""
    to_tet, _ = tet_offset(day)
    before = _bump(to_tet, 35, 40) if -7 <= to_tet <= 130 else 0.0
    after = 1.0 if -45 <= to_tet <= 0 else 0.0
    heat = {4: 1.0, 5: 2.0, 6: 2.5, 7: 2.0, 8: 1.0}.get(day.month, 0.05)
    return {
        "tet": 0.05 + 3.0 * before,
        "after_tet": 0.3 + 2.0 * after,
        "heat": heat,
        "storm": 1.5 if day.month in (7, 8, 9, 10, 11) else 0.1,
    }
