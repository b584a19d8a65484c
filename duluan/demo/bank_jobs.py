"""Phrase bank: jobs, labour contracts, social insurance."""

from __future__ import annotations

from .issues import Issue

ISSUES: list[Issue] = [
    Issue(
        "viec_lam",
        "FLP",
        "đơn hàng, việc làm",
        subjects=(
            "Thiếu đơn hàng, {nguoi} lo mất việc",
            "Giãn việc, nghỉ luân phiên",
            "Cắt tăng ca vì ít đơn hàng",
            "Lo lắng về việc làm sau Tết",
        ),
        facts=(
            "{noi} thiếu đơn hàng, {bp} đã phải nghỉ luân phiên mỗi tuần {so_ngay_nho} ngày",
            "đơn hàng {sp} giảm mạnh, {noi} tạm dừng tăng ca và cho nghỉ không lương",
            "từ đầu tháng {thang} {noi} giãn việc khoảng {n} người, chỉ trả lương ngừng việc",
            "{nguoi} lo sau Tết {noi} sẽ cắt giảm lao động vì khách hàng rút đơn",
            "nhiều người đã xin nghỉ để tìm chỗ khác vì thu nhập giảm quá nhiều",
            "khách hàng lớn chuyển đơn sang nhà máy khác, {bp} gần như không có việc",
        ),
        goods=(
            "{noi} có thêm đơn hàng mới, dự kiến đủ việc đến cuối năm",
            "dù ít đơn hàng nhưng {noi} cam kết không cắt giảm lao động",
            "{noi} bố trí cho {nguoi} ở {bp} sang làm ở bộ phận khác thay vì cho nghỉ",
        ),
        asks=(
            "{noi} thông báo sớm kế hoạch sản xuất để {nguoi} chủ động",
            "khi giãn việc phải trả đủ lương ngừng việc theo quy định",
            "công đoàn giới thiệu việc làm cho người bị cho thôi việc",
        ),
        questions=(
            "nghỉ luân phiên không lương thì có được trả lương ngừng việc không?",
            "bị giãn việc bao lâu thì được hưởng trợ cấp thất nghiệp?",
        ),
        rumours=(
            "{noi} sắp chuyển nhà máy sang nước khác",
            "{noi} sẽ cắt giảm {pct} lao động sau Tết",
            "chủ {noi} đã bỏ về nước, sắp đóng cửa nhà máy",
        ),
        pair="tien_luong",
    ),
    Issue(
        "viec_lam",
        "FLC",
        "cắt giảm lao động",
        subjects=(
            "{Dv} cắt giảm lao động",
            "Cho thôi việc người trên {tuoi} tuổi",
            "Vận động {nguoi} tự nghỉ việc",
        ),
        facts=(
            "{noi} thông báo cắt giảm khoảng {n} lao động, chủ yếu là người trên {tuoi} tuổi",
            "{nguoi} lớn tuổi bị vận động tự viết đơn nghỉ việc để {noi} khỏi trả trợ cấp",
            "danh sách cắt giảm không được bàn với công đoàn, nhiều người bức xúc",
            "{noi} chấm dứt hợp đồng với {n_nho} người mà không báo trước đủ ngày",
        ),
        goods=(
            "{noi} chi trả trợ cấp mất việc đầy đủ và hỗ trợ thêm {so_thang_nho} tháng lương",
            "nhờ công đoàn thương lượng, số người phải nghỉ việc giảm còn {n_nho} người",
        ),
        asks=(
            "{noi} phải trao đổi với công đoàn trước khi cắt giảm lao động",
            "ưu tiên giữ lại lao động nữ đang nuôi con nhỏ",
            "hỗ trợ đào tạo nghề, giới thiệu việc làm mới cho người bị cắt giảm",
        ),
        questions=(
            "bị cho thôi việc vì lý do kinh tế thì được trợ cấp bao nhiêu?",
            "công ty cắt giảm lao động có phải báo trước cho công đoàn không?",
        ),
        rumours=(
            "{noi} sẽ cho nghỉ hết công nhân trên 35 tuổi",
            "đợt tới {noi} cắt thêm cả {bp}",
        ),
        pair="bao_hiem",
    ),
    Issue(
        "viec_lam",
        "FLCP",
        "tìm việc làm",
        subjects=(
            "Khó tìm việc sau Tết",
            "Lao động lớn tuổi khó xin việc",
            "Phiên giao dịch việc làm",
        ),
        facts=(
            "nhiều người sau Tết chưa tìm được việc, đến hỏi công đoàn chỗ tuyển dụng",
            "{nguoi} trên {tuoi} tuổi rất khó xin việc mới ở {khu}",
            "các doanh nghiệp trong {khu} tuyển ít, chủ yếu tuyển người dưới 30 tuổi",
        ),
        goods=(
            "phiên giao dịch việc làm do công đoàn phối hợp tổ chức thu hút đông {nguoi}",
            "{n_nho} người bị mất việc đã được giới thiệu sang doanh nghiệp khác trong {khu}",
        ),
        asks=(
            "tổ chức thêm phiên giao dịch việc làm ngay tại {khu}",
            "có chính sách hỗ trợ học nghề cho lao động lớn tuổi",
        ),
        questions=("đăng ký học nghề miễn phí cho người thất nghiệp ở đâu?",),
        season="after_tet",
    ),
    Issue(
        "viec_lam",
        "SHA",
        "vị trí việc làm",
        subjects=("Lo dôi dư sau sắp xếp", "Lo không được ký tiếp hợp đồng"),
        facts=(
            "sau khi sáp nhập, {noi} dôi dư {n_nho} người, chưa biết bố trí thế nào",
            "{nguoi} hợp đồng lo không được ký tiếp năm sau",
            "một số người được điều động sang đơn vị mới nhưng chưa rõ nhiệm vụ",
        ),
        asks=("có phương án bố trí việc làm rõ ràng cho người dôi dư",),
        questions=("người dôi dư do sắp xếp có được hưởng chính sách nghỉ hưu trước tuổi không?",),
        goods=("{noi} đã bố trí đủ việc cho người dôi dư, không ai phải nghỉ",),
        rumours=("{noi} sẽ cắt hết người hợp đồng từ năm sau",),
        pair="chinh_sach",
    ),
    Issue(
        "hop_dong",
        "FLC",
        "ký hợp đồng lao động",
        subjects=(
            "Chưa được ký hợp đồng lao động",
            "Thử việc kéo dài",
            "Hợp đồng ngắn hạn liên tục",
            "Không được giữ hợp đồng",
        ),
        facts=(
            "{n_nho} người vào làm đã {so_thang_nho} tháng nhưng chưa được ký hợp đồng",
            "{noi} ký hợp đồng 1 năm nhiều lần liền, không chuyển sang không xác định thời hạn",
            "thời gian thử việc kéo dài quá {so_ngay_thu} ngày, lương thử việc chỉ {pct_thu}",
            "{nguoi} không được giữ bản hợp đồng lao động của mình",
            "hợp đồng ghi mức lương thấp hơn thực trả để đóng bảo hiểm ít",
        ),
        goods=(
            "{noi} đã ký hợp đồng cho toàn bộ người mới sau khi công đoàn kiến nghị",
            "{noi} chuyển {n_nho} người sang hợp đồng không xác định thời hạn",
        ),
        asks=(
            "{noi} giao cho mỗi người một bản hợp đồng lao động",
            "ký hợp đồng không xác định thời hạn cho người làm trên {so_nam} năm",
        ),
        questions=(
            "hợp đồng xác định thời hạn được ký tối đa mấy lần?",
            "thử việc tối đa bao nhiêu ngày, lương thử việc tối thiểu bao nhiêu?",
        ),
        pair="bao_hiem",
    ),
    Issue(
        "hop_dong",
        "*",
        "điều chuyển công việc",
        subjects=("Bị điều chuyển trái hợp đồng", "Điều chuyển công việc không hỏi ý kiến"),
        facts=(
            "{nguoi} ở {bp} bị điều chuyển sang việc khác không đúng hợp đồng, không được hỏi ý"
            " kiến",
            "{noi} điều chuyển người sang chi nhánh xa mà không hỗ trợ đi lại",
            "bị chuyển vị trí nhưng lương lại bị hạ",
        ),
        goods=("{noi} đã bố trí lại công việc phù hợp sau buổi đối thoại",),
        asks=("điều chuyển phải có sự đồng ý của người lao động và không quá thời hạn luật định",),
        questions=(
            "{noi} được điều chuyển sang việc khác tối đa bao lâu mà không cần hỏi ý kiến?",
        ),
    ),
    Issue(
        "hop_dong",
        "SH",
        "hợp đồng làm việc",
        subjects=("Hợp đồng theo năm học", "Mong được xét tuyển viên chức"),
        facts=(
            "{n_nho} {nguoi} hợp đồng làm nhiều năm nhưng chưa được xét tuyển viên chức",
            "hợp đồng ký theo năm học nên mấy tháng hè không có lương",
        ),
        asks=("có lộ trình xét tuyển cho người hợp đồng lâu năm",),
        questions=("người hợp đồng lâu năm có được cộng điểm khi xét tuyển viên chức không?",),
        goods=("{n_nho} người hợp đồng lâu năm đã trúng tuyển viên chức, ai cũng mừng",),
    ),
    Issue(
        "bao_hiem",
        "FLC",
        "đóng bảo hiểm xã hội",
        subjects=(
            "{Dv} nợ BHXH",
            "Chậm đóng bảo hiểm xã hội",
            "Không chốt được sổ BHXH",
            "Đóng BHXH thấp hơn lương thực nhận",
        ),
        facts=(
            "{noi} nợ bảo hiểm xã hội {so_thang_nho} tháng, đi khám không dùng được thẻ BHYT",
            "tra trên VssID thấy {noi} chưa đóng BHXH từ tháng {thang_xa}",
            "người nghỉ việc không chốt được sổ BHXH vì {noi} còn nợ tiền bảo hiểm",
            "{noi} đóng BHXH theo mức lương thấp hơn nhiều so với lương thực nhận",
        ),
        goods=("{noi} đã đóng đủ tiền BHXH còn nợ, người nghỉ việc đã được chốt sổ",),
        asks=(
            "cơ quan BHXH và công đoàn đôn đốc {noi} trả nợ bảo hiểm",
            "{noi} thông báo công khai tình hình đóng BHXH hằng quý",
        ),
        questions=(
            "{noi} nợ BHXH thì thời gian đó có được tính hưởng chế độ không?",
            "làm sao kiểm tra {noi} có đóng bảo hiểm cho mình hay không?",
        ),
        rumours=("{noi} lấy tiền trích đóng bảo hiểm để trả lương",),
        pair="tien_luong",
    ),
    Issue(
        "bao_hiem",
        "*",
        "rút BHXH một lần",
        subjects=(
            "Thắc mắc về rút BHXH một lần",
            "Nhiều người muốn rút BHXH một lần",
            "Tâm tư về Luật BHXH mới",
        ),
        facts=(
            "nhiều {nguoi} tính nghỉ việc để rút BHXH một lần vì cần tiền trang trải",
            "{nguoi} chưa nắm được quy định mới về rút BHXH một lần nên lo lắng",
            "có người đã nghỉ việc chờ đủ 12 tháng để rút bảo hiểm một lần",
        ),
        goods=("buổi tư vấn của công đoàn về Luật BHXH giúp {nguoi} hiểu rõ quyền lợi lâu dài",),
        asks=(
            "công đoàn tổ chức tư vấn pháp luật về BHXH ngay tại {khu}",
            "phát tờ rơi giải thích quy định mới về hưởng BHXH một lần",
        ),
        questions=(
            "đóng BHXH từ năm 2025 trở đi thì còn được rút một lần không?",
            "rút BHXH một lần thì có bị mất thẻ BHYT không?",
            "đóng bao nhiêu năm thì được nhận lương hưu theo luật mới?",
        ),
        rumours=(
            "sắp tới sẽ không được rút BHXH một lần nữa, ai muốn rút phải nghỉ việc ngay",
            "tiền BHXH đã đóng sẽ mất trắng nếu {noi} phá sản",
        ),
    ),
    Issue(
        "bao_hiem",
        "*",
        "chế độ ốm đau, thai sản",
        subjects=(
            "Chậm giải quyết chế độ thai sản",
            "Chế độ ốm đau",
            "Thủ tục hưởng thai sản",
        ),
        facts=(
            "{nguoi1} sinh con đã {so_thang_nho} tháng nhưng chưa nhận được tiền thai sản",
            "hồ sơ ốm đau nộp từ tháng {thang_truoc} vẫn chưa được giải quyết",
            "{noi} không cho nghỉ khám thai theo chế độ, nghỉ là bị trừ chuyên cần",
            "{nguoi} ốm nằm viện nhưng không được hướng dẫn làm hồ sơ hưởng chế độ",
        ),
        goods=("cán bộ công đoàn hỗ trợ làm hồ sơ thai sản nhanh, chị em rất cảm ơn",),
        asks=(
            "{noi} hướng dẫn và nộp hồ sơ hưởng chế độ đúng hạn",
            "cho nghỉ khám thai mà không trừ chuyên cần",
        ),
        questions=(
            "chồng được nghỉ mấy ngày khi vợ sinh con?",
            "nghỉ dưỡng sức sau sinh được mấy ngày, hưởng bao nhiêu?",
        ),
    ),
    Issue(
        "bao_hiem",
        "*",
        "thẻ BHYT, trợ cấp thất nghiệp",
        subjects=("Thẻ BHYT bị khóa", "Thủ tục trợ cấp thất nghiệp", "Khám chữa bệnh BHYT"),
        facts=(
            "thẻ BHYT của {n_nho} người bị khóa vì {noi} chưa đóng tiền",
            "đi khám ở tuyến tỉnh phải tự trả nhiều khoản ngoài danh mục BHYT",
            "hồ sơ trợ cấp thất nghiệp phải đi lại nhiều lần mới xong",
        ),
        goods=("trung tâm dịch vụ việc làm giải quyết trợ cấp thất nghiệp nhanh hơn trước",),
        asks=(
            "rút gọn thủ tục hưởng trợ cấp thất nghiệp",
            "bố trí điểm tiếp nhận hồ sơ BHXH tại {khu}",
        ),
        questions=(
            "nghỉ việc bao lâu thì phải nộp hồ sơ trợ cấp thất nghiệp?",
            "thẻ BHYT có dùng được khi khám trái tuyến không?",
        ),
    ),
]
