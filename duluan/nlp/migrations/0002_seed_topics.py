"""Seed the topic taxonomy with the stable codes of the project's seed labels.

Names and coverage notes are editable afterwards (admin, taxonomy page); codes
are what the seed model, the report form and the demo's ground truth share.
"""

from typing import Any

from django.db import migrations

TOPICS = [
    ('tien_luong', 'Tiền lương, thu nhập', 'mức lương, cách tính lương, chậm trả, nợ lương, trừ lương, lương tối thiểu vùng, phụ cấp'),
    ('thuong_phuc_loi', 'Thưởng, phúc lợi', 'thưởng Tết, lương tháng 13, bữa ăn ca, quà, tham quan nghỉ mát, hỗ trợ khó khăn'),
    ('viec_lam', 'Việc làm', 'thiếu đơn hàng, giãn việc, cắt giảm lao động, cho thôi việc, chấm dứt hợp đồng, tìm việc làm'),
    ('hop_dong', 'Hợp đồng lao động', 'ký, gia hạn, thử việc, loại hợp đồng, điều chuyển công việc trái hợp đồng'),
    ('bao_hiem', 'Bảo hiểm xã hội, y tế, thất nghiệp', 'đóng và nợ BHXH, chốt sổ, rút BHXH một lần, ốm đau, thai sản, hưu trí, thẻ BHYT, trợ cấp thất nghiệp'),
    ('thoi_gio', 'Thời giờ làm việc, nghỉ ngơi', 'tăng ca, làm thêm giờ, ca kíp, nghỉ phép năm, nghỉ lễ Tết, giờ nghỉ giữa ca'),
    ('an_toan', 'An toàn, vệ sinh lao động', 'tai nạn lao động, nắng nóng, hóa chất, bụi, tiếng ồn, bệnh nghề nghiệp, ngộ độc thực phẩm, phòng cháy'),
    ('doi_song', 'Đời sống, nhà ở', 'nhà trọ, nhà ở xã hội, thiết chế công đoàn, nhà trẻ và con em, đi lại, giá cả sinh hoạt'),
    ('quan_ly_doi_xu', 'Quản lý, đối xử, kỷ luật', 'kỷ luật, phạt, ứng xử của quản lý, xúc phạm, quấy rối, phân biệt đối xử, giám sát quá mức'),
    ('dan_chu_co_so', 'Dân chủ cơ sở, đối thoại, thỏa ước', 'hội nghị người lao động, đối thoại định kỳ, thỏa ước lao động tập thể, công khai quy chế'),
    ('cong_doan', 'Tổ chức, hoạt động công đoàn', 'hoạt động của công đoàn cơ sở, cán bộ công đoàn, đoàn phí, quyền lợi đoàn viên, thành lập công đoàn'),
    ('chinh_sach', 'Chính sách, pháp luật', 'luật và nghị định mới, tuổi nghỉ hưu, sắp xếp bộ máy, sáp nhập, tinh giản biên chế, chính sách cho người lao động'),
    ('tranh_chap', 'Tranh chấp lao động, ngừng việc', 'ngừng việc tập thể, đình công, lãn công, tụ tập đông người, tranh chấp với người sử dụng lao động'),
    ('thi_dua', 'Thi đua, khen thưởng', 'phong trào thi đua, sáng kiến, khen thưởng, bình xét danh hiệu'),
    ('xa_hoi', 'Tình hình kinh tế - xã hội', 'giá cả thị trường, thiên tai, dịch bệnh, an ninh trật tự, sự kiện thời sự ngoài doanh nghiệp'),
    ('khac', 'Khác', 'không thuộc chủ đề nào ở trên'),
]


def seed(apps: Any, schema_editor: Any) -> None:
    topic = apps.get_model("nlp", "Topic")
    for order, (code, name, covers) in enumerate(TOPICS, start=1):
        topic.objects.update_or_create(
            code=code, defaults={"name": name, "covers": covers, "order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("nlp", "0001_analysis_contract")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
