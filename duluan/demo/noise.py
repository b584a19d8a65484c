"""How people really type: abbreviations, missing diacritics, slips of the thumb."""

from __future__ import annotations

import random
import re
import unicodedata

_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "người lao động": ("NLĐ", "nld", "NLD", "người LĐ"),
    "công nhân lao động": ("CNLĐ", "CNLD"),
    "công nhân": ("CN", "cn", "CN"),
    "công ty": ("cty", "Cty", "cty", "cTy"),
    "không": ("ko", "k", "hok", "ko", "kg"),
    "được": ("dc", "đc", "đk", "dc"),
    "bảo hiểm xã hội": ("BHXH", "bhxh", "bảo hiểm"),
    "bảo hiểm y tế": ("BHYT", "bhyt"),
    "trước": ("trc", "trc"),
    "người ta": ("ngta", "ng ta"),
    "với": ("vs", "vs"),
    "gì": ("j", "gì"),
    "rồi": ("r", "rùi", "r"),
    "triệu": ("tr", "củ"),
    "bây giờ": ("bh", "giờ"),
    "như thế nào": ("ntn",),
    "mọi người": ("mn", "mng", "mọi ng"),
    "vậy": ("v", "z"),
    "làm thêm giờ": ("tăng ca", "OT"),
    "quản lý": ("QL", "quản lí", "ql"),
    "hợp đồng": ("HĐ", "hđ", "HD"),
    "công đoàn": ("CĐ", "cđ", "CĐ"),
    "khoảng": ("tầm", "khoảng", "cỡ"),
    "anh chị em": ("ACE", "ae", "anh chị e"),
    "anh em": ("ae", "a e"),
    "khu công nghiệp": ("KCN",),
    "doanh nghiệp": ("DN", "dn"),
    "giám đốc": ("GĐ", "giám đốc"),
    "thông báo": ("tb", "thông báo"),
    "nhiều": ("nhìu", "nhiều"),
    "thôi": ("thui", "thôi"),
    "biết": ("bít", "biết"),
    "phản ánh": ("phản ảnh", "phản ánh"),
    "điện thoại": ("đt", "dt"),
    "tin nhắn": ("tn",),
    "chủ nhật": ("CN", "cn"),
    "lương": ("lương", "lg"),
    "em": ("e", "em"),
    "nữa": ("nữa", "nx"),
}
_ALTERNATION = "|".join(sorted((re.escape(k) for k in _ABBREVIATIONS), key=len, reverse=True))
_WORDS = re.compile(rf"(?<!\w)({_ALTERNATION})(?!\w)", re.IGNORECASE)
_MONTH = re.compile(r"\btháng (\d{1,2})\b")
_TOKEN = re.compile(r"\w{3,}")
_TONE_KEYS = "sfrxj"


def strip_marks(text: str) -> str:
    """Vietnamese typed without diacritics (case kept)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    )


def abbreviate(text: str, rng: random.Random, rate: float) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if rng.random() >= rate:
            return word
        return rng.choice(_ABBREVIATIONS[word.lower()])

    text = _WORDS.sub(swap, text)
    if rng.random() < rate:
        text = _MONTH.sub(lambda m: rng.choice(("T", "th", "t")) + m.group(1), text)
    return text


def _slip(word: str, rng: random.Random) -> str:
    plain = strip_marks(word)
    roll = rng.random()
    if roll < 0.35 and plain != word:
        return plain  # one word left without marks
    if roll < 0.5 and plain != word:
        return plain + rng.choice(_TONE_KEYS)  # Telex key that did not combine
    if roll < 0.7:
        i = rng.randrange(len(word) - 1)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if roll < 0.85:
        i = rng.randrange(len(word))
        return word[:i] + word[i] + word[i:]
    i = rng.randrange(1, len(word))
    return word[:i] + word[i + 1 :]


def typos(text: str, rng: random.Random, count: int) -> str:
    spans = [m.span() for m in _TOKEN.finditer(text)]
    for start, end in sorted(rng.sample(spans, min(count, len(spans))), reverse=True):
        text = text[:start] + _slip(text[start:end], rng) + text[end:]
    return text


def roughen(text: str, rng: random.Random, register: str) -> str:
    """Apply the habits of a register: formal text stays clean (rare slips)."""
    if register == "formal":
        return typos(text, rng, 1) if rng.random() < 0.03 else text
    if register == "note":
        text = abbreviate(text, rng, 0.12)
        return typos(text, rng, 1) if rng.random() < 0.12 else text
    text = abbreviate(text, rng, 0.55)
    if rng.random() < 0.3:
        text = typos(text, rng, rng.randint(1, 2))
    if rng.random() < 0.07:
        text = strip_marks(text)
    if rng.random() < 0.5:
        text = text[:1].lower() + text[1:]
    if rng.random() < 0.25:
        text = text.replace(". ", ", ")
    return text.rstrip(".") if rng.random() < 0.6 else text
