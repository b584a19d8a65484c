"""Phrase bank: wages and income, bonuses and welfare."""

from __future__ import annotations

from .issues import Issue

ISSUES: list[Issue] = [
    Issue(
        "tien_luong",
        "FLCP",
        "việc trả lương",
        subjects=(
            "Chậm trả lương tháng {thang_truoc}",
            "{Dv} trả lương chậm",
            "Lương tháng {thang_truoc} chưa được trả",
            "{Nguoi} chờ lương tháng {thang_truoc}",
            "Nợ lương kéo dài tại {dv}",
        ),
        facts=(
            "{noi} chậm trả lương tháng {thang_truoc}, đến nay đã quá hẹn {so_ngay} ngày",
            "lương tháng {thang_truoc} đến giờ vẫn chưa được trả, {noi} hẹn đến ngày {ngay_toi}"
            " nhưng không ai dám chắc",
            "{noi} chia lương làm hai đợt, đợt đầu chỉ trả khoảng {pct} số tiền",
            "{noi} nợ lương {so_thang_nho} tháng nay, nhiều người phải vay mượn để trả tiền trọ",
            "đã qua ngày {ngay} mà lương tháng {thang_truoc} vẫn chưa về tài khoản",
            "{noi} lùi ngày trả lương từ mùng 5 sang ngày 15 mà không thông báo trước",
        ),
        goods=(
            "{noi} đã trả đủ lương tháng {thang_truoc} đúng hẹn sau khi công đoàn đề nghị",
            "sau buổi làm việc với công đoàn, {noi} đã thanh toán hết tiền lương còn nợ",
            "{noi} trả lương sớm hai ngày để {nguoi} kịp lo việc gia đình",
        ),
        asks=(
            "{noi} công bố rõ lịch trả lương và trả đúng ngày như hợp đồng",
            "{cap_tren} can thiệp để {noi} sớm thanh toán tiền lương còn nợ",
            "cơ quan chức năng kiểm tra việc chậm trả lương tại {dv}",
            "{noi} trả lãi cho những ngày chậm lương theo đúng quy định",
        ),
        questions=(
            "{noi} trả lương chậm quá bao nhiêu ngày thì phải trả thêm tiền lãi?",
            "bị nợ lương thì có được nghỉ việc ngay mà không cần báo trước không?",
            "nếu {noi} phá sản thì tiền lương còn nợ có được ưu tiên trả trước không?",
        ),
        rumours=(
            "{noi} sắp hết tiền, tháng này sẽ không trả được lương",
            "chủ {noi} đang rao bán nhà xưởng nên lương còn chậm dài dài",
            "{noi} sẽ trả lương tháng này bằng phiếu mua hàng",
        ),
        pair="bao_hiem",
    ),
    Issue(
        "tien_luong",
        "FLCP",
        "mức lương, thu nhập",
        subjects=(
            "Thu nhập thấp, không đủ chi tiêu",
            "Lương cơ bản thấp",
            "Mong được tăng lương",
            "Thu nhập giảm vì không có tăng ca",
            "Lương người cũ và người mới chênh lệch ít",
        ),
        facts=(
            "lương cơ bản chỉ khoảng {luong}, không tăng ca thì không đủ tiền trọ, tiền ăn",
            "thu nhập tháng {thang_truoc} giảm còn khoảng {luong} vì không có tăng ca",
            "lương tối thiểu vùng đã tăng nhưng {noi} lại cắt bớt phụ cấp nên thu nhập gần như"
            " không đổi",
            "{nguoi} làm lâu năm mà lương chỉ hơn người mới vào khoảng {tien_nho}",
            "giá cả tăng mà lương mấy năm nay gần như đứng yên, chỉ quanh {luong}",
            "{noi} áp dụng đơn giá mới khiến thu nhập của {bp} giảm khoảng {pct}",
        ),
        goods=(
            "{noi} đã điều chỉnh tăng lương bình quân {pct} từ tháng {thang}",
            "{noi} tăng phụ cấp chuyên cần lên {phu_cap}/tháng",
            "{noi} bổ sung phụ cấp thâm niên cho người làm từ {so_nam} năm trở lên",
        ),
        asks=(
            "{noi} xây dựng lại thang lương, có thâm niên cho người làm lâu năm",
            "{noi} tăng lương cơ bản tương xứng với mức tăng lương tối thiểu vùng",
            "tăng phụ cấp xăng xe, nhà trọ cho {nguoi}",
        ),
        questions=(
            "năm sau lương tối thiểu vùng có tăng không, tăng bao nhiêu?",
            "các khoản phụ cấp có phải tính vào lương đóng BHXH không?",
            "{noi} có được trả lương thấp hơn lương tối thiểu vùng trong thời gian học việc không?",
        ),
        rumours=(
            "năm sau lương tối thiểu vùng sẽ tăng {pct}",
            "{noi} sắp hạ lương cơ bản để bù lỗ",
        ),
        pair="thoi_gio",
    ),
    Issue(
        "tien_luong",
        "FLC",
        "cách tính lương",
        subjects=(
            "Bị trừ lương không rõ lý do",
            "Thắc mắc cách tính lương sản phẩm",
            "Phiếu lương khó hiểu",
            "Trừ lương khi đi muộn",
        ),
        facts=(
            "nhiều người bị trừ lương tháng {thang_truoc} mà không được giải thích lý do",
            "đi muộn {so_phut} phút bị trừ nửa ngày công, {nguoi} thấy quá nặng",
            "phiếu lương ghi nhiều khoản khó hiểu, hỏi phòng nhân sự thì không được trả lời rõ",
            "đơn giá sản phẩm ở {bp} bị hạ so với tháng trước, làm nhiều hơn mà lương thấp hơn",
            "tiền tăng ca ngày chủ nhật chỉ được tính 150% chứ không phải 200%",
        ),
        goods=(
            "{noi} đã giải thích rõ và hoàn trả khoản trừ sai cho {n_nho} người",
            "phiếu lương mới ghi chi tiết từng khoản, {nguoi} dễ đối chiếu",
        ),
        asks=(
            "{noi} công khai cách tính lương, đơn giá sản phẩm để {nguoi} tự kiểm tra",
            "phát phiếu lương chi tiết từng khoản trước ngày trả lương",
            "bỏ quy định trừ nửa ngày công khi đi muộn vài phút",
        ),
        questions=(
            "{noi} có được trừ lương khi {nguoi} làm hỏng sản phẩm không?",
            "tiền tăng ca ngày lễ được tính bao nhiêu phần trăm?",
            "làm ca đêm thì được cộng thêm bao nhiêu phần trăm lương?",
        ),
    ),
    Issue(
        "tien_luong",
        "SHA",
        "tiền lương, phụ cấp",
        subjects=(
            "Phụ cấp chưa được chi trả",
            "Thu nhập tăng thêm giảm",
            "Tâm tư về lương cơ sở",
            "Chậm thanh toán tiền dạy thêm giờ, tiền trực",
        ),
        facts=(
            "phụ cấp ưu đãi nghề tháng {thang_truoc} chưa được chi trả",
            "thu nhập tăng thêm quý này giảm mạnh vì nguồn thu của {noi} giảm",
            "tiền trực, tiền dạy thêm giờ từ học kỳ trước vẫn chưa được thanh toán",
            "sau khi tăng lương cơ sở, thu nhập thực tế vẫn không theo kịp giá cả",
            "người hợp đồng làm cùng việc nhưng thu nhập thấp hơn nhiều so với viên chức",
        ),
        goods=(
            "{nguoi} phấn khởi vì lương cơ sở được điều chỉnh tăng từ 1/7",
            "{noi} đã chi trả đầy đủ các khoản phụ cấp còn tồn",
            "{noi} chi thu nhập tăng thêm quý này cao hơn quý trước",
        ),
        asks=(
            "sớm chi trả các khoản phụ cấp còn nợ",
            "ưu tiên chi thu nhập tăng thêm cho người có thu nhập thấp",
            "nâng mức tiền trực cho phù hợp với thực tế",
        ),
        questions=(
            "khi sắp xếp lại bộ máy thì phụ cấp chức vụ có được bảo lưu không?",
            "lương cơ sở mới áp dụng từ tháng nào, có được truy lĩnh không?",
            "người hợp đồng có được hưởng phụ cấp ưu đãi nghề như viên chức không?",
        ),
        rumours=(
            "sắp tới sẽ bỏ hết thu nhập tăng thêm",
            "phụ cấp thâm niên sẽ bị cắt từ năm sau",
        ),
    ),
    Issue(
        "thuong_phuc_loi",
        "FLCP",
        "thưởng Tết",
        subjects=(
            "Lo lắng về thưởng {tet}",
            "Chưa có thông tin thưởng Tết",
            "Thưởng Tết thấp hơn năm trước",
            "Hỏi về lương tháng 13",
            "Tâm tư về thưởng Tết",
        ),
        facts=(
            "đến giờ {noi} vẫn chưa thông báo mức thưởng Tết, {nguoi} rất sốt ruột",
            "nghe phòng nhân sự nói năm nay thưởng Tết chỉ nửa tháng lương, thấp hơn năm ngoái",
            "{noi} thông báo thưởng Tết bình quân {thuong}, thấp hơn năm trước khá nhiều",
            "năm nay đơn hàng ít nên {noi} có thể không có lương tháng 13",
            "người vào làm dưới {so_thang} tháng không được thưởng Tết",
            "{noi} chỉ thưởng Tết cho người đủ chuyên cần cả năm, ai nghỉ ốm là mất thưởng",
        ),
        goods=(
            "{noi} đã công bố thưởng Tết bình quân {thuong}/người, cao hơn năm ngoái",
            "{noi} chi thưởng Tết sớm và tặng thêm quà cho {nguoi} về quê",
            "{noi} hỗ trợ tiền vé xe cho {nguoi} về quê ăn Tết",
        ),
        asks=(
            "{noi} sớm công bố mức thưởng Tết để {nguoi} chủ động chi tiêu",
            "công đoàn thương lượng với {noi} để giữ mức thưởng như năm trước",
            "{noi} chi thưởng Tết trước ngày {ngay_toi}",
        ),
        questions=(
            "lương tháng 13 có phải khoản bắt buộc theo luật không?",
            "nghỉ việc trước Tết thì có được nhận thưởng Tết không?",
            "người đang nghỉ thai sản có được thưởng Tết không?",
        ),
        rumours=(
            "năm nay {noi} sẽ không thưởng Tết",
            "{noi} sẽ thưởng Tết bằng hàng tồn kho thay cho tiền",
            "thưởng Tết năm nay chỉ có một hộp bánh",
        ),
        pair="tien_luong",
        season="tet",
    ),
    Issue(
        "thuong_phuc_loi",
        "SHA",
        "thưởng, phúc lợi cơ quan",
        subjects=("Thưởng cuối năm", "Quà Tết cho viên chức", "Tâm tư về thưởng theo kết quả"),
        facts=(
            "năm nay quỹ thưởng của {noi} hạn hẹp, {nguoi} chỉ được thưởng Tết tượng trưng",
            "tiêu chí chia thưởng theo kết quả công việc chưa rõ nên {nguoi} băn khoăn",
            "quà Tết năm nay giảm nhiều so với năm trước",
        ),
        goods=(
            "{noi} chi thưởng theo kết quả đánh giá công khai, {nguoi} đồng tình",
            "công đoàn {noi} tặng quà Tết cho {nguoi} có hoàn cảnh khó khăn",
        ),
        asks=("công khai tiêu chí chia thưởng", "dành một phần quỹ phúc lợi thăm hỏi người ốm"),
        questions=("viên chức hợp đồng có được chia thưởng theo kết quả công việc không?",),
        season="tet",
    ),
    Issue(
        "thuong_phuc_loi",
        "FLCH",
        "bữa ăn ca",
        subjects=(
            "Chất lượng bữa ăn ca kém",
            "Suất ăn ca không đảm bảo",
            "Đề nghị nâng giá trị bữa ăn ca",
        ),
        facts=(
            "suất ăn ca chỉ khoảng {gia_com}, thức ăn ít, nhiều hôm rau dập, thịt không tươi",
            "bữa ăn ca ở {bp} thường xuyên thiếu món, ai xuống muộn chỉ còn cơm với canh",
            "{noi} đổi nhà cung cấp suất ăn, {nguoi} thấy chất lượng kém hơn trước",
            "giá trị bữa ăn ca mấy năm không tăng dù giá thực phẩm đã tăng nhiều",
        ),
        goods=(
            "{noi} nâng giá trị bữa ăn ca lên {gia_com}, có thêm tráng miệng",
            "sau phản ánh của công đoàn, bếp ăn đã cải thiện rõ rệt",
        ),
        asks=(
            "nâng giá trị bữa ăn ca lên ít nhất {gia_com}",
            "cho đại diện công đoàn kiểm tra bếp ăn hằng tuần",
        ),
        questions=("bữa ăn ca tối thiểu phải bao nhiêu tiền, có quy định nào không?",),
        rumours=("bếp ăn của {noi} dùng thực phẩm không rõ nguồn gốc",),
        pair="an_toan",
    ),
    Issue(
        "thuong_phuc_loi",
        "*",
        "phúc lợi, nghỉ mát, hỗ trợ khó khăn",
        subjects=(
            "Cắt chuyến tham quan nghỉ mát",
            "Hỗ trợ đoàn viên khó khăn",
            "Quà cho con {nguoi}",
            "Thưởng dịp lễ {le}",
        ),
        facts=(
            "năm nay {noi} cắt chuyến tham quan nghỉ mát, quy ra tiền chỉ {tien_nho}/người",
            "quà Trung thu, quà 1/6 cho con {nguoi} năm nay không có",
            "{n_nho} đoàn viên có hoàn cảnh khó khăn chưa được hỗ trợ kịp thời",
            "chế độ hiếu hỉ, ốm đau chưa được công khai, mỗi người nhận một kiểu",
            "dịp lễ {le} năm nay {noi} không có thưởng, chỉ tặng mỗi người một hộp bánh",
        ),
        goods=(
            "{noi} và công đoàn tổ chức cho {nguoi} đi nghỉ mát ở {dia_diem}, mọi người rất vui",
            "công đoàn trao quà cho {n_nho} đoàn viên có hoàn cảnh khó khăn",
            "{noi} tặng quà 1/6 và khen thưởng con {nguoi} học giỏi",
            "{noi} thưởng lễ {le} mỗi người {tien_nho}",
        ),
        asks=(
            "duy trì tham quan nghỉ mát hằng năm cho {nguoi}",
            "công khai mức chi hỗ trợ hiếu hỉ, ốm đau",
            "có quỹ hỗ trợ đột xuất cho đoàn viên gặp tai nạn, bệnh hiểm nghèo",
        ),
        questions=(
            "đoàn viên gặp khó khăn đột xuất thì làm thủ tục xin hỗ trợ như thế nào?",
            "thưởng lễ {le} có bắt buộc không?",
        ),
    ),
]
