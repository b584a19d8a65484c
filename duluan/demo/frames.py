"""Sentence frames around the issue clauses, by register.

``formal``: officers' and reporters' written reports. ``note``: collaborators
writing whole sentences. ``quick``: a collaborator typing on a phone (noise is
added afterwards by :mod:`duluan.demo.noise`). ``{x}`` marks where the clause goes.
"""

from __future__ import annotations

Frames = dict[str, tuple[str, ...]]

# Who said it and through which channel; the clause follows directly.
INTRO: dict[str, Frames] = {
    "formal": {
        "truc_tiep": (
            "Qua nắm bắt trực tiếp tại {dv}, {nguoi} phản ánh ",
            "Qua trao đổi với ĐVNLĐ tại {bp}, được biết ",
            "Qua tiếp xúc với {nguoi}, ghi nhận ",
            "Qua nắm bắt tình hình tại cơ sở, ",
        ),
        "dien_thoai": (
            "Đường dây nóng của {cap_tren} nhận được phản ánh của {nguoi1} về việc ",
            "Qua điện thoại, {nguoi1} phản ánh ",
        ),
        "mang_xa_hoi": (
            "Qua theo dõi trên {mxh}, ghi nhận nhiều ý kiến phản ánh ",
            "Trên {mxh} xuất hiện bài viết phản ánh ",
        ),
        "giao_ban": (
            "Tại buổi giao ban cộng tác viên DLXH tháng {thang}, các cộng tác viên phản ánh ",
            "Qua giao ban định kỳ với các CĐCS, ghi nhận ",
            "Tại hội nghị báo cáo viên quý {quy}, có ý kiến phản ánh ",
        ),
        "doi_thoai": (
            "Tại hội nghị đối thoại định kỳ quý {quy} giữa {noi} và {nguoi}, có ý kiến phản ánh ",
            "Tại buổi đối thoại ngày {ngay}, {nguoi} nêu ý kiến về việc ",
        ),
        "khao_sat": (
            "Kết quả khảo sát {n_ks} ĐVNLĐ tại {dv} cho thấy {pct} ý kiến phản ánh ",
            "Qua phiếu khảo sát nhanh, nhiều ý kiến cho biết ",
        ),
        "email": (
            "Hộp thư điện tử của {cap_tren} nhận được phản ánh của một nhóm {nguoi} về việc ",
        ),
        "bao_chi": ("{Bao} ngày {ngay} có bài phản ánh ", "Theo thông tin trên {bao}, "),
        "van_ban": (
            "Theo báo cáo của CĐCS {dv}, ",
            "Căn cứ báo cáo tháng {thang_truoc} của Ban Chấp hành CĐCS {dv}, ",
        ),
        "khac": ("Qua nắm bắt tình hình, ghi nhận ", "Qua nắm bắt, "),
    },
    "note": {
        "truc_tiep": (
            "{Nguoi} ở {bp} phản ánh ",
            "Nghe anh chị em ở {bp} nói ",
            "Giờ nghỉ trưa, mấy chị ở {bp} kể là ",
            "Trao đổi với {nguoi} thì được biết ",
            "Chiều nay tan ca, mọi người bàn tán chuyện ",
            "Ghi nhận tại {dv}: ",
            "Hôm nay {nguoi} phản ánh ",
            "",
        ),
        "dien_thoai": (
            "{Nguoi1} gọi điện báo ",
            "Nhận cuộc gọi của {nguoi1}, cho biết ",
            "Có người gọi đường dây nóng phản ánh ",
        ),
        "mang_xa_hoi": (
            "Trên {mxh} có bài phản ánh ",
            "Nhiều bình luận trên {mxh} cho rằng ",
            "Thấy trên {mxh} mọi người kêu ",
        ),
        "giao_ban": ("Giao ban CTV tháng {thang}, các bạn nêu ", "Tại buổi giao ban, CTV báo "),
        "doi_thoai": (
            "Tại buổi đối thoại hôm {ngay}, {nguoi} nêu ",
            "Ở hội nghị đối thoại, nhiều ý kiến cho rằng ",
        ),
        "khao_sat": (
            "Hỏi nhanh {n_ks} người, nhiều người cho biết ",
            "Qua phiếu hỏi ý kiến, {pct} người trả lời là ",
        ),
        "email": ("Nhận email của {nguoi1}, phản ánh ", "Có email gửi hộp thư công đoàn báo "),
        "bao_chi": ("{Bao} có bài viết nói ", "Đọc báo thấy đưa tin "),
        "van_ban": ("Báo cáo của CĐCS {dv}: ", "Theo báo cáo tháng {thang_truoc}, "),
        "khac": ("", "Qua nắm bắt, "),
    },
    "quick": {
        "truc_tiep": ("", "", "{nguoi} {bp} kêu ", "nghe mọi người nói ", "{bp}: ", "vụ "),
        "dien_thoai": ("có chị gọi báo ", "{nguoi1} gọi báo ", "vừa nhận đt: "),
        "mang_xa_hoi": ("trên {mxh} đang nói ", "thấy trên {mxh} bảo ", "fb đang lan: "),
        "giao_ban": ("giao ban: ", "CTV báo "),
        "doi_thoai": ("đối thoại hôm {ngay}: ", ""),
        "khao_sat": ("hỏi nhanh mấy người thì ", ""),
        "email": ("email báo ", ""),
        "bao_chi": ("báo đưa ", ""),
        "van_ban": ("", "bc tháng: "),
        "khac": ("",),
    },
}

MOOD: dict[str, Frames] = {
    "formal": {
        "tieu_cuc": (
            "Tâm lý {nguoi} bức xúc, lo lắng.",
            "Vấn đề này gây tâm lý hoang mang trong {nguoi}.",
            "{Nguoi} tỏ ra không hài lòng.",
            "Nhiều ý kiến bày tỏ sự bức xúc.",
            "Tâm trạng chung của {nguoi} khá nặng nề.",
            "Dư luận trong {nguoi} không đồng tình.",
        ),
        "trung_lap": (
            "Đa số {nguoi} giữ thái độ chờ đợi.",
            "Chưa ghi nhận phản ứng đáng kể.",
            "Tình hình tư tưởng cơ bản ổn định.",
            "",
        ),
        "tich_cuc": (
            "{Nguoi} phấn khởi, đồng tình.",
            "Dư luận đánh giá cao.",
            "Ý kiến chung ghi nhận, cảm ơn sự quan tâm của {noi} và công đoàn.",
            "Đây là tín hiệu tích cực, tạo niềm tin trong {nguoi}.",
        ),
    },
    "note": {
        "tieu_cuc": (
            "Ai cũng bức xúc.",
            "Anh chị em lo lắm.",
            "Mọi người chán lắm rồi.",
            "Nhiều người bảo cứ thế này thì chỉ có nghỉ.",
            "Tâm lý hoang mang.",
            "Nghe mà thấy thương anh chị em.",
            "Ai cũng kêu, nhưng không dám nói thẳng với {ql}.",
        ),
        "trung_lap": ("Chưa thấy ai phản ứng gì.", "Mọi người chủ yếu hỏi thăm nhau.", ""),
        "tich_cuc": (
            "Mọi người vui lắm.",
            "Ai cũng khen.",
            "Anh chị em phấn khởi ra mặt.",
            "Cảm ơn công đoàn đã lên tiếng.",
        ),
    },
    "quick": {
        "tieu_cuc": (
            "ai cũng bức xúc",
            "mọi người chán lắm",
            "lo lắm",
            "nhiều người đòi nghỉ",
            "bức xúc lắm rồi",
            "căng",
        ),
        "trung_lap": ("", "chưa thấy gì", "mọi người hỏi thôi"),
        "tich_cuc": ("mọi người vui lắm", "ai cũng khen", "phấn khởi", "ok lắm"),
    },
}

ASK: dict[str, tuple[str, ...]] = {
    "formal": (
        "Đề nghị {x}.",
        "{Nguoi} kiến nghị {x}.",
        "Kính đề nghị {cap_tren} quan tâm, chỉ đạo để {x}.",
        "CĐCS đề xuất {x}.",
        "Nguyện vọng của {nguoi} là {x}.",
    ),
    "note": (
        "{Nguoi} đề nghị {x}.",
        "Mọi người mong {x}.",
        "Anh chị em có nguyện vọng {x}.",
        "Đề xuất: {x}.",
        "Mong {x}.",
    ),
    "quick": ("mong {x}", "đề nghị {x}", "mọi người muốn {x}", "nên {x}"),
}
GENERIC_ASKS = (
    "{cap_tren} quan tâm, có ý kiến với {noi}",
    "công đoàn cơ sở làm việc với {noi} để sớm giải quyết",
    "có văn bản hướng dẫn cụ thể để {nguoi} yên tâm",
)

QUESTION: dict[str, tuple[str, ...]] = {
    "formal": (
        "{Nguoi} đề nghị được giải đáp: {x}",
        "Có ý kiến hỏi: {x}",
        "{Nguoi} thắc mắc: {x}",
        "Qua nắm bắt tại {dv}, {nguoi} hỏi: {x}",
    ),
    "note": ("{Nguoi} hỏi: {x}", "Mọi người hỏi {x}", "{x}", "Nhờ anh chị giải đáp giúp: {x}"),
    "quick": ("{x}", "{nguoi} hỏi {x}", "hỏi: {x}", "mn hỏi {x}"),
}
QUESTION_TAIL: dict[str, tuple[str, ...]] = {
    "formal": (
        "Đề nghị cơ quan chuyên môn hướng dẫn để tuyên truyền cho ĐVNLĐ.",
        "Đề nghị {cap_tren} có văn bản trả lời.",
        "",
    ),
    "note": ("Em chưa trả lời được, nhờ các anh chị hướng dẫn.", "Nhiều người cùng hỏi.", ""),
    "quick": ("ai biết chỉ giúp", "", "em chưa trả lời dc"),
}

RUMOUR: dict[str, tuple[str, ...]] = {
    "formal": (
        "Có thông tin chưa rõ nguồn gốc cho rằng {x}.",
        "Trên {mxh} lan truyền thông tin {x}.",
        "Trong {nguoi} xuất hiện tin đồn {x}.",
        "Qua nắm bắt, có luồng thông tin cho rằng {x}.",
    ),
    "note": (
        "Nghe nói {x}.",
        "Trên Zalo đồn rằng {x}.",
        "Mọi người truyền tai nhau là {x}.",
        "Có tin {x}, không biết thật hay không.",
        "Trên {mxh} có người đăng là {x}.",
        "Người ta đồn {x}.",
    ),
    "quick": (
        "nghe nói {x}",
        "trên Zalo đồn {x}",
        "người ta đồn {x}",
        "có tin {x} ko biết thật ko",
        "trên TikTok có clip nói {x}",
        "nghe đâu {x}",
    ),
}
RUMOUR_TAIL: dict[str, tuple[str, ...]] = {
    "formal": (
        "Thông tin chưa được kiểm chứng nhưng đã gây tâm lý hoang mang trong {nguoi}.",
        "CĐCS đang phối hợp xác minh.",
        "Chưa xác định được nguồn tin.",
    ),
    "note": (
        "Chưa rõ thực hư.",
        "Em hỏi cán bộ công đoàn thì chưa ai xác nhận.",
        "Chưa kiểm chứng được.",
        "Nhiều người tin là thật.",
    ),
    "quick": ("chưa rõ thực hư", "chưa kiểm chứng dc", "mọi người hoang mang", ""),
}

ALSO: dict[str, tuple[str, ...]] = {
    "formal": (
        "Ngoài ra, {nguoi} còn phản ánh {x}.",
        "Bên cạnh đó, {x}.",
        "Cùng với đó, có ý kiến cho biết {x}.",
    ),
    "note": ("Ngoài ra {x}.", "Thêm nữa là {x}.", "Còn chuyện {x} nữa.", "Mọi người cũng kêu {x}."),
    "quick": ("còn {x}", "thêm vụ {x}", "với lại {x}"),
}
ALSO_GOOD: dict[str, tuple[str, ...]] = {
    "formal": ("Ngoài ra, {x}.", "Bên cạnh đó, {x}."),
    "note": ("Ngoài ra {x}.", "Thêm nữa là {x}."),
    "quick": ("còn {x}", "với lại {x}"),
}

URGENT: dict[str, Frames] = {
    "formal": {
        "can_chu_y": (
            "Vấn đề có nguy cơ lan rộng nếu không được giải quyết kịp thời.",
            "Bức xúc đang tăng, cần quan tâm giải quyết sớm.",
            "Đã có khoảng {n} người ký đơn tập thể gửi {noi}.",
            "Nhiều người bàn chuyện nghỉ việc tập thể, cần theo dõi chặt.",
        ),
        "diem_nong": (
            "Tình hình diễn biến phức tạp, đề nghị {cap_tren} chỉ đạo xử lý ngay.",
            "Đã báo cáo nhanh qua điện thoại cho {cap_tren}.",
            "Đề nghị {cap_tren} cử cán bộ xuống ngay.",
        ),
    },
    "note": {
        "can_chu_y": (
            "Nhiều người đang rủ nhau nghỉ làm.",
            "Tình hình hơi căng rồi.",
            "Chuyện này đang lan khắp {khu}.",
            "Cần xử lý sớm không thì to chuyện.",
            "Đã có khoảng {n} người ký đơn.",
        ),
        "diem_nong": (
            "Cần báo gấp!",
            "Anh chị xuống ngay giúp em.",
            "Rất gấp, mong công đoàn vào cuộc ngay.",
            "Em đã gọi báo {cap_tren}.",
        ),
    },
    "quick": {
        "can_chu_y": ("đang lan rộng", "căng rồi", "mọi người rủ nghỉ", "cần xử lý sớm"),
        "diem_nong": ("GẤP", "gấp!!", "cần báo ngay", "xuống ngay giúp e"),
    },
}
# For a crowd: a stoppage or a gathering (urgency diem_nong on a dispute).
CROWD: dict[str, tuple[str, ...]] = {
    "formal": (
        "Có khoảng {n} người tập trung, đề nghị {cap_tren} cử cán bộ xuống ngay.",
        "Tình hình diễn biến phức tạp, đề nghị {cap_tren} chỉ đạo xử lý ngay.",
        "Đã báo cáo nhanh qua điện thoại cho {cap_tren} và chính quyền địa phương.",
    ),
    "note": (
        "Rất gấp, đang có khoảng {n} người tụ tập.",
        "Cần báo gấp!",
        "Anh chị xuống ngay giúp em, đông lắm.",
    ),
    "quick": ("đang tụ tập đông", "GẤP", "đông lắm xuống ngay giúp e"),
}

CLOSE: dict[str, tuple[str, ...]] = {
    "formal": (
        "CĐCS tiếp tục theo dõi, nắm bắt và báo cáo kịp thời.",
        "Đề nghị {cap_tren} quan tâm, chỉ đạo.",
        "Đã trao đổi với {noi} để phối hợp giải quyết.",
        "Sẽ tiếp tục nắm bắt, báo cáo trong kỳ tới.",
        "",
        "",
    ),
    "note": ("Em báo để các anh chị nắm.", "Em sẽ theo dõi thêm.", "", "", ""),
    "quick": ("", "", "báo để nắm", "e theo dõi tiếp"),
}

CLOSE_CALM: dict[str, tuple[str, ...]] = {
    "formal": (
        "CĐCS tiếp tục theo dõi, nắm bắt và báo cáo kịp thời.",
        "Sẽ tiếp tục nắm bắt, báo cáo trong kỳ tới.",
        "",
        "",
    ),
    "note": ("Em báo để các anh chị nắm.", "", "", ""),
    "quick": ("", "", "báo để nắm"),
}

SUBJECT: dict[str, tuple[str, ...]] = {
    "khieu_nai": ("Phản ánh về {x}", "Bức xúc về {x}", "{Nguoi} phản ánh về {x}"),
    "kien_nghi": ("Kiến nghị về {x}", "Đề xuất liên quan đến {x}", "Nguyện vọng về {x}"),
    "cau_hoi": ("Hỏi về {x}", "Thắc mắc về {x}", "Cần giải đáp về {x}", "{Nguoi} hỏi về {x}"),
    "khen_ngoi": ("Ghi nhận về {x}", "{Nguoi} đồng tình về {x}", "Phản hồi tích cực về {x}"),
    "thong_tin": ("Tình hình {x}", "Ý kiến về {x}", "Tâm tư về {x}", "Dư luận về {x}"),
    "tin_don": ("Tin đồn về {x}", "Thông tin chưa kiểm chứng về {x}", "Thông tin về {x}"),
}
