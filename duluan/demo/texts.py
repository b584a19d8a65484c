"""Compose one report's subject and text from an issue, frames and slots."""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import frames
from .issues import Issue
from .noise import roughen
from .slots import Scene, Slots


@dataclass(frozen=True)
class Draft:
    """What a report says (its truth) and how it is said."""

    issue: Issue
    kind: str
    sentiment: str
    urgency: str
    channel: str
    register: str  # "formal" | "note" | "quick"
    scene: Scene
    also: Issue | None = None  # a second topic raised in the same report


def sentence(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    return text if text[-1] in ".?!:" else text + "."


def _intro(rng: random.Random, draft: Draft, slots: Slots) -> str:
    """Who said it, filled now so the clause after it may name people differently."""
    options = frames.INTRO[draft.register]
    intro = slots.fill(rng.choice(options.get(draft.channel) or options["khac"]))
    slots.redraw("nguoi", "nguoi1")
    return intro


def _mood(rng: random.Random, register: str, sentiment: str) -> str:
    return rng.choice(frames.MOOD[register][sentiment])


def _body(rng: random.Random, draft: Draft, slots: Slots) -> list[str]:
    """The sentences that carry the kind and sentiment."""
    issue, reg, kind, sentiment = draft.issue, draft.register, draft.kind, draft.sentiment
    out: list[str] = []
    if kind == "cau_hoi":
        if sentiment == "tieu_cuc" and issue.facts:
            out.append(_intro(rng, draft, slots) + rng.choice(issue.facts))
        out.append(rng.choice(frames.QUESTION[reg]).replace("{x}", rng.choice(issue.questions)))
        if sentiment == "tieu_cuc":
            out.append(_mood(rng, reg, "tieu_cuc"))
        out.append(rng.choice(frames.QUESTION_TAIL[reg]))
        return out
    if kind == "tin_don":
        out.append(rng.choice(frames.RUMOUR[reg]).replace("{x}", rng.choice(issue.rumours)))
        out.append(rng.choice(frames.RUMOUR_TAIL[reg]))
        if sentiment == "tieu_cuc" and rng.random() < 0.5:
            out.append(_mood(rng, reg, "tieu_cuc"))
        return out
    if kind == "khen_ngoi" or sentiment == "tich_cuc":
        goods = list(issue.goods)
        rng.shuffle(goods)
        out.append(_intro(rng, draft, slots) + goods[0])
        if len(goods) > 1 and rng.random() < 0.2:
            slots.redraw("nguoi", "noi")
            out.append(rng.choice(frames.ALSO_GOOD[reg]).replace("{x}", goods[1]))
        out.append(_mood(rng, reg, "tich_cuc"))
        return out
    if kind == "kien_nghi" and sentiment == "trung_lap":
        if issue.facts and rng.random() < 0.4:
            out.append(_intro(rng, draft, slots) + rng.choice(issue.facts))
        out.append(rng.choice(frames.ASK[reg]).replace("{x}", rng.choice(issue.asks)))
        return out
    facts = list(issue.facts)
    rng.shuffle(facts)
    out.append(_intro(rng, draft, slots) + facts[0])
    if len(facts) > 1 and rng.random() < 0.3:
        slots.redraw("nguoi", "bp")
        out.append(facts[1])
    out.append(_mood(rng, reg, sentiment))
    if kind == "kien_nghi" or (kind == "khieu_nai" and rng.random() < 0.4):
        asks = issue.asks or frames.GENERIC_ASKS
        out.append(rng.choice(frames.ASK[reg]).replace("{x}", rng.choice(asks)))
    return out


def _also(rng: random.Random, draft: Draft) -> str:
    if draft.also is None:
        return ""
    if draft.sentiment == "tich_cuc":
        return rng.choice(frames.ALSO_GOOD[draft.register]).replace(
            "{x}", rng.choice(draft.also.goods)
        )
    return rng.choice(frames.ALSO[draft.register]).replace("{x}", rng.choice(draft.also.facts))


def _subject(rng: random.Random, draft: Draft, slots: Slots, first: str) -> str:
    issue = draft.issue
    if draft.register == "quick" and rng.random() < 0.35:
        words = first.split()
        return " ".join(words[: rng.randint(5, 9)]).rstrip(",.:")
    specific = draft.kind in ("khieu_nai", "kien_nghi", "thong_tin") and draft.sentiment != (
        "tich_cuc"
    )
    if specific and issue.subjects and rng.random() < 0.65:
        subject = slots.fill(rng.choice(issue.subjects))
    else:
        subject = slots.fill(rng.choice(frames.SUBJECT[draft.kind]).replace("{x}", issue.label))
    if draft.register == "formal" and not draft.scene.area and rng.random() < 0.25:
        subject = f"{draft.scene.brand}: {subject[:1].lower()}{subject[1:]}"
    return subject


def compose(rng: random.Random, draft: Draft, slots: Slots | None = None) -> tuple[str, str]:
    """(subject, text) for a draft; the same rng state always gives the same words."""
    slots = slots or Slots(rng, draft.scene)
    reg = draft.register
    parts = _body(rng, draft, slots)
    also = _also(rng, draft)
    if also:
        slots.redraw("nguoi")
        parts.insert(1, also)
    if draft.urgency != "binh_thuong":
        options = frames.URGENT[reg][draft.urgency]
        if draft.urgency == "diem_nong" and draft.issue.topic == "tranh_chap":
            options = frames.CROWD[reg]
        parts.append(rng.choice(options))
    closes = frames.CLOSE[reg] if draft.sentiment == "tieu_cuc" else frames.CLOSE_CALM[reg]
    parts.append(rng.choice(closes))
    filled = [sentence(slots.fill(part)) for part in parts if part]
    text = " ".join(part for part in filled if part)
    subject = _subject(rng, draft, slots, filled[0] if filled else text)
    text = roughen(text, rng, reg)
    if reg == "quick":
        subject = roughen(subject, rng, "note")
    return subject[:200], text
