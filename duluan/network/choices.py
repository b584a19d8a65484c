"""Vocabularies of the network app (codes are stable; labels Vietnamese)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberKind(models.TextChoices):
    COLLABORATOR = "ctv", _("Cộng tác viên DLXH")
    REPORTER = "bcv", _("Báo cáo viên")


class RosterStatus(models.TextChoices):
    ACTIVE = "hoat_dong", _("Đang hoạt động")
    PAUSED = "tam_dung", _("Tạm dừng")
    LEFT = "da_nghi", _("Đã thôi")


class EventKind(models.TextChoices):
    APPOINTED = "bo_nhiem", _("Công nhận, bổ nhiệm")
    STATUS = "trang_thai", _("Thay đổi trạng thái")
    TRANSFER = "chuyen", _("Chuyển đơn vị")
    LEFT = "thoi", _("Thôi làm")


class Grade(models.TextChoices):
    EXCELLENT = "xuat_sac", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "tot", _("Hoàn thành tốt nhiệm vụ")
    DONE = "hoan_thanh", _("Hoàn thành nhiệm vụ")
    FAILED = "khong_hoan_thanh", _("Không hoàn thành nhiệm vụ")


class CommendationKind(models.TextChoices):
    REWARD = "khen_thuong", _("Khen thưởng")
    DISCIPLINE = "ky_luat", _("Kỷ luật")


class Platform(models.TextChoices):
    ZALO = "zalo", _("Nhóm Zalo")
    FANPAGE = "fanpage", _("Fanpage Facebook")
    FACEBOOK = "facebook", _("Trang cá nhân Facebook")
    WEBSITE = "website", _("Trang thông tin điện tử")
    TIKTOK = "tiktok", _("TikTok")
    YOUTUBE = "youtube", _("YouTube")
    OTHER = "khac", _("Khác")


class AttendanceSource(models.TextChoices):
    REGISTERED = "dang_ky", _("Đăng ký")
    QR = "qr", _("Điểm danh mã QR")
    SHEET = "bang_ky", _("Nhập bảng ký tên")
    MANUAL = "ghi_tay", _("Cán bộ ghi nhận")


class BriefingKind(models.TextChoices):
    MONTHLY = "ctv_thang", _("Giao ban cộng tác viên hằng tháng")
    QUARTERLY = "bcv_quy", _("Hội nghị báo cáo viên hằng quý")
    OTHER = "khac", _("Giao ban khác")


class DialogueKind(models.TextChoices):
    DIALOGUE = "doi_thoai", _("Đối thoại tại nơi làm việc")
    WORKERS = "hoi_nghi_nld", _("Hội nghị người lao động")
    OFFICIALS = "hoi_nghi_cbccvc", _("Hội nghị cán bộ công chức viên chức")
    VOTERS = "tiep_xuc_cu_tri", _("Tiếp xúc cử tri")


class PetitionState(models.TextChoices):
    OPEN = "chua_giai_quyet", _("Chưa giải quyết")
    IN_PROGRESS = "dang_giai_quyet", _("Đang giải quyết")
    RESOLVED = "da_giai_quyet", _("Đã giải quyết")
    REFUSED = "khong_giai_quyet_duoc", _("Không giải quyết được")


OPEN_PETITION_STATES = (PetitionState.OPEN, PetitionState.IN_PROGRESS)


class ArticleKind(models.TextChoices):
    ARTICLE = "bai_viet", _("Bài viết")
    POST = "bai_dang", _("Bài đăng, chia sẻ")
    VIDEO = "video", _("Video, ảnh")


class ArticleSource(models.TextChoices):
    MANUAL = "nhap_tay", _("Nhập tay")
    CSV = "csv", _("Nhập tệp xuất của trang")
    DEMO = "demo", _("Dữ liệu mẫu")
