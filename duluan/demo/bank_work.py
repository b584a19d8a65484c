"""Phrase bank: working time and rest, occupational safety and health."""

from __future__ import annotations

from .issues import Issue

ISSUES: list[Issue] = [
    Issue(
        "thoi_gio",
        "FLC",
        "tăng ca, làm thêm giờ",
        subjects=(
            "Tăng ca kéo dài",
            "Làm thêm giờ quá quy định",
            "Ép tăng ca ngày chủ nhật",
            "Cắt tăng ca, thu nhập giảm",
        ),
        facts=(
            "{bp} phải tăng ca đến {gio_ve} liên tục gần hai tuần, nhiều người kiệt sức",
            "{noi} yêu cầu làm cả chủ nhật, ai không đi tăng ca bị {ql} nhắc nhở, dọa trừ thưởng",
            "mỗi ngày tăng ca {gio} tiếng, cả tuần làm tới {gio_tuan} tiếng",
            "{nguoi} muốn tăng ca để có thêm thu nhập nhưng {noi} cắt hết tăng ca từ tháng {thang}",
            "đăng ký tăng ca ghi là tự nguyện nhưng thực tế ai cũng phải ký",
        ),
        goods=(
            "{noi} giảm tăng ca, cho nghỉ chủ nhật, {nguoi} có thêm thời gian chăm con",
            "{noi} trả tiền tăng ca đầy đủ, đúng mức 150% và 200%",
        ),
        asks=(
            "{noi} không ép tăng ca, tổ chức làm thêm giờ đúng luật",
            "bố trí xe đưa đón cho chị em tăng ca về muộn",
        ),
        questions=(
            "một năm được làm thêm tối đa bao nhiêu giờ?",
            "từ chối tăng ca thì có bị kỷ luật không?",
        ),
        rumours=("từ tháng sau {noi} sẽ bắt tăng ca cả chủ nhật không trả thêm tiền",),
        pair="tien_luong",
    ),
    Issue(
        "thoi_gio",
        "*",
        "nghỉ phép, nghỉ lễ Tết",
        subjects=(
            "Không được nghỉ phép năm",
            "Lịch nghỉ Tết",
            "Lịch nghỉ lễ {le}",
            "Làm bù ngày nghỉ lễ",
        ),
        facts=(
            "{nguoi} xin nghỉ phép năm nhưng {ql} không duyệt vì đang chạy việc",
            "{noi} chưa công bố lịch nghỉ Tết, {nguoi} chưa đặt được vé xe về quê",
            "{noi} bắt làm bù ngày nghỉ lễ {le} vào chủ nhật mà không tính tăng ca",
            "phép năm không dùng hết bị xóa, không được thanh toán tiền",
        ),
        goods=(
            "{noi} cho nghỉ Tết {so_ngay_tet} ngày, nhiều hơn quy định",
            "lịch nghỉ lễ {le} được thông báo sớm, mọi người chủ động về quê",
        ),
        asks=(
            "công bố lịch nghỉ Tết sớm để {nguoi} mua vé",
            "thanh toán tiền những ngày phép năm chưa nghỉ",
        ),
        questions=(
            "nghỉ {tet} được mấy ngày hưởng nguyên lương?",
            "phép năm chưa nghỉ hết có được trả tiền không?",
        ),
    ),
    Issue(
        "thoi_gio",
        "FLC",
        "giờ nghỉ giữa ca, ca kíp",
        subjects=("Giờ nghỉ giữa ca quá ngắn", "Đổi ca đột xuất", "Hạn chế đi vệ sinh"),
        facts=(
            "giờ nghỉ giữa ca chỉ 30 phút, trừ thời gian xếp hàng lấy cơm thì gần như không còn"
            " thời gian nghỉ",
            "ca đêm ở {bp} không được nghỉ giữa ca",
            "{noi} đổi ca liên tục, báo trước có một ngày, {nguoi} không kịp thu xếp đưa đón con",
            "đi vệ sinh phải xin thẻ, cả chuyền chỉ có {n_nho} thẻ",
        ),
        goods=("{noi} bố trí thêm ghế ngồi nghỉ và kéo dài giờ nghỉ trưa thêm 15 phút",),
        asks=(
            "tăng thời gian nghỉ giữa ca",
            "thông báo lịch đổi ca trước ít nhất một tuần",
        ),
        questions=("làm ca đêm được nghỉ giữa ca bao nhiêu phút?",),
    ),
    Issue(
        "thoi_gio",
        "SHA",
        "thời gian làm việc, trực",
        subjects=(
            "Trực nhiều, không được nghỉ bù",
            "Áp lực công việc sau sáp nhập",
            "Quá tải hồ sơ sổ sách",
        ),
        facts=(
            "{nguoi} phải trực {so_phien} phiên một tháng, có tuần trực liên tục không được nghỉ bù",
            "họp hành, hội thảo dồn vào cuối tuần mà không được nghỉ bù",
            "công việc sau sáp nhập tăng gấp đôi, thường xuyên phải làm thêm buổi tối",
            "hồ sơ sổ sách quá nhiều, tối về vẫn phải làm tiếp",
        ),
        goods=("{noi} đã bố trí nghỉ bù đầy đủ sau các phiên trực",),
        asks=(
            "bố trí nghỉ bù sau phiên trực",
            "giảm bớt hồ sơ sổ sách không cần thiết",
        ),
        questions=("làm thêm ngoài giờ hành chính có được trả tiền không?",),
        pair="tien_luong",
    ),
    Issue(
        "an_toan",
        "FLC",
        "nắng nóng, môi trường làm việc",
        subjects=(
            "Nhà xưởng quá nóng",
            "Nắng nóng gay gắt ở {bp}",
            "{Nguoi} bị ngất vì nóng",
            "Thiếu nước uống ngày nắng nóng",
        ),
        facts=(
            "nhà xưởng ở {bp} rất nóng, buổi chiều lên tới {nhiet}, quạt hơi nước không đủ mát",
            "{nguoi1} ở {bp} bị ngất do nóng, phải đưa đi cấp cứu",
            "trời nắng gắt nhưng vẫn phải làm ngoài trời buổi trưa, không có chỗ nghỉ mát",
            "{noi} không phát nước uống bổ sung, oresol cho {nguoi} những ngày nắng nóng",
        ),
        goods=(
            "{noi} lắp thêm hệ thống làm mát, phát nước chanh muối cho {nguoi} mỗi ca",
            "{noi} đổi giờ làm ngoài trời để tránh buổi trưa nắng nóng",
        ),
        asks=(
            "{noi} lắp thêm quạt, hệ thống làm mát cho {bp}",
            "điều chỉnh giờ làm việc ngoài trời trong những ngày nắng nóng",
            "phát nước uống, bổ sung muối khoáng cho {nguoi}",
        ),
        questions=("nhà xưởng nóng đến bao nhiêu độ thì {nguoi} được phép ngừng làm việc?",),
        season="heat",
    ),
    Issue(
        "an_toan",
        "FLC",
        "tai nạn lao động, bảo hộ",
        subjects=(
            "Tai nạn lao động tại {bp}",
            "Máy móc không an toàn",
            "Thiếu đồ bảo hộ lao động",
            "Làm việc trên cao không có dây an toàn",
        ),
        facts=(
            "{nguoi1} ở {bp} bị máy kẹp tay, đang điều trị tại bệnh viện",
            "máy ở {bp} hỏng bộ phận che chắn đã lâu nhưng chưa được sửa",
            "{nguoi} phải tự mua găng tay, khẩu trang vì {noi} phát không đủ đồ bảo hộ",
            "sau vụ tai nạn hôm {ngay}, {noi} vẫn chưa tổ chức huấn luyện lại an toàn lao động",
            "giàn giáo không có lưới che, anh em làm trên cao không có dây an toàn",
        ),
        goods=(
            "{noi} đã chi trả đầy đủ chi phí điều trị và trợ cấp cho người bị tai nạn",
            "công đoàn và {noi} tổ chức huấn luyện an toàn, diễn tập phòng cháy",
        ),
        asks=(
            "kiểm tra, sửa chữa ngay máy móc không an toàn",
            "cấp đủ đồ bảo hộ lao động theo đúng quy định",
            "giải quyết chế độ tai nạn lao động cho người bị nạn",
        ),
        questions=("bị tai nạn trên đường đi làm có được tính là tai nạn lao động không?",),
    ),
    Issue(
        "an_toan",
        "FL",
        "hóa chất, bụi, tiếng ồn",
        subjects=(
            "Mùi hóa chất nồng nặc",
            "Bụi và tiếng ồn vượt mức",
            "Chưa khám bệnh nghề nghiệp",
        ),
        facts=(
            "mùi keo, dung môi ở {bp} rất nặng, nhiều người bị đau đầu, buồn nôn",
            "bụi ở {bp} nhiều, khẩu trang phát không đủ thay",
            "tiếng ồn lớn, {nguoi} làm lâu năm đã bị giảm thính lực",
            "làm trong môi trường độc hại nhưng chưa bao giờ được khám bệnh nghề nghiệp",
        ),
        goods=("{noi} lắp hệ thống hút bụi, hút khí mới, không khí trong xưởng dễ chịu hơn",),
        asks=(
            "đo kiểm môi trường lao động và công khai kết quả",
            "khám bệnh nghề nghiệp định kỳ cho người làm ở {bp}",
        ),
        questions=("làm việc với hóa chất có được bồi dưỡng bằng hiện vật không?",),
    ),
    Issue(
        "an_toan",
        "FL",
        "an toàn thực phẩm bữa ăn ca",
        subjects=("Nghi ngộ độc thực phẩm sau bữa ăn ca", "Thức ăn có mùi lạ"),
        facts=(
            "sau bữa ăn ca trưa {ngay}, khoảng {n} người bị đau bụng, buồn nôn",
            "{nguoi} phát hiện thức ăn có mùi lạ, đã báo {ql} nhưng bếp vẫn tiếp tục phục vụ",
        ),
        asks=("kiểm tra an toàn thực phẩm bếp ăn tập thể", "đổi nhà cung cấp suất ăn"),
        goods=("{noi} đã đổi nhà cung cấp suất ăn, bếp ăn được kiểm tra hằng ngày",),
        questions=("bị ngộ độc do bữa ăn ca thì có được tính là tai nạn lao động không?",),
        pair="thuong_phuc_loi",
    ),
    Issue(
        "an_toan",
        "*",
        "phòng cháy, an toàn nơi làm việc",
        subjects=("Nguy cơ cháy nổ", "Lối thoát hiểm bị chặn", "Diễn tập phòng cháy"),
        facts=(
            "lối thoát hiểm ở {bp} bị chặn bởi hàng hóa, thùng carton",
            "bình chữa cháy hết hạn từ lâu chưa được thay",
            "hệ thống điện cũ, nhiều lần chập cháy nhỏ ở {bp}",
        ),
        goods=("{noi} tổ chức diễn tập phòng cháy chữa cháy, {nguoi} tham gia đầy đủ",),
        asks=("kiểm tra, thay thế thiết bị phòng cháy hết hạn", "giải tỏa lối thoát hiểm"),
        questions=("bao lâu thì {noi} phải tổ chức diễn tập phòng cháy một lần?",),
    ),
    Issue(
        "an_toan",
        "S",
        "an toàn trường học",
        subjects=("Phòng học xuống cấp", "Ùn tắc cổng trường"),
        facts=(
            "phòng học xuống cấp, trần nhà bong tróc, {nguoi} lo mất an toàn cho học sinh",
            "cổng trường ùn tắc giờ tan học, nhiều lần suýt xảy ra va chạm",
        ),
        asks=("sửa chữa phòng học xuống cấp trước mùa mưa bão",),
        goods=("phòng học mới đã được đưa vào sử dụng, thầy cô và học sinh rất phấn khởi",),
    ),
    Issue(
        "an_toan",
        "H",
        "an toàn của nhân viên y tế",
        subjects=("Nhân viên y tế bị hành hung", "Nguy cơ lây nhiễm nghề nghiệp"),
        facts=(
            "{nguoi1} ở {bp} bị người nhà bệnh nhân hành hung khi đang làm nhiệm vụ",
            "làm việc trong môi trường dễ lây nhiễm nhưng phụ cấp phòng chống dịch đã bị cắt",
        ),
        asks=("bố trí bảo vệ 24/24 tại {bp}", "có chế độ bảo hiểm rủi ro nghề nghiệp"),
        goods=("công an vào cuộc xử lý nghiêm vụ hành hung, {nguoi} yên tâm hơn",),
    ),
]
