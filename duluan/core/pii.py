"""Detect and mask personal data in free text (phones, e-mails, ID numbers, names).

Rules, not a model: they are predictable, fast, and explainable to an
inspector. The text-analytics pipeline reuses :func:`find_pii` as a step, so
every regex here starts with a literal or a character class (the regex engine
then skips ahead in C) and Python only looks at the few places that match.

Names are found by context and by a list of surnames:

* after a title: "anh Hùng", "chị Nguyễn Thị Lan", "chi Tran Thi Mai", and a
  lower-case first name when a phone number follows ("anh hung 0987 ...");
* after a form label: "Họ và tên:", "Người liên hệ:", "Người làm đơn" (the name
  may sit on the next line, under "(ký, ghi rõ họ tên)");
* in a self-introduction: "em tên là Mai", "tôi là Trần Văn Bình",
  "em ten la le van nam", "mình là hoa";
* anywhere, as a surname followed by given names ("Nguyễn Văn Hùng",
  "Nguyen Van Hung", "NGUYỄN VĂN AN");
* in a numbered list of people ("1. Lò Văn Páo, tổ may 3") and as a
  signature (a lone full name on the last line).

Not names: places that start with a title or a surname (Bà Chiểu, Hai Bà Trưng,
Ông Lãnh, Hà Nội, Lê Lợi street), anything right after a place or company word
("đường", "chợ", "Công ty TNHH"), job titles after a title ("ông Giám đốc").
The word lists live in :mod:`duluan.core.names_vi`.

:func:`pii_scores` measures precision and recall on a hand-marked set.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from duluan.core import names_vi as nv
from duluan.core.text import fold

_fold_word = nv.fold_word

_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_LETTER = f"[{_UPPER}{_LOWER}]"
# A capitalised word, an all-capitals word, or a lone capital ("Nguyễn Văn A").
_CAP_WORD = f"[{_UPPER}](?:[{_LOWER}]+|[{_UPPER}]+)?(?!{_LETTER})"


# ── e-mails, phones, ID numbers ──────────────────────────────────────────────
_EMAIL_TAIL = re.compile(r"@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_EMAIL_HEAD = re.compile(r"[\w.+-]+$")
# Eight digits or more in groups joined by one space, dot or dash: "0912 345 678",
# "+84 912.345.678", "(028) 3812 3456" (the "+" and "(" are looked at in
# Python). Python decides what a run of groups is: a phone, an ID, or neither.
_NUMBER_RUN = re.compile(r"\d(?:(?:[ .\-]|\)[ ]?)?\d){7,}")
_DIGITS = re.compile(r"\d+")
_MONEY_AFTER = re.compile(
    r"[ \t]?(?:đ|đồng|dong|vnđ|vnd|triệu|trieu|tr|nghìn|nghin|ngàn|ngan|k|usd|%)\b", re.I
)
_PASSPORT = re.compile(r"\b[A-Z]\d{7}\b")
_NUMBER_CUES = ("sdt", "sđt", "đt", "dt", "tel", "cccd", "cmnd", "cmt", "zalo", "số", "so")
# Words in the 30 characters before a number that say what it is.
_NUMBER_CLUES = re.compile(
    r"(?P<company>mst|mã số thuế|ma so thue|mã số doanh nghiệp|ma so doanh nghiep)"
    r"|(?P<bhxh>bhxh|bảo hiểm|bao hiem|bhyt|sổ bh|so bh)"
    r"|(?P<phone>sđt|sdt|đt|điện thoại|dien thoai|zalo|gọi|goi|liên hệ|lien he)"
)

# ── names ────────────────────────────────────────────────────────────────────
_TITLES_ACCENTED = nv.words("anh chị ông bà cô chú bác em cháu dì thím mợ cậu bạn thằng cụ sếp")
_TITLES_UNACCENTED = nv.words("chi ong ba co chu bac chau")  # need an unaccented name after
_TITLES_CHAT = ("a", "c", "e")  # "a Hùng", "c Lan": a known first name after
_TITLE_WORDS = {*_TITLES_ACCENTED, *_TITLES_UNACCENTED, "đồng chí", "dong chi", "đ/c"}


def _trie(words: Iterable[str], exact: Iterable[str] = ()) -> str:
    """A regex for the words, lower-case, capitalised and upper-case, as a trie.

    ``a(?:nh)?|b(?:à|ác)|...``: every branch starts with a distinct literal, so
    the engine skips in C to a possible first letter and fails each branch on
    one comparison (``[Aa]nh|[Bb]à`` or a flat list of 60 words is 2-4x slower).
    """
    variants = {v for w in words for v in (w, w[0].upper() + w[1:], w.upper())}
    return _trie_of(sorted(variants | set(exact)))


def _trie_of(words: list[str]) -> str:
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[0], []).append(word[1:])
    branches = []
    for head, rests in heads.items():
        ends = "" in rests
        rest = [r for r in rests if r]
        if not rest:
            branches.append(re.escape(head))
            continue
        inner = _trie_of(rest)
        branches.append(f"{re.escape(head)}(?:{inner}){'?' if ends else ''}")
    return "|".join(branches)


_TITLE_RE = re.compile(
    "(?:"
    + _trie([*_TITLES_ACCENTED, *_TITLES_UNACCENTED, "đồng chí", "dong chi", "đ/c"], _TITLES_CHAT)
    + rf")[ \t]+(?=[{_UPPER}]"
    # or a lower-case full name with a middle name: "chị nguyễn thị mai", "anh le van nam"
    + f"|(?:{_trie_of(sorted(nv.SURNAME_SET))})"
    + r"[ \t]+(?:văn|thị|van|thi)[ \t])"
)
# "anh hung 0987 654 321": looked for just before a phone number.
_NAME_BEFORE_PHONE = re.compile(
    rf"(?<!{_LETTER})({_trie(_TITLES_ACCENTED)})[ \t]+"
    rf"((?:[{_LOWER}]+ ){{0,3}}[{_LOWER}]+)[ \t]*[:,\-]?[ \t]*(?:s?[đd]t:?[ \t]*)?[(+]?$"
)
# Self-introductions and "tên": "em tên là Mai", "tôi là Trần Văn Bình", "tên Hùng".
_INTRO_RE = re.compile("(?:" + _trie(["là", "la", "tên", "ten"]) + r")(?=[ \t:])")
_INTRO_SUBJECTS = set(nv.words("tôi em mình con cháu tui tớ tao toi minh chau e t mk"))
_INTRO_SKIP = set(nv.words("tôi em mình con cháu tui tớ tao toi minh chau thật that là la"))
# Form labels, matched on the folded words before a colon or ending a line.
_LABELS = {
    fold(label)
    for label in (
        "họ và tên", "họ tên", "họ, tên", "tên", "người liên hệ", "liên hệ", "người phản ánh",
        "người gửi", "người làm đơn", "đại diện", "người đại diện", "ký tên", "kí tên",
        "người viết đơn", "người viết", "người khiếu nại", "người tố cáo", "người đề nghị",
        "người kiến nghị", "người báo tin", "người yêu cầu", "người cung cấp thông tin",
        "người nộp đơn", "người ký", "người kí", "ghi rõ họ tên", "họ tên người lao động",
        "tên người lao động", "tên đoàn viên", "người báo cáo", "người tiếp nhận",
        "cán bộ tiếp nhận", "người ghi", "người ghi chép", "người nhận", "người bị hại",
        "người gọi", "người nhắn", "người lao động", "công nhân", "đoàn viên", "nlđ",
        "nạn nhân", "đương sự", "nhân viên", "cán bộ", "tên nlđ", "họ tên nlđ",
        "người đứng đơn", "tên tôi", "tên em", "tên người phản ánh", "người làm chứng",
    )
}  # fmt: skip
# Labels that ask for a name and nothing else: capitalised words after them are one.
_NAME_FIELDS = {
    fold(label)
    for label in (
        "họ và tên", "họ tên", "họ, tên", "tên", "ký tên", "kí tên", "ghi rõ họ tên",
        "họ tên người lao động", "tên người lao động", "tên đoàn viên", "tên nlđ", "họ tên nlđ",
        "tên tôi", "tên em", "tên người phản ánh",
    )
}  # fmt: skip
# Labels that head a signature block; the name is on a following line.
_BLOCK_LABELS = {
    fold(label)
    for label in (
        "người làm đơn", "người viết đơn", "ký tên", "kí tên", "người phản ánh", "người gửi",
        "người đại diện", "đại diện", "ghi rõ họ tên", "ký và ghi rõ họ tên",
        "ký, ghi rõ họ tên", "người đứng đơn", "người khiếu nại", "người đề nghị",
        "người kiến nghị", "người tố cáo", "người báo cáo", "người viết", "đại diện công nhân",
        "đại diện người lao động", "thay mặt công nhân", "thay mặt người lao động",
    )
}  # fmt: skip
_LABEL_ENDINGS = {label.split()[-1] for label in _LABELS}
_BLOCK_ENDINGS = {label.split()[-1] for label in _BLOCK_LABELS}
# A surname and one or more capitalised words: "Nguyễn Văn Hùng", "NGUYEN VAN HUNG".
_SURNAME_RUN = re.compile(
    "(?:"
    + _trie_of(
        sorted(
            {
                v
                for w in nv.SURNAME_SET | nv.FOREIGN_SURNAMES
                for v in (w[0].upper() + w[1:], w.upper())
            }
        )
    )
    + rf")(?!{_LETTER})(?:[ \t]+{_CAP_WORD})+"
)
_LIST_ITEM = re.compile(rf"\n[ \t]*(?:\d{{1,3}}[.)/]|[-•*+–])[ \t]*(?=[{_UPPER}])")
_WORDS_AHEAD = re.compile(
    rf"[ \t]*({_LETTER}+)" + rf"(?:[ \t]+({_LETTER}+)" * 4 + ")?" * 4 + f"(?!{_LETTER})"
)
_AFTER_NAME_IN_LIST = re.compile(r"[ \t]*(?:[,;:(\-–]|\n|$)")
_HOUSE_NUMBER = re.compile(rf"(?:^|[\s,:(])(?:({_LETTER}+)[ \t]+)?\d+[A-Za-z]?(?:/\d+[A-Za-z]?)*$")

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("email", _EMAIL_TAIL),
    ("phone", _NUMBER_RUN),
    ("id_number", _NUMBER_RUN),
    ("name", _TITLE_RE),
    ("name", _INTRO_RE),
    ("name", _SURNAME_RUN),
    ("name", _LIST_ITEM),
]


LABELS = {
    "email": "[email]",
    "phone": "[số điện thoại]",
    "id_number": "[số giấy tờ]",
    "name": "[tên]",
}


@dataclass(frozen=True)
class PiiSpan:
    kind: str
    start: int
    end: int
    text: str


class _Found:
    """Spans found so far; a later rule never overlaps an earlier one."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[PiiSpan] = []
        self._taken = bytearray(len(text))  # 1 where a span already is

    def taken(self, start: int, end: int) -> bool:
        """Does [start, end) overlap a span already found?"""
        return self._taken.find(1, start, end) >= 0

    def add(self, kind: str, start: int, end: int) -> bool:
        if start >= end or self._taken.find(1, start, end) >= 0:
            return False
        self._taken[start:end] = b"\x01" * (end - start)
        self.spans.append(PiiSpan(kind, start, end, self.text[start:end]))
        return True


# ── numbers ──────────────────────────────────────────────────────────────────
def _number_kind(digits: str, groups: list[int], plus: bool, contiguous: bool) -> str | None:
    n = len(digits)
    if digits.startswith("84") and (plus or n == 11) and n in (11, 12):
        return "phone"
    if plus:
        return "phone" if 10 <= n <= 13 else None
    if digits[0] == "0":
        if n == 10 or (n == 11 and digits[1] in "12"):
            return "phone"
        if n in (9, 12) and (contiguous or min(groups) >= 3):
            return "id_number"
        return None
    if digits[:4] in ("1900", "1800") and n in (8, 10):
        return "phone"
    if n in (9, 12) and contiguous:
        return "id_number"
    return None


def _numbers(found: _Found) -> None:
    text = found.text
    for run in _NUMBER_RUN.finditer(text):
        start, end = run.span()
        if start and text[start - 1] == "+":
            start -= 1  # "+84 912 345 678"
        if start and text[start - 1] == "(" and ")" in run.group():
            start -= 1  # "(028) 3812 3456", "(+84) 912 345 678"
        if start:
            before = text[start - 1]
            if before.isdigit() or before in "/_.,":
                continue
            if before.isalpha() and not text[max(0, start - 5) : start].lower().endswith(
                _NUMBER_CUES
            ):
                continue  # "HĐ012345678", "MNV12345678": a code, not a phone
        if end < len(text) and text[end] in "/_":
            continue
        raw = run.group()
        if raw.isdigit():  # one group, the usual case: "0909123456", "079123456789"
            kind = _number_kind(raw, [len(raw)], False, contiguous=True)
            if kind is None and len(raw) == 10 and raw[0] != "0":
                kind = "bhxh"  # a social-insurance number if the words before say so
            if kind:
                _add_number(found, kind, start, end)
            continue
        groups = [
            (m.start() + run.start(), m.end() + run.start(), m.group())
            for m in _DIGITS.finditer(raw)
        ]
        # "1.250.000", "2,500,000": an amount, never a phone or an ID.
        head = groups[0][2]
        if (
            head[0] != "0"
            and len(head) <= 3
            and text[start] != "+"
            and all(len(g[2]) == 3 and text[g[0] - 1] in ".," for g in groups[1:])
        ):
            continue
        plus = text[start] == "+" or text[start : start + 2] == "(+"
        i = 0
        while i < len(groups):
            best: tuple[int, str] | None = None
            digits = ""
            sizes: list[int] = []
            for j in range(i, min(len(groups), i + 6)):
                digits += groups[j][2]
                sizes.append(len(groups[j][2]))
                if len(digits) > 13:
                    break
                kind = _number_kind(digits, sizes, plus and i == 0, contiguous=j == i)
                if kind:
                    best = (j, kind)
            if best is None:
                i += 1
                continue
            j, kind = best
            s = start if i == 0 else groups[i][0]  # the "+" or "(" in front
            if text[s] == "(" and ")" not in text[s : groups[j][1]]:
                s += 1
            _add_number(found, kind, s, groups[j][1])
            i = j + 1


def _add_number(found: _Found, kind: str, start: int, end: int) -> None:
    """Add a phone or ID number unless the words before say it is something else."""
    text = found.text
    if kind == "id_number" and _MONEY_AFTER.match(text, end):
        return  # "tổng quỹ lương 125000000 đồng"
    before = text[max(0, start - 30) : start].lower()
    if not any(hint in before for hint in ("bh", "bảo", "bao", "ms", "mã", "ma ")):
        if kind != "bhxh":
            found.add(kind, start, end)
        return  # nothing before that could make it a company or insurance number
    clues = {m.lastgroup for m in _NUMBER_CLUES.finditer(before)}
    if "company" in clues:
        return  # a company's tax code is no personal data
    if kind == "bhxh" or (kind == "phone" and "phone" not in clues):
        kind = "id_number" if "bhxh" in clues else kind  # "mã số BHXH 0123456789"
    if kind != "bhxh":
        found.add(kind, start, end)


def _emails(found: _Found) -> None:
    text = found.text
    for tail in _EMAIL_TAIL.finditer(text):
        head = _EMAIL_HEAD.search(text, max(0, tail.start() - 64), tail.start())
        if head:
            start = head.start()
            while text[start] in ".+-":
                start += 1  # "...lan@x.vn", "-lan@x.vn"
            found.add("email", start, tail.end())


# ── names: helpers ───────────────────────────────────────────────────────────
def _words(text: str, pos: int, n: int = 5) -> list[tuple[int, int]]:
    """Up to ``n`` (at most 5) words from ``pos`` on, while only spaces separate them.

    One regex call: a loop of ``match`` calls costs three times as much.
    """
    m = _WORDS_AHEAD.match(text, pos)
    if not m:
        return []
    return [span for span in m.regs[1 : n + 1] if span[0] >= 0]


def _sentence_start(text: str, pos: int) -> bool:
    """Only spaces, and before them a full stop, a line break or nothing."""
    before = text[max(0, pos - 8) : pos].rstrip(" \t\"'“(-–")
    return not before or before[-1] in ".!?:;\n…" or (pos <= 8 and not before.strip())


def _word_before(text: str, pos: int) -> str:
    """The word that ends (spaces aside) right before ``pos``, or ""."""
    segment = text[max(0, pos - 16) : pos].rstrip(" \t")
    word = segment[max(segment.rfind(" "), segment.rfind("\t"), segment.rfind("\n")) + 1 :]
    return word if word.isalpha() else ""


def _lowered(text: str, words: list[tuple[int, int]]) -> list[str]:
    return [text[s:e].lower() for s, e in words]


def _job_length(lowered: list[str]) -> int:
    """How many words at the start form a job title ("giám đốc", "to truong")."""
    if not lowered or lowered[0] not in nv.JOB_FIRST_WORDS:
        return 0
    for k in (4, 3, 2, 1):
        if len(lowered) >= k and " ".join(lowered[:k]) in nv.JOB_PHRASES:
            return k
    return 0


def _is_name_word(word: str, accented: bool) -> bool:
    """A given name or surname, spelt as one ("Lan", "Văn"; "Van" in unaccented text)."""
    return word.lower() in (nv.NAME_ACCENTED if accented else nv.NAME_SET)


def _after_place_word(
    text: str, start: int, *, titled: bool = False, full_name: bool = False
) -> bool:
    """A place or a company word (or, for a bare name, a house number) before ``start``.

    "đường Bà Triệu", "chợ Bà Chiểu", "Công ty TNHH Hoàng Long", "12 Lê Lợi".
    After a title ("anh Hùng") only the words in ``TITLE_PLACE_WORDS`` count.
    """
    end = start
    while end and text[end - 1] in " \t":
        end -= 1
    if not end:
        return False
    last = text[end - 1]
    if last.isalpha() or last == ".":
        word = text[max(0, end - 24) : end].split()[-1]
        if word.lower() not in nv.PLACE_ENDINGS:
            return False  # one lookup for nearly every call
    elif not last.isdigit():
        return False
    before = text[max(0, start - 40) : end]
    if last.isdigit():
        if titled:
            return False
        house = _HOUSE_NUMBER.search(before)
        return house is not None and (house.group(1) or "").lower() not in nv.TIME_AND_COUNT_WORDS
    if before.isascii():  # typed without diacritics: "cho" may be "chợ"
        words = nv.TITLE_PLACE_WORDS if titled else nv.PLACE_WORDS
    else:
        words = nv.TITLE_PLACE_WORDS_ACCENTED if titled else nv.PLACE_WORDS_ACCENTED
    tokens = [t.lower() for t in before.split()[-6:]]
    if " ".join(tokens[-2:]) in nv.JOB_PHRASES:
        return False  # "to truong Nguyen Van A": "truong" is "trưởng" here, not "trường"
    while tokens and tokens[-1] in nv.PLACE_FILLERS and tokens[-1] not in words:
        tokens.pop()
    if full_name and tokens and tokens[-1] in nv.REGION_WORDS:
        return False  # "Phó Chủ tịch LĐLĐ tỉnh Hồ Văn Thanh": no province is named so
    return any(" ".join(tokens[-k:]) in words for k in (1, 2, 3) if len(tokens) >= k)


def _title_place(phrase: list[str], title_capital: bool) -> bool:
    """ "Bà Chiểu", "Hai Bà Trưng", "ông Công ông Táo": a place or a figure, not a person.

    An entry whose name part is also a first name ("Cô Giang") is a place only
    when written as a proper noun (capital title); "cô Giang" is a teacher.
    """
    if len(phrase) < 2:
        return False
    lowered = [w.lower() for w in phrase[:5]]
    if f"{_fold_word(lowered[0])} {_fold_word(lowered[1])}" not in nv.TITLE_PLACE_STARTS:
        return False  # one lookup for nearly every call
    for k in range(2, len(lowered) + 1):
        key = " ".join(lowered[:k])
        if key in nv.TITLE_PLACES_ACCENTED:
            if title_capital or lowered[0] in _TITLES_UNACCENTED:
                return True  # "đi qua Cô Giang"; "Ba Lan" is spelt so only as a country
            return not all(w in nv.GIVEN_ONLY for w in lowered[1:k])
        if key.isascii() and key in nv.TITLE_PLACES:
            return title_capital or not all(w in nv.GIVEN_ONLY_SET for w in lowered[1:k])
    return False


def _capital_run(text: str, words: list[tuple[int, int]], i: int) -> int:
    """The end index (exclusive) of the capitalised name words from ``i``."""
    k = i
    # typed without diacritics: "Rat" may be "rất" ("Anh Em Rat Buc Xuc"), but in
    # "Bác Ba bán cơm" the neighbours show that "Ba" is spelt as meant
    unaccented = text[words[i][0] : words[-1][1]].isascii()
    while k < len(words) and k - i < 4:
        word = text[words[k][0] : words[k][1]]
        if not word[0].isupper():
            break
        low = word.lower()
        if low in nv.NEVER_A_NAME or (unaccented and low in nv.NOT_NAME_FOLDED):
            break  # "Em Xin", "Anh Em Rat Buc Xuc"
        if len(word) > 1 and low not in nv.NAME_SET and word.isupper():
            break  # an acronym: "anh QC", "chị HR"
        if k > i and low in nv.JOB_FIRST_WORDS and _job_length(_lowered(text, words[k : k + 4])):
            break  # "chị Lan Tổ trưởng"
        k += 1
        if len(word) == 1 and k - 1 > i:
            break  # "Nguyễn Văn A" ends at the initial ("Y Blim" starts with one)
    return k


def _common_bigram(text: str, words: list[tuple[int, int]], k: int) -> bool:
    """Words k and k+1 make a common noun: "Công nhân", "thành viên"."""
    if k + 1 >= len(words):
        return False
    first, second = (text[s:e].lower() for s, e in words[k : k + 2])
    return f"{first} {second}" in nv.COMMON_BIGRAMS


def _has_common_bigram(toks: list[str]) -> bool:
    """Two neighbours make a common noun: "Công nhân", "Thanh niên", "Doanh Nghiệp"."""
    lows = [t.lower() for t in toks]
    return any(f"{a} {b}" in nv.COMMON_BIGRAMS for a, b in itertools.pairwise(lows))


def _looks_like_name(toks: list[str]) -> bool:
    """A first name alone ("Lan", not "Lương"); or a known surname or name first,
    then known names or a middle name ("Lò Thị Páo"; not "Công Văn")."""
    accented = not "".join(toks).isascii()
    if len(toks) == 1:
        return toks[0].lower() in (nv.GIVEN_ONLY if accented else nv.GIVEN_ONLY_SET)
    rest = all(_is_name_word(t, accented) or len(t) == 1 for t in toks[1:])
    first_known = toks[0].lower() in nv.SURNAME_SET or _is_name_word(toks[0], accented)
    return first_known and (rest or toks[1].lower() in nv.MIDDLE)


def _lower_name(text: str, words: list[tuple[int, int]], i: int, single_ok: bool) -> int:
    """End index of a lower-case name from ``i`` ("le van nam", "hoa"), or ``i``."""
    toks = [text[s:e] for s, e in words[i : i + 4]]
    k = 0
    while k < len(toks) and toks[k].islower() and toks[k] in nv.NAME_SET:
        k += 1
    if k == 0:
        return i
    first = toks[0]
    if first in nv.SURNAME_SET and k >= 2:
        accented = not "".join(toks[:k]).isascii()
        if toks[1] in nv.MIDDLE:
            return i + k
        if (
            accented
            and first in nv.SURNAME_ACCENTED
            and all(t in nv.NAME_ACCENTED for t in toks[1:k])
        ):
            return i + k
        if not accented and first not in nv.AMBIGUOUS_UNACCENTED and k >= 3:
            return i + k
    if not single_ok or first in nv.NOT_SELF_NAME or _common_bigram(text, words, i):
        return i
    k = min(k, 2)
    if k == 2 and (toks[1] not in nv.GIVEN_SET or _common_bigram(text, words, i + 1)):
        k = 1
    return i + k if all(t in nv.GIVEN_SET for t in toks[:k]) else i


def _context_name(
    text: str, words: list[tuple[int, int]], *, caps: str, single_lower: bool = True
) -> tuple[int, int] | None:
    """The name at the start of ``words`` after a title, a label or "tôi là".

    ``caps`` says how sure the context is that capitalised words are a name:

    * "line": a line that holds nothing else ("Y Blim" under "Người viết đơn");
    * "any": after a title, one word may be anything ("anh Páo"), several must
      start with a known name ("ông Hai Lúa"; not "Anh Buổi Tối");
    * "loose": after "tên" or "Họ và tên:", a known name or two unaccented
      capitalised words ("Park Ji Hoon");
    * "strict": after "tôi là" or "Liên hệ:", a known name only (not "Hotline").

    ``single_lower`` accepts a lone lower-case first name ("mình là hoa").
    """
    if not words:
        return None
    first_low = text[words[0][0] : words[0][1]].lower()
    i = _job_length(_lowered(text, words[:4])) if first_low in nv.JOB_FIRST_WORDS else 0
    if i and i >= len(words):
        return None
    first = text[words[i][0] : words[i][1]]
    if first[0].isupper():
        k = _capital_run(text, words, i)
        if k == i:
            return None
        toks = [text[s:e] for s, e in words[i : k + 1]]  # and the word after
        if _has_common_bigram(toks):
            return None  # "Công nhân", "Thanh niên", "Doanh Nghiệp"
        toks = toks[: k - i]
        if caps == "any" and len(toks) > 1 and not _looks_like_name(toks[:1]):
            first_low = toks[0].lower()
            if first_low not in nv.SURNAME_SET and first_low not in nv.FOREIGN_SURNAMES:
                return None  # "Anh Buổi Tối", "Chu Doanh Nghiep"
        if caps in ("loose", "strict"):
            foreign = len(toks) >= 2 and "".join(toks).isascii()  # "Park Ji Hoon"
            if not (_looks_like_name(toks) or (caps == "loose" and foreign)):
                return None
        return words[i][0], words[k - 1][1]
    if i:
        return None
    k = _lower_name(text, words, i, single_ok=single_lower)
    return (words[i][0], words[k - 1][1]) if k > i else None


def _foreign_name(toks: list[str], i: int) -> int:
    """ "Park Ji Hoon", "Lin Chih Wei": a Korean or Chinese surname and one or two
    short capitalised syllables, as foreign managers are named in reports."""
    k = i + 1
    while k < len(toks) and k - i < 3 and toks[k].isascii() and toks[k].istitle():
        if not 2 <= len(toks[k]) <= 6 or toks[k].lower() in nv.NOT_NAME_FOLDED:
            return i
        k += 1
    if k == i + 1 or (k < len(toks) and toks[k][0].isupper()):
        return i
    return k


def _full_name(toks: list[str], i: int) -> int:
    """End index of "surname + 1-3 given names" at ``i`` in a capitalised run, or ``i``."""
    first = toks[i]
    if first.lower() not in nv.SURNAME_SET:
        return _foreign_name(toks, i) if first.lower() in nv.FOREIGN_SURNAMES else i
    accented = not "".join(toks[i : i + 4]).isascii()
    k = i + 1
    while k < len(toks) and k - i < 4 and toks[k][0].isupper() and _is_name_word(toks[k], accented):
        k += 1
    if k < len(toks) and k - i < 4 and len(toks[k]) == 1 and toks[k].isupper():
        k += 1  # "Nguyễn Văn A"
    n = k - i - 1
    if n == 0:
        return _foreign_name(toks, i) if first.lower() in nv.FOREIGN_SURNAMES else i
    last = toks[k - 1]
    if len(last) == 1 and (n < 2 or toks[k - 2].lower() not in nv.MIDDLE):
        return i  # "Nguyễn Văn A" yes, "Lê A" no
    if k < len(toks) and toks[k][0].isupper() and not _job_length([t.lower() for t in toks[k:]]):
        return i  # the run goes on with a word that is no name: "Đoàn Thanh Niên"
    if last.lower() in nv.MIDDLE:
        return i  # "Trần Thị"
    if _has_common_bigram(toks[i : k + 1]):
        return i  # "Đoàn Thanh niên", "Xúc Phạm Công Nhân"
    if n < 2 and all(len(w) > 1 and w.isupper() for w in toks[i:k]):
        return i  # "LÝ DO", "LƯƠNG THƯỞNG": headings
    if not accented and n < 2 and first.lower() in nv.AMBIGUOUS_UNACCENTED:
        return i  # "Do Cong", "Phan Anh" (phản ánh)
    parts = [_fold_word(t) for t in toks[i:k]]
    if any(" ".join(parts[:m]) in nv.FAMOUS for m in range(2, len(parts) + 1)):
        return i  # "Lê Lợi", "Hà Nội", "Hồ Chí Minh"
    return k


# ── names: rules ─────────────────────────────────────────────────────────────
def _after_titles(found: _Found) -> None:
    """ "anh Hùng", "chị Nguyễn Thị Lan", "chi Tran Thi Mai", "ông Giám đốc Lê Văn Tám"."""
    text = found.text
    for m in _TITLE_RE.finditer(text):
        start = m.start()
        if start and (text[start - 1].isalpha() or text[start - 1] in "/_"):
            continue
        title = text[start : m.end()].rstrip()
        t_low = title.lower()
        words = _words(text, m.end())
        if not words:
            continue
        first = text[words[0][0] : words[0][1]]
        if first.islower():
            _lower_full_name(found, words)
            continue
        if t_low in _TITLES_CHAT and first.lower() not in nv.GIVEN_SET:
            continue  # "a Hùng", "c Lan" in chat; never "a" before any capital
        if t_low in _TITLES_UNACCENTED and not (
            first.isascii()
            and (
                first.lower() in nv.NAME_SET
                or (title.islower() and first.lower() not in nv.NOT_NAME_FOLDED)
            )
        ):
            continue  # "chi", "ong", "co" take an unaccented name: "chi Tran Thi Mai", "ong Kang"
        caps = "strict" if t_low in _TITLES_CHAT else "any"
        span = _context_name(text, words, caps=caps, single_lower=False)
        if span is None:
            continue
        if _is_title_place(text, start, title, words):
            continue
        if not _after_place_word(text, start, titled=True):
            found.add("name", *span)


def _is_title_place(text: str, start: int, title: str, words: list[tuple[int, int]]) -> bool:
    """ "Bà Chiểu", "đi qua Cô Giang", "Hai Bà Trưng": the title starts a place's name."""
    title_words = title.split()
    first = text[words[0][0] : words[0][1]]
    lead = text[max(0, start - 5) : start].rstrip().lower().endswith(("hai", "mẹ", "me"))
    prev = _word_before(text, start) if lead else ""
    lead = prev.lower() in nv.TITLE_PLACE_LEADS
    if (
        not lead
        and f"{_fold_word(title_words[0])} {_fold_word(first)}" not in nv.TITLE_PLACE_STARTS
    ):
        return False  # one lookup for nearly every name
    phrase = [*title_words, *(text[s:e] for s, e in words)]
    # a capital mid-sentence makes a proper noun ("đi qua Cô Giang"); at the
    # start of a sentence it says nothing ("Cô Giang ở phòng nhân sự nói")
    proper = title[0].isupper() and not _sentence_start(text, start)
    if _title_place(phrase, proper):
        return True
    return lead and _title_place([prev, *phrase], prev[0].isupper())  # "Hai Bà Trưng"


def _lower_full_name(found: _Found, words: list[tuple[int, int]]) -> None:
    """ "chị nguyễn thị mai", "anh le van nam": surname, middle name, given names."""
    text = found.text
    toks = [text[s:e] for s, e in words[:4]]
    k = 2
    while k < len(toks) and toks[k].islower() and toks[k] in nv.GIVEN_SET:
        k += 1
    if k > 2:  # the title regex saw to the surname and the middle name
        found.add("name", words[0][0], words[k - 1][1])


def _before_phones(found: _Found, phones: list[PiiSpan]) -> None:
    """ "anh hung 0987 654 321", "anh tuấn tổ trưởng 0965 ...": a lower-case first
    name (and maybe a job) that a phone number right after vouches for."""
    text = found.text
    for phone in phones:
        offset = max(0, phone.start - 48)
        window = text[offset : phone.start]
        pos = 0
        while m := _NAME_BEFORE_PHONE.search(window, pos):
            pos = m.start() + 1  # "em nhờ anh hung 0987": try "anh" after "em"
            words = m.group(2).split()
            k = 1 if len(words) == 1 or words[1] not in nv.GIVEN_SET else 2
            if words[0] in nv.NOT_SELF_NAME or not all(w in nv.GIVEN_SET for w in words[:k]):
                continue
            if k < len(words) and _job_length(words[k:]) != len(words) - k:
                continue  # "anh hung noi 0987": a name, then no job
            start = offset + m.start(2)
            found.add("name", start, start + len(" ".join(words[:k])))
            break


def _after_labels(found: _Found) -> None:
    """ "Họ và tên: Nguyễn Văn A", "Người liên hệ: chị Lan", "Tên: hùng"."""
    text = found.text
    pos = text.find(":")
    while pos >= 0:
        line_start = text.rfind("\n", 0, pos) + 1
        segment = text[max(line_start, pos - 60) : pos].rstrip()
        if _fold_word(segment[segment.rfind(" ") + 1 :]) not in _LABEL_ENDINGS:
            pos = text.find(":", pos + 1)
            continue  # "Thời gian:", "Nội dung:": one lookup
        before = [_fold_word(w) for w in segment.split()[-5:]]
        for k in range(len(before), 0, -1):
            label = " ".join(before[-k:])
            if label in _LABELS:
                _name_at(found, pos + 1, "loose" if label in _NAME_FIELDS else "strict")
                break
        pos = text.find(":", pos + 1)


def _name_at(found: _Found, pos: int, caps: str, single_lower: bool = True) -> None:
    text = found.text
    words = _words(text, pos)
    if words and text[words[0][0] : words[0][1]].lower() in _TITLE_WORDS:
        words = words[1:]  # "Người liên hệ: chị Lan"
    span = _context_name(text, words, caps=caps, single_lower=single_lower)
    if span:
        found.add("name", *span)


def _introductions(found: _Found) -> None:
    """ "em tên là Mai", "tôi là Trần Văn Bình", "em ten la le van nam", "mình là hoa"."""
    text = found.text
    for m in _INTRO_RE.finditer(text):
        start = m.start()
        if start and text[start - 1].isalpha():
            continue
        caps = "loose"  # "tên Park Ji Hoon"
        if m.group().lower() in ("là", "la"):
            prev = _word_before(text, start).lower()
            if prev not in _INTRO_SUBJECTS and prev not in ("tên", "ten", "thật", "that"):
                continue
            caps = "strict"  # "tôi là Tổ trưởng", "em là Đoàn viên"
        pos = m.end()
        while pos < len(text) and text[pos] in " \t:":
            pos += 1
        words = _words(text, pos)
        skipped = 0
        while words and skipped < 3 and text[words[0][0] : words[0][1]].lower() in _INTRO_SKIP:
            words = words[1:]
            skipped += 1
        span = _context_name(text, words, caps=caps)
        if span:
            found.add("name", *span)


def _surname_runs(found: _Found) -> None:
    """ "Nguyễn Văn Hùng", "Nguyen Van Hung", "NGUYỄN VĂN AN" anywhere in the text."""
    text = found.text
    for m in _SURNAME_RUN.finditer(text):
        start = m.start()
        if (start and text[start - 1].isalpha()) or found.taken(start, m.end()):
            continue
        words = _words(text, start)
        toks = [text[s:e] for s, e in words]
        i = 0
        while i < len(toks) and words[i][0] < m.end():
            k = _full_name(toks, i) if toks[i][0].isupper() else i
            if k == i:
                i += 1
                continue
            s, e = words[i][0], words[k - 1][1]
            prev = _word_before(text, s)
            placed = prev.lower() in _TITLE_WORDS and _title_place([prev, *toks[i:k]], False)
            full = k - i >= 3 and toks[i + 1].lower() in nv.MIDDLE
            if not placed and not _after_place_word(text, s, full_name=full):
                found.add("name", s, e)
            i = k


def _block_labels(found: _Found, lines: list[tuple[int, int]]) -> None:
    """ "Người làm đơn / (Ký, ghi rõ họ tên) / Trần Văn Bình": the name lines below."""
    text = found.text
    for n, (start, end) in enumerate(lines):
        if end - start > 80:
            continue
        line = text[start:end].rstrip(" \t:.-)")
        if _fold_word(line[line.rfind(" ") + 1 :]) not in _BLOCK_ENDINGS:
            continue
        key = fold(line.replace("(", " ").replace(")", " ")).strip(" :.-").split()
        if not any(" ".join(key[-k:]) in _BLOCK_LABELS for k in range(1, min(6, len(key) + 1))):
            continue
        for s, e in lines[n + 1 : n + 5]:
            line = text[s:e].strip()
            if not line or line[0] == "(" or fold(line).strip(" .()") in nv.CLOSINGS:
                continue
            # a line that is nothing but capitalised words is the signer's name
            words = line.split()
            whole = 2 <= len(words) <= 5 and all(w[0].isupper() and w.isalpha() for w in words)
            _name_at(found, s, "line" if whole else "strict", single_lower=False)
            break


def _list_items(found: _Found) -> None:
    """ "1. Lò Văn Páo, tổ may 3": a person in a numbered or dashed list."""
    text = found.text
    for m in _LIST_ITEM.finditer(text):
        words = _words(text, m.end(), 5)
        k = _capital_run(text, words, 0)
        if k < 2 or not _AFTER_NAME_IN_LIST.match(text, words[k - 1][1]):
            continue
        toks = [text[s:e] for s, e in words[:k]]
        accented = not "".join(toks).isascii()
        surname = toks[0].lower() in nv.SURNAME_SET
        names = all(_is_name_word(t, accented) for t in toks[1:])
        known = surname and (names or toks[1].lower() in nv.MIDDLE)  # "Lò Văn Páo"
        if known and not _title_place(toks, True) and fold(" ".join(toks)) not in nv.FAMOUS:
            found.add("name", words[0][0], words[k - 1][1])


def _signature(found: _Found, lines: list[tuple[int, int]]) -> None:
    """A lone full name on the last line of a letter."""
    text = found.text
    nonempty = [(s, e) for s, e in lines[-3:] if text[s:e].strip()]
    if len(lines) < 2 or not nonempty:
        return
    s, e = nonempty[-1]
    line = text[s:e]
    stripped = line.strip(" \t.")
    if not 4 <= len(stripped) <= 40:
        return
    offset = s + line.index(stripped)
    words = _words(text, offset, 6)
    if not 2 <= len(words) <= 5 or words[-1][1] != offset + len(stripped):
        return
    toks = [text[a:b] for a, b in words]
    if not all(t[0].isupper() for t in toks) or fold(stripped) in nv.CLOSINGS:
        return
    accented = not stripped.isascii()
    if toks[0].lower() in nv.SURNAME_SET and all(_is_name_word(t, accented) for t in toks[1:]):
        found.add("name", offset, offset + len(stripped))


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            out.append((start, len(text)))
            return out
        out.append((start, end))
        start = end + 1


# ── public API ───────────────────────────────────────────────────────────────
def find_pii(text: str) -> list[PiiSpan]:
    """Non-overlapping spans of personal data, in text order.

    Rules run from the most to the least certain; a later one never takes a
    span that overlaps an earlier one.
    """
    found = _Found(text)
    if "@" in text:
        _emails(found)
    _numbers(found)
    if "chi" in text or "ssport" in text:  # "hộ chiếu B1234567"
        low = text.lower()
        if "hộ chiếu" in low or "ho chieu" in low or "passport" in low:
            for m in _PASSPORT.finditer(text):
                found.add("id_number", *m.span())
    phones = [s for s in found.spans if s.kind == "phone"]
    _after_labels(found)
    _introductions(found)
    _after_titles(found)
    if phones:
        _before_phones(found, phones)
    _surname_runs(found)
    if "\n" in text:
        lines = _lines(text)
        _block_labels(found, lines)
        _list_items(found)
        _signature(found, lines)
    return sorted(found.spans, key=lambda s: s.start)


def mask_pii(text: str) -> str:
    """The text with every detected span replaced by its label."""
    out: list[str] = []
    last = 0
    for span in find_pii(text):
        out.append(text[last : span.start])
        out.append(LABELS[span.kind])
        last = span.end
    out.append(text[last:])
    return "".join(out)


def pii_scores(
    items: Iterable[tuple[str, Iterable[tuple[str, str]]]],
) -> dict[str, dict[str, float]]:
    """Precision and recall of :func:`find_pii` against hand-marked spans.

    ``items`` holds ``(text, gold)`` pairs, ``gold`` a list of ``(kind, substring)``.
    A found span counts as right when a gold span has the same kind and exactly
    the same text (each gold span matches once). Returns, for every kind in
    :data:`LABELS` ("name" is the one to watch) and for ``"all"``: ``tp``, ``fp``,
    ``fn``, ``precision``, ``recall``, ``f1`` (precision is 1.0 when nothing was
    found, recall 1.0 when nothing was to find).

    >>> pii_scores([("anh Hùng, chợ Bà Chiểu", [("name", "Hùng")])])["name"]["precision"]
    1.0
    """
    counts: dict[str, Counter[str]] = {}
    for text, gold in items:
        want = Counter((kind, sub) for kind, sub in gold)
        got = Counter((span.kind, span.text) for span in find_pii(text))
        for key in want | got:
            kind = key[0]
            hit = min(want[key], got[key])
            for bucket in (kind, "all"):
                c = counts.setdefault(bucket, Counter())
                c["tp"] += hit
                c["fp"] += got[key] - hit
                c["fn"] += want[key] - hit
    for kind in (*LABELS, "all"):
        counts.setdefault(kind, Counter())
    scores: dict[str, dict[str, float]] = {}
    for kind, c in counts.items():
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[kind] = {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        }
    return scores
