"""The year's events: layoff waves, policy debates, hot spots, rumour waves.

Waves only tilt the topic mix of ordinary reports (:meth:`Timeline.boost`);
hot spots and rumour waves bring their own bursts of reports.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from .events import CAUSES, THEMES
from .orgspec import OrgSpec, UnitSpec
from .seasons import tet_offset

HOT_CAUSES = ("dinh_muc", "thuong_tet", "ky_luat", "cat_giam", "ngo_doc", "no_luong")
LAYOFF_BOOST = {"viec_lam": 3.5, "hop_dong": 1.5, "bao_hiem": 1.3, "tien_luong": 1.15}
FIRST_HOT_UNIT = "SH-KCN-001"  # the demo accounts' own enterprise has a recent one


@dataclass(frozen=True)
class Wave:
    start: int  # day index
    end: int
    sectors: str
    boost: dict[str, float]


@dataclass(frozen=True)
class HotSpot:
    unit: str
    cause: str
    start: int
    days: int
    people: int
    count: int
    picks: tuple[int, int, int]  # which reason, demand and commit template
    seed: int  # draws the event's own figures (amounts, dates) the same in every report


@dataclass(frozen=True)
class Campaign:
    theme: str
    start: int
    days: int
    units: tuple[str, ...]
    weights: tuple[float, ...]
    count: int
    anchor: str = ""


@dataclass
class Timeline:
    first_day: date
    n_days: int
    waves: list[Wave] = field(default_factory=list)
    hotspots: list[HotSpot] = field(default_factory=list)
    campaigns: list[Campaign] = field(default_factory=list)

    def day(self, index: int) -> date:
        return self.first_day + timedelta(days=index)

    def boost(self, index: int, sector: str) -> dict[str, float]:
        out: dict[str, float] = {}
        for wave in self.waves:
            if wave.start <= index < wave.end and (wave.sectors == "*" or sector in wave.sectors):
                for topic, factor in wave.boost.items():
                    out[topic] = out.get(topic, 1.0) * factor
        return out


def _scaled(rng: random.Random, total: int, share: float, lo: int, hi: int) -> int:
    return max(lo, min(hi, round(total * share * rng.uniform(0.8, 1.4))))


def _hot_start(rng: random.Random, tl: Timeline, cause: str, days: int) -> int:
    last = tl.n_days - days
    if cause == "thuong_tet":
        options = [i for i in range(last) if 8 <= tet_offset(tl.day(i))[0] <= 35]
    elif cause == "ngo_doc":
        options = [i for i in range(last) if tl.day(i).month in (4, 5, 6, 7, 8)]
    elif cause == "cat_giam":
        options = [i for w in tl.waves[:2] for i in range(w.start, min(w.end, last))]
    else:
        options = []
    return rng.choice(options) if options else rng.randint(10, last)


def _hotspots(rng: random.Random, tl: Timeline, org: OrgSpec, total: int) -> list[HotSpot]:
    count = 2 if total < 2000 else 5 + rng.randint(0, 1)
    causes = list(HOT_CAUSES)
    rng.shuffle(causes)
    causes = ["no_luong", *[c for c in causes if c != "no_luong"]][:count]
    pool = [u for u in org.grassroots if u.sector in "FLC" and u.members >= 300]
    out: list[HotSpot] = []
    for i, cause in enumerate(causes):
        days = rng.randint(2, 3) if cause == "ngo_doc" else rng.randint(2, 5)
        if i == 0:
            unit = org.by_code[FIRST_HOT_UNIT]
            start = tl.n_days - days - rng.randint(10, 35)
        else:
            unit = rng.choices(pool, [u.members for u in pool])[0]
            start = _hot_start(rng, tl, cause, days)
        pool = [u for u in pool if u.code != unit.code]
        if cause == "ngo_doc":
            people = rng.randint(20, 160)
        else:
            people = max(30, min(3000, int(unit.members * rng.uniform(0.15, 0.7))))
        c = CAUSES[cause]
        picks = (
            rng.randrange(len(c.reasons)),
            rng.randrange(len(c.demands)),
            rng.randrange(len(c.commits)),
        )
        size = _scaled(rng, total, 0.0013, 4, 60)
        seed = rng.getrandbits(32)
        out.append(HotSpot(unit.code, cause, start, days, people, size, picks, seed))
    return out


def _campaign_units(
    rng: random.Random, org: OrgSpec, sectors: str, anchored: bool, busy: set[str]
) -> tuple[list[UnitSpec], str]:
    grassroots = [u for u in org.grassroots if sectors == "*" or u.sector in sectors]
    if not anchored:
        return grassroots, ""
    big = [u for u in grassroots if u.members >= 500 and u.code not in busy]
    anchor = rng.choice(big)
    siblings = [u for u in org.grassroots if u.parent == anchor.parent and u is not anchor]
    return [anchor, *rng.sample(siblings, min(6, len(siblings)))], anchor.code


def _campaigns(
    rng: random.Random, tl: Timeline, org: OrgSpec, total: int, busy: set[str]
) -> list[Campaign]:
    keys = list(THEMES)
    rng.shuffle(keys)
    out: list[Campaign] = []
    for key in keys[: 2 if total < 2000 else 4]:
        theme = THEMES[key]
        days = rng.randint(5, 12)
        last = tl.n_days - days
        options = [i for i in range(last) if tl.day(i).month in theme.months]
        start = rng.choice(options) if options else rng.randint(5, last)
        units, anchor = _campaign_units(rng, org, theme.sectors, theme.anchored, busy)
        weights = [math.sqrt(u.members) for u in units]
        if anchor:
            weights[0] = sum(weights[1:]) * 1.5
        size = _scaled(rng, total, 0.005, 4, 140)
        codes = tuple(u.code for u in units)
        out.append(Campaign(key, start, days, codes, tuple(weights), size, anchor))
    return out


def schedule(
    rng: random.Random, org: OrgSpec, first_day: date, n_days: int, total: int
) -> Timeline:
    """Place the year's events; the same rng state gives the same year."""
    tl = Timeline(first_day, n_days)
    for lo, hi in ((50, 140), (200, 290)):
        start = rng.randint(lo * n_days // 365, hi * n_days // 365)
        tl.waves.append(Wave(start, start + rng.randint(35, 60), "FL", LAYOFF_BOOST))
    for _ in range(2):
        start = rng.randint(0, n_days - 30)
        tl.waves.append(Wave(start, start + rng.randint(20, 30), "*", {"chinh_sach": 2.2}))
    tl.hotspots = _hotspots(rng, tl, org, total)
    busy = {h.unit for h in tl.hotspots}
    tl.campaigns = _campaigns(rng, tl, org, total, busy)
    return tl
