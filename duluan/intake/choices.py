"""Report vocabularies. Kind, mood and urgency codes are the seed taxonomy's
(shared/taxonomy/labels.csv); a test keeps them in step."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    CONVERSATION = "truc_tiep", _("Trò chuyện trực tiếp")
    DIALOGUE = "doi_thoai", _("Đối thoại, hội nghị")
    SURVEY = "khao_sat", _("Khảo sát")
    BRIEFING = "giao_ban", _("Giao ban")
    PRESS = "bao_chi", _("Báo chí")
    SOCIAL = "mang_xa_hoi", _("Mạng xã hội")
    PHONE = "dien_thoai", _("Điện thoại, đường dây nóng")
    EMAIL = "email", _("Email")
    WRITTEN = "van_ban", _("Báo cáo văn bản")
    # Inbound channels (duluan.channels): a message becomes a report "chờ phân loại".
    ZALO = "zalo", _("Zalo OA")
    SMS = "sms", _("Tin nhắn SMS")
    TIP_PAGE = "trang_gop_y", _("Trang góp ý ẩn danh")
    OTHER = "khac", _("Khác")


class Kind(models.TextChoices):
    OPINION = "thong_tin", _("Ý kiến, thông tin chung")
    COMPLAINT = "khieu_nai", _("Bức xúc, khiếu nại")
    PROPOSAL = "kien_nghi", _("Kiến nghị, đề xuất, nguyện vọng")
    QUESTION = "cau_hoi", _("Câu hỏi, cần giải đáp")
    PRAISE = "khen_ngoi", _("Khen ngợi, đồng tình")
    RUMOUR = "tin_don", _("Tin đồn nghe được")


class Mood(models.TextChoices):
    POSITIVE = "tich_cuc", _("Tích cực")
    NEUTRAL = "trung_lap", _("Trung lập")
    NEGATIVE = "tieu_cuc", _("Tiêu cực")
    DIVIDED = "trai_chieu", _("Trái chiều")


class Urgency(models.TextChoices):
    NORMAL = "binh_thuong", _("Bình thường")
    ATTENTION = "can_chu_y", _("Cần chú ý")
    HOT_SPOT = "diem_nong", _("Điểm nóng")


class Verifiability(models.TextChoices):
    WITNESSED = "chung_kien", _("Chứng kiến trực tiếp")
    MULTIPLE = "nhieu_nguon", _("Nhiều nguồn")
    SINGLE = "mot_nguon", _("Một nguồn")
    UNVERIFIABLE = "khong_kiem_chung", _("Không kiểm chứng được")


class Source(models.TextChoices):
    WEB = "web", _("Biểu mẫu web")
    API = "api", _("API")
    IMPORT = "import", _("Nhập bảng tính")
    DEMO = "demo", _("Dữ liệu mẫu")
    CHANNEL = "kenh", _("Kênh tiếp nhận tự động")
