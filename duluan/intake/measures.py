"""Measures over opinion reports (``core.measures``): one definition per figure.

A report belongs to a unit's subtree and a period by its unit and the local
day it was heard (``heard_at``); its mood is the analysed sentiment where the
text analytics ran, else the reporter's assessment (as on the dashboard).
"""

from duluan.core.measures import define

define(
    "reports_total",
    "Tổng số phản ánh ghi nhận",
    "Số phản ánh của đơn vị và các đơn vị trực thuộc có ngày nắm bắt trong kỳ.",
)
define(
    "reports_negative",
    "Phản ánh có tâm trạng tiêu cực",
    "Số phản ánh trong kỳ có tâm trạng tiêu cực theo phân tích văn bản, hoặc theo đánh giá"
    " của người ghi nhận khi phản ánh chưa được phân tích.",
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
