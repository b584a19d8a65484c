"""The language check on examples: Vietnamese with and without diacritics, and others."""

from __future__ import annotations

from duluan.media.language import OTHER, VIETNAMESE, language_of

EXAMPLES = [
    ("Hàng trăm công nhân ngừng việc vì bị nợ lương hai tháng", VIETNAMESE),
    ("Công đoàn đề xuất giới hạn giờ tăng ca tối đa 40 giờ mỗi tháng", VIETNAMESE),
    ("Bảo hiểm xã hội tỉnh đôn đốc doanh nghiệp nợ đóng", VIETNAMESE),
    ("cong ty em cung no bhxh, nghi viec khong chot so duoc", VIETNAMESE),
    ("ca dem ma khong duoc tra phu cap ca dem, cong nhan rat met", VIETNAMESE),
    ("Thưởng Tết", VIETNAMESE),
    ("Foreign investors expand electronics plants in northern industrial parks", OTHER),
    ("Workers at the plant went on strike over unpaid wages and overtime", OTHER),
    ("Les travailleurs de l'usine réclament une hausse des salaires", OTHER),
    ("Para pekerja pabrik menuntut kenaikan upah minimum tahun depan", OTHER),
    ("工人因拖欠工资而停工", OTHER),
    ("Das Unternehmen zahlt den Arbeitern die Überstunden nicht", OTHER),
]


def test_language_check_is_right_on_every_example() -> None:
    wrong = [(text, lang) for text, lang in EXAMPLES if language_of(text).language != lang]
    assert not wrong, wrong
    assert len(EXAMPLES) == 12
