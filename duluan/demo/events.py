"""Hot spots (work stoppages and other acute events) and rumour waves: what is
said about them, phase by phase."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cause:
    """Why a hot spot flares up; the clauses are slot templates."""

    key: str
    topics: tuple[str, ...]  # truth topics, main first
    reasons: tuple[str, ...]
    demands: tuple[str, ...]
    commits: tuple[str, ...]
    rumours: tuple[str, ...]
    stoppage: bool = True


CAUSES: dict[str, Cause] = {
    c.key: c
    for c in (
        Cause(
            "no_luong",
            ("tranh_chap", "tien_luong"),
            (
                "{noi} nợ lương {so_thang_nho} tháng",
                "{noi} chậm trả lương tháng {thang_truoc} mà không thông báo lý do",
                "lương tháng {thang_truoc} bị trả thiếu so với bảng lương",
            ),
            ("trả đủ lương còn nợ trước ngày {ngay_toi}", "công khai lịch trả lương"),
            (
                "trả đủ lương còn nợ trước ngày {ngay_toi}",
                "trả lương tháng {thang_truoc} ngay trong tuần và không để tái diễn",
            ),
            ("chủ {noi} đã bỏ trốn, không còn ai trả lương", "{noi} sắp tuyên bố phá sản"),
        ),
        Cause(
            "thuong_tet",
            ("tranh_chap", "thuong_phuc_loi"),
            (
                "{noi} thông báo không thưởng Tết",
                "mức thưởng Tết chỉ {thuong}, thấp hơn nhiều so với cam kết",
                "{noi} cắt lương tháng 13",
            ),
            ("thưởng Tết ít nhất một tháng lương", "công khai quỹ thưởng Tết"),
            (
                "thưởng Tết bình quân {thuong} và hỗ trợ thêm tiền tàu xe",
                "chi thưởng Tết trước ngày {ngay_toi}",
            ),
            ("ban giám đốc đã chuyển hết tiền thưởng về công ty mẹ",),
        ),
        Cause(
            "ky_luat",
            ("tranh_chap", "quan_ly_doi_xu"),
            (
                "{ql} có hành vi xúc phạm, xô đẩy {nguoi1}",
                "{noi} sa thải {n_nho} công nhân không đúng trình tự",
            ),
            ("{ql} xin lỗi công khai và bị xử lý", "hủy quyết định sa thải"),
            (
                "tạm đình chỉ công việc của {ql} và xin lỗi công khai",
                "xem xét lại quyết định kỷ luật với sự tham gia của công đoàn",
            ),
            ("{ql} là người nhà giám đốc nên sẽ không bị xử lý",),
        ),
        Cause(
            "dinh_muc",
            ("tranh_chap", "tien_luong"),
            (
                "{noi} tăng định mức sản phẩm nhưng giảm đơn giá",
                "{noi} cắt phụ cấp chuyên cần, phụ cấp nhà trọ từ tháng này",
            ),
            ("giữ đơn giá cũ", "khôi phục các khoản phụ cấp"),
            (
                "giữ nguyên đơn giá cũ đến hết năm",
                "khôi phục phụ cấp và bàn với công đoàn trước khi thay đổi",
            ),
            ("{noi} sẽ còn cắt thêm phụ cấp tháng sau",),
        ),
        Cause(
            "cat_giam",
            ("tranh_chap", "viec_lam"),
            (
                "{noi} thông báo cắt giảm hàng trăm lao động mà không báo trước",
                "{noi} chuyển máy móc đi nơi khác, {nguoi} lo bị mất việc",
            ),
            ("trả đủ trợ cấp mất việc", "công khai phương án sử dụng lao động"),
            (
                "chi trả trợ cấp đầy đủ và ưu tiên bố trí lại việc làm",
                "công khai phương án sử dụng lao động, không cắt giảm trong năm nay",
            ),
            ("nhà máy sẽ đóng cửa hẳn vào cuối tháng",),
        ),
        Cause(
            "ngo_doc",
            ("an_toan",),
            ("bữa ăn ca không đảm bảo an toàn thực phẩm",),
            ("làm rõ trách nhiệm của nhà cung cấp suất ăn",),
            ("đổi nhà cung cấp suất ăn và chi trả toàn bộ chi phí điều trị",),
            ("thức ăn của bếp ăn bị nhiễm hóa chất",),
            stoppage=False,
        ),
    )
}

# Phase templates: {reason}, {demand}, {commit} are set per event; {ngay0} is day one.
STOPPAGE: dict[str, dict[str, tuple[str, ...]]] = {
    "start": {
        "formal": (
            "Khoảng {gio_sang} ngày {ngay0}, khoảng {n} {nguoi} {dv} ngừng việc tập thể, tập"
            " trung tại {cho} do {reason}.",
            "Từ đầu ca sáng {ngay0}, {n} {nguoi} ở {bp} và một số bộ phận khác không vào làm"
            " việc, yêu cầu {noi} {demand}.",
            "Báo cáo nhanh: sáng {ngay0} tại {dv} xảy ra ngừng việc tập thể, khoảng {n} người"
            " tham gia; nguyên nhân ban đầu do {reason}.",
        ),
        "note": (
            "Sáng nay khoảng {n} {nguoi} {dv} không vào làm, tập trung ở {cho}, lý do là {reason}.",
            "Gấp: {bp} dừng máy từ đầu ca, mọi người đòi gặp giám đốc vì {reason}.",
            "Từ sáng đến giờ {bp} và mấy bộ phận khác nghỉ làm, khoảng {n} người, vì {reason}.",
            "Anh chị em {dv} đang ngừng việc, tập trung ở {cho}, đòi {noi} {demand}.",
        ),
    },
    "ongoing": {
        "formal": (
            "Ngày thứ {ngay_thu}, {nguoi} {dv} vẫn chưa trở lại làm việc; {noi} chưa đưa ra"
            " phương án giải quyết.",
            "{Cap_tren} đã phối hợp với chính quyền địa phương, cơ quan quản lý lao động làm việc"
            " với {noi}; {nguoi} yêu cầu {demand}.",
            "Số người ngừng việc tại {dv} tăng lên khoảng {n}; an ninh trật tự cơ bản được"
            " đảm bảo.",
            "Đại diện {noi} hẹn ngày {ngay_toi} trả lời các yêu cầu nhưng {nguoi} chưa đồng ý"
            " trở lại làm việc.",
        ),
        "note": (
            "Hôm nay vẫn chưa ai vào làm, {noi} chưa có câu trả lời.",
            "Mọi người vẫn tập trung ở {cho}, đòi {demand}.",
            "Nghe nói chiều nay có đoàn của {cap_tren} xuống làm việc, anh em vẫn chưa đi làm.",
            "Ngày thứ {ngay_thu} rồi, khoảng {n} người vẫn nghỉ, tình hình căng.",
        ),
    },
    "end": {
        "formal": (
            "Sau buổi đối thoại ngày {ngay0b}, {noi} cam kết {commit}; {nguoi} đã trở lại làm việc"
            " bình thường.",
            "Vụ ngừng việc tại {dv} đã được giải quyết: {noi} đồng ý {commit}. CĐCS tiếp tục theo"
            " dõi việc thực hiện cam kết.",
        ),
        "note": (
            "{Nguoi} đi làm lại rồi, {noi} hứa {commit}.",
            "Sau đối thoại mọi người đồng ý vào làm, nhưng vẫn chờ xem {noi} có {commit} không.",
        ),
    },
}
POISONING: dict[str, dict[str, tuple[str, ...]]] = {
    "start": {
        "formal": (
            "Khoảng {gio_chieu} ngày {ngay0}, sau bữa ăn ca, {n} {nguoi} {dv} có biểu hiện đau"
            " bụng, nôn, chóng mặt, đã được đưa đi cấp cứu.",
            "Báo cáo nhanh: trưa {ngay0} tại {dv} xảy ra nghi ngộ độc thực phẩm sau bữa ăn ca,"
            " khoảng {n} người phải cấp cứu, chưa có trường hợp nguy kịch.",
        ),
        "note": (
            "Sau bữa trưa nay nhiều người ở {dv} bị đau bụng, nôn, khoảng {n} người phải đi viện.",
            "Gấp: {bp} có mấy chục người ngộ độc sau bữa ăn ca, xe cấp cứu đang chở đi.",
            "Ăn cơm ca xong một lúc là cả {bp} kêu đau bụng, chóng mặt, có người ngất.",
        ),
    },
    "ongoing": {
        "formal": (
            "Đến nay còn {n_nho} người đang điều trị; {noi} đã tạm dừng bếp ăn, cơ quan chức năng"
            " lấy mẫu thức ăn xét nghiệm.",
            "Vụ nghi ngộ độc tại {dv}: cơ quan y tế đã lấy mẫu, {noi} tạm dừng hợp đồng với nhà"
            " cung cấp suất ăn, {nguoi} yêu cầu {demand}.",
        ),
        "note": (
            "Vẫn còn mấy người nằm viện, bếp ăn tạm đóng, mọi người phải tự mang cơm.",
            "Hôm nay {noi} cho nghỉ ăn ca, phát tiền ăn thay, nhiều người vẫn còn mệt.",
            "Mọi người hoang mang, không ai dám ăn cơm ở bếp, đòi {noi} {demand}.",
        ),
    },
    "end": {
        "formal": (
            "Các {nguoi} bị ngộ độc đã xuất viện; {noi} cam kết {commit}.",
            "Sức khỏe {nguoi} đã ổn định, sản xuất trở lại bình thường; {noi} đồng ý {commit}.",
        ),
        "note": (
            "Mọi người ra viện hết rồi, {noi} hứa {commit}.",
            "Bếp ăn mở lại với nhà cung cấp mới, mọi người yên tâm hơn.",
        ),
    },
}
# Said through one channel only: a clip spreads online, a worker phones in.
CHANNEL_START: dict[str, tuple[str, ...]] = {
    "mang_xa_hoi": (
        "Trên {mxh} lan truyền clip {nguoi} {dv} tụ tập trước cổng, nhiều bình luận kích động.",
        "{Mxh} đang chia sẻ nhiều ảnh {nguoi} {dv} ngừng việc, có bài viết sai sự thật.",
    ),
    "dien_thoai": (
        "{Nguoi1} gọi báo cả xưởng đang ngừng việc, khoảng {n} người, đòi {noi} {demand}.",
        "Có người gọi đường dây nóng báo {nguoi} {dv} không vào ca, đang tập trung ở {cho}.",
    ),
}
HOT_SUBJECTS = (
    "Ngừng việc tập thể tại {brand}",
    "Báo cáo nhanh vụ việc tại {brand}",
    "{Nguoi} {brand} tụ tập",
    "Cập nhật tình hình tại {brand}",
    "Điểm nóng tại {brand}",
)
POISON_SUBJECTS = (
    "Ngộ độc thực phẩm tại {brand}",
    "Báo cáo nhanh vụ ngộ độc tại {brand}",
    "Nghi ngộ độc sau bữa ăn ca ở {brand}",
    "{Nguoi} {brand} đi viện sau bữa ăn ca",
)
END_SUBJECTS = ("Vụ việc tại {brand} đã ổn định", "Kết quả giải quyết vụ việc tại {brand}")
GATHER = ("cổng công ty", "sân nhà xưởng", "khu nhà ăn", "trước văn phòng công ty")


@dataclass(frozen=True)
class Theme:
    """A rumour that spreads for a few days, then is answered."""

    key: str
    topic: str
    sectors: str
    label: str
    contents: tuple[str, ...]
    debunks: tuple[str, ...]
    months: tuple[int, ...] = ()
    anchored: bool = False  # centred on one enterprise


THEMES: dict[str, Theme] = {
    t.key: t
    for t in (
        Theme(
            "bhxh",
            "bao_hiem",
            "FLC",
            "rút BHXH một lần",
            (
                "từ tháng {thang_sau} sẽ không được rút BHXH một lần nữa",
                "ai không rút BHXH trước cuối năm sẽ mất hết tiền đã đóng",
                "BHXH sẽ giữ tiền của người nghỉ việc đến tuổi hưu mới trả",
                "chỉ còn {so_ngay} ngày để làm hồ sơ rút BHXH một lần",
            ),
            (
                "Cơ quan BHXH tỉnh khẳng định thông tin không được rút BHXH một lần từ tháng"
                " sau là không chính xác; CĐCS đã tuyên truyền lại cho {nguoi}.",
                "Sau khi công đoàn phối hợp với BHXH giải thích, {nguoi} đã hiểu đúng quy định,"
                " tâm lý ổn định hơn.",
            ),
        ),
        Theme(
            "dong_cua",
            "viec_lam",
            "FL",
            "việc {brand} đóng cửa",
            (
                "chủ {brand} đã ôm tiền về nước, nhà máy sắp đóng cửa",
                "{brand} sắp phá sản, tháng sau cho nghỉ hết",
                "{brand} đã bán nhà máy, {nguoi} sẽ bị cho nghỉ mà không được bồi thường",
            ),
            (
                "Ban giám đốc {dv} đã gặp gỡ {nguoi}, khẳng định vẫn hoạt động bình thường và có"
                " đơn hàng đến cuối năm.",
                "Qua xác minh, thông tin {brand} đóng cửa là không có cơ sở; {nguoi} đã yên tâm"
                " làm việc.",
            ),
            anchored=True,
        ),
        Theme(
            "tinh_gian",
            "chinh_sach",
            "SHA",
            "tinh giản biên chế",
            (
                "sau sáp nhập sẽ cắt {pct} biên chế, người hợp đồng nghỉ hết",
                "người hợp đồng sẽ bị chấm dứt từ đầu năm sau",
                "lương viên chức sẽ bị giảm sau sắp xếp",
            ),
            (
                "Sở Nội vụ đã thông tin chính thức, không có chủ trương cắt giảm như tin đồn.",
                "Lãnh đạo {noi} đã phổ biến phương án sắp xếp, {nguoi} yên tâm hơn.",
            ),
        ),
        Theme(
            "thuong_tet",
            "thuong_phuc_loi",
            "FL",
            "thưởng Tết",
            (
                "năm nay các công ty trong {khu} đều không thưởng Tết",
                "{brand} sẽ thưởng Tết bằng sản phẩm thay vì tiền",
            ),
            ("{Noi} đã công bố mức thưởng Tết, thông tin trước đó là không đúng.",),
            months=(11, 12, 1),
        ),
        Theme(
            "tuoi_huu",
            "chinh_sach",
            "*",
            "tuổi nghỉ hưu",
            (
                "tuổi nghỉ hưu sắp tăng lên 65 cho cả nam và nữ",
                "ai trên 50 tuổi sẽ bị buộc nghỉ hưu sớm",
            ),
            (
                "Báo cáo viên đã thông tin đúng lộ trình điều chỉnh tuổi nghỉ hưu theo Bộ luật"
                " Lao động, dư luận đã lắng xuống.",
            ),
        ),
    )
}
