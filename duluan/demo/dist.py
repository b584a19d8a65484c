"""The shape of the data: how often each topic, kind, channel, source quality and
crowd size occurs, and how reporters misjudge what they heard."""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import accumulate

from .issues import KINDS, TOPICS

BASE_SHARE: dict[str, float] = {
    "tien_luong": 14,
    "thuong_phuc_loi": 7,
    "viec_lam": 8,
    "hop_dong": 5,
    "bao_hiem": 9,
    "thoi_gio": 8,
    "an_toan": 7,
    "doi_song": 8,
    "quan_ly_doi_xu": 6,
    "dan_chu_co_so": 4,
    "cong_doan": 6,
    "chinh_sach": 7,
    "tranh_chap": 2,
    "thi_dua": 4,
    "xa_hoi": 4,
    "khac": 1.5,
}
# Sector → topic multipliers (missing topics: 1).
SECTOR_MULT: dict[str, dict[str, float]] = {
    "F": {"chinh_sach": 0.5, "thi_dua": 0.7},
    "L": {"chinh_sach": 0.6, "cong_doan": 1.2},
    "C": {"an_toan": 1.8, "tien_luong": 1.3, "doi_song": 0.8, "chinh_sach": 0.6},
    "S": {
        "thuong_phuc_loi": 0.5,
        "viec_lam": 0.3,
        "hop_dong": 0.6,
        "thoi_gio": 0.5,
        "an_toan": 0.3,
        "doi_song": 0.6,
        "chinh_sach": 2.5,
        "thi_dua": 2.0,
        "tranh_chap": 0.05,
        "quan_ly_doi_xu": 0.6,
        "dan_chu_co_so": 1.2,
        "bao_hiem": 0.6,
    },
    "H": {
        "thoi_gio": 1.5,
        "tien_luong": 1.3,
        "chinh_sach": 1.8,
        "viec_lam": 0.4,
        "tranh_chap": 0.05,
        "thi_dua": 1.5,
        "an_toan": 0.8,
    },
    "A": {
        "chinh_sach": 3.5,
        "viec_lam": 0.6,
        "an_toan": 0.1,
        "thoi_gio": 0.5,
        "tranh_chap": 0.02,
        "thi_dua": 2.0,
        "thuong_phuc_loi": 0.4,
        "hop_dong": 0.3,
        "doi_song": 0.6,
    },
    "P": {"chinh_sach": 2.0, "xa_hoi": 3.0, "doi_song": 1.5, "tranh_chap": 0.6},
}
# Topic → weights over KINDS (khieu_nai, kien_nghi, cau_hoi, khen_ngoi, thong_tin, tin_don).
KIND_WEIGHTS: dict[str, tuple[float, ...]] = {
    "tien_luong": (34, 22, 14, 6, 18, 6),
    "thuong_phuc_loi": (22, 22, 16, 14, 20, 6),
    "viec_lam": (22, 18, 14, 5, 30, 11),
    "hop_dong": (30, 22, 26, 4, 16, 2),
    "bao_hiem": (22, 16, 34, 5, 15, 8),
    "thoi_gio": (32, 24, 14, 6, 22, 2),
    "an_toan": (30, 30, 6, 8, 26, 0),
    "doi_song": (18, 32, 12, 8, 26, 4),
    "quan_ly_doi_xu": (45, 20, 8, 6, 17, 4),
    "dan_chu_co_so": (16, 30, 10, 16, 28, 0),
    "cong_doan": (10, 24, 16, 30, 20, 2),
    "chinh_sach": (6, 16, 28, 14, 24, 12),
    "tranh_chap": (30, 20, 5, 5, 35, 5),
    "thi_dua": (10, 16, 8, 38, 28, 0),
    "xa_hoi": (10, 18, 8, 10, 50, 4),
    "khac": (10, 20, 20, 10, 40, 0),
}
# Kind → weights over (tieu_cuc, trung_lap, tich_cuc).
SENTIMENT_WEIGHTS: dict[str, tuple[float, float, float]] = {
    "khieu_nai": (1, 0, 0),
    "kien_nghi": (0.55, 0.45, 0),
    "cau_hoi": (0.2, 0.8, 0),
    "khen_ngoi": (0, 0, 1),
    "thong_tin": (0.45, 0.35, 0.2),
    "tin_don": (0.75, 0.25, 0),
}
SENTIMENTS = ("tieu_cuc", "trung_lap", "tich_cuc")
CHANNELS = (
    "truc_tiep",
    "mang_xa_hoi",
    "dien_thoai",
    "giao_ban",
    "doi_thoai",
    "khao_sat",
    "email",
    "van_ban",
    "bao_chi",
    "khac",
)
ROLE_CHANNELS: dict[str, tuple[float, ...]] = {
    "collaborator": (46, 16, 10, 8, 5, 4, 2, 3, 2, 4),
    "reporter": (25, 4, 0, 30, 25, 10, 0, 0, 4, 2),
    "staff": (10, 3, 6, 15, 15, 8, 4, 35, 4, 0),
}
ROLE_REGISTERS: dict[str, tuple[float, float, float]] = {  # formal, note, quick
    "collaborator": (0.05, 0.5, 0.45),
    "reporter": (0.55, 0.45, 0.0),
    "staff": (0.9, 0.1, 0.0),
}
VERIFS = ("chung_kien", "nhieu_nguon", "mot_nguon", "khong_kiem_chung")
VERIF_BY_CHANNEL: dict[str, tuple[float, ...]] = {
    "truc_tiep": (35, 30, 35, 0),
    "mang_xa_hoi": (0, 25, 40, 35),
    "dien_thoai": (0, 15, 65, 20),
    "email": (0, 15, 65, 20),
    "giao_ban": (40, 45, 15, 0),
    "doi_thoai": (40, 45, 15, 0),
    "khao_sat": (0, 85, 15, 0),
    "bao_chi": (0, 60, 40, 0),
    "van_ban": (30, 55, 15, 0),
    "khac": (0, 30, 50, 20),
}
VERIF_RUMOUR = (0, 10, 35, 55)
# Hours of the day a channel is used (0-23).
HOURS: dict[str, tuple[float, ...]] = {
    "people": (0, 0, 0, 0, 0, 0, 2, 6, 4, 3, 3, 6, 6, 4, 3, 3, 4, 6, 5, 4, 3, 2, 1, 0),
    "social": (1, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 4, 5, 3, 2, 2, 2, 3, 4, 6, 8, 8, 6, 3),
    "office": (0, 0, 0, 0, 0, 0, 0, 2, 6, 8, 8, 6, 1, 2, 7, 8, 6, 2, 0, 0, 0, 0, 0, 0),
}
HOUR_GROUP = {
    "truc_tiep": "people",
    "dien_thoai": "people",
    "mang_xa_hoi": "social",
    "khac": "people",
}
# How a reporter's own reading differs from the truth.
MOOD_READING: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {
    "tieu_cuc": (("tieu_cuc", "trung_lap", "trai_chieu"), (88, 7, 5)),
    "trung_lap": (("trung_lap", "tieu_cuc", "tich_cuc", "trai_chieu"), (78, 15, 4, 3)),
    "tich_cuc": (("tich_cuc", "trung_lap", "trai_chieu"), (87, 10, 3)),
}
KIND_CONFUSION: dict[str, tuple[str, ...]] = {
    "khieu_nai": ("kien_nghi", "thong_tin"),
    "kien_nghi": ("khieu_nai", "thong_tin"),
    "cau_hoi": ("kien_nghi", "thong_tin"),
    "khen_ngoi": ("thong_tin",),
    "thong_tin": ("khieu_nai", "kien_nghi", "tin_don"),
    "tin_don": ("thong_tin", "thong_tin", "khieu_nai"),
}
URGENCY_READING: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {
    "binh_thuong": (("binh_thuong", "can_chu_y"), (92, 8)),
    "can_chu_y": (("can_chu_y", "binh_thuong", "diem_nong"), (75, 20, 5)),
    "diem_nong": (("diem_nong", "can_chu_y"), (85, 15)),
}


class Picker:
    """Weighted choice with the cumulative weights computed once."""

    def __init__(self, items: Sequence[str], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum = list(accumulate(weights))

    def __call__(self, rng: random.Random) -> str:
        return rng.choices(self.items, cum_weights=self.cum)[0]


def _pickers(table: dict[str, tuple[float, ...]], items: Sequence[str]) -> dict[str, Picker]:
    return {key: Picker(items, weights) for key, weights in table.items()}


CHANNEL_PICK = _pickers(ROLE_CHANNELS, CHANNELS)
VERIF_PICK = _pickers(VERIF_BY_CHANNEL, VERIFS)
RUMOUR_VERIF_PICK = Picker(VERIFS, VERIF_RUMOUR)
HOUR_PICK = _pickers(HOURS, [str(h) for h in range(24)])
MOOD_PICK = {k: Picker(*v) for k, v in MOOD_READING.items()}
URGENCY_PICK = {k: Picker(*v) for k, v in URGENCY_READING.items()}
RUMOUR_CHANNEL_PICK = Picker(("mang_xa_hoi", "truc_tiep", "dien_thoai"), (65, 25, 10))


def topic_weights(sector: str, season: dict[str, float], boost: dict[str, float]) -> list[float]:
    mult = SECTOR_MULT.get(sector, {})
    return [BASE_SHARE[t] * season[t] * mult.get(t, 1.0) * boost.get(t, 1.0) for t in TOPICS]


def pick_kind(rng: random.Random, topic: str, allowed: Sequence[str]) -> str:
    weights = [w if k in allowed else 0.0 for k, w in zip(KINDS, KIND_WEIGHTS[topic], strict=True)]
    if not any(weights):
        return allowed[0]
    return rng.choices(KINDS, weights)[0]


def pick_sentiment(rng: random.Random, kind: str, positive_ok: bool) -> str:
    neg, neu, pos = SENTIMENT_WEIGHTS[kind]
    if not positive_ok and kind != "khen_ngoi":
        pos = 0.0
    return rng.choices(SENTIMENTS, (neg, neu, pos))[0]


def pick_urgency(rng: random.Random, topic: str, kind: str, sentiment: str) -> str:
    if sentiment != "tieu_cuc" or kind in ("cau_hoi", "khen_ngoi"):
        return "binh_thuong"
    hot = 0.04 if topic in ("tranh_chap", "an_toan") else 0.01 if topic == "tien_luong" else 0
    attention = 0.5 if topic == "tranh_chap" else 0.22
    roll = rng.random()
    if kind in ("khieu_nai", "thong_tin") and roll < hot:
        return "diem_nong"
    return "can_chu_y" if roll < hot + attention else "binh_thuong"


def people_count(rng: random.Random, urgency: str, kind: str, members: int) -> int | None:
    if rng.random() < 0.12:
        return None
    if urgency == "diem_nong":
        value = rng.randint(50, 1500)
    elif urgency == "can_chu_y":
        value = rng.choice((20, 30, 40, 50, 70, 80, 100, 150, 200, 300))
    elif kind == "cau_hoi":
        value = rng.choice((1, 1, 2, 3, 5, 10, 20))
    else:
        value = rng.choice((1, 2, 3, 5, 5, 8, 10, 10, 15, 20, 30, 40, 50, 80, 100))
    return max(1, min(value, members)) if members else value


def read_kind(rng: random.Random, kind: str) -> str:
    miss = 0.27 if kind == "tin_don" else 0.12
    return rng.choice(KIND_CONFUSION[kind]) if rng.random() < miss else kind
