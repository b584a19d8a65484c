"""The demo reports' words: items of the labelled corpus's ``demo`` part.

The planner decides what a report is about (main topic, kind, sentiment,
urgency); :class:`CorpusPicker` finds an item of the corpus's demo part that
says so, in a real voice, and the report takes the item's text and labels (the
item's labels are the demo's ground truth). Items are used in turn, the least
used first, so 1,000 texts cover 20,000 reports as evenly as the plan allows.

Corpus texts name invented companies; :func:`set_company` puts the unit's own
company in their place, so a report of ``CĐCS May Hưng Phát`` speaks of
"Cty TNHH May Hưng Phát".
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from duluan.nlp.corpus import CorpusItem, corpus_items

from .noise import strip_marks
from .orgspec import LEVEL_GRASSROOTS, UnitSpec
from .vocab import PROVINCE

HOT = "diem_nong"
ANY = "*"
CALM = "calm"  # every urgency but diem_nong: hot texts stay in hot spots

Key = tuple[str, ...]
# An exact key gives way when its least used item has been used more than WEAR
# times as often as the least used item of the report's topic, plus SLACK.
WEAR, SLACK = 2, 2


# --- choosing an item --------------------------------------------------------------------


def _item_keys(item: CorpusItem) -> Iterator[Key]:
    """Every key an item is found under (see :func:`wanted_keys`)."""
    topic, kind, sentiment, urgency = item.topics[0], item.kind, item.sentiment, item.urgency
    calm = urgency != HOT
    yield ("tksu", topic, kind, sentiment, urgency)
    yield ("tku", topic, kind, urgency)
    yield ("tk", topic, kind, ANY)
    yield ("tu", topic, urgency)
    yield ("t", topic, ANY)
    yield ("ku", kind, urgency)
    yield ("u", urgency)
    if calm:
        yield ("tk", topic, kind, CALM)
        yield ("t", topic, CALM)
    for also in item.topics[1:]:
        yield ("pksu", topic, also, kind, sentiment, urgency)
        yield ("pu", topic, also, urgency)
    for tag in item.tags:
        yield ("tag", tag, topic)


def wanted_keys(
    topic: str,
    kind: str,
    sentiment: str,
    urgency: str,
    *,
    mode: str = "plain",
    also: str = "",
    tag: str = "",
) -> list[Key]:
    """The keys to try, best first.

    ``plain`` (an ordinary report): (topic, kind, sentiment, urgency) →
    (topic, kind, urgency) → (topic, kind) → (topic, urgency) → (topic) → any
    item of that urgency; a calm report never falls back to a hot-spot text.
    ``hot`` (a hot spot): items on the cause's two topics first, and urgency
    before kind. ``rumour`` (a rumour wave): rumours of other topics before other
    kinds of the topic. ``tag`` (e.g. ``cai_chinh`` for an official denial)
    comes first of all.
    """
    scope = ANY if urgency == HOT else CALM
    head: list[Key] = [("tag", tag, topic)] if tag else []
    exact: list[Key] = [("tksu", topic, kind, sentiment, urgency), ("tku", topic, kind, urgency)]
    if mode == "hot":
        pair: list[Key] = []
        if also:
            pair = [
                ("pksu", topic, also, kind, sentiment, urgency),
                ("pu", topic, also, urgency),
            ]
        rest = [("tu", topic, urgency), ("tk", topic, kind, ANY), ("t", topic, ANY)]
        return [*head, *pair, *exact, *rest, ("u", urgency)]
    if mode == "rumour":
        rest = [("tk", topic, kind, scope), ("ku", kind, urgency), ("tu", topic, urgency)]
        return [*head, *exact, *rest, ("t", topic, scope), ("u", urgency)]
    rest = [("tk", topic, kind, scope), ("tu", topic, urgency), ("t", topic, scope)]
    return [*head, *exact, *rest, ("u", urgency)]


class CorpusPicker:
    """Items by what they say, handed out in turn (the least used first).

    Ties among equally used items are broken by one shuffled order drawn from
    the demo's rng, so the same rng state always gives the same sequence.
    """

    def __init__(self, rng: random.Random, items: Sequence[CorpusItem]) -> None:
        if not items:
            raise ValueError("no corpus items to pick from")
        self.items = tuple(items)
        n = len(self.items)
        order = list(range(n))
        rng.shuffle(order)
        self.uses = [0] * n
        # uses * n + rank: the least used item first, the shuffled order among equals.
        self._score = [0] * n
        for rank, position in enumerate(order):
            self._score[position] = rank
        index: dict[Key, list[int]] = defaultdict(list)
        for i, item in enumerate(self.items):
            for key in _item_keys(item):
                index[key].append(i)
        self._index = dict(index)
        self._all = list(range(n))

    def _least(self, found: list[int]) -> int:
        return min(found, key=self._score.__getitem__)

    def choose(self, keys: Sequence[Key], balance: bool) -> int:
        """The least used item of the first key that has items.

        With ``balance`` (an ordinary report), a key gives way to the next one
        when its least used item is worn, used more than ``WEAR`` times as often
        as the least used item of the report's topic (plus ``SLACK``): a text
        of a kind the corpus has few of is not repeated hundreds of times while
        the topic's other texts wait. The topic itself never changes for that.
        """
        levels = [(key, found) for key in keys if (found := self._index.get(key))]
        if not levels:
            return self._least(self._all)
        within = [found for key, found in levels if key[0] != "u"]
        if balance and len(within) > 1:
            bound = WEAR * self.uses[self._least(within[-1])] + SLACK
            for found in within[:-1]:
                best = self._least(found)
                if self.uses[best] <= bound:
                    return best
            return self._least(within[-1])
        return self._least(levels[0][1])

    def pick(
        self,
        topic: str,
        kind: str,
        sentiment: str,
        urgency: str,
        *,
        mode: str = "plain",
        also: str = "",
        tag: str = "",
    ) -> CorpusItem:
        keys = wanted_keys(topic, kind, sentiment, urgency, mode=mode, also=also, tag=tag)
        best = self.choose(keys, balance=mode == "plain" and not tag)
        self.uses[best] += 1
        self._score[best] += len(self.items)
        return self.items[best]


# --- the unit's company ------------------------------------------------------------------

_PREFIXES = (
    "Công ty",
    "công ty",
    "CÔNG TY",
    "Cty",
    "cty",
    "CTY",
    "Doanh nghiệp",
    "doanh nghiệp",
    "DN",
    "Nhà máy",
    "nhà máy",
    "Xưởng",
    "xưởng",
)
_FORMS = ("TNHH MTV", "TNHH", "CP", "Cổ phần", "cổ phần", "MTV")
_PREFIX = "|".join(_PREFIXES)
_FORM = "|".join(_FORMS)
# A company prefix, its legal form, then (looked at, not taken) the words after it;
# :func:`_name_words` decides how many of them are the name.
COMPANY = re.compile(
    rf"(?<!\w)((?:{_PREFIX})(?: (?:{_FORM}))*) (?=([^\W\d_]+(?!\w)(?: [^\W\d_]+(?!\w)){{0,7}}))"
)
_OWN_FORM = re.compile(rf"^Công ty(?: (?:{_FORM}))* ")
# Lower-case words that end a name ("Cty em", "cty giày bên Phù Sa", "công ty khác").
_STOP = frozenset(
    """bên ở o tại của cua em e mình minh tui tôi toi tao anh a chị chi cho và va với voi
    vs thì thi là la đã đang dang sẽ se vừa vua không ko k có co nói noi mà ma này đó ni
    nọ kia nào nao ta mới moi cũng cung hả ơi nè ạ vậy trong ngoài đến den từ về ve khác
    khac nhà nha mấy các những cả ca ai gì j được dc đc""".split()  # noqa: SIM905
)
_MAX_LOWER_RUN = 3  # "Thức ăn chăn nuôi Phú Hòa"
_SINGLE_PREFIXES = frozenset(p for p in _PREFIXES if " " not in p)
_DOUBLE_PREFIXES = frozenset(p for p in _PREFIXES if " " in p)


def _capitalised(word: str, first: bool) -> bool:
    if not word[0].isupper():
        return False
    rest = word[1:]
    return rest.islower() if rest else not first  # "Á" in "Đông Á", never "B" alone


def _opens(words: Sequence[str], i: int) -> bool:
    """Another mention starts here ("xưởng cán Cty CP Thép Bình Vọng")."""
    return words[i] in _SINGLE_PREFIXES or " ".join(words[i : i + 2]) in _DOUBLE_PREFIXES


def _name_words(words: Sequence[str]) -> int:
    """How many of the words after a company prefix are its name (0: none).

    A name is industry words, which may be in lower case ("May mặc", "điện tử",
    "Ô tô"), then proper words ("Hưng Thịnh", "Seyoung Vina"); it ends at a
    capitalised word. Lower-case words stop it when there are too many in a row,
    more than one after two capitalised words ("May Xuất khẩu Hồng Hà" but not
    "Hưng Thịnh nợ lương"), or when they are words such as "em", "bên", "của";
    so does an abbreviation in capitals (CN, KCN). A name that starts in lower
    case ("cty may Phúc Thịnh", "nhà máy giày Tân Đạt") needs two capitalised
    words after at most two lower-case ones ("công ty cắt thưởng Tết" is none).
    """
    lead = bool(words) and words[0][:1].islower()
    end = end_caps = caps = lowers = before = 0
    for i, word in enumerate(words):
        if _opens(words, i):
            break
        if _capitalised(word, i == 0):
            caps = 1 if lowers else caps + 1
            lowers = 0
            end, end_caps = i + 1, caps
            continue
        if not word.islower() or word in _STOP:
            break
        if not lowers:
            before = caps  # capitalised words just before this lower-case run
        lowers += 1
        limit = 1 if before >= 2 else 2 if lead and not end else _MAX_LOWER_RUN
        if lowers > limit:
            break
    return 0 if lead and end_caps < 2 else end


@dataclass(frozen=True)
class Mention:
    begin: int  # where the prefix starts in the text
    start: int  # where the name starts
    end: int
    prefix: str
    name: str


def company_mentions(text: str) -> list[Mention]:
    """Every company named in a text with a prefix ("Cty TNHH May Phúc Thịnh"), in order."""
    out: list[Mention] = []
    for match in COMPANY.finditer(text):
        words = match.group(2).split(" ")
        n = _name_words(words)
        if n:
            name = " ".join(words[:n])
            start = match.end()
            out.append(Mention(match.start(), start, start + len(name), match.group(1), name))
    return out


def unit_company(unit: UnitSpec) -> str:
    """The company name a grassroots union's texts use ("May Hưng Phát"), or ""."""
    if unit.level != LEVEL_GRASSROOTS or not unit.workplace.startswith("Công ty "):
        return ""
    return _OWN_FORM.sub("", unit.workplace, count=1) or unit.brand


def _unaccented(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return sum(not c.isascii() for c in letters) < 0.02 * max(1, len(letters))


def set_company(text: str, company: str) -> str:
    """The text with its (first) company's name replaced by ``company``.

    The prefix stays ("Cty TNHH", "công ty", "nhà máy"); every other mention of
    that name is replaced too, with its prefix or, for a name of two words or
    more, without; other companies named in the text are left alone. Text typed
    without diacritics gets the name without them.
    """
    if not company:
        return text
    mentions = company_mentions(text)
    if not mentions:
        return text
    old = mentions[0].name
    new = strip_marks(company) if old.isascii() and _unaccented(text) else company
    if old == new:
        return text
    if len(old.split()) >= 2 and old != PROVINCE:
        return re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", new, text)
    parts: list[str] = []
    last = 0
    for mention in mentions:
        if mention.name == old:
            parts += [text[last : mention.start], new]
            last = mention.end
    parts.append(text[last:])
    return "".join(parts)


# --- a subject from the text -------------------------------------------------------------

_TAG = re.compile(r"^\s*(?:\[[^\]]{1,40}\]|\([^)]{1,40}\))\s*")
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)|\n")
_CLAUSE_END = re.compile(r"[,;:]$")
_TRAIL = " \t,;:.!?…-–—\"'“”‘’«»(["
# Words a subject does not end on ("… tại", "… của").
_DANGLING = frozenset(
    """của và với cho ở tại là thì mà các những có được bị từ đến về theo trong khi để
    vì do nên""".split()  # noqa: SIM905
)
SUBJECT_MAX = 200
_WORDS_SHORT, _WORDS_MIN, _WORDS_AIM, _WORDS_MAX = 3, 6, 10, 12
_QUOTES = re.compile('[“”"]')


def _balanced(subject: str) -> str:
    """Cut an opened and never closed bracket or quote off the end."""
    for opening, closing in (("(", ")"), ("[", "]"), ("“", "”")):
        if subject.count(opening) > subject.count(closing):
            subject = subject[: subject.rfind(opening)]
    if subject.count('"') % 2:
        subject = subject[: subject.rfind('"')]
    return subject


def subject_of(text: str) -> str:
    """A subject line for a text: its first clause, or its first ten words or so.

    Cut at a word boundary, without trailing punctuation, capitalised, at most
    200 characters.
    """
    body = _QUOTES.sub("", _TAG.sub("", text, count=1)).strip() or text.strip()
    sentence, start = "", 0
    for end in [*(m.end() for m in _SENTENCE_END.finditer(body)), len(body)]:
        # "Gấp ạ!! Chuyền SMT với chuyền lắp ráp…": a short first sentence takes the next.
        sentence = " ".join(f"{sentence} {body[start:end]}".split())
        start = end
        if len(sentence.split()) >= _WORDS_SHORT:
            break
    words = sentence.split(" ")
    if len(words) > _WORDS_MAX:
        cut = next(
            (
                i + 1
                for i in range(_WORDS_MIN - 1, _WORDS_MAX)
                if _CLAUSE_END.search(words[i]) or words[i + 1][:1] in "(–—-"
            ),
            _WORDS_AIM,
        )
        length = len(" ".join(words[:cut]))
        for mention in company_mentions(sentence):  # never cut a company's name in two
            if mention.begin < length < mention.end:
                fits = sentence.count(" ", 0, mention.end) < _WORDS_MAX + 3
                length = mention.end if fits else mention.begin
                break
        words = sentence[:length].split()
    subject = ""
    while words:
        subject = _balanced(" ".join(words)).strip(_TRAIL)
        last = subject.rsplit(" ", 1)[-1].lower() if subject else ""
        if subject and (last not in _DANGLING or len(words) <= 3):
            break
        words = words[:-1]
    subject = subject or " ".join(body.split()[:_WORDS_AIM]).strip(_TRAIL)
    if len(subject) > SUBJECT_MAX:
        subject = subject[:SUBJECT_MAX].rsplit(" ", 1)[0].strip(_TRAIL)
    return subject[:1].upper() + subject[1:]


# --- what the planner uses ---------------------------------------------------------------


@dataclass(frozen=True)
class Said:
    """One report's words and truth, from a corpus item."""

    item: CorpusItem
    subject: str
    text: str

    @property
    def topic(self) -> str:
        return self.item.topics[0]

    @property
    def topics(self) -> str:
        return ";".join(self.item.topics)


class CorpusTexts:
    """The picker plus the unit's company and a subject, cached per (item, company)."""

    def __init__(self, rng: random.Random, items: Sequence[CorpusItem]) -> None:
        self.picker = CorpusPicker(rng, items)
        self._said: dict[tuple[str, str], tuple[str, str]] = {}
        self._company: dict[str, str] = {}

    @classmethod
    def demo(cls, rng: random.Random) -> CorpusTexts | None:
        """Over the corpus's demo part; ``None`` when the product ships none."""
        items = [item for item in corpus_items("demo") if item.topics and item.text.strip()]
        return cls(rng, items) if items else None

    def company(self, unit: UnitSpec) -> str:
        if unit.code not in self._company:
            self._company[unit.code] = unit_company(unit)
        return self._company[unit.code]

    def say(
        self,
        unit: UnitSpec,
        topic: str,
        kind: str,
        sentiment: str,
        urgency: str,
        *,
        mode: str = "plain",
        also: str = "",
        tag: str = "",
    ) -> Said:
        item = self.picker.pick(topic, kind, sentiment, urgency, mode=mode, also=also, tag=tag)
        company = self.company(unit)
        key = (item.id, company)
        if key not in self._said:
            text = set_company(item.text, company)
            self._said[key] = (subject_of(text), text)
        subject, text = self._said[key]
        return Said(item, subject, text)
