"""The normalise and tokenise steps, each alone."""

from __future__ import annotations

import pytest

from duluan.nlp.text import (
    expand_abbreviations,
    fix_tone_placement,
    mask,
    normalise,
    syllable_text,
    tokenise,
)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("Hoá đơn", "Hóa đơn"),
        ("HOÀ", "HÒA"),
        ("quý", "quý"),  # "qu" is a consonant: untouched
        ("hoàn thành", "hoàn thành"),  # a final consonant: both styles agree
        ("huyện", "huyện"),
    ],
)
def test_tone_placement_is_folded_to_one_style(old: str, new: str) -> None:
    assert fix_tone_placement(old) == new


def test_nfc_and_tone_style_give_one_form() -> None:
    decomposed = "ho\u0300a"  # NFD: o + combining grave, then a
    assert normalise("hoà") == normalise("hòa") == normalise(decomposed) == "hòa"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ko dc", "không được"),
        ("k đc", "không được"),
        ("vs", "với"),
        ("nlđ", "người lao động"),
        ("bhxh", "bảo hiểm xã hội"),
        ("cđcs", "công đoàn cơ sở"),
        ("tưlđtt", "thỏa ước lao động tập thể"),
        ("500k", "500k"),  # "k" inside a token is not "không"
    ],
)
def test_abbreviations_expand(typed: str, meant: str) -> None:
    assert expand_abbreviations(typed) == meant


def test_normalise_lowercases_expands_and_squeezes() -> None:
    assert normalise("Cty KO trả lương, NLĐ bức xúc quáaaa") == (
        "công ty không trả lương, người lao động bức xúc quá"
    )


def test_mask_hides_urls_phones_ids_emails_and_names() -> None:
    masked = mask(
        "Gọi 0912 345 678, email an@vd.vn, CCCD 001234567890, xem https://x.vn/a, gặp anh Nguyễn Văn An"
    )
    for secret in ("0912", "an@vd.vn", "001234567890", "https://", "Nguyễn"):
        assert secret not in masked
    assert "số_điện_thoại" in masked and "đường_dẫn" in masked and "tên_người" in masked


def test_tokenise_keeps_syllables_and_question_marks() -> None:
    assert tokenise("lương bao nhiêu? số_điện_thoại") == [
        "lương",
        "bao",
        "nhiêu",
        "?",
        "số_điện_thoại",
    ]
    assert syllable_text("a , b !") == "a b !"
