"""What people talk about: one :class:`Issue` per recurring matter, grouped by
taxonomy topic. The phrase banks (``bank_*.py``) fill the registry.

Templates are clauses with ``{slot}`` fields (see :mod:`duluan.demo.slots`),
lower-case at the start and without a final full stop, so frames can embed them:
``facts`` state a problem, ``goods`` a positive turn, ``asks`` follow "đề nghị",
``questions`` are whole questions, ``rumours`` follow "nghe nói".
"""

from __future__ import annotations

from dataclasses import dataclass

TOPICS: tuple[str, ...] = (
    "tien_luong",
    "thuong_phuc_loi",
    "viec_lam",
    "hop_dong",
    "bao_hiem",
    "thoi_gio",
    "an_toan",
    "doi_song",
    "quan_ly_doi_xu",
    "dan_chu_co_so",
    "cong_doan",
    "chinh_sach",
    "tranh_chap",
    "thi_dua",
    "xa_hoi",
    "khac",
)
KINDS: tuple[str, ...] = ("khieu_nai", "kien_nghi", "cau_hoi", "khen_ngoi", "thong_tin", "tin_don")
SENTIMENTS: tuple[str, ...] = ("tieu_cuc", "trung_lap", "tich_cuc")
URGENCIES: tuple[str, ...] = ("binh_thuong", "can_chu_y", "diem_nong")


@dataclass(frozen=True)
class Issue:
    """A recurring matter within one topic, with what people say about it."""

    topic: str
    sectors: str  # sector codes it arises in (see vocab), "*" for all
    label: str  # a neutral noun phrase: "thưởng Tết", "tăng ca"
    subjects: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    goods: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    rumours: tuple[str, ...] = ()
    pair: str = ""  # a topic people often raise with this one
    season: str = ""  # "tet", "after_tet", "heat", "storm": when it is talked about

    def fits(self, sector: str) -> bool:
        return self.sectors == "*" or sector in self.sectors

    def supports(self, kind: str, sentiment: str) -> bool:
        if kind == "khen_ngoi" or (kind == "thong_tin" and sentiment == "tich_cuc"):
            return bool(self.goods)
        if kind == "cau_hoi":
            return bool(self.questions)
        if kind == "tin_don":
            return bool(self.rumours)
        if kind == "kien_nghi":
            return bool(self.asks)
        return bool(self.facts)


def _registry() -> dict[str, tuple[Issue, ...]]:
    from . import bank_jobs, bank_life, bank_pay, bank_society, bank_union, bank_work

    grouped: dict[str, list[Issue]] = {topic: [] for topic in TOPICS}
    for bank in (bank_pay, bank_jobs, bank_work, bank_life, bank_union, bank_society):
        for issue in bank.ISSUES:
            grouped[issue.topic].append(issue)
    return {topic: tuple(items) for topic, items in grouped.items()}


ISSUES: dict[str, tuple[Issue, ...]] = _registry()


def issues_for(topic: str, sector: str) -> tuple[Issue, ...]:
    """Issues of ``topic`` that arise in ``sector`` (all of them when none fits)."""
    fitting = tuple(issue for issue in ISSUES[topic] if issue.fits(sector))
    return fitting or ISSUES[topic]


def issue_weight(issue: Issue, season: dict[str, float]) -> float:
    """How likely a seasonal issue is today (``season`` from seasons.issue_season)."""
    return season.get(issue.season, 1.0) if issue.season else 1.0
