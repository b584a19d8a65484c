"""Named measures over matters and hot spots (``duluan.core.measures``)."""

from __future__ import annotations

from duluan.core.measures import define

HOT_SPOTS_OPEN = define(
    "hot_spots_open",
    "Điểm nóng đang mở",
    "Số vấn đề được đánh dấu điểm nóng, chưa đóng, do đơn vị hoặc đơn vị trực thuộc "
    "xử lý, tính tại thời điểm xem.",
)
MATTERS_OVERDUE = define(
    "matters_overdue",
    "Vấn đề quá hạn",
    "Số vấn đề chưa đóng có bước xử lý hiện tại đã quá hạn theo lịch ngày làm việc, "
    "hoặc điểm nóng chưa gửi báo cáo bằng văn bản đúng hạn, tính tại thời điểm xem.",
)
MATTERS_AWAITING_DECISION = define(
    "matters_awaiting_decision",
    "Chờ quyết định",
    "Số vấn đề đang ở bước «Phản ánh lên cấp trên»: chờ cấp trên tiếp nhận, hoặc đã "
    "tiếp nhận và chờ lãnh đạo ban hành định hướng, tính tại thời điểm xem.",
)
