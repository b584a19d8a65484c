import itertools

import pytest

from duluan.core.pii import LABELS, find_pii, mask_pii, pii_scores


def found(text: str) -> list[tuple[str, str]]:
    return [(span.kind, span.text) for span in find_pii(text)]


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


# Every rule has sentences it must catch and sentences it must leave alone.
# Each case: (text, exactly the spans find_pii must return, as (kind, text)).
P, ID, E, N = "phone", "id_number", "email", "name"

PHONES = [
    ("gọi 0912 345 678", [(P, "0912 345 678")]),
    ("sđt 0912.345.678 nhé", [(P, "0912.345.678")]),
    ("số 0913-556-782", [(P, "0913-556-782")]),
    ("zalo 0912345678", [(P, "0912345678")]),
    ("gọi +84 912 345 678 nhé", [(P, "+84 912 345 678")]),
    ("(+84) 912345678", [(P, "(+84) 912345678")]),
    ("văn phòng (028) 3812 3456", [(P, "(028) 3812 3456")]),
    ("ĐT: 028 3812 3456", [(P, "028 3812 3456")]),
    ("ĐT: 0251 3822 123", [(P, "0251 3822 123")]),
    ("tổng đài 1900 1234", [(P, "1900 1234")]),
    ("hotline 1800.599.920", [(P, "1800.599.920")]),
    ("hai số 0912345678 0987654321", [(P, "0912345678"), (P, "0987654321")]),
    ("sdt0965112334", [(P, "0965112334")]),
    # not phones
    ("lương 2.500.000đ", []),
    ("khoản nợ 125.000.000 đồng", []),
    ("dự án 1,2 tỷ", []),
    ("ngày 15/3/2026, lúc 8:30", []),
    ("theo Nghị định 145/2020/NĐ-CP", []),
    ("ngày 15.03.2026", []),
    ("hợp đồng số HĐ012345678", []),
    ("mã số thuế 0312345678 của công ty", []),
    ("MST: 0312345678", []),
    ("giai đoạn 2021-2025, 2026-2030", []),
]

ID_NUMBERS = [
    ("CCCD 079123456789", [(ID, "079123456789")]),
    ("CCCD: 038 095 012 345", [(ID, "038 095 012 345")]),
    ("CMND 023456789", [(ID, "023456789")]),
    ("CMND số 273456789 cấp năm 2010", [(ID, "273456789")]),
    ("số sổ BHXH 7912345678", [(ID, "7912345678")]),
    ("mã số BHXH của con là 0123456789", [(ID, "0123456789")]),
    ("hộ chiếu B1234567", [(ID, "B1234567")]),
    # not ID numbers
    ("tổng quỹ lương 125000000 đồng", []),
    ("doanh thu 987654321 VND", []),
    ("mã hàng AB1234567", []),
    ("có 123456789 lý do", [(ID, "123456789")]),  # a bare 9-digit number stays masked
]

EMAILS = [
    ("gửi lan.nt@example.vn giúp em", [(E, "lan.nt@example.vn")]),
    ("mail: cong-doan+ks@ldld.hcm.gov.vn.", [(E, "cong-doan+ks@ldld.hcm.gov.vn")]),
    ("nhắn @congdoan trên zalo", []),
]

TITLES = [
    ("anh Hùng tổ trưởng hay quát", [(N, "Hùng")]),
    ("Chị Nguyễn Thị Lan cho biết", [(N, "Nguyễn Thị Lan")]),
    ("gặp ông Lê Văn Tám ở cổng", [(N, "Lê Văn Tám")]),
    ("bà Tư chủ nhà trọ", [(N, "Tư")]),
    ("đồng chí Trần Văn Phúc, đ/c Hà chủ trì", [(N, "Trần Văn Phúc"), (N, "Hà")]),
    ("anh Tổ trưởng Hùng hay quát", [(N, "Hùng")]),
    ("ông Giám đốc Nguyễn Văn An không tiếp", [(N, "Nguyễn Văn An")]),
    ("a Hùng với c Lan ca đêm", [(N, "Hùng"), (N, "Lan")]),
    ("a Tuấn ơi, e là Linh ở chuyền 8", [(N, "Tuấn"), (N, "Linh")]),
    ("chi Tran Thi Mai noi cong ty no luong", [(N, "Tran Thi Mai")]),
    ("chị nguyễn thị mai ở tổ 3", [(N, "nguyễn thị mai")]),
    ("anh le van nam bi tru luong", [(N, "le van nam")]),
    ("anh hung 0987 654 321 goi lai giup em", [(N, "hung"), (P, "0987 654 321")]),
    ("Cảm ơn anh Trường, chị Ngân", [(N, "Trường"), (N, "Ngân")]),
    ("quản đốc là ông Kim Jong Su", [(N, "Kim Jong Su")]),
    ("cô Giang phòng nhân sự", [(N, "Giang")]),  # lower-case "cô": a person
    # places that start with a title
    ("Chợ Bà Chiểu, đường Bà Triệu, Bà Điểm, Bà Rịa, núi Bà Đen", []),
    ("ngã tư Bà Hom, Bà Quẹo, Bà Nà, đường Bà Huyện Thanh Quan", []),
    ("quận Hai Bà Trưng, chợ Ông Lãnh, Ông Tạ, đường Ông Ích Khiêm", []),
    ("đường Cô Giang, Cô Bắc quận 1", []),
    ("biểu tình ở Cô Giang, đi qua Cô Bắc", []),
    ("Cô Giang ở phòng nhân sự nói vậy", [(N, "Giang")]),  # a sentence starts with it
    ("cầu Ông Lãnh, phố Bà Triệu", []),
    ("cúng ông Công ông Táo xong mới về", []),
    ("Ba Lan, Ba Tư, ap Ba Lang", []),
    # job titles and common nouns after a title
    ("ông Giám đốc, bà Trưởng phòng, anh Tổ trưởng, chị Chủ tịch công đoàn", []),
    ("anh Bảo vệ không cho vào, chị Kế toán trừ lương", []),
    ("Anh em công nhân, chị em ca đêm, bà con, bà bầu, ông xã", []),
    ("Học tập Bác Hồ; Anh hùng Lao động; Anh Hùng Lao Động", []),
    ("Em Cảm ơn anh. Anh Chị ơi giúp em. Em Xin hỏi", []),
    ("anh QC bắt làm lại, chị HR gọi lên", []),
    ("anh Công nhân mới vào", []),
]

LABELLED = [
    ("Họ và tên: Nguyễn Văn Hùng", [(N, "Nguyễn Văn Hùng")]),
    ("Họ tên: Trần Thị Mai, tổ may 3", [(N, "Trần Thị Mai")]),
    ("HỌ VÀ TÊN: NGUYỄN VĂN AN", [(N, "NGUYỄN VĂN AN")]),
    ("Tên: Hùng", [(N, "Hùng")]),
    ("Tên: hùng, tổ 2", [(N, "hùng")]),
    ("Ho ten: le van nam", [(N, "le van nam")]),
    ("Người liên hệ: chị Lan, 0912 345 678", [(N, "Lan"), (P, "0912 345 678")]),
    ("Người phản ánh: Lê Văn Tám", [(N, "Lê Văn Tám")]),
    ("Người gửi: Hoàng Minh Đức", [(N, "Hoàng Minh Đức")]),
    ("Người làm đơn: Đỗ Thị Thu", [(N, "Đỗ Thị Thu")]),
    ("Đại diện: Lò Văn Páo", [(N, "Lò Văn Páo")]),
    ("Ký tên: Đỗ Minh Tuấn", [(N, "Đỗ Minh Tuấn")]),
    ("Người lao động: Trịnh Văn Thắng, 42 tuổi", [(N, "Trịnh Văn Thắng")]),
    ("Họ tên người lao động: Nông Thị Xuân", [(N, "Nông Thị Xuân")]),
    ("Người làm đơn\n(Ký, ghi rõ họ tên)\n\nPhạm Thị Hoa", [(N, "Phạm Thị Hoa")]),
    ("Người viết đơn\n\nY Blim", [(N, "Y Blim")]),
    (
        "Kính gửi công đoàn.\nEm xin phản ánh việc nợ lương.\nTrân trọng\nVũ Thị Hằng",
        [(N, "Vũ Thị Hằng")],
    ),
    (
        "Danh sách:\n1. Nguyễn Văn A, tổ may 3\n2. Trần Thị B - tổ cắt\n3. Lò Văn Páo (nghỉ)",
        [(N, "Nguyễn Văn A"), (N, "Trần Thị B"), (N, "Lò Văn Páo")],
    ),
    # labels with no name after them
    ("Người gửi: ẩn danh", []),
    ("Đại diện: Ban chấp hành CĐCS", []),
    ("Liên hệ: Văn phòng Công đoàn; Liên hệ: Hotline", []),
    ("Tên công ty: Cty TNHH Minh Anh", []),
    ("Tên dự án: Nhà ở công nhân", []),
    ("Người phản ánh cho biết công ty nợ lương", []),
    ("Ký tên\n\nXác nhận của công đoàn", []),
    ("Kính gửi công đoàn.\nNợ lương 2 tháng.\nTrân Trọng", []),
    ("Kết luận:\n1. Công ty trả lương trước ngày 15\n2. Tăng Ca không quá 40 giờ", []),
]

INTRODUCTIONS = [
    ("em tên là Mai, làm ở tổ 5", [(N, "Mai")]),
    ("tôi là Trần Văn Bình, công nhân xưởng 2", [(N, "Trần Văn Bình")]),
    ("tên tôi là Hoàng Minh Đức", [(N, "Hoàng Minh Đức")]),
    ("mình là hoa, làm ca đêm", [(N, "hoa")]),
    ("em ten la le van nam, lam o xuong 3", [(N, "le van nam")]),
    ("Tôi tên Hùng, 35 tuổi", [(N, "Hùng")]),
    ("con là Tuấn, làm ở Samsung", [(N, "Tuấn")]),
    ("em là Nguyễn Thị Bích Ngọc", [(N, "Nguyễn Thị Bích Ngọc")]),
    ("quản lý mới tên là Park Ji Hoon", [(N, "Park Ji Hoon")]),
    ("anh Tuan quan ly noi vay, em ten la tran minh duc", [(N, "Tuan"), (N, "tran minh duc")]),
    # not names
    ("em là công nhân tổ may", []),
    ("tôi là người lao động", []),
    ("mình là nam, 30 tuổi", []),
    ("em là út trong nhà", []),
    ("tôi là Tổ trưởng, em là Đoàn viên", []),
    ("em là thành viên, tôi là nhân viên bảo vệ", []),
    ("tên công ty là gì", []),
    ("điều em lo là Công ty phá sản", []),
]

SURNAMES = [
    ("Theo Nguyễn Văn An, tổ trưởng", [(N, "Nguyễn Văn An")]),
    ("Nguyen Van Hung bi tru luong", [(N, "Nguyen Van Hung")]),
    ("NGUYỄN VĂN AN ký nhận", [(N, "NGUYỄN VĂN AN")]),
    (
        "Tổ trưởng Nguyễn Văn Hải và Quản đốc Trần Minh Quân",
        [(N, "Nguyễn Văn Hải"), (N, "Trần Minh Quân")],
    ),
    ("Vũ Thị Hằng - tổ may 7", [(N, "Vũ Thị Hằng")]),
    ("Mai Anh ở tổ 3 cũng vậy", [(N, "Mai Anh")]),
    # places, streets, organisations, headings
    ("Số 12 Lê Lợi, quận 1; 45 Nguyễn Trãi; đường Trần Hưng Đạo", []),
    ("TP. Hồ Chí Minh, Hà Nội, Thái Bình, Cao Bằng, Lâm Đồng, Phan Thiết", []),
    ("Địa chỉ: 123/45 Lê Văn Sỹ, P.13, Q.3", []),
    ("qua đường Võ Văn Kiệt đến Trường THCS Lê Quý Đôn", []),
    ("Công ty TNHH Hoàng Long, Công ty CP Điện tử Hoàng Phát, Cty Hoàng Gia", []),
    ("KCN Lê Minh Xuân, KCN Tân Tạo", []),
    ("Đoàn Thanh niên, Đoàn Thanh Niên, Đoàn viên, Đoàn Chủ tịch", []),
    ("LÝ DO: CÔNG TY NỢ LƯƠNG. Hồ Sơ gửi kèm. Lương Tháng 10 chưa trả", []),
    ("Do Cong ty khong tra luong, Phan anh nhieu lan", []),
    ("Công ty Cao Su Phước Hòa, Trường Cao đẳng Nghề", []),
    ("Mai Em đi làm ca sáng", []),
    ("Giám đốc Kim Sung Ho và quản lý Park Ji Hoon", [(N, "Kim Sung Ho"), (N, "Park Ji Hoon")]),
    ("Phó Chủ tịch LĐLĐ tỉnh Hồ Văn Thanh chủ trì", [(N, "Hồ Văn Thanh")]),
    ("Samsung Electronics, Hong Kong, Han Quoc, Cho Lon", []),
]

# What the rules above leave to each other: the harder sentences.
MIXED = [
    ("anh tuấn tổ trưởng 0965 333 222 nói", [(N, "tuấn"), (P, "0965 333 222")]),
    ("em nhờ anh hung 0987 654 321", [(N, "hung"), (P, "0987 654 321")]),
    ("anh hung noi 0987 654 321", [(P, "0987 654 321")]),
    ("quan ly la ong Kang nguoi han quoc", [(N, "Kang")]),
    ("Bác Tôn, Bác Hồ kính yêu. Bác Tư bán vé số", [(N, "Tư")]),
    ("Bạn Đọc thân mến; Bạn Bè công nhân; Cụ Hồ", []),
    ("Thằng Tuấn tổ 3 bị đánh, bạn Mai báo lại", [(N, "Tuấn"), (N, "Mai")]),
    ("Công nhân: Lương thấp, Tăng ca nhiều", []),
    ("Tên Dự Án ABC; tên Ngân hàng", []),
    ("Kèm theo:\n- Công Văn số 12/CV-CĐ\n- Biên Bản họp", []),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", []),
    ("Em Tên Lan, Em Cảm ơn anh", [(N, "Lan")]),
    ("em là quân nhân xuất ngũ; tôi là thu ngân", []),
    ("Công nhân Nguyễn Văn Hoà và Trần Thuỷ", [(N, "Nguyễn Văn Hoà"), (N, "Trần Thuỷ")]),
    ("Người ghi: Đ/c Phạm Thu Trang, cán bộ LĐLĐ", [(N, "Phạm Thu Trang")]),
    ("Chủ nhà trọ là ông Hai Lúa", [(N, "Hai Lúa")]),
    ("To truong Nguyen Van Hai bat lam them, truong Le Quy Don gan do", [(N, "Nguyen Van Hai")]),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    PHONES + ID_NUMBERS + EMAILS + TITLES + LABELLED + INTRODUCTIONS + SURNAMES + MIXED,
)
def test_rules(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_spans_do_not_overlap_and_point_into_the_text() -> None:
    text = (
        "Người làm đơn: Nguyễn Văn Hùng (anh Hùng), sđt 0912 345 678, CCCD 079123456789.\n"
        "Tôi là Nguyễn Văn Hùng, tổ trưởng là chị Lan.\nNguyễn Văn Hùng"
    )
    spans = find_pii(text)
    assert [(s.kind, s.text) for s in spans] == [
        (N, "Nguyễn Văn Hùng"),
        (N, "Hùng"),
        (P, "0912 345 678"),
        (ID, "079123456789"),
        (N, "Nguyễn Văn Hùng"),
        (N, "Lan"),
        (N, "Nguyễn Văn Hùng"),
    ]
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_mask_keeps_the_report_readable() -> None:
    text = "Chị Lan ở chợ Bà Chiểu báo ông Giám đốc Cty TNHH Hoàng Long nợ lương 2.500.000đ"
    assert mask_pii(text) == (
        "Chị [tên] ở chợ Bà Chiểu báo ông Giám đốc Cty TNHH Hoàng Long nợ lương 2.500.000đ"
    )
    assert set(LABELS) == {P, ID, E, N}


def test_handles_empty_and_odd_text() -> None:
    for text in ("", " ", "\n\n", "anh", "Anh ", ":", "0", "Nguyễn", "1. ", "a" * 5000):
        assert find_pii(text) == [] or text == "a" * 5000
    assert find_pii("Tên:") == []
    assert find_pii("Người làm đơn\n") == []


def test_pii_scores_by_kind_and_overall() -> None:
    items = [
        ("Chị Nguyễn Thị Lan, sđt 0912 345 678", [(N, "Nguyễn Thị Lan"), (P, "0912 345 678")]),
        ("chợ Bà Chiểu, anh Hùng", [(N, "Hùng")]),
        ("em tên là Mai", [(N, "Mai"), (E, "mai@x.vn")]),  # a gold span nothing finds
        ("đi qua Cô Giang", []),  # nothing to find, nothing found
        ("ông Tám nói", []),  # found, but not in gold: a false positive
    ]
    scores = pii_scores(items)
    assert scores[N] == {"tp": 3, "fp": 1, "fn": 0, "precision": 0.75, "recall": 1.0, "f1": 0.8571}
    assert scores[P]["precision"] == scores[P]["recall"] == 1.0
    assert scores[E] == {"tp": 0, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.0, "f1": 0.0}
    assert scores["all"]["tp"] == 4 and scores["all"]["fp"] == 1 and scores["all"]["fn"] == 1
    assert scores["all"]["precision"] == 0.8 and scores["all"]["recall"] == 0.8
    assert scores[ID] == {"tp": 0, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    # a span counts once: two gold "Hùng" need two found "Hùng"
    twice = pii_scores([("anh Hùng và anh Hùng", [(N, "Hùng"), (N, "Hùng"), (N, "Hùng")])])
    assert twice[N]["tp"] == 2 and twice[N]["fn"] == 1
    assert pii_scores([])["all"] == {
        "tp": 0,
        "fp": 0,
        "fn": 0,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
