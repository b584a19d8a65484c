"""Slot values for the templates: numbers, money, dates and the words a given
workplace uses, drawn once per report so the same slot reads the same twice."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from . import vocab
from .seasons import lunar_year_name, next_tet


@dataclass(frozen=True)
class Scene:
    """Where and when a report is set, and in which register it is written."""

    sector: str
    industry: str  # a key of vocab.INDUSTRIES, or "" for schools, hospitals, agencies
    name: str  # the full name of the workplace, or "" for an area-wide report
    brand: str  # how people call it: "May Hưng Phát", "THCS Tân Khê"
    zone: str  # "KCN Bắc Sông", "phường Tân Khê"
    ward: str  # a ward or commune near it
    parent: str  # short name of the upper union
    day: date
    people: int | None
    formal: bool
    fdi: bool = False

    @property
    def area(self) -> bool:
        return not self.name


def money(rng: random.Random, amount: int, formal: bool) -> str:
    """4500000 → "4,5 triệu đồng" / "4.500.000 đồng" / "4tr5" / "4,5 triệu"."""
    if amount >= 1_000_000:
        millions = amount / 1_000_000
        text = f"{millions:.1f}".rstrip("0").rstrip(".").replace(".", ",")
        if formal:
            dotted = f"{amount:,}".replace(",", ".")
            return rng.choice((f"{text} triệu đồng", f"{dotted} đồng"))
        options = [f"{text} triệu", f"{text}tr", f"{text} triệu"]
        if "," in text and millions < 100:
            whole, dec = text.split(",")
            options.append(f"{whole}tr{dec}")
        return rng.choice(options)
    thousands = amount // 1000
    if formal:
        return f"{thousands:,}.000 đồng".replace(",", ".")
    return rng.choice((f"{thousands}k", f"{thousands} nghìn", f"{thousands}.000đ"))


def _pick(options: tuple[str, ...]) -> Callable[[random.Random, Scene], str]:
    return lambda rng, scene: rng.choice(options)


def _num(lo: int, hi: int, suffix: str = "") -> Callable[[random.Random, Scene], str]:
    return lambda rng, scene: f"{rng.randint(lo, hi)}{suffix}"


def _cash(lo: int, hi: int, step: int) -> Callable[[random.Random, Scene], str]:
    return lambda rng, scene: money(rng, rng.randrange(lo, hi + 1, step), scene.formal)


_PAY = {"F": (4.6, 8.5), "L": (4.2, 7.5), "C": (6.0, 11.0), "S": (5.5, 9.5), "H": (6.0, 12.0)}


def _wage(rng: random.Random, scene: Scene) -> str:
    lo, hi = _PAY.get(scene.sector, (5.0, 9.0))
    return money(rng, round(rng.uniform(lo, hi) * 10) * 100_000, scene.formal)


def _bonus(rng: random.Random, scene: Scene) -> str:
    if rng.random() < 0.3:
        return rng.choice(("nửa tháng lương", "1 tháng lương", "1,5 tháng lương"))
    return money(rng, rng.randrange(5, 90) * 100_000, scene.formal)


def vn_int(value: int) -> str:
    """1234 → "1.234"."""
    return f"{value:,}".replace(",", ".")


def round_people(value: int) -> int:
    """Crowds are estimated: 1.537 people are "about 1.550"."""
    if value >= 1000:
        return round(value / 50) * 50
    return round(value / 10) * 10 if value >= 100 else value


def _people(rng: random.Random, scene: Scene) -> str:
    return vn_int(scene.people or rng.choice((15, 20, 30, 40, 50, 60, 80, 100, 120, 150, 200)))


def _workplace(rng: random.Random, scene: Scene) -> str:
    if scene.area:
        return rng.choice(vocab.WORKPLACE["P"] if scene.sector in "FLCP" else _AREA_PLACE)
    return rng.choice(vocab.WORKPLACE[scene.sector])


_AREA_PLACE = ("một số đơn vị", "nhiều đơn vị", "một số nơi")


def _named(rng: random.Random, scene: Scene) -> str:
    if scene.area:
        return f"{_workplace(rng, scene)} trong {scene.zone}"
    if scene.formal or rng.random() < 0.3:
        return scene.name
    if scene.industry and scene.sector in "FLC":
        return rng.choice((f"công ty {scene.brand}", scene.brand, f"công ty {scene.brand}"))
    return scene.brand


def _dept(rng: random.Random, scene: Scene) -> str:
    if scene.area:
        return rng.choice(("một số bộ phận", "nhiều nơi", "một số đơn vị"))
    if scene.industry:
        return rng.choice(vocab.INDUSTRIES[scene.industry].depts)
    return rng.choice(vocab.SECTOR_DEPTS.get(scene.sector, vocab.SECTOR_DEPTS["P"]))


def _product(rng: random.Random, scene: Scene) -> str:
    return vocab.INDUSTRIES[scene.industry].product if scene.industry else "hàng"


def _manager(rng: random.Random, scene: Scene) -> str:
    options = vocab.MANAGERS.get(scene.sector, vocab.MANAGERS["P"])
    if not scene.fdi:
        options = tuple(o for o in options if "nước ngoài" not in o)
    return rng.choice(options)


def _date_back(rng: random.Random, scene: Scene) -> str:
    return (scene.day - timedelta(days=rng.randint(1, 12))).strftime("%d/%m")


def _date_ahead(rng: random.Random, scene: Scene) -> str:
    return (scene.day + timedelta(days=rng.randint(3, 20))).strftime("%d/%m")


def _month(shift: int) -> Callable[[random.Random, Scene], str]:
    def month(rng: random.Random, scene: Scene) -> str:
        return str((scene.day.month - 1 + shift) % 12 + 1)

    return month


def _far_month(rng: random.Random, scene: Scene) -> str:
    return str((scene.day.month - 1 - rng.randint(3, 6)) % 12 + 1)


def _tet(rng: random.Random, scene: Scene) -> str:
    tet = next_tet(scene.day)
    return rng.choice((f"Tết {lunar_year_name(tet.year)}", "Tết Nguyên đán", "Tết"))


def _holiday(rng: random.Random, scene: Scene) -> str:
    m = scene.day.month
    if m in (4, 5):
        return "30/4 - 1/5"
    if m in (8, 9):
        return "2/9"
    if m in (12, 1):
        return "Tết Dương lịch"
    return rng.choice(("30/4 - 1/5", "2/9", "vừa rồi"))


def _ward(rng: random.Random, scene: Scene) -> str:
    ward = scene.ward if rng.random() < 0.7 else rng.choice(vocab.PLACES)
    return f"{rng.choice(('xã', 'phường', 'phường'))} {ward}"


def _social(rng: random.Random, scene: Scene) -> str:
    own = vocab.SECTOR_GROUPS.get(scene.sector, ())
    group = rng.choice(own) if own and rng.random() < 0.5 else rng.choice(vocab.SOCIAL_GROUPS)
    return group.format(khu=scene.zone, tinh=vocab.PROVINCE, xa=scene.ward)


def _quarter(rng: random.Random, scene: Scene) -> str:
    return ("I", "II", "III", "IV")[(scene.day.month - 1) // 3]


_SLOTS: dict[str, Callable[[random.Random, Scene], str]] = {
    "noi": _workplace,
    "dv": _named,
    "nguoi": lambda rng, s: rng.choice(vocab.WORKERS.get(s.sector, vocab.WORKERS["P"])),
    "nguoi1": lambda rng, s: rng.choice(vocab.ONE_WORKER.get(s.sector, vocab.ONE_WORKER["P"])),
    "ql": _manager,
    "bp": _dept,
    "sp": _product,
    "khu": lambda rng, s: s.zone,
    "xa": _ward,
    "hamlet": _pick(vocab.HAMLETS),
    "tinh": lambda rng, s: f"tỉnh {vocab.PROVINCE}",
    "cap_tren": lambda rng, s: s.parent,
    "mxh": _social,
    "bao": _pick(vocab.NEWSPAPERS),
    "n": _people,
    "n_nho": _num(2, 15),
    "n_ks": lambda rng, s: str(rng.choice((30, 50, 60, 80, 100, 120, 150, 200, 250, 300))),
    "so_ngay": _num(3, 25),
    "so_ngay_nho": _num(1, 3),
    "so_thang": _num(2, 8),
    "so_thang_nho": _num(2, 4),
    "so_nam": _num(2, 5),
    "so_phut": _num(3, 10),
    "so_ngay_thu": lambda rng, s: rng.choice(("60", "90")),
    "pct_thu": lambda rng, s: rng.choice(("70%", "75%", "80%")),
    "so_ngay_tet": _num(9, 12),
    "so_phien": _num(6, 10),
    "so_bao": _num(3, 11),
    "tuoi": lambda rng, s: rng.choice(("35", "38", "40", "45")),
    "km": _num(10, 40),
    "pct": lambda rng, s: f"{rng.randrange(10, 65, 5)}%",
    "gio": _num(2, 4),
    "gio_tuan": _num(58, 72),
    "gio_ve": _pick(("20h", "21h", "21h30", "22h", "22h30")),
    "nhiet": lambda rng, s: f"{rng.randint(36, 41)} độ",
    "gia_com": _cash(15_000, 32_000, 1_000),
    "phong": _cash(1_200_000, 2_800_000, 100_000),
    "gia_dien": _cash(3_500, 4_500, 500),
    "tien_nho": _cash(50_000, 500_000, 10_000),
    "phu_cap": _cash(200_000, 1_000_000, 50_000),
    "tien_to": _cash(20_000_000, 300_000_000, 5_000_000),
    "luong": _wage,
    "thuong": _bonus,
    "ngay": _date_back,
    "ngay_toi": _date_ahead,
    "thang": _month(0),
    "thang_truoc": _month(-1),
    "thang_sau": _month(1),
    "thang_xa": _far_month,
    "nam": lambda rng, s: str(s.day.year),
    "quy": _quarter,
    "tet": _tet,
    "le": _holiday,
    "dia_diem": _pick(("Sầm Sơn", "Hạ Long", "Đà Lạt", "biển Cửa Hồng", "Phú Quốc", "Sa Pa")),
}


class Slots(dict[str, str]):
    """A ``format_map`` mapping that draws each slot on first use.

    ``{Dv}`` is ``{dv}`` with a capital first letter.
    """

    def __init__(self, rng: random.Random, scene: Scene) -> None:
        super().__init__()
        self.rng = rng
        self.scene = scene

    def __missing__(self, key: str) -> str:
        if key[:1].isupper():
            lower = self[key[0].lower() + key[1:]]
            value = lower[:1].upper() + lower[1:]
        else:
            value = _SLOTS[key](self.rng, self.scene)
        self[key] = value
        return value

    def fill(self, template: str) -> str:
        return template.format_map(self)

    def redraw(self, *keys: str) -> None:
        """Forget drawn values so the next sentence may use other words."""
        for key in keys:
            self.pop(key, None)
            self.pop(key[:1].upper() + key[1:], None)
