"""Measures of the network sections (``core.measures``): roster, training,
briefings, dialogues and petitions, articles, declarations."""

from duluan.core.measures import define

define(
    "network.collaborators",
    "Cộng tác viên DLXH đang hoạt động",
    "Số cộng tác viên dư luận xã hội đang hoạt động trong cây đơn vị vào ngày cuối kỳ.",
    "người",
)
define(
    "network.reporters",
    "Báo cáo viên đang hoạt động",
    "Số báo cáo viên đang hoạt động trong cây đơn vị vào ngày cuối kỳ.",
    "người",
)
define(
    "network.units",
    "Đơn vị trong phạm vi",
    "Số đơn vị đang hoạt động trong cây đơn vị vào ngày cuối kỳ.",
    "đơn vị",
)
define(
    "network.units_with_team",
    "Đơn vị có tổ cộng tác viên",
    "Số đơn vị có ít nhất một cộng tác viên đang hoạt động vào ngày cuối kỳ.",
    "đơn vị",
)
define(
    "network.units_with_media",
    "Đơn vị có nhóm truyền thông",
    "Số đơn vị có nhóm truyền thông đang hoạt động vào ngày cuối kỳ.",
    "đơn vị",
)
define(
    "network.per_1000",
    "Cộng tác viên trên 1.000 đoàn viên",
    "Số cộng tác viên đang hoạt động chia cho số đoàn viên, nhân 1.000, vào ngày cuối kỳ.",
)
define(
    "network.joined",
    "Người mới tham gia trong kỳ",
    "Số người đang hoạt động ngày cuối kỳ mà chưa hoạt động ngày trước kỳ.",
    "người",
)
define(
    "network.left",
    "Người thôi, tạm dừng trong kỳ",
    "Số người đang hoạt động ngày trước kỳ mà không còn hoạt động ngày cuối kỳ.",
    "người",
)
define(
    "training.classes",
    "Lớp tập huấn",
    "Số lớp tập huấn của cây đơn vị khai giảng trong kỳ.",
    "lớp",
)
define(
    "training.attendances",
    "Lượt người tham dự",
    "Số lượt điểm danh có mặt tại các lớp tập huấn khai giảng trong kỳ.",
    "lượt người",
)
define(
    "training.people",
    "Người tham dự (không tính trùng)",
    "Số người khác nhau có mặt tại các lớp tập huấn khai giảng trong kỳ.",
    "người",
)
define(
    "briefings.count",
    "Cuộc giao ban, hội nghị",
    "Số cuộc giao ban, hội nghị báo cáo viên tổ chức trong kỳ.",
    "cuộc",
)
define(
    "briefings.attendances",
    "Lượt người dự",
    "Tổng số người dự các cuộc giao ban, hội nghị trong kỳ.",
    "lượt người",
)
define(
    "briefings.opinions",
    "Ý kiến thu nhận tại giao ban",
    "Số ý kiến, tâm tư ghi nhận tại các cuộc giao ban trong kỳ.",
    "ý kiến",
)
define(
    "dialogues.count",
    "Cuộc đối thoại, hội nghị",
    "Số cuộc đối thoại, hội nghị người lao động tổ chức trong kỳ.",
    "cuộc",
)
define(
    "dialogues.participants",
    "Lượt người tham dự",
    "Tổng số người tham dự các cuộc đối thoại, hội nghị trong kỳ.",
    "lượt người",
)
define(
    "petitions.total",
    "Kiến nghị được nêu",
    "Số kiến nghị nêu tại các cuộc đối thoại, hội nghị trong kỳ.",
    "kiến nghị",
)
define(
    "petitions.resolved",
    "Đã giải quyết",
    "Số kiến nghị nêu trong kỳ đã được giải quyết.",
    "kiến nghị",
)
define(
    "petitions.in_progress",
    "Đang giải quyết",
    "Số kiến nghị nêu trong kỳ đang được giải quyết.",
    "kiến nghị",
)
define(
    "petitions.open",
    "Chưa giải quyết",
    "Số kiến nghị nêu trong kỳ chưa được giải quyết.",
    "kiến nghị",
)
define(
    "petitions.refused",
    "Không giải quyết được",
    "Số kiến nghị nêu trong kỳ không giải quyết được (có nêu lý do).",
    "kiến nghị",
)
define(
    "petitions.overdue",
    "Quá hạn trả lời",
    "Số kiến nghị nêu trong kỳ đã quá hạn trả lời mà chưa giải quyết xong.",
    "kiến nghị",
)
define(
    "articles.count",
    "Bài viết, bài đăng",
    "Số bài viết, bài đăng của cây đơn vị đăng trong kỳ.",
    "bài",
)
define(
    "articles.reach",
    "Lượt tiếp cận",
    "Tổng lượt tiếp cận của các bài đăng trong kỳ.",
    "lượt",
)
define(
    "articles.interactions",
    "Lượt tương tác",
    "Tổng lượt tương tác (thích, bình luận, chia sẻ) của các bài đăng trong kỳ.",
    "lượt",
)
define(
    "articles.counter_rumour",
    "Bài phản bác tin đồn, thông tin sai",
    "Số bài đăng trong kỳ nhằm phản bác tin đồn, thông tin sai.",
    "bài",
)
define(
    "articles.answering_matters",
    "Bài trả lời vấn đề DLXH",
    "Số bài đăng trong kỳ trả lời một vấn đề dư luận xã hội đang xử lý.",
    "bài",
)
define(
    "declarations.required",
    "Người phải khai báo",
    "Số người thuộc diện phải khai báo trang thông tin cá nhân trong cây đơn vị.",
    "người",
)
define(
    "declarations.declared",
    "Đã khai báo",
    "Số người thuộc diện phải khai báo đã khai báo trang thông tin cá nhân.",
    "người",
)
