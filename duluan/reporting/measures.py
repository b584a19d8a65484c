"""Measures of the periodic report (``core.measures``): the breakdowns and the
comparisons. A breakdown's codes are a family (``topic.<mã chủ đề>``,
``unit.<mã đơn vị>``...): the family is defined once as ``<prefix>.*`` and
:func:`measure_of` finds it for any member."""

from __future__ import annotations

from duluan.core import measures
from duluan.core.measures import Measure, define

define(
    "topic.*",
    "Phản ánh theo chủ đề",
    "Số phản ánh trong kỳ được phân loại vào chủ đề (một phản ánh có thể thuộc nhiều chủ đề).",
)
define(
    "reports_topic_analysed",
    "Phản ánh đã phân loại chủ đề",
    "Số phản ánh trong kỳ đã có ít nhất một chủ đề do phân loại tự động hoặc cán bộ gán.",
)
define(
    "kind.*",
    "Phản ánh theo loại ý kiến",
    "Số phản ánh trong kỳ theo loại ý kiến người ghi nhận chọn (thông tin, kiến nghị...).",
)
define(
    "channel.*",
    "Phản ánh theo kênh nắm bắt",
    "Số phản ánh trong kỳ theo kênh tiếp nhận (trực tiếp, điện thoại, Zalo...).",
)
define(
    "sentiment.*",
    "Phản ánh theo tâm trạng",
    "Số phản ánh trong kỳ theo tâm trạng: theo phân tích văn bản, hoặc theo đánh giá của"
    " người ghi nhận khi phản ánh chưa được phân tích.",
)
define(
    "reports_sentiment_analysed",
    "Phản ánh đã phân tích tâm trạng",
    "Số phản ánh trong kỳ đã được phân tích văn bản để xác định tâm trạng.",
)
define(
    "unit.*",
    "Phản ánh theo đơn vị trực thuộc",
    "Số phản ánh trong kỳ của đơn vị trực thuộc và toàn bộ các đơn vị cấp dưới của nó.",
)
define(
    "compare.previous.*",
    "So với kỳ trước",
    (
        "Cùng chỉ tiêu, tính cho kỳ liền trước cùng loại (tháng trước, quý trước,"
        " 6 tháng trước, năm trước); kỳ đang diễn ra so với cùng số ngày đầu của kỳ trước."
    ),
)
define(
    "compare.last_year.*",
    "So với cùng kỳ năm trước",
    (
        "Cùng chỉ tiêu, tính cho cùng kỳ (cùng tháng, quý, 6 tháng) của năm trước;"
        " kỳ đang diễn ra so với cùng số ngày đầu của kỳ đó năm trước."
    ),
)
define(
    "children_submitted",
    "Đơn vị trực thuộc đã gửi báo cáo",
    "Số đơn vị trực thuộc trực tiếp đã gửi báo cáo cùng loại, cùng kỳ lên đơn vị.",
    "đơn vị",
)


def measure_of(code: str) -> Measure | None:
    """The measure of a figure: its own code, else the nearest family ``<prefix>.*``."""
    found = measures.get(code)
    parts = code.split(".")
    while found is None and len(parts) > 1:
        parts.pop()
        found = measures.get(".".join(parts) + ".*")
    return found
