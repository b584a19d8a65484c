"""Phrase bank: disputes, the wider economy and society, everything else."""

from __future__ import annotations

from .issues import Issue

ISSUES: list[Issue] = [
    Issue(
        "tranh_chap",
        "FLC",
        "nguy cơ ngừng việc",
        subjects=("Nguy cơ ngừng việc tập thể", "{Nguoi} rủ nhau nghỉ làm", "Tụ tập phản đối"),
        facts=(
            "{nguoi} ở {bp} rủ nhau nếu không được trả lương sẽ nghỉ làm từ tuần sau",
            "trong nhóm Zalo đang kêu gọi ngừng việc để đòi tăng lương",
            "sáng {ngay} khoảng {n} người ở {bp} dừng máy gần một tiếng để phản đối định mức mới",
            "{nguoi} tụ tập ở căng tin yêu cầu {noi} giải thích việc cắt phụ cấp",
        ),
        goods=("nhờ đối thoại kịp thời, vướng mắc ở {bp} đã được giải quyết, mọi người làm lại",),
        asks=(
            "{noi} đối thoại ngay với {nguoi} để tránh ngừng việc tập thể",
            "{cap_tren} cử cán bộ xuống nắm tình hình",
        ),
        questions=("ngừng việc tập thể thế nào thì đúng pháp luật?",),
        rumours=("ngày mai cả {khu} sẽ đình công",),
        pair="tien_luong",
    ),
    Issue(
        "tranh_chap",
        "*",
        "tranh chấp lao động",
        subjects=("Tranh chấp trợ cấp thôi việc", "Đề nghị hỗ trợ pháp lý"),
        facts=(
            "{nguoi1} đang tranh chấp với {noi} về trợ cấp thôi việc, đã gửi đơn đến hòa giải viên",
            "{n_nho} người khởi kiện {noi} vì bị chấm dứt hợp đồng trái luật",
        ),
        goods=("vụ tranh chấp đã hòa giải thành, người lao động nhận đủ tiền",),
        asks=("công đoàn cử cán bộ pháp luật hỗ trợ {nguoi} trong quá trình hòa giải",),
        questions=("tranh chấp với {noi} thì gửi đơn đến đâu để hòa giải?",),
        pair="viec_lam",
    ),
    Issue(
        "xa_hoi",
        "*",
        "giá cả thị trường",
        subjects=("Giá cả tăng", "Giá xăng tăng", "Dư luận về giá vàng"),
        facts=(
            "giá thịt, rau, gạo ở chợ gần {khu} tăng mạnh những ngày gần đây",
            "giá xăng tăng liên tục, chi phí đi làm tăng theo",
            "giá vàng tăng, nhiều người đổ xô đi mua, dư luận bàn tán nhiều",
        ),
        goods=("giá cả dịp Tết ổn định nên {nguoi} yên tâm mua sắm",),
        asks=("tăng cường kiểm soát giá cả tại các chợ gần khu công nghiệp",),
        questions=("bao giờ giá điện sinh hoạt được điều chỉnh lại?",),
        pair="doi_song",
    ),
    Issue(
        "xa_hoi",
        "*",
        "mưa bão, thiên tai",
        subjects=("Thiệt hại do mưa bão", "Ngập lụt khu trọ", "Ủng hộ đồng bào vùng lũ"),
        facts=(
            "mưa lớn kéo dài làm ngập khu trọ ở {xa}, nhiều {nguoi} bị hư hỏng đồ đạc",
            "bão số {so_bao} làm tốc mái nhà của {n_nho} đoàn viên",
            "nước ngập đường vào {khu}, {nguoi} đi làm rất khó khăn",
        ),
        goods=(
            "công đoàn kịp thời hỗ trợ đoàn viên bị thiệt hại do bão, anh chị em rất cảm động",
            "{nguoi} quyên góp ủng hộ đồng bào vùng lũ được {tien_to}",
        ),
        asks=(
            "hỗ trợ khẩn cấp cho đoàn viên bị thiệt hại do mưa bão",
            "cho {nguoi} nghỉ làm những ngày bão lớn",
        ),
        pair="doi_song",
        season="storm",
    ),
    Issue(
        "xa_hoi",
        "*",
        "dịch bệnh, an ninh trật tự",
        subjects=(
            "Sốt xuất huyết ở khu trọ",
            "Trộm cắp ở khu trọ",
            "Tín dụng đen",
            "Lừa đảo qua mạng",
        ),
        facts=(
            "sốt xuất huyết tăng ở khu trọ {xa}, nhiều {nguoi} phải nghỉ làm",
            "trộm cắp xe máy ở khu trọ {xa} xảy ra nhiều, {nguoi} rất lo",
            "tín dụng đen cho vay qua app nhắm vào {nguoi} ở {khu}",
            "nhiều {nguoi} bị lừa đảo qua mạng, mất tiền tiết kiệm",
        ),
        goods=("công an phường phối hợp với công đoàn tuyên truyền phòng chống lừa đảo",),
        asks=(
            "phun thuốc diệt muỗi ở các khu trọ",
            "công an tăng cường tuần tra khu trọ ban đêm",
            "tuyên truyền cho {nguoi} cách nhận biết lừa đảo qua mạng",
        ),
        questions=("bị lừa đảo qua mạng thì trình báo ở đâu?",),
        rumours=("có người giả danh cán bộ BHXH gọi điện bắt cập nhật thông tin để lấy tiền",),
    ),
    Issue(
        "xa_hoi",
        "*",
        "sự kiện thời sự",
        subjects=("Dư luận về vụ án", "Lo lắng về an toàn cháy nổ nhà trọ", "Dư luận về dự án mới"),
        facts=(
            "{nguoi} bàn tán nhiều về vụ án tham nhũng lớn vừa xét xử",
            "vụ cháy nhà trọ ở tỉnh bạn khiến {nguoi} ở trọ lo lắng",
        ),
        goods=(
            "{nguoi} phấn khởi trước thông tin tỉnh đầu tư tuyến đường mới vào {khu}",
            "{nguoi} đồng tình với việc xử lý nghiêm các sai phạm",
        ),
        asks=("kiểm tra phòng cháy ở các khu nhà trọ đông người",),
    ),
    Issue(
        "khac",
        "*",
        "vấn đề khác",
        subjects=("Ý kiến khác", "Tình hình chung", "Chỗ để xe"),
        facts=(
            "{nguoi} có đề cập vài chuyện ngoài công việc, chưa có vấn đề nổi cộm",
            "tình hình tư tưởng {nguoi} ổn định, không có gì bất thường",
            "một số ý kiến về bãi gửi xe chật chội, trời mưa không có mái che",
        ),
        goods=("không khí làm việc tại {noi} vui vẻ, đoàn kết",),
        asks=("bố trí thêm chỗ để xe, mái che cho {nguoi}",),
        questions=("{nguoi} hỏi thủ tục cấp lại căn cước, đăng ký tạm trú làm ở đâu?",),
    ),
]
