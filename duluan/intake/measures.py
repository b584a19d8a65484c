"""Named measures over opinion reports (``duluan.core.measures``): the dashboard, the
briefing and the documents count reports by these definitions.

A report belongs to a unit's subtree and a period by its unit and the local day it
was heard (``heard_at``); its mood is the analysed sentiment where the text
analytics ran, else the reporter's assessment (as on the dashboard).
"""

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

define(
    "reports_people",
    "Số người liên quan (ước tính)",
    "Tổng số người mà các phản ánh trong kỳ cho biết cùng có ý kiến.",
    "người",
)
define(
    "reports_units",
    "Số đơn vị có phản ánh",
    "Số đơn vị (kể cả đơn vị trực thuộc) có ít nhất một phản ánh trong kỳ.",
    "đơn vị",
)
define(
    "reports_hot_spot",
    "Phản ánh mức điểm nóng",
    "Số phản ánh trong kỳ được người ghi nhận đánh giá ở mức điểm nóng.",
)
