"""Every template fills, every draft composes, the typing habits behave."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from duluan.demo import events, frames
from duluan.demo.issues import ISSUES, KINDS, TOPICS
from duluan.demo.noise import abbreviate, roughen, strip_marks
from duluan.demo.seasons import lunar_year_name, tet_offset
from duluan.demo.slots import Scene, Slots, money
from duluan.demo.texts import Draft, compose

SECTORS = "FLCSHAP"
BRACES = re.compile(r"[{}]")


def scene(sector: str, *, area: bool = False, formal: bool = False) -> Scene:
    name = "" if area else "Công ty TNHH May Hưng Phát"
    industry = "may" if sector in "FL" else "xay_dung" if sector == "C" else ""
    return Scene(
        sector,
        industry,
        name,
        "May Hưng Phát",
        "KCN Bắc Sông",
        "Tân Khê",
        "CĐ các KCN",
        date(2026, 1, 10),
        120,
        formal,
    )


def all_templates() -> list[str]:
    out: list[str] = []
    for issues in ISSUES.values():
        for issue in issues:
            out += [*issue.subjects, *issue.facts, *issue.goods, *issue.asks]
            out += [*issue.questions, *issue.rumours]
    for table in (frames.ASK, frames.QUESTION, frames.RUMOUR, frames.ALSO, frames.CLOSE):
        out += [t.replace("{x}", "") for options in table.values() for t in options]
    for by_register in (*frames.INTRO.values(), *frames.MOOD.values(), *frames.URGENT.values()):
        out += [t for options in by_register.values() for t in options]
    for bank in (events.STOPPAGE, events.POISONING):
        out += [t for phase in bank.values() for options in phase.values() for t in options]
    for cause in events.CAUSES.values():
        out += [*cause.reasons, *cause.demands, *cause.commits, *cause.rumours]
    for theme in events.THEMES.values():
        out += [*theme.contents, *theme.debunks, theme.label]
    return out


@pytest.mark.parametrize("sector", SECTORS)
def test_every_template_fills_without_leftover_braces(sector: str) -> None:
    rng = random.Random(1)
    for area in (False, True):
        slots = Slots(rng, scene(sector, area=area))
        for key in ("reason", "demand", "commit", "ngay0", "ngay0b", "ngay_thu", "cho", "brand"):
            slots[key] = "x"
        slots["gio_sang"] = slots["gio_chieu"] = "7h"
        for template in all_templates():
            assert not BRACES.search(slots.fill(template)), template


def test_every_issue_composes_in_every_register_and_supported_kind() -> None:
    rng = random.Random(2)
    for topic in TOPICS:
        assert ISSUES[topic], topic
        for issue in ISSUES[topic]:
            for kind in KINDS:
                sentiment = "tich_cuc" if kind == "khen_ngoi" else "tieu_cuc"
                if kind == "cau_hoi":
                    sentiment = "trung_lap"
                if not issue.supports(kind, sentiment):
                    continue
                for register in ("formal", "note", "quick"):
                    draft = Draft(
                        issue,
                        kind,
                        sentiment,
                        "can_chu_y",
                        "truc_tiep",
                        register,
                        scene(
                            issue.sectors[0] if issue.sectors != "*" else "F",
                            formal=register == "formal",
                        ),
                    )
                    subject, text = compose(rng, draft)
                    assert subject and len(subject) <= 200 and len(text) > 15
                    assert not BRACES.search(subject + text)


def test_money_is_written_the_vietnamese_way() -> None:
    rng = random.Random(3)
    formal = {money(rng, 4_500_000, True) for _ in range(20)}
    assert formal == {"4,5 triệu đồng", "4.500.000 đồng"}
    casual = {money(rng, 4_500_000, False) for _ in range(40)}
    assert "4tr5" in casual and "4,5 triệu" in casual
    assert money(rng, 350_000, True) == "350.000 đồng"


def test_typing_habits() -> None:
    rng = random.Random(4)
    assert strip_marks("Người lao động được trả lương") == "Nguoi lao dong duoc tra luong"
    assert abbreviate("công nhân không được nghỉ", rng, 1.0) != "công nhân không được nghỉ"
    texts = {roughen("Công nhân không được trả lương tháng 10.", rng, "quick") for _ in range(50)}
    assert len(texts) > 10


def test_tet_calendar() -> None:
    assert lunar_year_name(2026) == "Bính Ngọ"
    assert lunar_year_name(2025) == "Ất Tỵ"
    assert tet_offset(date(2026, 1, 17))[0] == 31
    assert tet_offset(date(2026, 2, 20))[0] == -3
