"""The fictional province as plain data: units drawn from one rng.

Nothing here touches the database; :mod:`duluan.demo.org_builder` writes it.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from . import vocab

LEVEL_PROVINCE = "LĐLĐ tỉnh"
LEVEL_UPPER = "Công đoàn cấp trên trực tiếp cơ sở"
LEVEL_GRASSROOTS = "Công đoàn cơ sở"
P = vocab.PROVINCE


@dataclass
class UnitSpec:
    """One union and, for a grassroots one, the workplace it sits in."""

    code: str
    name: str
    short: str
    level: str
    parent: str | None  # code
    sector: str  # see vocab
    industry: str = ""
    members: int = 0
    zone: str = ""  # KCN or ward, used in texts
    ward: str = ""
    brand: str = ""  # how people call the workplace
    workplace: str = ""  # the workplace's full name ("" above grassroots)
    fdi: bool = False
    parent_short: str = ""

    @property
    def area(self) -> str:
        if self.zone.startswith(("KCN", "Khu")):
            return f"{self.zone}, phường {self.ward}"
        return self.zone


@dataclass
class OrgSpec:
    units: list[UnitSpec] = field(default_factory=list)
    by_code: dict[str, UnitSpec] = field(default_factory=dict)

    def add(self, unit: UnitSpec) -> UnitSpec:
        self.units.append(unit)
        self.by_code[unit.code] = unit
        return unit

    def children(self, code: str) -> list[UnitSpec]:
        return [u for u in self.units if u.parent == code]

    @property
    def grassroots(self) -> list[UnitSpec]:
        return [u for u in self.units if u.level == LEVEL_GRASSROOTS]

    @property
    def uppers(self) -> list[UnitSpec]:
        return [u for u in self.units if u.level == LEVEL_UPPER]


# code, full name, short name, sector of the upper union itself, number of CĐCS, generator
UPPERS: tuple[tuple[str, str, str, str, int, str], ...] = (
    ("KCN", f"Công đoàn các Khu công nghiệp tỉnh {P}", "CĐ các KCN", "P", 38, "zone"),
    ("KKT", "Công đoàn Khu kinh tế Cửa Hồng", "CĐ KKT Cửa Hồng", "P", 8, "port"),
    ("GD", f"Công đoàn ngành Giáo dục tỉnh {P}", "CĐ ngành Giáo dục", "S", 16, "school"),
    ("YT", f"Công đoàn ngành Y tế tỉnh {P}", "CĐ ngành Y tế", "H", 10, "health"),
    ("VC", f"Công đoàn Viên chức tỉnh {P}", "CĐ Viên chức tỉnh", "A", 10, "agency"),
    ("XD", f"Công đoàn ngành Xây dựng tỉnh {P}", "CĐ ngành Xây dựng", "C", 7, "build"),
    ("CT", f"Công đoàn ngành Công Thương tỉnh {P}", "CĐ ngành Công Thương", "P", 7, "trade"),
    ("NN", f"Công đoàn ngành Nông nghiệp và Môi trường tỉnh {P}", "CĐ ngành NN&MT", "P", 6, "agri"),
    ("HC", "Công đoàn khu vực Hồng Châu", "CĐ khu vực Hồng Châu", "P", 8, "local"),
    ("BS", "Công đoàn khu vực Bắc Sơn", "CĐ khu vực Bắc Sơn", "P", 7, "local"),
    ("YH", "Công đoàn khu vực Yên Hà", "CĐ khu vực Yên Hà", "P", 7, "local"),
    ("TG", "Công đoàn khu vực Tân Giang", "CĐ khu vực Tân Giang", "P", 7, "local"),
    ("PL", "Công đoàn khu vực Phù Lưu", "CĐ khu vực Phù Lưu", "P", 6, "local"),
    ("DB", "Công đoàn khu vực Đông Bình", "CĐ khu vực Đông Bình", "P", 7, "local"),
    ("CD", "Công đoàn khu vực Cầu Đá", "CĐ khu vực Cầu Đá", "P", 7, "local"),
)
INDUSTRY_MIX: dict[str, dict[str, int]] = {
    "zone": {"may": 30, "giay": 15, "dien_tu": 25, "go": 8, "co_khi": 12},
    "port": {"thuy_san": 45, "co_khi": 20, "go": 20, "may": 15},
    "build": {"xay_dung": 4, "van_tai": 2, "vat_lieu": 1},
    "trade": {"thuc_pham": 3, "bao_bi": 2, "duoc": 2, "may": 1},
    "agri": {"nong_nghiep": 3, "moi_truong": 2, "thuy_san": 1},
    "local": {"may": 3, "vat_lieu": 2, "thuc_pham": 2, "go": 2, "bao_bi": 1, "co_khi": 1},
}
HEALTH = (
    ("Bệnh viện Đa khoa tỉnh", "BV Đa khoa tỉnh", 900),
    ("Bệnh viện Sản - Nhi tỉnh", "BV Sản - Nhi", 480),
    ("Bệnh viện Y dược cổ truyền tỉnh", "BV Y dược cổ truyền", 220),
    ("Bệnh viện Phổi tỉnh", "BV Phổi", 150),
    ("Bệnh viện Tâm thần tỉnh", "BV Tâm thần", 140),
    ("Trung tâm Kiểm soát bệnh tật tỉnh", "CDC tỉnh", 160),
)
AGENCIES = {
    "Sở Tài chính": 95,
    "Sở Nội vụ": 80,
    "Văn phòng UBND tỉnh": 110,
    "Sở Văn hóa, Thể thao và Du lịch": 140,
    "Ban Quản lý các KCN tỉnh": 60,
    "Sở Khoa học và Công nghệ": 55,
    "Sở Tư pháp": 50,
    "Đài Phát thanh và Truyền hình tỉnh": 130,
    "Trung tâm Dịch vụ việc làm tỉnh": 45,
    "Sở Nông nghiệp và Môi trường": 150,
}
SCHOOL_KINDS = (("Mầm non", 20, 55), ("Tiểu học", 25, 60), ("THCS", 30, 70), ("THPT", 50, 110))
COMPANY_FORMS = ("Công ty TNHH", "Công ty CP", "Công ty TNHH MTV", "Công ty CP")

# The two sibling enterprises the demo accounts cs1.* and cs2.* belong to.
SIBLINGS = (
    ("Công ty TNHH May Hưng Phát", "May Hưng Phát", "may", 4200),
    ("Công ty CP Giày Thành Đạt", "Giày Thành Đạt", "giay", 3100),
)
SIBLING_ZONE, SIBLING_WARD = "KCN Bắc Sông", "Tân Khê"


def _members(rng: random.Random, industry: str, fdi: bool) -> int:
    big = industry in ("may", "giay", "dien_tu")
    median = 2600 if big and fdi else 1200 if big else 380
    value = int(median * math.exp(rng.gauss(0, 0.6)))
    return max(30, min(value, 14000)) // 10 * 10


class _Brands:
    """Brand names without repeats."""

    def __init__(self, rng: random.Random) -> None:
        self.taken = {brand.split(" ", 1)[1] for _, brand, _, _ in SIBLINGS}
        self.local = [b for b in vocab.BRANDS if b not in self.taken]
        self.foreign = list(vocab.FOREIGN_BRANDS)
        rng.shuffle(self.local)
        rng.shuffle(self.foreign)

    def take(self, foreign: bool) -> str:
        pool = self.foreign if foreign and self.foreign else self.local
        if not pool:  # more enterprises than names: names repeat across industries
            pool.extend(b for b in vocab.BRANDS if b not in self.taken)
        return pool.pop()


def _cs(
    upper: UnitSpec,
    i: int,
    full: str,
    brand: str,
    sector: str,
    *,
    members: int,
    zone: str,
    ward: str,
    industry: str = "",
    fdi: bool = False,
) -> UnitSpec:
    """A grassroots union named after its workplace."""
    return UnitSpec(
        code=f"{upper.code}-{i + 1:03d}",
        name=f"Công đoàn cơ sở {full}",
        short=f"CĐCS {brand}",
        level=LEVEL_GRASSROOTS,
        parent=upper.code,
        sector=sector,
        industry=industry,
        members=members,
        zone=zone,
        ward=ward,
        brand=brand,
        workplace=full,
        fdi=fdi,
        parent_short=upper.short,
    )


def _enterprise(
    rng: random.Random, brands: _Brands, upper: UnitSpec, i: int, kind: str, ward: str
) -> UnitSpec:
    if kind == "zone" and i < len(SIBLINGS):
        full, brand, industry, members = SIBLINGS[i]
        return _cs(
            upper,
            i,
            full,
            brand,
            "F",
            industry=industry,
            members=members,
            zone=SIBLING_ZONE,
            ward=SIBLING_WARD,
        )
    mix = INDUSTRY_MIX[kind]
    industry = rng.choices(list(mix), list(mix.values()))[0]
    ind = vocab.INDUSTRIES[industry]
    in_zone = kind in ("zone", "port")
    fdi = in_zone and rng.random() < 0.6
    if in_zone:
        zone = rng.choice(vocab.ZONES) if kind == "zone" else "Khu kinh tế Cửa Hồng"
    else:
        zone = f"{rng.choice(('phường', 'xã'))} {ward}"
    name = brands.take(fdi)
    if fdi:
        full = rng.choice((f"Công ty TNHH {name} Việt Nam", f"Công ty TNHH {name} Vina"))
        if rng.random() < 0.4:
            full = f"Công ty TNHH {ind.prefix} {name} Việt Nam"
        brand = name
    elif industry == "nong_nghiep" and rng.random() < 0.5:
        full, brand = f"Hợp tác xã Dịch vụ nông nghiệp {name}", f"HTX {name}"
    else:
        full, brand = f"{rng.choice(COMPANY_FORMS)} {ind.prefix} {name}", f"{ind.prefix} {name}"
    sector = "F" if in_zone else ind.sector
    members = _members(rng, industry, fdi)
    return _cs(
        upper,
        i,
        full,
        brand,
        sector,
        industry=industry,
        members=members,
        zone=zone,
        ward=ward,
        fdi=fdi,
    )


def _public(rng: random.Random, upper: UnitSpec, i: int, kind: str, ward: str) -> UnitSpec:
    if kind == "school":
        if i == 0:
            full, members = f"Trường THPT Chuyên {P}", 95
        elif i == 1:
            full, members = f"Trường Cao đẳng Kỹ thuật {P}", 160
        else:
            level, lo, hi = SCHOOL_KINDS[i % len(SCHOOL_KINDS)]
            full, members = f"Trường {level} {ward}", rng.randint(lo, hi)
        brand, sector = full.removeprefix("Trường "), "S"
    elif kind == "health":
        if i < len(HEALTH):
            full, brand, members = HEALTH[i]
        else:
            full, brand = f"Trung tâm Y tế khu vực {ward}", f"TTYT {ward}"
            members = rng.randint(150, 350)
        sector = "H"
    else:
        full = list(AGENCIES)[i % len(AGENCIES)]
        brand, sector, members = full, "A", AGENCIES[full]
    return _cs(upper, i, full, brand, sector, members=members, zone=f"phường {ward}", ward=ward)


def org_spec(rng: random.Random) -> OrgSpec:
    """One province union, 15 upper-level unions, about 150 grassroots unions."""
    spec = OrgSpec()
    root = spec.add(
        UnitSpec(
            code=vocab.ROOT_CODE,
            name=f"Liên đoàn Lao động tỉnh {P}",
            short=f"LĐLĐ tỉnh {P}",
            level=LEVEL_PROVINCE,
            parent=None,
            sector="P",
            zone=f"tỉnh {P}",
            ward="Hồng Châu",
            parent_short="LĐLĐ tỉnh",
        )
    )
    brands = _Brands(rng)
    for suffix, name, short, sector, count, kind in UPPERS:
        zone = {"zone": "các KCN", "port": "Khu kinh tế Cửa Hồng"}.get(kind, short[3:])
        upper = spec.add(
            UnitSpec(
                code=f"{root.code}-{suffix}",
                name=name,
                short=short,
                level=LEVEL_UPPER,
                parent=root.code,
                sector=sector,
                zone=zone,
                ward=rng.choice(vocab.PLACES),
                parent_short="LĐLĐ tỉnh",
            )
        )
        # Wards of a former district never carry another area's name.
        others = {row[2].removeprefix("CĐ khu vực ") for row in UPPERS if row[5] == "local"}
        wards = [w for w in vocab.PLACES if w not in others]
        rng.shuffle(wards)
        if kind == "local":
            wards.insert(0, short.removeprefix("CĐ khu vực "))
        for i in range(count):
            ward = wards[i % len(wards)]
            if kind in INDUSTRY_MIX:
                child = _enterprise(rng, brands, upper, i, kind, ward)
            else:
                child = _public(rng, upper, i, kind, ward)
            spec.add(child)
            upper.members += child.members
        root.members += upper.members
    return spec
