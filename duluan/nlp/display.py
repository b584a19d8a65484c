"""How sure the model is, in words for people: one place for the thresholds.

Officers read "chắc chắn", "khá chắc" or "cần xem lại", not "87 %": a percentage
looks more exact than it is, and a word says what to do. The API keeps the numbers
(``*_confidence``) and adds these words (``*_confidence_label``).

The thresholds come from the shipped model's calibration, measured on the two
held-out parts of the corpus (dev, 900 texts; demo, 1,000), by the share of
answers that were right at each level:

=============  ===========  ===================  ====================
level          confidence   sentiment/kind/urg.  main topic
=============  ===========  ===================  ====================
chắc chắn      ≥ 0.9        95–97 % right        87–89 % right
khá chắc       0.7–0.9      74–83 % right        69–73 % right
cần xem lại    < 0.7        53–64 % right        59–65 % right
=============  ===========  ===================  ====================

(About three in four analyses are "chắc chắn"; one in ten "cần xem lại".) A field
a person corrected has confidence 1.0 and reads "chắc chắn". The labelling queue
orders by the same numbers (least sure first), so its "cần xem lại" cards come first.
"""

from __future__ import annotations

from enum import StrEnum

SURE_FROM = 0.9
FAIRLY_SURE_FROM = 0.7


class Certainty(StrEnum):
    SURE = "chac_chan"
    FAIRLY_SURE = "kha_chac"
    REVIEW = "can_xem_lai"


CERTAINTY_WORDS: dict[Certainty, str] = {
    Certainty.SURE: "chắc chắn",
    Certainty.FAIRLY_SURE: "khá chắc",
    Certainty.REVIEW: "cần xem lại",
}

CERTAINTY_MEANINGS: dict[Certainty, str] = {
    Certainty.SURE: "ở mức này mô hình đúng khoảng 9 trên 10 lần trở lên",
    Certainty.FAIRLY_SURE: "ở mức này mô hình đúng khoảng 3 đến 4 trên 5 lần",
    Certainty.REVIEW: "ở mức này mô hình chỉ đúng khoảng một nửa đến hai phần ba số lần: nên có người xem lại",
}


def certainty(confidence: float | None) -> Certainty:
    """The level of a model confidence (0–1); no confidence at all needs a look."""
    if confidence is None:
        return Certainty.REVIEW
    value = float(confidence)
    if value >= SURE_FROM:
        return Certainty.SURE
    if value >= FAIRLY_SURE_FROM:
        return Certainty.FAIRLY_SURE
    return Certainty.REVIEW


def confidence_label(confidence: float | None) -> str:
    """ "chắc chắn", "khá chắc" or "cần xem lại"."""
    return CERTAINTY_WORDS[certainty(confidence)]


def confidence_meaning(confidence: float | None) -> str:
    """What the level means, for a tooltip or a legend."""
    return CERTAINTY_MEANINGS[certainty(confidence)]


def certainty_legend() -> list[tuple[str, str]]:
    """(word, meaning) for each level, surest first: the legend under the words."""
    return [(CERTAINTY_WORDS[c], CERTAINTY_MEANINGS[c]) for c in Certainty]


# How alike two reports are (``related.rank``'s score: cosine plus the boosts), in
# words. On the related-reports set (45 incidents told three ways, 90 look-alikes of
# other incidents), among the five nearest of each report: at 0.5 and above, 69 % are
# the same incident; from 0.3 (where a matter is suggested, ``related.SUGGEST_SCORE``)
# to 0.5, about 1 in 10 (the same subject, mostly another incident); below, about 1 in 7.
VERY_ALIKE_FROM = 0.5
ALIKE_FROM = 0.3


def similarity_label(score: float) -> str:
    """ "rất giống" (maybe the same incident), "khá giống" or "hơi giống"."""
    if score >= VERY_ALIKE_FROM:
        return "rất giống"
    if score >= ALIKE_FROM:
        return "khá giống"
    return "hơi giống"
