"""The year of reports: ordinary days shaped by season and events, plus bursts.

:func:`plan_reports` is pure: the same rng state, organisation and day give the
same list of :class:`~duluan.demo.cast.ReportSpec`, which the loader writes.

The plan says what each report is about; its words and its truth come from an
item of the labelled corpus's demo part (:mod:`duluan.demo.corpus_texts`), or,
with ``source="templates"`` (or no demo part shipped), from the template
grammar (:func:`duluan.demo.texts.compose`).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import accumulate

from . import dist
from .bursts import burst_reports
from .cast import Cast, ReportSpec, heard_time, place_for, role_group, scene_for, sunday_shift
from .corpus_texts import CorpusTexts
from .issues import KINDS, TOPICS, Issue, issue_weight, issues_for
from .orgspec import LEVEL_GRASSROOTS, LEVEL_PROVINCE, OrgSpec, UnitSpec
from .people import PersonSpec
from .seasons import issue_season, topic_season, volume_factor
from .slots import Slots
from .texts import Draft, compose
from .timeline import Timeline, schedule

DAYS = 365
SOURCES = ("corpus", "templates")
_REGISTERS = ("formal", "note", "quick")
_SECTOR_ACTIVITY = {"S": 0.8, "A": 0.7, "H": 0.9}


def _unit_weights(org: OrgSpec, cast: Cast) -> tuple[list[UnitSpec], list[float]]:
    """Big workplaces with a collaborator team speak most; upper levels a little."""
    units = org.grassroots
    weights = [
        math.sqrt(u.members)
        * (1.5 if cast.has_collaborator(u.code) else 0.6)
        * _SECTOR_ACTIVITY.get(u.sector, 1.0)
        for u in units
    ]
    grassroots_total = sum(weights)
    for unit in org.units:
        if unit.level != LEVEL_GRASSROOTS:
            share = 0.02 if unit.level == LEVEL_PROVINCE else 0.06 / 15
            units.append(unit)
            weights.append(grassroots_total * share)
    return units, list(accumulate(weights))


def _pick_issue(rng: random.Random, issues: Sequence[Issue], season: dict[str, float]) -> Issue:
    return rng.choices(issues, [issue_weight(issue, season) for issue in issues])[0]


def _second(
    rng: random.Random,
    issue: Issue,
    sector: str,
    sentiment: str,
    cum: list[float],
    season: dict[str, float],
) -> Issue | None:
    """Another matter raised in the same report, often one that goes with the first."""
    if issue.pair and rng.random() < 0.6:
        topic = issue.pair
    else:
        topic = rng.choices(TOPICS, cum_weights=cum)[0]
    if topic in (issue.topic, "khac"):
        return None
    fitting = [
        i for i in issues_for(topic, sector) if (i.goods if sentiment == "tich_cuc" else i.facts)
    ]
    return _pick_issue(rng, fitting, season) if fitting else None


class _Planner:
    def __init__(
        self,
        rng: random.Random,
        org: OrgSpec,
        cast: Cast,
        tl: Timeline,
        texts: CorpusTexts | None = None,
    ) -> None:
        self.rng, self.org, self.cast, self.tl = rng, org, cast, tl
        self.texts = texts
        self._topic_cum: dict[tuple[int, str], list[float]] = {}
        self._issue_season: dict[int, dict[str, float]] = {}

    def topic_cum(self, index: int, sector: str) -> list[float]:
        key = (index, sector)
        if key not in self._topic_cum:
            season = topic_season(self.tl.day(index))
            weights = dist.topic_weights(sector, season, self.tl.boost(index, sector))
            self._topic_cum[key] = list(accumulate(weights))
        return self._topic_cum[key]

    def report(self, index: int, unit: UnitSpec, person: PersonSpec) -> ReportSpec:
        rng = self.rng
        sector = unit.sector
        cum = self.topic_cum(index, sector)
        topic = rng.choices(TOPICS, cum_weights=cum)[0]
        if index not in self._issue_season:
            self._issue_season[index] = issue_season(self.tl.day(index))
        season = self._issue_season[index]
        issue = _pick_issue(rng, issues_for(topic, sector), season)
        allowed = [k for k in KINDS if issue.supports(k, "tich_cuc" if k == "khen_ngoi" else "")]
        kind = dist.pick_kind(rng, topic, allowed)
        sentiment = dist.pick_sentiment(rng, kind, bool(issue.goods))
        also = None
        if (
            self.texts is None
            and kind in ("khieu_nai", "kien_nghi", "thong_tin")
            and rng.random() < 0.22
        ):
            also = _second(rng, issue, sector, sentiment, cum, season)
        urgency = dist.pick_urgency(rng, topic, kind, sentiment)
        said = None
        if self.texts is not None:
            # The corpus item that says what was planned: its labels are the truth.
            said = self.texts.say(unit, topic, kind, sentiment, urgency)
            topic, kind = said.topic, said.item.kind
            sentiment, urgency = said.item.sentiment, said.item.urgency
        group = role_group(person.role)
        register = rng.choices(_REGISTERS, dist.ROLE_REGISTERS[group])[0]
        channel = dist.CHANNEL_PICK[group](rng)
        if kind == "tin_don" and rng.random() < 0.7:
            channel = dist.RUMOUR_CHANNEL_PICK(rng)
        day = sunday_shift(self.tl.day(index), self.tl.first_day, register)
        people = dist.people_count(rng, urgency, kind, unit.members)
        scene = scene_for(rng, unit, day, people, register)
        if said is not None:
            subject, text, topics = said.subject, said.text, said.topics
        else:
            slots = Slots(rng, scene)
            if channel == "khao_sat":
                slots["n_ks"] = str(rng.choice((30, 50, 60, 80, 100, 120, 150, 200)))
                if unit.members:
                    slots["n_ks"] = str(min(int(slots["n_ks"]), unit.members))
            draft = Draft(issue, kind, sentiment, urgency, channel, register, scene, also)
            subject, text = compose(rng, draft, slots)
            topics = issue.topic + (f";{also.topic}" if also else "")
        verif_pick = dist.RUMOUR_VERIF_PICK if kind == "tin_don" else dist.VERIF_PICK[channel]
        return ReportSpec(
            unit=unit.code,
            submitter=person.username,
            heard_at=heard_time(rng, day, channel),
            channel=channel,
            subject=subject,
            text=text,
            place=place_for(rng, unit, topic, channel, scene),
            people=people,
            kind=dist.read_kind(rng, kind),
            mood=dist.MOOD_PICK[sentiment](rng),
            urgency=dist.URGENCY_PICK[urgency](rng),
            verifiability=verif_pick(rng),
            named=rng.random() < (0.1 if kind == "tin_don" else 0.32),
            topics=topics,
            sentiment=sentiment,
            true_kind=kind,
            true_urgency=urgency,
            item=said.item.id if said else "",
        )


def plan_reports(
    rng: random.Random,
    org: OrgSpec,
    people: list[PersonSpec],
    *,
    total: int,
    today: date,
    source: str = "corpus",
) -> tuple[list[ReportSpec], Timeline]:
    """``total`` reports over the 365 days before ``today``, oldest first.

    ``source``: where the words come from, ``"corpus"`` (the labelled corpus's
    demo part, whose labels become the truth; the templates when no demo part is
    shipped) or ``"templates"`` (the template grammar, as the NLP benchmark uses).
    """
    if source not in SOURCES:
        raise ValueError(f"unknown text source {source!r}")
    first_day = today - timedelta(days=DAYS)
    cast = Cast(org, people)
    tl = schedule(rng, org, first_day, DAYS, total)
    texts = CorpusTexts.demo(rng) if source == "corpus" else None
    specs = burst_reports(rng, tl, org, cast, texts)[:total]
    base = total - len(specs)
    growth = [0.85 + 0.3 * i / DAYS for i in range(DAYS)]  # the network grows over the year
    day_weights = [
        volume_factor(tl.day(i)) * growth[i] * rng.uniform(0.8, 1.25) for i in range(DAYS)
    ]
    days = sorted(rng.choices(range(DAYS), weights=day_weights, k=base))
    units, unit_cum = _unit_weights(org, cast)
    planner = _Planner(rng, org, cast, tl, texts)
    for index, unit in zip(days, rng.choices(units, cum_weights=unit_cum, k=base), strict=True):
        specs.append(planner.report(index, unit, cast.pick(rng, unit.code)))
    specs.sort(key=lambda s: (s.heard_at, s.unit, s.subject))
    return specs, tl
