from duluan.core.pii import find_pii, mask_pii


def test_masks_phone_email_id_and_names() -> None:
    text = (
        "Chị Nguyễn Thị Lan (0912 345 678, lan.nt@example.vn, CCCD 079123456789) "
        "cho biết anh Hùng tổ trưởng hay quát công nhân."
    )
    masked = mask_pii(text)
    assert "0912" not in masked and "lan.nt@" not in masked and "079123456789" not in masked
    assert "Nguyễn Thị Lan" not in masked and "Hùng" not in masked
    assert "[số điện thoại]" in masked and "[email]" in masked and "[tên]" in masked
    assert "quát công nhân" in masked


def test_leaves_amounts_dates_and_counts_alone() -> None:
    text = "Lương tháng 10 chậm 15 ngày, 1.200 công nhân, mức 4,5 triệu đồng từ 01/11/2026."
    assert find_pii(text) == []
    assert mask_pii(text) == text


def test_international_phone_format() -> None:
    assert mask_pii("gọi +84 912 345 678 nhé") == "gọi [số điện thoại] nhé"


def test_fold_handles_every_vietnamese_letter_both_forms() -> None:
    import unicodedata

    from duluan.core.text import fold

    letters = "aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
    expected = "a" * 18 + "d" + "e" * 12 + "i" * 6 + "o" * 18 + "u" * 12 + "y" * 6
    assert fold(letters) == expected
    assert fold(letters.upper()) == expected
    assert fold(unicodedata.normalize("NFD", letters)) == expected
    assert fold("  Công   đoàn\tcơ sở ") == "cong doan co so"
    assert fold("Nợ LƯƠNG") == fold("no luong") == fold("nợ luơng") == "no luong"
    assert fold("Công ty 株式会社") == "cong ty 株式会社"
