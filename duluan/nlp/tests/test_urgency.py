"""Every urgency rule fires on a sentence and stays silent on one that must not raise it.

The sentences are written the ways people write (with and without diacritics,
teencode, everyday words); the silent ones are negations, false friends,
hypotheses, benefit questions and settled events.
"""

from __future__ import annotations

import pytest

from duluan.nlp.text import normalise
from duluan.nlp.urgency import (
    ATTENTION,
    HOT,
    NORMAL,
    RULES,
    combine,
    rules_level,
    urgency_findings,
)


def found(text: str) -> dict[str, str]:
    return {f.code: f.level for f in urgency_findings(normalise(text))}


# (rule, a sentence where it fires and the level it reaches, a sentence where it must not)
CASES: list[tuple[str, str, str, str]] = [
    (
        "dinh_cong",
        "Sáng nay công nhân Cty giày đình công, đòi trả lương tháng 11",
        HOT,
        "Quyết định công nhận CĐCS mới; gia đình công nhân phấn khởi",
    ),
    (
        "ngung_viec",
        "Sáng nay cả ca đứng ngoài cổng không chịu vào làm",
        HOT,
        "Công ty cho công nhân ngừng việc vì thiếu đơn hàng, tiền lương ngừng việc tính sao?",
    ),
    (
        "ngung_viec",
        "anh em tat may ngoi im tu 7h sang toi gio",
        HOT,
        "Đã ba lần CĐCS đề nghị đối thoại nhưng DN chưa tổ chức",
    ),
    (
        "tu_tap",
        "Khoảng 200 công nhân kéo lên văn phòng công ty đòi gặp giám đốc",
        HOT,
        "Vậy công ty giữ lương tháng cuối như thế có đúng không ạ?",
    ),
    (
        "tu_vong",
        "Một công nhân bị điện giật tử vong tại xưởng sáng nay",
        HOT,
        "Tháng 5 toàn tỉnh không xảy ra tai nạn lao động chết người",
    ),
    (
        "tai_nan",
        "Anh Nam bị máy cán kẹp đứt 2 ngón tay, đã đưa đi cấp cứu",
        HOT,
        "Nếu bị tai nạn lao động thì được bồi thường thế nào?",
    ),
    (
        "tai_nan",
        "Chị ấy bị bỏng hóa chất ở tay khi pha thuốc nhuộm",
        ATTENTION,
        "Chồng em đi làm về bị tai nạn giao thông, có được tính hưởng chế độ không?",
    ),
    (
        "ngo_doc",
        "mấy chục đứa ói mửa sau bữa trưa, chở vô viện hết rồi",
        HOT,
        "Công đoàn tổ chức tập huấn an toàn thực phẩm, phòng chống ngộ độc cho bếp ăn",
    ),
    (
        "ngat_xiu",
        "Trưa nay 2 chị bị ngất xỉu tại chuyền vì nóng",
        ATTENTION,
        "Xưởng nóng muốn xỉu luôn, mong công ty lắp thêm quạt",
    ),
    (
        "chay_no",
        "Cháy lớn ở kho nguyên liệu, 3 công nhân bị bỏng nặng",
        HOT,
        "Diễn tập chữa cháy với tình huống giả định cháy kho nguyên liệu, 350 người tham gia",
    ),
    (
        "no_luong",
        "lương tháng trước giờ vẫn chưa về, hứa hoài",
        ATTENTION,
        "Mẹ em không có lương hưu thì có được hưởng chế độ tử tuất không?",
    ),
    (
        "no_luong",
        "Công ty nợ lương 3 tháng của hơn 300 công nhân",
        HOT,
        "Công ty đã trả đủ tiền lương còn nợ, công nhân đi làm lại bình thường",
    ),
    (
        "no_bhxh",
        "Công ty nợ bảo hiểm xã hội 8 tháng, anh em không chốt được sổ",
        ATTENTION,
        "Cty chậm đóng BHXH thì em sinh con có được hưởng thai sản không ạ?",
    ),
    (
        "cat_giam",
        "Công ty thông báo cắt giảm 500 lao động từ tháng sau",
        ATTENTION,
        "Cty cho nghỉ việc vì cắt giảm nhân sự thì tôi làm 6 năm có trợ cấp thôi việc không?",
    ),
    (
        "bo_tron",
        "Giám đốc người nước ngoài đã bỏ trốn về nước, công nhân chưa nhận lương",
        HOT,
        "Xưởng làm việc bình thường, lương trả đúng hạn",
    ),
    (
        "doa_ngung",
        "Nếu không giải quyết thì anh em sẽ nghỉ hết",
        ATTENTION,
        "Em tính nghỉ việc trước Tết để về quê, có được thưởng tháng 13 không?",
    ),
    (
        "tin_don_lan",
        "Tin công ty sắp đóng cửa lan truyền mạnh, anh em hoang mang lắm",
        ATTENTION,
        "Đề nghị công khai đề án để tránh tâm lý hoang mang",
    ),
    (
        "lua_dao",
        "Nhiều công nhân bị lừa đảo qua nhóm hứa rút BHXH hộ, mất mấy triệu",
        ATTENTION,
        "Công nhân hỏi thủ tục rút BHXH một lần cần giấy tờ gì",
    ),
    (
        "bao_luc",
        "Tổ trưởng tát công nhân ngay tại chuyền",
        ATTENTION,
        "Đề nghị dành chi phí mua thêm ghế cho chị em mang thai",
    ),
    (
        "nghi_hang_loat",
        "Tuần này 40 người nộp đơn nghỉ việc vì đơn giá giảm",
        ATTENTION,
        "14 người nghỉ việc từ tháng 4 đến nay vẫn chưa được chốt sổ",
    ),
]


@pytest.mark.parametrize(("code", "fires", "level", "silent"), CASES)
def test_rule_fires_and_stays_silent(code: str, fires: str, level: str, silent: str) -> None:
    assert found(fires).get(code) == level, found(fires)
    assert code not in found(silent), found(silent)


def test_every_rule_has_a_case() -> None:
    assert {rule.code for rule in RULES} == {case[0] for case in CASES}


def test_negation_in_the_same_clause_only() -> None:
    assert found("Không có ai bị thương, không xảy ra ngừng việc") == {}
    assert "ngung_viec" in found("Công nhân không đồng ý nên ngừng việc")
    assert found("Chưa có trường hợp nào bị thương") == {}


def test_rumours_are_at_most_attention() -> None:
    assert found("Nghe nói bên Cty giày ngừng việc cả ca")["ngung_viec"] == ATTENTION
    assert found("Cty giày ngừng việc cả ca")["ngung_viec"] == HOT


def test_rules_raise_an_unsure_model_never_lower_it() -> None:
    stoppage = urgency_findings(normalise("Sáng nay hàng trăm công nhân ngừng việc"))
    assert combine(NORMAL, stoppage, 0.4) == HOT  # the model is unsure: the rule raises
    assert combine(NORMAL, stoppage, 0.95) == NORMAL  # the model is sure: it decides
    assert combine(NORMAL, stoppage) == HOT  # no model (confidence 0): the rules decide
    assert combine(HOT, [], 0.3) == HOT
    assert combine(ATTENTION, urgency_findings(normalise("Bữa ăn ca ngon")), 0.1) == ATTENTION
    assert rules_level([]) == NORMAL
