"""Phrase bank: the union itself, emulation and awards, policy and law."""

from __future__ import annotations

from .issues import Issue

ISSUES: list[Issue] = [
    Issue(
        "cong_doan",
        "*",
        "hoạt động công đoàn cơ sở",
        subjects=(
            "Hoạt động công đoàn cơ sở",
            "Công đoàn chưa bảo vệ được quyền lợi",
            "Ghi nhận hoạt động công đoàn",
            "Chương trình Tết Sum vầy",
        ),
        facts=(
            "{nguoi} cho rằng công đoàn cơ sở ít lên tiếng khi có việc liên quan đến quyền lợi",
            "cán bộ công đoàn kiêm nhiệm nên ít thời gian gặp gỡ {nguoi}",
            "nhiều người mới vào làm chưa biết công đoàn làm những gì",
        ),
        goods=(
            "công đoàn cơ sở thăm hỏi kịp thời {nguoi} bị ốm đau, anh chị em rất cảm kích",
            "chương trình “Tết Sum vầy” của công đoàn được {nguoi} hoan nghênh",
            "giải bóng đá, hội diễn văn nghệ của công đoàn thu hút đông {nguoi} tham gia",
            "“Chuyến xe Công đoàn” đưa {nguoi} về quê ăn Tết miễn phí",
        ),
        asks=(
            "công đoàn cơ sở gặp gỡ {nguoi} thường xuyên hơn",
            "có hộp thư góp ý kín để {nguoi} phản ánh",
        ),
        questions=("đoàn viên được hưởng những quyền lợi gì từ công đoàn?",),
    ),
    Issue(
        "cong_doan",
        "*",
        "đoàn phí, quyền lợi đoàn viên",
        subjects=("Thắc mắc về đoàn phí", "Quyền lợi đoàn viên"),
        facts=(
            "{nguoi} thắc mắc đóng đoàn phí hằng tháng nhưng không rõ được dùng vào việc gì",
            "một số người muốn ra khỏi công đoàn vì thấy không có quyền lợi gì",
        ),
        goods=("đoàn viên được giảm giá khi mua hàng ở các điểm ưu đãi của công đoàn",),
        asks=(
            "công khai thu chi đoàn phí hằng năm",
            "tăng các chương trình phúc lợi cho đoàn viên",
        ),
        questions=(
            "đoàn phí được tính bằng bao nhiêu phần trăm lương?",
            "không vào công đoàn thì có phải đóng đoàn phí không?",
        ),
        rumours=("từ năm sau đoàn phí sẽ tăng gấp đôi",),
    ),
    Issue(
        "cong_doan",
        "FLP",
        "thành lập công đoàn",
        subjects=("Chưa có công đoàn cơ sở", "Thành lập công đoàn ở doanh nghiệp mới"),
        facts=(
            "nhiều {nguoi} ở doanh nghiệp mới trong {khu} chưa có tổ chức công đoàn",
            "{nguoi} ở doanh nghiệp nhỏ muốn vào công đoàn nhưng chủ doanh nghiệp không ủng hộ",
        ),
        goods=("công đoàn cơ sở mới thành lập đã kết nạp {n} đoàn viên",),
        asks=(
            "{cap_tren} hỗ trợ thành lập công đoàn cơ sở ở các doanh nghiệp mới",
            "kết nạp đoàn viên cho người lao động làm việc tự do",
        ),
        questions=("muốn thành lập công đoàn cơ sở thì cần bao nhiêu người?",),
    ),
    Issue(
        "thi_dua",
        "*",
        "phong trào thi đua, khen thưởng",
        subjects=(
            "Phong trào thi đua lao động giỏi",
            "Khen thưởng sáng kiến",
            "Bình xét thi đua cuối năm",
        ),
        facts=(
            "tiêu chí bình xét thi đua chưa rõ ràng, năm nào cũng là mấy người quen",
            "phong trào thi đua nặng hình thức, khen thưởng ít, {nguoi} không mặn mà",
            "sáng kiến của {nguoi} ở {bp} đã áp dụng nhưng chưa được khen thưởng",
        ),
        goods=(
            "{n_nho} sáng kiến của {nguoi} được khen thưởng, làm lợi hàng trăm triệu đồng",
            "phong trào “Lao động giỏi, lao động sáng tạo” được {nguoi} hưởng ứng sôi nổi",
            "{nguoi1} ở {bp} được tuyên dương trong Tháng Công nhân, mọi người rất tự hào",
            "kết quả bình xét thi đua năm nay công khai, minh bạch",
        ),
        asks=(
            "công khai tiêu chí và kết quả bình xét thi đua",
            "nâng mức thưởng cho sáng kiến cải tiến kỹ thuật",
        ),
        questions=("tiêu chí xét danh hiệu lao động tiên tiến năm nay có gì thay đổi?",),
    ),
    Issue(
        "thi_dua",
        "*",
        "Tháng Công nhân, sự kiện công đoàn",
        subjects=("Hoạt động Tháng Công nhân", "Tuyên dương công nhân tiêu biểu", "Hội thao"),
        facts=("hoạt động Tháng Công nhân tổ chức vào giờ làm nên {nguoi} không tham gia được",),
        goods=(
            "các hoạt động Tháng Công nhân năm {nam} thiết thực, {nguoi} được khám sức khỏe miễn"
            " phí",
            "hội thao {nguoi} {khu} thu hút đông người tham gia, không khí vui tươi",
            "chương trình tuyên dương {nguoi} tiêu biểu được đánh giá cao",
        ),
        asks=("tổ chức các hoạt động vào cuối tuần để nhiều người tham gia",),
    ),
    Issue(
        "chinh_sach",
        "SHAP",
        "sắp xếp bộ máy, sáp nhập",
        subjects=(
            "Tâm tư khi sắp xếp bộ máy",
            "Lo lắng về sáp nhập đơn vị",
            "Ý kiến về sáp nhập tỉnh, bỏ cấp huyện",
        ),
        facts=(
            "{nguoi} lo không biết vị trí việc làm sau sắp xếp sẽ ra sao",
            "sau sáp nhập, nhiều người phải đi làm xa thêm {km}km mỗi ngày",
            "chưa có văn bản hướng dẫn cụ thể nên {nguoi} hoang mang",
            "bỏ cấp huyện làm thủ tục giấy tờ ở một số nơi bị chậm",
        ),
        goods=(
            "{nguoi} đồng tình với chủ trương tinh gọn bộ máy, mong được bố trí hợp lý",
            "việc sắp xếp được công khai, minh bạch nên {nguoi} yên tâm công tác",
            "chính sách hỗ trợ người nghỉ việc do sắp xếp được {nguoi} đánh giá thỏa đáng",
        ),
        asks=(
            "sớm công bố phương án bố trí cán bộ sau sắp xếp",
            "có chính sách hỗ trợ đi lại, nhà ở cho người phải chuyển nơi làm việc",
        ),
        questions=(
            "nghỉ hưu trước tuổi do sắp xếp bộ máy thì được hưởng chế độ gì?",
            "sau sáp nhập thì địa chỉ trên giấy tờ có phải làm lại không?",
        ),
        rumours=(
            "sau sáp nhập sẽ tinh giản {pct} biên chế, ưu tiên cắt người hợp đồng",
            "trụ sở {noi} sẽ chuyển đi nơi khác ngay trong tháng {thang_sau}",
        ),
        pair="viec_lam",
    ),
    Issue(
        "chinh_sach",
        "*",
        "tuổi nghỉ hưu",
        subjects=("Lo lắng về tuổi nghỉ hưu", "Thắc mắc lộ trình tăng tuổi nghỉ hưu"),
        facts=(
            "{nguoi} lớn tuổi, làm việc nặng lo không đủ sức làm đến tuổi nghỉ hưu mới",
            "nhiều chị em trên 40 tuổi lo bị cho nghỉ việc trước khi đủ tuổi hưu",
        ),
        goods=("{nguoi} đồng tình với lộ trình tăng tuổi nghỉ hưu khi được giải thích rõ",),
        asks=("có chính sách cho lao động làm nghề nặng nhọc được nghỉ hưu sớm hơn",),
        questions=(
            "nữ sinh năm 1980 thì bao nhiêu tuổi được nghỉ hưu?",
            "đóng đủ 15 năm BHXH thì có được lương hưu không?",
        ),
        rumours=("tuổi nghỉ hưu sắp tăng lên 65 cho cả nam và nữ",),
        pair="bao_hiem",
    ),
    Issue(
        "chinh_sach",
        "*",
        "chính sách, pháp luật mới",
        subjects=("Tuyên truyền chính sách mới", "Thắc mắc về luật mới", "Giảm trừ gia cảnh"),
        facts=(
            "{nguoi} chưa nắm được các quy định mới của Luật Công đoàn, Luật BHXH",
            "thông tin về chính sách mới trên mạng nhiều, {nguoi} không biết đâu là đúng",
        ),
        goods=(
            "buổi tuyên truyền pháp luật lao động được {nguoi} đánh giá thiết thực, dễ hiểu",
            "{nguoi} đồng tình với việc nâng mức giảm trừ gia cảnh thuế thu nhập cá nhân",
        ),
        asks=(
            "tăng cường tuyên truyền chính sách mới bằng video ngắn, Zalo",
            "tổ chức hỏi đáp pháp luật ngay tại nơi làm việc",
        ),
        questions=(
            "mức giảm trừ gia cảnh mới áp dụng từ khi nào?",
            "Luật Công đoàn mới có gì thay đổi về quyền lợi đoàn viên?",
        ),
    ),
    Issue(
        "chinh_sach",
        "SHA",
        "tinh giản biên chế",
        subjects=("Lo lắng về tinh giản biên chế", "Viên chức trẻ xin nghỉ việc"),
        facts=(
            "danh sách tinh giản biên chế chưa công khai tiêu chí, {nguoi} lo lắng",
            "{nguoi} trẻ có năng lực xin nghỉ ra ngoài làm vì thu nhập thấp, áp lực cao",
        ),
        goods=("tiêu chí tinh giản được công khai, bàn bạc dân chủ nên {nguoi} yên tâm",),
        asks=("công khai tiêu chí đánh giá, xếp loại khi tinh giản",),
        questions=("tinh giản biên chế thì được hỗ trợ bao nhiêu tháng lương?",),
        rumours=("năm sau {noi} sẽ giảm một nửa số người",),
        pair="viec_lam",
    ),
]
