from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyKind(models.TextChoices):
    SURVEY = "survey", _("Khảo sát")
    POLL = "poll", _("Thăm dò nhanh")


class ResponseSource(models.TextChoices):
    WEB = "web", _("Biểu mẫu web (ẩn danh)")
    INTERVIEW = "interview", _("Phỏng vấn viên nhập")
    ODK = "odk", _("ODK Collect / KoboCollect")
    POLL = "poll", _("Thăm dò trong ứng dụng")
    IMPORT = "import", _("Dữ liệu mẫu")


class Allocation(models.TextChoices):
    PROPORTIONAL = "proportional", _("Tỉ lệ theo số đoàn viên")
    MINIMUM = "minimum", _("Tỉ lệ, có tối thiểu mỗi đơn vị")
