from django.db import models
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    NAMED_REPORT = "named_report", _("Ghi danh tính người phản ánh cùng phản ánh")
    CONTACT_BACK = "contact_back", _("Liên hệ lại để xác minh và phản hồi kết quả")
    NOTIFICATIONS = "notifications", _("Nhận thông báo của tổ chức công đoàn")
    SURVEY = "survey", _("Tham gia điều tra, thăm dò, khảo sát")


class ConsentMethod(models.TextChoices):
    WEB = "web", _("Biểu mẫu web")
    API = "api", _("API")
    PAPER = "paper", _("Văn bản giấy có chữ ký")
    VERBAL = "verbal", _("Đồng ý bằng lời, có người ghi nhận")
    IMPORT = "import", _("Nhập từ bảng tính")


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Xem, nhận bản sao dữ liệu")
    CORRECTION = "correction", _("Chỉnh sửa dữ liệu")
    DELETION = "deletion", _("Xoá dữ liệu")
    RESTRICTION = "restriction", _("Hạn chế xử lý dữ liệu")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    REPLIED = "replied", _("Đã phản hồi, đang xử lý")
    DONE = "done", _("Đã thực hiện")
    REFUSED = "refused", _("Từ chối có lý do")
