"""Named measures over reports (``duluan.core.measures``): the dashboard, the briefing
and the documents count reports by these definitions."""

from __future__ import annotations

from duluan.core.measures import define

REPORTS_TOTAL = define(
    "reports_total",
    "Số phản ánh",
    "Số phản ánh của đơn vị và các đơn vị trực thuộc có ngày nắm bắt (giờ Việt Nam) "
    "trong kỳ, mỗi phản ánh tính một lần.",
)
REPORTS_NEGATIVE = define(
    "reports_negative",
    "Phản ánh tiêu cực",
    "Số phản ánh trong kỳ có cảm xúc tiêu cực: theo phân tích văn bản khi phản ánh "
    "đã được phân tích, nếu chưa thì theo tâm trạng người phản ánh chọn.",
)
REPORTS_NEGATIVE_SHARE = define(
    "reports_negative_share",
    "Tỷ lệ tiêu cực",
    "Số phản ánh tiêu cực chia cho tổng số phản ánh trong kỳ, tính theo phần trăm.",
    "%",
)
