"""Phrase bank: living conditions, management conduct, workplace democracy."""

from __future__ import annotations

from .issues import Issue

ISSUES: list[Issue] = [
    Issue(
        "doi_song",
        "FLCP",
        "nhà trọ, nhà ở",
        subjects=(
            "Giá phòng trọ tăng",
            "Tiền điện nước nhà trọ cao",
            "Mong có nhà ở xã hội",
            "Khu trọ xuống cấp",
        ),
        facts=(
            "chủ trọ ở {xa} tăng giá phòng lên {phong}/tháng sau Tết",
            "tiền điện nhà trọ bị tính {gia_dien}/số, cao gần gấp đôi giá nhà nước",
            "khu trọ ở {hamlet} {xa} ngập nước mỗi khi mưa, rất mất vệ sinh",
            "{nguoi} phải ở ghép 4, 5 người một phòng chưa đầy 15 mét vuông",
        ),
        goods=(
            "công đoàn vận động chủ trọ giảm giá phòng cho {nguoi}",
            "{nguoi} phấn khởi khi được xét mua nhà ở xã hội của tỉnh",
            "thiết chế công đoàn ở {khu} đã cho thuê, giá rẻ hơn phòng trọ ngoài",
        ),
        asks=(
            "sớm xây thiết chế công đoàn, nhà ở xã hội cho {nguoi} ở {khu}",
            "chính quyền kiểm tra giá điện, nước tại các khu trọ",
        ),
        questions=(
            "{nguoi} đăng ký mua nhà ở xã hội cần điều kiện gì?",
            "thuê trọ có được hỗ trợ tiền nhà không?",
        ),
        rumours=("dự án nhà ở xã hội ở {khu} đã bán hết suất cho người quen",),
    ),
    Issue(
        "doi_song",
        "*",
        "nhà trẻ, con em",
        subjects=("Thiếu chỗ gửi trẻ", "Con {nguoi} khó xin học", "Áp lực chi phí đầu năm học"),
        facts=(
            "gần {khu} chỉ có nhóm trẻ tư thục, học phí cao mà điều kiện không đảm bảo",
            "con {nguoi} không có hộ khẩu ở đây nên khó xin vào trường công",
            "tăng ca về muộn, {nguoi} không có người đón con",
            "học phí, tiền học thêm đầu năm học làm {nguoi} rất áp lực",
        ),
        goods=("{noi} hỗ trợ {tien_nho}/tháng tiền gửi trẻ cho {nguoi} có con nhỏ",),
        asks=(
            "xây nhà trẻ công lập gần {khu}",
            "hỗ trợ tiền gửi trẻ cho con {nguoi}",
        ),
        questions=("con công nhân ở trọ có được học trường công gần nơi ở không?",),
    ),
    Issue(
        "doi_song",
        "*",
        "đi lại, giá cả sinh hoạt",
        subjects=("Khó khăn đi lại", "Giá cả tăng, đời sống khó khăn", "Ùn tắc giờ tan ca"),
        facts=(
            "xe đưa đón bị cắt, {nguoi} phải tự đi xe máy {km}km mỗi ngày",
            "giá xăng, giá thực phẩm tăng, lương không đủ chi tiêu",
            "đường vào {khu} xuống cấp, giờ tan ca thường xuyên ùn tắc",
            "tiền điện tháng vừa rồi tăng mạnh, nhiều gia đình phải thắt lưng buộc bụng",
        ),
        goods=(
            "công đoàn phối hợp mở điểm bán hàng bình ổn giá cho {nguoi}",
            "tuyến xe buýt mới đến {khu} giúp {nguoi} đi lại thuận tiện hơn",
        ),
        asks=(
            "mở thêm tuyến xe buýt đến {khu}",
            "có điểm bán hàng bình ổn giá cho {nguoi}",
        ),
        questions=("công nhân có được hỗ trợ vé xe buýt tháng không?",),
        pair="tien_luong",
    ),
    Issue(
        "quan_ly_doi_xu",
        "*",
        "ứng xử của người quản lý",
        subjects=(
            "{Ql} quát mắng {nguoi}",
            "Bị xúc phạm nơi làm việc",
            "Ứng xử thiếu tôn trọng",
        ),
        facts=(
            "{ql} ở {bp} thường xuyên quát mắng, dùng lời lẽ xúc phạm {nguoi}",
            "{nguoi1} bị {ql} bắt đứng trước cả tổ vì làm hỏng việc",
            "{ql} mới về có thái độ gay gắt, {nguoi} không dám góp ý",
        ),
        goods=(
            "sau đối thoại, {ql} đã xin lỗi, không khí làm việc ở {bp} tốt hơn",
            "{ql} mới quan tâm, lắng nghe {nguoi}, mọi người đánh giá cao",
        ),
        asks=(
            "{noi} nhắc nhở, có biện pháp với {ql} có hành vi xúc phạm",
            "tập huấn kỹ năng ứng xử cho đội ngũ quản lý",
        ),
        questions=("bị {ql} xúc phạm thì có thể khiếu nại ở đâu?",),
        rumours=("{ql} ở {bp} sắp bị cho nghỉ vì nhiều người tố cáo",),
    ),
    Issue(
        "quan_ly_doi_xu",
        "FLC",
        "kỷ luật, xử phạt",
        subjects=(
            "Phạt tiền trừ vào lương",
            "Kỷ luật sa thải không đúng trình tự",
            "Nội quy mới nhiều điều phạt",
        ),
        facts=(
            "{noi} phạt {tien_nho} mỗi lần đi muộn, trừ thẳng vào lương",
            "{nguoi1} bị sa thải mà không có họp xử lý kỷ luật, không mời công đoàn",
            "nội quy mới có nhiều điều phạt nặng nhưng chưa lấy ý kiến {nguoi}",
        ),
        goods=("{noi} bỏ hình thức phạt tiền sau khi công đoàn kiến nghị",),
        asks=(
            "xử lý kỷ luật phải đúng trình tự, có đại diện công đoàn tham dự",
            "rà soát lại nội quy lao động",
        ),
        questions=("{noi} có được phạt tiền người lao động không?",),
    ),
    Issue(
        "quan_ly_doi_xu",
        "*",
        "giám sát, phân biệt đối xử",
        subjects=(
            "Giám sát quá mức",
            "Phản ánh quấy rối nơi làm việc",
            "Lao động nữ mang thai làm ca đêm",
        ),
        facts=(
            "{noi} lắp camera cả khu nghỉ trưa, {nguoi} thấy bị giám sát quá mức",
            "chị em phản ánh bị {ql} có lời nói, cử chỉ khiếm nhã nhưng không dám lên tiếng",
            "lao động nữ mang thai vẫn bị xếp làm ca đêm",
            "người lớn tuổi bị xếp việc nặng để ép nghỉ",
        ),
        goods=("{noi} ban hành quy định phòng chống quấy rối, có kênh phản ánh kín",),
        asks=(
            "có kênh tiếp nhận phản ánh quấy rối bảo mật cho chị em",
            "không bố trí lao động nữ mang thai làm ca đêm",
        ),
        questions=("lao động nữ mang thai có được từ chối làm ca đêm không?",),
        rumours=("{ql} ở {bp} nhiều lần quấy rối chị em nhưng được bao che",),
    ),
    Issue(
        "dan_chu_co_so",
        "*",
        "hội nghị người lao động",
        subjects=(
            "Hội nghị người lao động",
            "Tổ chức hội nghị cán bộ, công chức, viên chức",
            "Hội nghị người lao động còn hình thức",
        ),
        facts=(
            "hội nghị người lao động năm nay tổ chức qua loa, {nguoi} không có thời gian phát biểu",
            "{noi} chưa tổ chức hội nghị người lao động năm {nam}",
            "ý kiến nêu tại hội nghị năm trước đến nay chưa được trả lời",
        ),
        goods=(
            "hội nghị người lao động năm {nam} được tổ chức dân chủ, nhiều kiến nghị được tiếp thu",
            "{noi} đã công khai trả lời các ý kiến nêu tại hội nghị",
        ),
        asks=("dành thêm thời gian để {nguoi} đối thoại trực tiếp tại hội nghị",),
        questions=("bao giờ {noi} tổ chức hội nghị người lao động năm nay?",),
    ),
    Issue(
        "dan_chu_co_so",
        "*",
        "đối thoại định kỳ",
        subjects=(
            "Đối thoại định kỳ bị hoãn",
            "Kiến nghị sau đối thoại chưa được giải quyết",
            "Đối thoại tại nơi làm việc",
        ),
        facts=(
            "đối thoại định kỳ quý này bị hoãn, nhiều kiến nghị còn tồn đọng",
            "đối thoại chỉ mời tổ trưởng, người trực tiếp làm việc không được tham gia",
            "kiến nghị tại buổi đối thoại tháng {thang_truoc} chưa có phản hồi",
        ),
        goods=(
            "buổi đối thoại giữa {noi} và {nguoi} diễn ra cởi mở, {n_nho} kiến nghị được giải"
            " quyết ngay",
            "{noi} cam kết tại đối thoại sẽ tăng phụ cấp từ tháng {thang_sau}",
        ),
        asks=(
            "tổ chức đối thoại đúng định kỳ và công khai kết quả",
            "mời đại diện {nguoi} các bộ phận tham gia đối thoại",
        ),
        questions=("đối thoại định kỳ tại nơi làm việc phải tổ chức mấy lần một năm?",),
    ),
    Issue(
        "dan_chu_co_so",
        "*",
        "thỏa ước, công khai quy chế",
        subjects=(
            "Thỏa ước hết hạn chưa ký lại",
            "Quy chế chưa công khai",
            "Ký thỏa ước lao động tập thể mới",
        ),
        facts=(
            "thỏa ước lao động tập thể hết hạn từ tháng {thang_xa} nhưng chưa ký lại",
            "quy chế chi tiêu nội bộ, quy chế khen thưởng chưa được công khai",
            "{nguoi} không biết thỏa ước có những quyền lợi gì",
        ),
        goods=(
            "thỏa ước mới có thêm nhiều điều khoản có lợi hơn luật, {nguoi} hoan nghênh",
            "{noi} niêm yết công khai quy chế lương thưởng",
        ),
        asks=(
            "sớm thương lượng, ký lại thỏa ước lao động tập thể",
            "phổ biến nội dung thỏa ước đến từng {nguoi}",
        ),
        questions=("thỏa ước lao động tập thể có hiệu lực trong bao lâu?",),
    ),
]
