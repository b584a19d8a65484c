"""Vocabularies of periodic reporting."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import periods


class ReportType(models.TextChoices):
    MONTHLY = "monthly", _("Báo cáo tháng")
    QUARTERLY = "quarterly", _("Báo cáo quý")
    HALF_YEARLY = "half_yearly", _("Báo cáo 6 tháng")
    ANNUAL = "annual", _("Báo cáo năm")
    REVIEW = "review", _("Báo cáo sơ kết, tổng kết nhiều năm")
    AD_HOC = "ad_hoc", _("Báo cáo đột xuất")
    HOT_SPOT = "hot_spot", _("Báo cáo điểm nóng")


# The kind of period each periodic type covers; ad-hoc and hot-spot reports take any.
PERIOD_KIND: dict[str, str] = {
    ReportType.MONTHLY: periods.MONTH,
    ReportType.QUARTERLY: periods.QUARTER,
    ReportType.HALF_YEARLY: periods.HALF,
    ReportType.ANNUAL: periods.YEAR,
    ReportType.REVIEW: periods.RANGE,
}
SCHEDULED_TYPES = (
    ReportType.MONTHLY,
    ReportType.QUARTERLY,
    ReportType.HALF_YEARLY,
    ReportType.ANNUAL,
)


class State(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    APPROVED = "approved", _("Lãnh đạo đã duyệt")
    SUBMITTED = "submitted", _("Đã gửi cấp trên")


class Compliance(models.TextChoices):
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Trễ hạn")
    MISSING = "missing", _("Chưa gửi, quá hạn")
    PENDING = "pending", _("Chưa đến hạn")


# The narrative sections the officer writes, in document order.
NARRATIVE_SECTIONS: list[tuple[str, str]] = [
    ("situation", "Tình hình tư tưởng, dư luận xã hội"),
    ("issues", "Những vấn đề nổi cộm"),
    ("results", "Kết quả giải quyết"),
    ("forecast", "Dự báo"),
    ("proposals", "Kiến nghị, đề xuất"),
]


def report_title(report_type: str, period: periods.Period) -> str:
    """What a page or a file calls the report: "Báo cáo tháng 11/2026", "Báo cáo quý
    IV/2026", "Báo cáo 6 tháng đầu năm 2026", "Báo cáo năm 2026"."""
    if report_type == ReportType.REVIEW:
        return f"Báo cáo tổng kết {periods.period_label(period)}"
    if report_type == ReportType.AD_HOC:
        return f"Báo cáo đột xuất {periods.period_label(period)}"
    if report_type == ReportType.HOT_SPOT:
        return f"Báo cáo điểm nóng {periods.period_label(period)}"
    return f"Báo cáo {periods.period_label(period)}"
