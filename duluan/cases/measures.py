"""Named measures over matters, escalations, directions and hot spots (``duluan.core.measures``)."""

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
    "Số vấn đề chờ chính đơn vị quyết định (không tính vấn đề chờ đơn vị cấp dưới): "
    "đơn vị trực thuộc phản ánh lên, chưa được tiếp nhận, trả lại hay chuyển tiếp; hoặc "
    "đơn vị đã tiếp nhận, đang ở bước «Phản ánh lên cấp trên» chờ ban hành định hướng "
    "hoặc đóng, tính tại thời điểm xem.",
)

define(
    "matters_opened",
    "Vấn đề mới",
    "Số vấn đề do đơn vị và các đơn vị trực thuộc mở trong kỳ.",
)
define(
    "matters_escalated",
    "Lượt phản ánh lên cấp trên",
    "Số lượt đơn vị và các đơn vị trực thuộc chuyển vấn đề lên cấp trên trong kỳ.",
)
define(
    "matters_directed",
    "Định hướng đã ban hành",
    "Số định hướng do đơn vị và các đơn vị trực thuộc ban hành trong kỳ.",
)
define(
    "matters_closed",
    "Vấn đề đã giải quyết xong",
    "Số vấn đề được đóng trong kỳ (không tính vấn đề đã gộp vào vấn đề khác).",
)
define(
    "matters_set_aside",
    "Ghi nhận, không cần xử lý",
    "Số vấn đề được chuyển sang trạng thái ghi nhận, không cần xử lý trong kỳ.",
)
define(
    "matters_open_at_end",
    "Vấn đề còn đang xử lý cuối kỳ",
    "Số vấn đề mở trước ngày cuối kỳ mà đến hết kỳ chưa đóng hoặc chưa ghi nhận.",
)
define(
    "rumours_found",
    "Tin đồn được xác minh",
    "Số lần xác minh trong kỳ kết luận nội dung là tin đồn.",
)
define(
    "rumours_corrected",
    "Tin đồn đã định hướng cải chính",
    "Số vấn đề có định hướng kèm thông tin cải chính ban hành trong kỳ.",
)
define(
    "hot_spots",
    "Điểm nóng",
    "Số vấn đề được xác định là điểm nóng trong kỳ.",
)
define(
    "hot_spots_reported_on_time",
    "Điểm nóng báo cáo đúng hạn",
    "Số điểm nóng trong kỳ có báo cáo bằng văn bản gửi trong thời hạn 24 giờ.",
)
