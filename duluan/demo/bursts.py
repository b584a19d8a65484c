"""Reports of hot spots and rumour waves: bursts around one event.

The phase of the event says what each report is about; the words and the truth
come from a corpus item (hot-spot texts on the cause's topics, rumours on the
wave's topic, official denials for the answer), or from the event templates.
"""

from __future__ import annotations

import random
from datetime import timedelta

from . import dist, frames
from .cast import Cast, ReportSpec, heard_time, place_for, role_group, scene_for
from .corpus_texts import CorpusTexts, Said
from .events import (
    CAUSES,
    CHANNEL_START,
    END_SUBJECTS,
    GATHER,
    HOT_SUBJECTS,
    POISON_SUBJECTS,
    POISONING,
    STOPPAGE,
    THEMES,
)
from .noise import roughen
from .orgspec import OrgSpec, UnitSpec
from .slots import Slots, round_people
from .texts import sentence
from .timeline import Campaign, HotSpot, Timeline

_REGISTERS = ("formal", "note", "quick")
_PHASE_CHANNEL = {
    "start": dist.Picker(("dien_thoai", "truc_tiep", "mang_xa_hoi", "van_ban"), (45, 25, 20, 10)),
    "ongoing": dist.Picker(("van_ban", "truc_tiep", "mang_xa_hoi", "dien_thoai"), (35, 30, 20, 15)),
    "end": dist.Picker(("van_ban", "truc_tiep", "doi_thoai", "giao_ban"), (40, 30, 20, 10)),
}
_PHASE_KIND = {
    "start": dist.Picker(("thong_tin", "khieu_nai", "tin_don"), (50, 40, 10)),
    "ongoing": dist.Picker(("thong_tin", "khieu_nai", "kien_nghi", "tin_don"), (45, 30, 15, 10)),
    "end": dist.Picker(("thong_tin", "khen_ngoi", "kien_nghi"), (75, 15, 10)),
}
_HOT_VERIF = dist.Picker(("chung_kien", "nhieu_nguon", "mot_nguon"), (40, 45, 15))
# The second topic a hot spot's texts preferably share, for causes with one topic
# (a canteen's food poisoning is labelled safety and welfare).
HOT_ALSO = {"ngo_doc": "thuong_phuc_loi"}
DENIAL_TAG = "cai_chinh"
_DENIAL_CHANNELS = ("van_ban", "truc_tiep", "giao_ban")
_DENIAL_VERIFS = ("nhieu_nguon", "nhieu_nguon", "chung_kien")


def _register(rng: random.Random, role: str) -> str:
    return rng.choices(_REGISTERS, dist.ROLE_REGISTERS[role_group(role)])[0]


def _phase(offset: int, days: int) -> str:
    return "start" if offset == 0 else "end" if offset == days - 1 else "ongoing"


def _hot_words(
    rng: random.Random,
    tl: Timeline,
    hot: HotSpot,
    unit: UnitSpec,
    offset: int,
    slots: Slots,
    spoken: tuple[str, str, str, str],
) -> tuple[str, str]:
    """(subject, text before the typing habits) from the event templates.

    ``spoken``: the report's register, kind, urgency and channel.
    """
    register, kind, urgency, channel = spoken
    people, day = slots.scene.people, slots.scene.day
    cause = CAUSES[hot.cause]
    phase = _phase(offset, hot.days)
    words = "formal" if register == "formal" else "note"
    slots["ngay0"] = tl.day(hot.start).strftime("%d/%m")
    slots["ngay0b"] = (day - timedelta(days=1)).strftime("%d/%m")
    slots["ngay_thu"] = str(offset + 1)
    slots["cho"] = rng.choice(GATHER)
    slots["gio_sang"] = rng.choice(("6h30", "7h", "7h15", "7h30", "8h"))
    slots["gio_chieu"] = rng.choice(("12h30", "13h", "13h30", "14h"))
    slots["brand"] = unit.brand
    # The event's facts (amounts, dates) read the same whoever reports it.
    event_slots = Slots(
        random.Random(hot.seed), scene_for(rng, unit, tl.day(hot.start), people, "formal")
    )
    for key, options, pick in zip(
        ("reason", "demand", "commit"),
        (cause.reasons, cause.demands, cause.commits),
        hot.picks,
        strict=True,
    ):
        slots[key] = event_slots.fill(options[pick])
    bank = STOPPAGE if cause.stoppage else POISONING
    parts: list[str] = []
    if kind == "tin_don":
        parts.append(rng.choice(frames.RUMOUR[words]).replace("{x}", rng.choice(cause.rumours)))
        parts.append(rng.choice(frames.RUMOUR_TAIL[words]))
        subject = f"Tin đồn liên quan vụ việc tại {unit.brand}"
    else:
        by_channel = CHANNEL_START.get(channel, ()) if cause.stoppage and phase == "start" else ()
        if by_channel and rng.random() < 0.7:
            parts.append(rng.choice(by_channel))
        else:
            parts.append(rng.choice(bank[phase][words]))
        if kind == "khieu_nai":
            parts.append(rng.choice(frames.MOOD[words]["tieu_cuc"]))
        elif kind == "kien_nghi":
            ask = "{noi} {demand}" if phase != "end" else "{noi} thực hiện đúng cam kết"
            parts.append(rng.choice(frames.ASK[words]).replace("{x}", ask))
        elif kind == "khen_ngoi":
            parts.append(rng.choice(frames.MOOD[words]["tich_cuc"]))
        options = END_SUBJECTS if phase == "end" else HOT_SUBJECTS
        subject = slots.fill(rng.choice(options if cause.stoppage else POISON_SUBJECTS))
    if urgency == "diem_nong" and rng.random() < 0.6:
        crowd = cause.stoppage and kind != "tin_don"
        parts.append(
            rng.choice(frames.CROWD[words] if crowd else frames.URGENT[words]["diem_nong"])
        )
    parts.append(rng.choice(frames.CLOSE[words]))
    text = " ".join(s for s in (sentence(slots.fill(p)) for p in parts) if s)
    return subject, text


def _hot_report(
    rng: random.Random,
    tl: Timeline,
    hot: HotSpot,
    org: OrgSpec,
    cast: Cast,
    offset: int,
    texts: CorpusTexts | None = None,
) -> ReportSpec:
    unit = org.by_code[hot.unit]
    cause = CAUSES[hot.cause]
    phase = _phase(offset, hot.days)
    day = tl.day(hot.start + offset)
    person = cast.pick(rng, unit.code)
    register = _register(rng, person.role)
    kind = _PHASE_KIND[phase](rng)
    if phase == "end":
        sentiment = "tich_cuc" if kind == "khen_ngoi" else rng.choice(("trung_lap", "tich_cuc"))
        if kind == "kien_nghi":
            sentiment = "trung_lap"
        urgency = rng.choices(("can_chu_y", "binh_thuong"), (55, 45))[0]
    else:
        sentiment = "tieu_cuc"
        hot_share = 0.9 if cause.stoppage or phase == "start" else 0.4
        urgency = "diem_nong" if rng.random() < hot_share else "can_chu_y"
    said: Said | None = None
    topics = ";".join(cause.topics)
    if texts is not None:
        also = cause.topics[1] if len(cause.topics) > 1 else HOT_ALSO.get(hot.cause, "")
        said = texts.say(unit, cause.topics[0], kind, sentiment, urgency, mode="hot", also=also)
        kind, sentiment, urgency = said.item.kind, said.item.sentiment, said.item.urgency
        topics = said.topics
    channel = _PHASE_CHANNEL[phase](rng)
    if kind == "tin_don":
        channel = dist.RUMOUR_CHANNEL_PICK(rng)
    scale = {"start": rng.uniform(0.5, 1.0), "ongoing": rng.uniform(0.7, 1.2), "end": 1.0}[phase]
    people = round_people(max(5, min(unit.members, int(hot.people * scale))))
    scene = scene_for(rng, unit, day, people, register)
    if said is not None:
        subject, text = said.subject, said.text
    else:
        slots = Slots(rng, scene)
        spoken = (register, kind, urgency, channel)
        subject, text = _hot_words(rng, tl, hot, unit, offset, slots, spoken)
    verif = dist.RUMOUR_VERIF_PICK(rng) if kind == "tin_don" else _HOT_VERIF(rng)
    return ReportSpec(
        unit=unit.code,
        submitter=person.username,
        heard_at=heard_time(rng, day, channel),
        channel=channel,
        subject=subject[:200],
        text=text if said is not None else roughen(text, rng, register),
        place=place_for(rng, unit, topics.split(";")[0], channel, scene),
        people=people if rng.random() < 0.92 else None,
        kind=dist.read_kind(rng, kind),
        mood=dist.MOOD_PICK[sentiment](rng),
        urgency=dist.URGENCY_PICK[urgency](rng),
        verifiability=verif,
        named=rng.random() < 0.35,
        topics=topics,
        sentiment=sentiment,
        true_kind=kind,
        true_urgency=urgency,
        item=said.item.id if said else "",
    )


def _campaign_report(
    rng: random.Random,
    tl: Timeline,
    camp: Campaign,
    org: OrgSpec,
    cast: Cast,
    offset: int,
    debunk: bool,
    texts: CorpusTexts | None = None,
) -> ReportSpec:
    theme = THEMES[camp.theme]
    unit = org.by_code[rng.choices(camp.units, camp.weights)[0]]
    anchor = org.by_code[camp.anchor] if camp.anchor else unit
    day = tl.day(camp.start + offset)
    person = cast.pick(rng, unit.code)
    register = _register(rng, person.role)
    words = "formal" if register == "formal" else "note"
    if debunk:
        kind, sentiment, urgency = "thong_tin", "trung_lap", "binh_thuong"
        channel = rng.choice(_DENIAL_CHANNELS)
        verif = rng.choice(_DENIAL_VERIFS)
    else:
        kind = "tin_don"
        sentiment = "tieu_cuc" if rng.random() < 0.8 else "trung_lap"
        urgency = "can_chu_y" if rng.random() < 0.55 else "binh_thuong"
        channel = dist.RUMOUR_CHANNEL_PICK(rng)
        verif = dist.RUMOUR_VERIF_PICK(rng)
    said: Said | None = None
    if texts is not None:
        # A rumour is about the anchored enterprise, whoever hears it.
        if debunk:
            said = texts.say(anchor, theme.topic, kind, sentiment, urgency, tag=DENIAL_TAG)
        else:
            said = texts.say(anchor, theme.topic, kind, sentiment, urgency, mode="rumour")
        kind, sentiment, urgency = said.item.kind, said.item.sentiment, said.item.urgency
        if (kind == "tin_don") == debunk:  # the corpus had no text of the planned kind
            channel = dist.RUMOUR_CHANNEL_PICK(rng) if debunk else rng.choice(_DENIAL_CHANNELS)
            verif = dist.RUMOUR_VERIF_PICK(rng) if debunk else rng.choice(_DENIAL_VERIFS)
    people = dist.people_count(rng, urgency, kind, unit.members)
    scene = scene_for(rng, unit, day, people, register)
    if said is not None:
        subject, text, topics = said.subject, said.text, said.topics
    else:
        slots = Slots(rng, scene)
        slots["brand"] = anchor.brand
        slots["dv"] = anchor.workplace if register == "formal" else anchor.brand
        label = slots.fill(theme.label)
        if debunk:
            lead = (
                "" if register == "formal" else rng.choice(("Cập nhật: ", "Tin chính thức: ", ""))
            )
            parts = [lead + rng.choice(theme.debunks)]
            subject = rng.choice(("Thông tin chính thức về ", "Xác minh tin đồn về ")) + label
        else:
            parts = [
                rng.choice(frames.RUMOUR[words]).replace("{x}", rng.choice(theme.contents)),
                rng.choice(frames.RUMOUR_TAIL[words]),
            ]
            if sentiment == "tieu_cuc" and rng.random() < 0.5:
                parts.append(rng.choice(frames.MOOD[words]["tieu_cuc"]))
            if urgency == "can_chu_y" and rng.random() < 0.5:
                parts.append(rng.choice(frames.URGENT[words]["can_chu_y"]))
            subject = rng.choice(frames.SUBJECT["tin_don"] + ("Lo lắng về {x}",)).replace(
                "{x}", label
            )
        text = " ".join(s for s in (sentence(slots.fill(p)) for p in parts) if s)
        topics = theme.topic
    return ReportSpec(
        unit=unit.code,
        submitter=person.username,
        heard_at=heard_time(rng, day, channel),
        channel=channel,
        subject=subject[:200],
        text=text if said is not None else roughen(text, rng, register),
        place=place_for(rng, unit, topics.split(";")[0], channel, scene),
        people=people,
        kind=dist.read_kind(rng, kind),
        mood=dist.MOOD_PICK[sentiment](rng),
        urgency=dist.URGENCY_PICK[urgency](rng),
        verifiability=verif,
        named=rng.random() < 0.15,
        topics=topics,
        sentiment=sentiment,
        true_kind=kind,
        true_urgency=urgency,
        item=said.item.id if said else "",
    )


def burst_reports(
    rng: random.Random,
    tl: Timeline,
    org: OrgSpec,
    cast: Cast,
    texts: CorpusTexts | None = None,
) -> list[ReportSpec]:
    out: list[ReportSpec] = []
    for hot in tl.hotspots:
        weights = [45.0] + [35.0 / max(1, hot.days - 2)] * (hot.days - 2) + [20.0]
        offsets = sorted(rng.choices(range(hot.days), weights, k=hot.count))
        out += [_hot_report(rng, tl, hot, org, cast, off, texts) for off in offsets]
    for camp in tl.campaigns:
        offsets = sorted(rng.randrange(camp.days) for _ in range(camp.count))
        cut = int(camp.count * 0.85)
        out += [
            _campaign_report(rng, tl, camp, org, cast, off, i >= cut, texts)
            for i, off in enumerate(offsets)
        ]
    return out
