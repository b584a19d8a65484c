"""Names for the fictional province: people, places, enterprises and how each
kind of workplace talks about itself. Any likeness to a real body is chance.

Sector codes used across the demo package:
F factory in an industrial zone, L local enterprise, C construction/transport,
S school, H hospital/health centre, A state agency, P area-wide (upper or
province level, no single workplace).
"""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """Split a "|"-separated list: keeps long word lists compact and format-stable."""
    return tuple(part.strip() for part in text.split("|") if part.strip())


PROVINCE = "Sông Hồng"
ROOT_CODE = "SH"

SURNAMES = words(
    "Nguyễn|Nguyễn|Nguyễn|Nguyễn|Nguyễn|Nguyễn|Nguyễn|Nguyễn|Trần|Trần|Trần|Lê|Lê|Lê|Phạm|"
    "Phạm|Hoàng|Hoàng|Huỳnh|Phan|Vũ|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đinh|Trịnh|Mai|Tạ|"
    "Lương|Cao"
)
MIDDLE_MALE = words("Văn|Văn|Đức|Minh|Quang|Hữu|Thanh|Công|Xuân|Ngọc|Trọng|Mạnh|Tiến|Đình|Anh")
MIDDLE_FEMALE = words("Thị|Thị|Thị|Thị|Thu|Ngọc|Thanh|Minh|Phương|Hồng|Kim|Bích|Mai|Diệu|Khánh")
GIVEN_MALE = words(
    "Hùng|Dũng|Nam|Tuấn|Hải|Long|Quân|Sơn|Thắng|Phong|Cường|Trung|Hiếu|Đạt|Khoa|Bình|Tú|"
    "Hòa|Lâm|Toàn|Việt|Kiên|Thành|Huy|Khánh|Tài|Vinh|Lợi|Nghĩa|Phúc"
)
GIVEN_FEMALE = words(
    "Lan|Hương|Hoa|Mai|Linh|Trang|Huyền|Hằng|Thảo|Nga|Yến|Nhung|Thủy|Hà|Loan|Vân|Oanh|"
    "Phượng|Ngân|Giang|Quỳnh|Tâm|Dung|Hạnh|Liên|Duyên|Thơm|Huệ|Lý|Xuân"
)

# Wards and communes of the fictional province (after the 2025 merger, no districts).
PLACES = words(
    "Tân Khê|An Lạc|Phú Khang|Đông Sơn|Hồng Châu|Bắc Sơn|Yên Hà|Tân Giang|Phù Lưu|"
    "Đông Bình|Cầu Đá|Mỹ Lộc|Hòa An|Thạch Bàn|Kim Đôi|Vạn Ninh|Lạc Đạo|Trung Nghĩa|"
    "Quảng Phú|Minh Tân|Nghĩa Hưng|Thanh Xuyên|Vĩnh Phong|Phước Hòa|Lộc Hà|Hưng Đạo|"
    "Xuân Trường|Bình Đông|Cẩm Giang|Ngọc Lâm|Tiên Hưng|Đại Đồng"
)
ZONES = words("KCN Bắc Sông|KCN Nam Cầu Đá|KCN Phú Khang|KCN Tân Hồng|KCN Đông Bình")
HAMLETS = words(
    "thôn Đông|thôn Trung|xóm Chùa|thôn Hạ|xóm Mới|tổ dân phố 3|tổ dân phố 7|khu chợ|thôn Bến"
)

# Domestic brand names, drawn without replacement.
BRANDS = words(
    "Hưng Phát|Thành Đạt|Phú Thịnh|Tân Tiến|Minh Long|An Khang|Kim Thành|Đại Phát|Hòa Thắng|"
    "Phúc An|Thịnh Vượng|Hồng Phúc|Gia Hưng|Tiến Thành|Việt Hưng|Quang Minh|Hải Đăng|"
    "Trường Sơn|Tân Hoàng|Đức Thịnh|Hoàng Long|Lộc Phát|Vạn Xuân|Phú Cường|Thiên An|Ngọc Lan|"
    "Kiến An|Nhật Quang|Đông Hưng|Vĩnh Tiến|Mỹ Hưng|Thái Sơn|Hà Phong|Sơn Hà|Bảo An|Tâm Đức|"
    "Hợp Thành|Thuận Phát|Nam Tiến|Lam Sơn|Tràng An|Cát Tường|Hưng Thịnh|Phước Lộc|"
    "Hoa Sen Vàng|Đông Phong|Tiến Đạt|Phương Đông|Sao Việt|Kim Long|Hồng Lam|An Bình|"
    "Quốc Hưng|Hải Long|Bình An|Phúc Hưng|Trung Thành|Minh Khang|Đồng Tiến|Tân Phú|"
    "Thành Vinh|Phú Gia|Nam Hải|Hưng Long|Ánh Dương|Đại Việt|Tân Thành|Song Long|Trí Đức|"
    "Vĩnh Hưng|Hòa Phong|Minh Đức|Thanh Bình|Phú An|Tiến Phát|Hồng Đức|Việt An|Quang Trung|"
    "Đông Hải|Hải Hà|Ngọc Minh|Thịnh Phát|Kim Ngân|An Phát|Tân Long|Đức Long|Bảo Long|"
    "Phương Nam|Tường An|Phúc Lâm|Toàn Thắng|Mạnh Hùng|Thuận An|Gia Phát|Đại Thành|"
    "Liên Việt|Thành Công|Trường Thịnh|Tân Cường"
)
FOREIGN_BRANDS = words(
    "Seohan|Dongrim|Jinwoo|Kyoshin|Meitex|Evergold|Starlight|Bluebird|Sunrise|Grand Pacific|"
    "Oriental Star|Greenfield|Hanbit|Taewon|Yuhan Tech|Shinsei|Tianrun|Lucky Ocean|"
    "Silver Crane|Goldwin|Mirae Tex|Nanyang|Koyo Parts|Hwasung|Polaris|Everbright|Sanwa"
)


class Industry:
    """How one kind of enterprise is named and what its floor is made of."""

    def __init__(self, prefix: str, product: str, depts: str, sector: str) -> None:
        self.prefix = prefix
        self.product = product
        self.depts = words(depts)
        self.sector = sector


INDUSTRIES: dict[str, Industry] = {
    "may": Industry(
        "May",
        "hàng may mặc",
        "tổ may 3|chuyền 12|chuyền 5|tổ cắt|tổ là|bộ phận KCS|tổ đóng gói|kho nguyên liệu|"
        "chuyền may 8|tổ hoàn thiện",
        "F",
    ),
    "giay": Industry(
        "Giày",
        "giày dép",
        "xưởng đế|chuyền gò 2|tổ may mũ giày|bộ phận ép đế|xưởng chặt|tổ đóng hộp|chuyền 7",
        "F",
    ),
    "dien_tu": Industry(
        "Điện tử",
        "linh kiện điện tử",
        "line SMT|bộ phận kiểm tra|công đoạn hàn|phòng sạch|line lắp ráp 4|tổ QC|kho thành phẩm",
        "F",
    ),
    "go": Industry(
        "Gỗ",
        "đồ gỗ nội thất",
        "xưởng xẻ|tổ phun sơn|xưởng lắp ráp|tổ chà nhám|xưởng định hình",
        "F",
    ),
    "thuy_san": Industry(
        "Chế biến thủy sản",
        "thủy sản đông lạnh",
        "phân xưởng fillet|kho lạnh|tổ cấp đông|tổ phân cỡ|khâu sơ chế",
        "F",
    ),
    "co_khi": Industry(
        "Cơ khí",
        "sản phẩm cơ khí",
        "xưởng hàn|tổ tiện|xưởng sơn tĩnh điện|tổ dập|xưởng lắp ráp",
        "F",
    ),
    "bao_bi": Industry("Bao bì", "bao bì", "xưởng in|tổ cắt dán|máy thổi màng|tổ đóng kiện", "L"),
    "thuc_pham": Industry(
        "Thực phẩm", "thực phẩm", "xưởng bánh|dây chuyền đóng gói|tổ sơ chế|kho|ca đêm", "L"
    ),
    "duoc": Industry(
        "Dược phẩm", "thuốc", "xưởng viên nén|phòng kiểm nghiệm|tổ đóng gói|kho GSP", "L"
    ),
    "vat_lieu": Industry(
        "Vật liệu xây dựng", "gạch ngói", "lò nung|tổ ra lò|xưởng nghiền|tổ bốc xếp", "L"
    ),
    "nong_nghiep": Industry(
        "Nông nghiệp", "nông sản", "đội sản xuất số 1|xưởng sơ chế|trạm bơm|vườn ươm", "L"
    ),
    "xay_dung": Industry(
        "Xây dựng",
        "công trình",
        "đội thi công số 2|công trường cầu|đội cốp pha|tổ cơ giới|ban chỉ huy công trường",
        "C",
    ),
    "van_tai": Industry(
        "Vận tải",
        "vận tải",
        "đội xe buýt|tổ lái xe khách|bến xe phía Bắc|xưởng sửa chữa|tổ bán vé",
        "C",
    ),
    "moi_truong": Industry(
        "Môi trường đô thị",
        "dịch vụ môi trường",
        "đội thu gom rác|tổ cây xanh|đội vệ sinh ca đêm|bãi xử lý rác",
        "C",
    ),
}

SECTOR_DEPTS: dict[str, tuple[str, ...]] = {
    "S": words(
        "tổ Toán|tổ Ngữ văn|tổ Tiếng Anh|khối lớp 1|khối mầm non 5 tuổi|tổ văn phòng|"
        "tổ Tự nhiên|tổ bảo vệ, phục vụ"
    ),
    "H": words(
        "khoa Cấp cứu|khoa Nội|khoa Ngoại|khoa Nhi|khoa Hồi sức|khoa Khám bệnh|phòng Điều dưỡng|"
        "khoa Xét nghiệm|khoa Sản"
    ),
    "A": words(
        "phòng Tổng hợp|văn phòng|phòng Kế hoạch - Tài chính|bộ phận một cửa|phòng Nghiệp vụ|"
        "phòng Hành chính"
    ),
    "P": words("nhiều đơn vị|một số doanh nghiệp|khu nhà trọ|các CĐCS"),
}

WORKERS: dict[str, tuple[str, ...]] = {
    "F": words(
        "công nhân|người lao động|anh chị em công nhân|công nhân lao động|CNLĐ|chị em công nhân"
    ),
    "L": words("công nhân|người lao động|anh chị em công nhân|anh em người lao động"),
    "C": words("công nhân|anh em công nhân|người lao động|anh em thợ"),
    "S": words("giáo viên|thầy cô giáo|cán bộ, giáo viên|giáo viên, nhân viên"),
    "H": words("nhân viên y tế|y bác sĩ|điều dưỡng|cán bộ y tế|viên chức y tế"),
    "A": words("công chức, viên chức|cán bộ, công chức|CBCCVC|anh chị em cơ quan"),
    "P": words("đoàn viên, người lao động|ĐVNLĐ|người lao động|CNVCLĐ|công nhân"),
}
ONE_WORKER: dict[str, tuple[str, ...]] = {
    "F": words(
        "một nữ công nhân|một chị công nhân|một anh công nhân|một công nhân lâu năm|"
        "một công nhân mới vào làm"
    ),
    "L": words("một công nhân|một chị công nhân|một anh thợ"),
    "C": words("một công nhân|một anh lái xe|một anh thợ"),
    "S": words("một cô giáo|một giáo viên|một thầy giáo|một nhân viên văn phòng"),
    "H": words("một điều dưỡng|một bác sĩ trẻ|một nữ hộ sinh|một kỹ thuật viên"),
    "A": words("một chuyên viên|một công chức|một viên chức trẻ"),
    "P": words("một đoàn viên|một người lao động|một công nhân"),
}
MANAGERS: dict[str, tuple[str, ...]] = {
    "F": words("quản lý|tổ trưởng|trưởng chuyền|quản đốc|quản lý người nước ngoài"),
    "L": words("quản lý|quản đốc|tổ trưởng|giám đốc"),
    "C": words("đội trưởng|chỉ huy công trường|quản lý"),
    "S": words("hiệu trưởng|ban giám hiệu|tổ trưởng chuyên môn"),
    "H": words("trưởng khoa|ban giám đốc|điều dưỡng trưởng"),
    "A": words("lãnh đạo phòng|thủ trưởng cơ quan|lãnh đạo đơn vị"),
    "P": words("người sử dụng lao động|chủ doanh nghiệp|quản lý"),
}
WORKPLACE: dict[str, tuple[str, ...]] = {
    "F": ("công ty",),
    "L": words("công ty|doanh nghiệp"),
    "C": words("công ty|đơn vị"),
    "S": words("nhà trường|trường"),
    "H": words("bệnh viện|đơn vị"),
    "A": words("cơ quan|đơn vị"),
    "P": words("một số doanh nghiệp|nhiều doanh nghiệp|các doanh nghiệp"),
}
NEWSPAPERS = words(
    "báo Lao Động|báo Người Lao Động|báo Sông Hồng|một tờ báo điện tử|trang tin của tỉnh|"
    "đài truyền hình tỉnh"
)
SOCIAL_GROUPS = (
    "nhóm Zalo công nhân {khu}",
    "nhóm Zalo của tổ",
    "nhóm Facebook “Hội công nhân {khu}”",
    "fanpage “Việc làm {tinh}”",
    "nhóm Zalo phòng trọ {xa}",
    "TikTok",
    "fanpage Công đoàn tỉnh",
    "nhóm “Review công ty {khu}”",
)
SECTOR_GROUPS: dict[str, tuple[str, ...]] = {
    "S": ("nhóm Zalo phụ huynh", "nhóm Zalo giáo viên của trường", "nhóm Facebook giáo viên"),
    "H": ("nhóm Zalo của khoa", "nhóm Facebook điều dưỡng"),
    "A": ("nhóm Zalo cơ quan", "nhóm Zalo công chức trẻ"),
}
