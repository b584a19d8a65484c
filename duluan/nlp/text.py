"""Pure text functions of the pipeline: normalise and tokenise Vietnamese.

Everything here is a plain function over ``str`` (no Django, no state), so the
trainer, the product pipeline and the tests share exactly the same behaviour.

* :func:`normalise` : NFC; one tone-mark placement ("hoà" and "hòa" become
  "hòa", "thuỷ" and "thủy" become "thủy"); personal data and URLs masked by
  placeholder words; lower case; letters typed three or more times in a row
  squeezed ("quáaaa" → "quá"); teencode and the abbreviations people type in
  this domain expanded ("ko", "k", "dc", "đc", "vs", "NLĐ", "BHXH", "CĐCS",
  "TƯLĐTT" ...).
* :func:`tokenise` : syllables and punctuation marks that carry meaning (? !).
"""

from __future__ import annotations

import re
import unicodedata

from duluan.core.pii import find_pii

# ── tone-mark placement ─────────────────────────────────────────────────────
# In the open syllables "oa", "oe", "uy" the old style puts the tone on the
# second vowel (hoà, khoẻ, thuỷ), the new style on the first (hòa, khỏe, thủy).
# Both are common; we fold to the new style. With a final consonant (hoàn,
# khoảng, huyện) both styles agree, so only word-final clusters are touched.
_TONES = {"\u0300": "`", "\u0301": "'", "\u0309": "?", "\u0303": "~", "\u0323": "."}


def _with_tone(ch: str, mark: str) -> str:
    return unicodedata.normalize("NFC", ch + mark)


def _tone_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for mark in _TONES:
            for up1, up2 in ((False, False), (True, False), (True, True)):
                a = first.upper() if up1 else first
                b = second.upper() if up2 else second
                pairs[a + _with_tone(b, mark)] = _with_tone(a, mark) + b
    return pairs


_TONE_PAIRS = _tone_pairs()
_LETTER = r"[^\W\d_]"
_TONE_RE = re.compile(
    rf"(?<![qQ])({'|'.join(map(re.escape, _TONE_PAIRS))})(?!{_LETTER})",
)


def fix_tone_placement(text: str) -> str:
    """ "hoà" → "hòa", "thuỷ" → "thủy", "khoẻ" → "khỏe"; "quý", "hoàn" untouched."""
    return _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(1)], text)


# ── masking ──────────────────────────────────────────────────────────────────
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|vn|net|org)(?:/\S*)?\b")
# A URL match needs one of these substrings: texts without any skip the regex.
_URL_CLUES = ("://", "www.", ".com", ".vn", ".net", ".org")
PLACEHOLDERS = {
    "url": " đường_dẫn ",
    "email": " thư_điện_tử ",
    "phone": " số_điện_thoại ",
    "id_number": " số_giấy_tờ ",
    "name": " tên_người ",
}


def mask(text: str) -> str:
    """URLs, e-mails, phones, ID numbers and names after a title replaced by placeholders."""
    if any(clue in text for clue in _URL_CLUES):  # the regex is slow on long texts
        text = _URL_RE.sub(PLACEHOLDERS["url"], text)
    out: list[str] = []
    last = 0
    for span in find_pii(text):
        out.append(text[last : span.start])
        out.append(PLACEHOLDERS[span.kind])
        last = span.end
    out.append(text[last:])
    return "".join(out)


# ── abbreviations and teencode ───────────────────────────────────────────────
# Keys are lower-case whole tokens. Ambiguous short forms ("k" as "nghìn" in
# "500k") are safe because only stand-alone tokens are replaced.
ABBREVIATIONS: dict[str, str] = {
    # negation and common function words
    "ko": "không",
    "k": "không",
    "kh": "không",
    "khg": "không",
    "hok": "không",
    "hông": "không",
    "kg": "không",
    "khong": "không",
    "dc": "được",
    "đc": "được",
    "dk": "được",
    "đk": "được",
    "duoc": "được",
    "vs": "với",
    "j": "gì",
    "ji": "gì",
    "r": "rồi",
    "rùi": "rồi",
    "ng": "người",
    "ngta": "người ta",
    "mn": "mọi người",
    "mng": "mọi người",
    "bit": "biết",
    "bít": "biết",
    "wa": "quá",
    "qá": "quá",
    "z": "vậy",
    "v": "vậy",
    "thik": "thích",
    "tks": "cảm ơn",
    "thanks": "cảm ơn",
    "thank": "cảm ơn",
    "cám": "cảm",
    "nhiu": "nhiêu",
    "lun": "luôn",
    "ntn": "như thế nào",
    "bn": "bao nhiêu",
    "bnhiu": "bao nhiêu",
    "sdt": "số điện thoại",
    "sđt": "số điện thoại",
    "tg": "thời gian",
    "tgian": "thời gian",
    "tr": "triệu",
    "trđ": "triệu đồng",
    "đ": "đồng",
    "cv": "công việc",
    "nv": "nhân viên",
    # workplace and union abbreviations
    "cty": "công ty",
    "cti": "công ty",
    "ct": "công ty",
    "dn": "doanh nghiệp",
    "kcn": "khu công nghiệp",
    "nld": "người lao động",
    "nlđ": "người lao động",
    "đvnlđ": "đoàn viên người lao động",
    "dvnld": "đoàn viên người lao động",
    "đv": "đoàn viên",
    "cnvc": "công nhân viên chức",
    "cnvclđ": "công nhân viên chức lao động",
    "cnvcld": "công nhân viên chức lao động",
    "cn": "công nhân",
    "nsdlđ": "người sử dụng lao động",
    "nsdld": "người sử dụng lao động",
    "bhxh": "bảo hiểm xã hội",
    "bhyt": "bảo hiểm y tế",
    "bhtn": "bảo hiểm thất nghiệp",
    "bh": "bảo hiểm",
    "cđcs": "công đoàn cơ sở",
    "cdcs": "công đoàn cơ sở",
    "cđ": "công đoàn",
    "lđlđ": "liên đoàn lao động",
    "ldld": "liên đoàn lao động",
    "tlđ": "tổng liên đoàn",
    "tưlđtt": "thỏa ước lao động tập thể",
    "tuldtt": "thỏa ước lao động tập thể",
    "hđlđ": "hợp đồng lao động",
    "hdld": "hợp đồng lao động",
    "hđ": "hợp đồng",
    "tnlđ": "tai nạn lao động",
    "tnld": "tai nạn lao động",
    "atvslđ": "an toàn vệ sinh lao động",
    "atvsld": "an toàn vệ sinh lao động",
    "bnn": "bệnh nghề nghiệp",
    "ldtb": "lao động thương binh",
    "lđtbxh": "lao động thương binh và xã hội",
    "dlxh": "dư luận xã hội",
    "nc": "nước",
    "lg": "lương",
    "luong": "lương",
    "ot": "tăng ca",
    "hr": "nhân sự",
}

_REPEAT_RE = re.compile(r"([^\W\d_])\1{2,}")


def _stretch_re() -> re.Pattern[str]:
    # "quáaa", "hayyy": a toned vowel followed by its bare base at the word's end.
    alts = []
    for base in "aăâeêioôơuưy":
        toned = "".join(_with_tone(base, mark) for mark in _TONES)
        alts.append(f"[{base}{toned}]{base}+")
    return re.compile(rf"({'|'.join(alts)})(?!{_LETTER})")


_STRETCH_RE = _stretch_re()
_TOKEN_RE = re.compile(r"[^\W_]+(?:_[^\W_]+)*|[?!]")
_WORD_RE = re.compile(r"[^\W_]+(?:_[^\W_]+)*")
_SPACES = re.compile(r"\s+")


def expand_abbreviations(text: str) -> str:
    """Replace stand-alone abbreviations and teencode tokens (lower-case text)."""
    if ABBREVIATIONS.keys().isdisjoint(_WORD_RE.findall(text)):  # most texts: no call per word
        return text
    return _WORD_RE.sub(lambda m: ABBREVIATIONS.get(m.group(0), m.group(0)), text)


def normalise(text: str) -> str:
    """The canonical form the classifiers read (see the module docstring)."""
    text = unicodedata.normalize("NFC", text)
    text = mask(text)
    text = fix_tone_placement(text.lower())
    text = _REPEAT_RE.sub(r"\1", text)
    text = _STRETCH_RE.sub(lambda m: m.group(1)[0], text)
    text = expand_abbreviations(text)
    return _SPACES.sub(" ", text).strip()


def tokenise(text: str) -> list[str]:
    """Syllables (and "?"/"!") of normalised text; placeholders stay one token."""
    return _TOKEN_RE.findall(text)


def syllable_text(text: str) -> str:
    """Tokens joined by single spaces: what the word n-gram features read."""
    return " ".join(tokenise(text))


__all__ = [
    "ABBREVIATIONS",
    "expand_abbreviations",
    "fix_tone_placement",
    "mask",
    "normalise",
    "syllable_text",
    "tokenise",
]
