"""Who files a report where, and the plain record of one generated report."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from zoneinfo import ZoneInfo

from django.conf import settings

from duluan.org.choices import Role

from . import dist, vocab
from .orgspec import LEVEL_GRASSROOTS, LEVEL_PROVINCE, OrgSpec, UnitSpec
from .people import PersonSpec
from .slots import Scene


@dataclass(frozen=True)
class ReportSpec:
    """One generated report: the fields a person fills in, and the truth behind them."""

    unit: str  # unit code
    submitter: str  # username
    heard_at: datetime
    channel: str
    subject: str
    text: str
    place: str
    people: int | None
    kind: str
    mood: str
    urgency: str
    verifiability: str
    named: bool
    topics: str  # truth: main topic first, ';'-separated
    sentiment: str
    true_kind: str
    true_urgency: str
    item: str = ""  # the corpus item the words come from ("" for template texts)


def role_group(role: str) -> str:
    if role == Role.COLLABORATOR:
        return "collaborator"
    return "reporter" if role == Role.REPORTER else "staff"


# (role, where relative to the report's unit) → weight of being the one who files it.
_WEIGHTS: dict[tuple[str, str], float] = {
    (Role.COLLABORATOR, "own"): 4.0,
    (Role.REPORTER, "own"): 1.5,
    (Role.OFFICER, "own"): 1.0,
    (Role.ANALYST, "own"): 0.2,
    (Role.LEADER, "own"): 0.2,
    (Role.COLLABORATOR, "parent"): 1.0,
    (Role.REPORTER, "parent"): 0.6,
    (Role.OFFICER, "parent"): 0.5,
    (Role.COLLABORATOR, "root"): 0.1,
    (Role.REPORTER, "root"): 0.1,
}


class Cast:
    """For each unit, the accounts that may file its reports, with weights."""

    def __init__(self, org: OrgSpec, people: list[PersonSpec]) -> None:
        self.org = org
        by_unit: dict[str, list[PersonSpec]] = {}
        for person in people:
            if not person.superuser:
                by_unit.setdefault(person.unit, []).append(person)
        self.collaborators = {
            code: [p for p in ps if p.role == Role.COLLABORATOR] for code, ps in by_unit.items()
        }
        self._choices: dict[str, tuple[list[PersonSpec], list[float]]] = {}
        root = org.units[0].code
        for unit in org.units:
            where = [("own", unit.code)]
            if unit.parent:
                where.append(("parent", unit.parent))
                if unit.parent != root:
                    where.append(("root", root))
            cands: list[PersonSpec] = []
            weights: list[float] = []
            for rel, code in where:
                for person in by_unit.get(code, []):
                    weight = _WEIGHTS.get((person.role, rel), 0.0)
                    if unit.level == LEVEL_PROVINCE and rel == "own":
                        weight = max(weight, 0.5)
                    if weight:
                        cands.append(person)
                        weights.append(weight)
            self._choices[unit.code] = (cands, list(accumulate(weights)))

    def pick(self, rng: random.Random, unit_code: str) -> PersonSpec:
        cands, cum = self._choices[unit_code]
        return rng.choices(cands, cum_weights=cum)[0]

    def has_collaborator(self, unit_code: str) -> bool:
        return bool(self.collaborators.get(unit_code))


_TZ = ZoneInfo(settings.TIME_ZONE)


def heard_time(rng: random.Random, day: date, channel: str) -> datetime:
    hour = int(dist.HOUR_PICK[dist.HOUR_GROUP.get(channel, "office")](rng))
    return datetime.combine(day, time(hour, rng.randrange(60)), tzinfo=_TZ)


def scene_for(
    rng: random.Random, unit: UnitSpec, day: date, people: int | None, register: str
) -> Scene:
    formal = register == "formal"
    if unit.level == LEVEL_GRASSROOTS:
        return Scene(
            unit.sector,
            unit.industry,
            unit.workplace,
            unit.brand,
            unit.zone,
            unit.ward,
            unit.parent_short,
            day,
            people,
            formal,
            unit.fdi,
        )
    zone = unit.zone if unit.parent else rng.choice((*vocab.ZONES, "các khu công nghiệp"))
    return Scene(
        unit.sector, "", "", unit.short, zone, unit.ward, unit.parent_short, day, people, formal
    )


def place_for(rng: random.Random, unit: UnitSpec, topic: str, channel: str, scene: Scene) -> str:
    roll = rng.random()
    if channel == "mang_xa_hoi" and roll < 0.4:
        group = rng.choice(vocab.SECTOR_GROUPS.get(unit.sector) or vocab.SOCIAL_GROUPS)
        return group.format(khu=scene.zone, tinh=vocab.PROVINCE, xa=scene.ward).capitalize()
    if topic in ("doi_song", "xa_hoi") and roll < 0.5:
        return f"Khu trọ {rng.choice(vocab.HAMLETS)}, {rng.choice(('xã', 'phường'))} {scene.ward}"
    if unit.level != LEVEL_GRASSROOTS:
        return scene.zone if roll < 0.6 else ""
    if scene.formal:
        return unit.workplace if roll < 0.6 else f"{unit.workplace}, {unit.area}"
    if roll < 0.2:
        return ""
    return unit.brand if roll < 0.7 else unit.workplace


def sunday_shift(day: date, start: date, register: str) -> date:
    """Written reports are not dated on a Sunday: move them to the Friday before."""
    if register == "formal" and day.weekday() == 6 and day - timedelta(days=2) >= start:
        return day - timedelta(days=2)
    return day
