"""Word lists behind :mod:`duluan.core.pii`: Vietnamese surnames, given names, places.

Every list is plain lower-case Vietnamese with diacritics; the sets at the end
add the unaccented form (``fold``) and both tone placements ("thuỷ"/"thủy"),
so a lookup is one ``in`` whatever the typist's keyboard did.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from duluan.core.text import fold


def words(text: str) -> list[str]:
    """Words of a list written as running text (one long string reads better)."""
    return text.split()


_PAIRS: dict[str, str] = {}
for _first, _second in (("o", "a"), ("o", "e"), ("u", "y")):
    for _mark in "\u0300\u0301\u0309\u0303\u0323":
        _old = _first + unicodedata.normalize("NFC", _second + _mark)
        _new = unicodedata.normalize("NFC", _first + _mark) + _second
        _PAIRS[_old] = _new
        _PAIRS[_new] = _old


def _word_tones(word: str) -> set[str]:
    out = {word}
    for a, b in _PAIRS.items():
        if word.endswith(a):
            out.add(word[: -len(a)] + b)
    return out


def _tones(phrases: Iterable[str]) -> set[str]:
    """The phrases with either tone placement in each word ("thuỷ"/"thủy", "hoà"/"hòa")."""
    out: set[str] = set()
    for phrase in phrases:
        variants = [""]
        for word in phrase.split():
            variants = [f"{v} {w}".strip() for v in variants for w in _word_tones(word)]
        out.update(variants)
    return out


def _folded(phrases: Iterable[str]) -> set[str]:
    return {fold(p) for p in phrases}


def _accented(items: Iterable[str]) -> set[str]:
    """Phrases written with "_" for spaces, as written (both tone placements): for text
    typed with diacritics, where "cho" is "for", not "chợ" (a market)."""
    return _tones([w.replace("_", " ") for w in items])


def _both(items: Iterable[str]) -> set[str]:
    """Phrases written with "_" for spaces, with and without diacritics.

    Lookups compare lower-cased text against these: an accented word only meets
    its accented form ("trường" is not "trưởng"), an unaccented one its fold.
    """
    phrases = [w.replace("_", " ") for w in items]
    return _tones(phrases) | _folded(phrases)


# ── surnames ─────────────────────────────────────────────────────────────────
# The common ones (about 95% of the population) and the frequent rarer ones.
# Left out on purpose: surnames that are everyday words at the start of a
# sentence ("Tăng ca", "Từ tháng", "Phí công đoàn", "Phó giám đốc", "Đường",
# "Ứng lương", "Ông", "Văn"), and "Phương", a first name far more often.
SURNAMES = words("""
nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh
đoàn trịnh trương lương lâm mai cao hà tô tạ vương chu châu quách phùng kiều
khúc khổng lưu lại la lò lục mạc nghiêm ninh nông thái thân tôn tống triệu vi
hứa giáp đàm diệp doãn hầu kim lã thạch âu bạch cù khương khuất kha mã ma sầm
ung đào đậu cấn chử bế lều nhữ thào sùng giàng
""")

# Surnames that, typed without diacritics, are also common words ("do" = because,
# "duong" = road, "luong" = wage, "phan anh" = "phản ánh", "dang" = "đang").
# Without diacritics they need a middle name ("Le Van Nam") or context.
AMBIGUOUS_UNACCENTED = set(
    words("""
do ho le la mai cao kim lam ha vu vo ly to tong chu lai lo ma dao dau ton than
ninh nong thai vi luong doan duong dang phan pham truong dinh hua dam bach cu au
khuc kieu ung hau thach tang
""")
)

# ── given names and middle names ──────────────────────────────────────────────
GIVEN = words("""
an ân anh ánh bách bảo bắc bằng bích biên bình bội cảnh cát cầm cẩm châu chi chí
chiến chinh chính chung chương công cúc cương cường danh diễm diệp diệu doanh du
dũng dung duy duyên dương đan đào đạo đạt đăng đắc điền điệp định đình đoan đông
đồng đức gấm giang giao gia hà hạ hải hằng hân hạnh hào hảo hậu hiền hiển hiến hiệp
hiếu hiên hoa hòa hoài hoan hoàn hoàng hồng hợp huân huấn huế huệ hùng hưng hương
hường hữu huy huyền khải khang khanh khánh khiêm khiết khoa khôi khuê khuyên khương
kiên kiệt kiều kim kỳ lài lam lâm lan lân lập lệ liên liêm liễu linh loan lộc lợi
long luân luyến lực lụa lưu ly lý mai mạnh mẫn miên minh mơ mộng my mỹ nam nga ngà
ngạn ngân nghĩa ngọc nguyên nguyệt nhã nhài nhàn nhân nhạn nhật nhi nhiên nhung như
ninh nương oanh phát phi phong phú phúc phụng phước phương phượng quân quang quế
quốc quý quyên quyền quyết quỳnh sang sáng sen sinh sơn sương sỹ sĩ tài tâm tân tấn
tiến tiên tiệp tín tình tịnh thạch thái thạnh thanh thành thảo thắm thắng thêu thế
thi thị thiên thiện thịnh thọ thoa thoại thông thơ thu thuận thục thuần thúc thụy
thủy thúy thùy thuyên thư thương toàn toản trà trâm trang trí triết triều trinh
trình trọng trung trúc trường tú tuấn tuệ tùng tuyên tuyết tuyền tư tường uyên vân
văn vi việt vinh vĩnh vũ vương vượng vỹ vy xuân xuyến yên yến út bé hai năm sáu bảy tám
chín mười na ni mến mây mận lựu ngát xinh ngoan thìn tí tý tèo bin bống páo súa dính chư
mỷ thuyết hòe diễn giàu hoành khoát lượng quyến thơm
""")

# Korean, Chinese and Japanese surnames of foreign managers, typed without marks:
# "Park Ji Hoon", "Lin Chih Wei". Left out: words Vietnamese also writes so
# ("Han" in "Han Quoc", "Hong Kong", "Cho", "Song", "Oh").
FOREIGN_SURNAMES = set(
    words(
        """
kim lee park choi jung jeong kang yoon jang lim shin seo kwon hwang ahn yoo baek
lin chen wang zhang liu huang wu zhou xu zhao yang tanaka suzuki sato yamamoto
nakamura kobayashi watanabe takahashi
"""
    )
)

# Middle names that mark "surname + middle + given" even when typed in lower case.
MIDDLE = set(words("văn thị van thi"))

# ── words that are never a name right after a title ───────────────────────────
# "anh em", "bà con", "bà bầu", "ông xã", "chị ấy", "cô giáo", "bác sĩ" ...
NOT_NAME = set(
    words("""
anh chị em ông bà cô chú bác cháu con tôi mình tớ tui ta nó họ ấy này kia đó đấy
đây ơi à ạ nhé nha nhỉ hả và với của cũng đã đang sẽ không có là thì mà nhưng vì
nên bị được cho các những mọi người cty tổ phòng ban xưởng kíp chuyền nhà khu kcn
tnhh nội ngoại bầu dâu rể xã trai gái cả ruột mẹ bố má cụ già trẻ lớn nhỏ lao thợ
sĩ giáo trời địa mụ chúa nào gì sao thế vậy đi làm về nói hỏi kêu gọi nhờ xin
cùng hay hoặc nữa rồi vẫn còn chưa cần phải muốn biết thấy theo tại từ trong
ngoài trên dưới sau trước khi lúc ngày tháng giờ tuần đợt lần hết mới cái chiếc
việc quản đốc giám trưởng phó chủ bí kế thủ sếp chào cảm ơn rất quá lắm thật
nhiều ít tất đều lại ra vào lên xuống qua cứ nếu để tại do nhờ bởi giữa bên cạnh
gần xa đâu ai bao mấy kìa shipper hr qc kcs it admin ok tên giúp gửi báo phản sợ lo
nghỉ ở vừa nghe tưởng mong hy hi đề kính trình thưa dạ vâng chỉ tính thử ký kí nhận
nộp đóng trả nợ chờ đợi thích ghét buồn mệt khổ nghèo ốm đau bệnh nhắn kể nghĩ hiểu
nhớ quên ngồi đứng chạy ăn uống ngủ học dạy mua bán chẳng chả hổng ko k dc đc bè đọc
đời
""")
)

# Lower-case given names that, after "tôi là"/"em là", are something else:
# "mình là nam" (a man), "em là út" (the youngest), "tôi là bé".
NOT_SELF_NAME = set(words("nam út bé an thi thị văn van mai tư hai năm sáu bảy tám chín mười"))

# Two-word common nouns whose first syllable is also a given name: "anh Công
# nhân"? no; "em là công nhân", "tên công ty", "là thành viên".
COMMON_BIGRAMS = _both(
    words(
        """
công_nhân công_ty công_đoàn công_việc công_an công_tác công_khai công_bằng
công_trình công_nghệ công_chức công_dân công_suất nhân_viên nhân_sự nhân_dân
nhân_công nhân_lực thành_viên thành_phố thành_phần thành_lập thành_công bảo_vệ
bảo_hiểm bảo_đảm bảo_hộ bảo_lãnh bảo_trì an_toàn an_ninh an_tâm sinh_viên
sinh_hoạt sinh_con sinh_sống sinh_đẻ thanh_niên thanh_toán thanh_tra thanh_lý
học_sinh hòa_giải bình_thường bình_đẳng bình_dân tài_xế tài_chính tài_khoản
tài_sản trung_tâm trung_thực trung_bình minh_bạch lao_động đăng_ký đăng_nhập
quốc_tế quốc_gia quốc_phòng quản_lý phúc_lợi phát_triển phát_hiện phát_lương
thu_nhập thu_hồi thông_báo thông_tin thông_qua tâm_lý tâm_trạng hạnh_phúc
việt_nam nam_giới nữ_giới trưởng_phòng tổ_trưởng tổ_phó văn_phòng văn_bản
văn_hóa hiệu_quả hiệu_trưởng đức_tính mạnh_khỏe khánh_thành định_mức định_kỳ
hưng_thịnh phú_quốc thái_độ tiến_độ tiến_hành chính_sách chính_quyền chính_thức
trí_thức quyết_định quyền_lợi hợp_đồng hợp_lý hợp_tác lợi_ích long_an tân_binh
hải_quan hải_sản thi_đua thi_hành thiện_chí thịnh_vượng thọ_mai toàn_bộ
quân_nhân quân_đội quân_sự thu_ngân bảo_mẫu tình_hình tình_trạng tình_nguyện hợp_tác
ngân_hàng hòa_bình tài_liệu tâm_sự minh_chứng nghĩa_vụ lực_lượng trung_thành thành_tích
kiên_trì kiên_nhẫn hạnh_kiểm phương_án phương_tiện phương_pháp sáng_kiến lợi_nhuận
hiền_lành ngoan_ngoãn xinh_đẹp giàu_có vui_vẻ thanh_niên_xung_phong quang_cảnh
hoàn_toàn hoàng_hôn tiên_tiến tiến_bộ thuận_lợi phúc_lợi khánh_thành đạo_đức
đức_tính công_lý đông_đảo cường_độ dũng_cảm chí_khí chiến_sĩ chiến_dịch
toàn_thể trọng_tài hồng_hào kim_loại an_sinh yên_tâm hoàn_cảnh hoàn_thành
doanh_nghiệp doanh_thu doanh_số hiệu_lực tiền_thưởng tin_đồn hoang_mang nhật_ký
bình_xét bình_chọn hành_chính phát_động phát_biểu tài_trợ
"""
    )
)

# ── job titles that follow a title word: "ông Giám đốc", "anh Tổ trưởng" ──────
JOB_PHRASES_RAW = [
    w.replace("_", " ")
    for w in words("""
giám_đốc tổng_giám_đốc phó_giám_đốc phó_tổng_giám_đốc giám_sát phó trưởng
trưởng_phòng phó_phòng trưởng_ban phó_ban trưởng_ca trưởng_bộ_phận trưởng_xưởng
trưởng_đoàn trưởng_nhóm trưởng_khu tổ_trưởng tổ_phó chuyền_trưởng chuyền_phó
đội_trưởng nhóm_trưởng ca_trưởng xưởng_trưởng chủ_tịch phó_chủ_tịch chủ_nhiệm
chủ_tịch_công_đoàn chủ_doanh_nghiệp chủ_xưởng chủ_nhà chủ_trọ chủ_quán chủ bí_thư
phó_bí_thư quản_đốc phó_quản_đốc quản_lý quản_lí quản_trị kế_toán kế_toán_trưởng
thủ_kho thủ_quỹ thủ_trưởng thư_ký bảo_vệ nhân_sự nhân_viên hiệu_trưởng luật_sư
thanh_tra kỹ_sư kĩ_sư bác_sĩ y_tá điều_dưỡng giáo_viên công_an cán_bộ chánh
chánh_văn_phòng phụ_trách đại_diện sếp tài_xế lao_công tạp_vụ kỹ_thuật
kỹ_thuật_viên trợ_lý chuyên_viên chuyên_gia giảng_viên công_nhân đoàn_viên
ủy_viên uỷ_viên thành_viên cố_vấn hội_trưởng chủ_tọa
""")
]
JOB_PHRASES = _both(JOB_PHRASES_RAW)
JOB_FIRST_WORDS = {p.split()[0] for p in JOB_PHRASES}


# ── places and figures that look like "title + name" or "surname + name" ──────
# Checked as written and folded ("Bà Chiểu", "Ba Chieu"); "Ba Lan" (Poland) only
# matches as written, so "Bà Lan" stays a person.
TITLE_PLACES_RAW = [
    w.replace("_", " ")
    for w in words("""
bà_chiểu bà_điểm bà_rịa bà_đen bà_hom bà_quẹo bà_triệu bà_huyện_thanh_quan
bà_nà bà_vì bà_hạt bà_lài bà_kiệu bà_ký bà_lát bà_tô bà_chúa_xứ bà_chúa_kho
bà_lê_chân bà_mụ bà_mẹ bà_con bà_bầu bà_xã bà_đanh hai_bà_trưng cụ_hồ cụ_tôn
chi_cục chi_nhánh chi_bộ chi_đoàn chi_hội chi_phí chi_trả ba_lan ba_tư ba_đình ba_tơ
ba_bể ba_chẽ ba_tri ba_đồn ba_son ba_láng ba_tháng_hai
ông_lãnh ông_tạ ông_ích_khiêm ông_ích_đường ông_công_ông_táo ông_táo ông_địa
ông_trời ông_bụt ông_già_noel ông_xã ông_văn_học ông_tố ông_đồ ông_lớn
cô_giang cô_bắc cô_tô cô_đơn cô_dâu chú_cuội chú_rể chú_ý chú_thích
bác_hồ bác_tôn anh_hùng_lao_động anh_hùng_lực_lượng anh_hùng_dân_tộc anh_hùng_liệt_sĩ
anh_văn anh_ngữ anh_quốc em_bé bà_mẹ_việt_nam_anh_hùng mẹ_việt_nam_anh_hùng
""")
]

# Streets, schools, places named after historical figures: a "surname + name"
# that is not a person in a worker's report unless a title or a label says so.
FAMOUS = {
    fold(w.replace("_", " "))
    for w in words("""
hồ_chí_minh lê_lợi lê_lai trần_hưng_đạo nguyễn_huệ lý_thường_kiệt nguyễn_trãi
nguyễn_du nguyễn_văn_cừ nguyễn_văn_linh nguyễn_văn_trỗi nguyễn_thị_minh_khai
nguyễn_đình_chiểu nguyễn_tất_thành nguyễn_chí_thanh nguyễn_khuyến nguyễn_xiển
nguyễn_trường_tộ nguyễn_thái_học nguyễn_thái_bình nguyễn_tri_phương
nguyễn_văn_trỗi nguyễn_hữu_thọ nguyễn_lương_bằng
nguyễn_ảnh_thủ nguyễn_cơ_thạch nguyễn_bỉnh_khiêm
nguyễn_công_trứ nguyễn_đức_cảnh nguyễn_an_ninh nguyễn_thị_thập
nguyễn_hữu_cảnh nguyễn_duy_trinh nguyễn_phong_sắc nguyễn_trung_trực
trần_phú trần_quốc_toản trần_duy_hưng trần_nhân_tông trần_khát_chân trần_quang_khải
trần_nhật_duật trần_bình_trọng trần_xuân_soạn trần_não trần_quốc_thảo trần_cao_vân
trần_đại_nghĩa trần_đăng_ninh trần_thái_tông trần_thủ_độ trần_văn_giàu
lê_duẩn lê_thánh_tông lê_văn_sỹ lê_hồng_phong lê_quang_định
lê_trọng_tấn lê_đức_thọ lê_quý_đôn lê_thị_riêng lê_đại_hành
lê_thanh_nghị lê_ngọc_hân lê_quang_đạo lê_duy_điếm
lê_lai lê_chân lê_thái_tổ lê_văn_duyệt
phan_bội_châu phan_chu_trinh phan_châu_trinh phan_đình_phùng phan_đăng_lưu
phan_xích_long phan_huy_ích phan_kế_bính phan_đình_giót
phan_huy_chú phan_thiết phan_rang phan_rí
phạm_văn_đồng phạm_ngũ_lão phạm_thế_hiển
phạm_hồng_thái phạm_hữu_lầu phạm_ngọc_thạch phạm_hữu_chí
võ_văn_kiệt võ_thị_sáu võ_nguyên_giáp võ_văn_tần võ_chí_công võ_trường_toản
võ_thị_sáu hoàng_văn_thụ hoàng_hoa_thám hoàng_quốc_việt
hoàng_sa hoàng_mai hoàng_minh_giám hoàng_cầu
huỳnh_thúc_kháng huỳnh_tấn_phát huỳnh_khương_an huỳnh_văn_nghệ
đinh_tiên_hoàng đinh_bộ_lĩnh đinh_công_tráng
lý_tự_trọng lý_thái_tổ lý_chính_thắng lý_nam_đế lý_công_uẩn lý_thánh_tông
tôn_đức_thắng tôn_thất_thuyết tôn_thất_tùng tôn_đản
ngô_quyền ngô_gia_tự ngô_thì_nhậm ngô_tất_tố ngô_đức_kế ngô_sĩ_liên
đoàn_thị_điểm đoàn_văn_bơ đoàn_trần_nghiệp
trương_định trương_công_định trương_hán_siêu trương_vĩnh_ký
bùi_thị_xuân bùi_viện bùi_hữu_nghĩa bùi_xương_trạch
dương_quảng_hàm dương_bá_trạc dương_đình_nghệ
tô_hiến_thành tô_ngọc_vân tô_vĩnh_diện tô_hiệu
hà_nội hà_nam hà_tĩnh hà_giang hà_đông hà_tiên hà_huy_tập
hà_huy_giáp hà_tôn_quyền
thái_bình thái_nguyên thái_thụy
cao_bằng cao_lãnh cao_thắng cao_bá_quát cao_xuân_dục cao_lỗ
lâm_đồng lâm_thao
châu_đốc châu_văn_liêm
vũ_trọng_phụng vũ_ngọc_phan vũ_tông_phan
kim_bảng kim_động kim_mã kim_ngưu
lương_định_của lương_thế_vinh lương_văn_can lương_ngọc_quyến
triệu_việt_vương triệu_quang_phục
mai_dịch mai_động mai_hắc_đế mai_thúc_loan mai_xuân_thưởng
lục_nam lục_ngạn
la_thành la_khê
chu_văn_an
âu_cơ
bạch_mai bạch_đằng bạch_đằng_giang
khương_thượng
giang_văn_minh
mạc_thị_bưởi mạc_đĩnh_chi mạc_cửu
kha_vạn_cân
lò_đúc
tạ_quang_bửu tạ_hiện
phùng_hưng phùng_khắc_khoan phùng_chí_kiên
nghiêm_xuân_yêm
đào_duy_anh đào_duy_từ đào_tấn
cù_chính_lan
hồ_tùng_mậu hồ_xuân_hương hồ_học_lãm hồ_biểu_chánh hồ_tây hồ_gươm
hồ_tràm hồ_đắc_di hồ_hảo_hớn
đặng_thai_mai đặng_trần_côn
đỗ_xuân_hợp đỗ_nhuận đỗ_đức_dục
quách_thị_trang
nguyễn_thị_thập trịnh_công_sơn trịnh_hoài_đức
ninh_bình ninh_thuận ninh_kiều
lạng_sơn đồng_nai
""")
}

# Words before a name-like run that make it a place or an organisation.
_PLACE_LIST = words(
    """
chợ cầu đường phố phường quận ngã_tư ngã_ba ngã_sáu ngã_năm bến núi khu kcn kcx
xã huyện tỉnh thị_xã thị_trấn thành_phố tp tp. ấp thôn xóm làng bản hẻm ngõ ngách
kiệt số số_nhà đại_lộ quốc_lộ tỉnh_lộ ql tl sông kênh rạch hồ đồi đèo ga cảng
sân_bay bến_xe công_viên chùa đền miếu đình lăng nhà_thờ nhà_văn_hóa trường
bệnh_viện bv phòng_khám trạm_y_tế công_ty cty tập_đoàn tổng_công_ty xí_nghiệp
nhà_máy htx hợp_tác_xã cửa_hàng siêu_thị nhà_hàng khách_sạn quán tiệm hiệu
chi_nhánh doanh_nghiệp dn hộ_kinh_doanh nhãn_hàng thương_hiệu hãng tnhh mtv cp
cổ_phần jsc co. ltd. giải quỹ tàu đội sư_đoàn trung_đoàn tiểu_đoàn khu_phố kp
khu_vực vùng miền đảo huyện_đảo mũi vịnh đầm phá bãi cồn cù_lao chung_cư
tòa_nhà tòa block lô dãy gian phân_xưởng xưởng mỏ lò tuyến trạm
thpt thcs ptth ptcs tiểu_học trung_học mầm_non mẫu_giáo đại_học cao_đẳng
trung_cấp học_viện viện
"""
)
PLACE_WORDS = _both(_PLACE_LIST)
PLACE_WORDS_ACCENTED = _accented(_PLACE_LIST)
# Acronyms and level words that may sit between a place word and the name:
# "Công ty TNHH MTV", "Trường THPT", "Trường tiểu học".
PLACE_FILLERS = _both(
    words(
        """
tnhh mtv cp cổ phần tm dv sx xnk xd đt thpt thcs th ptth tiểu học trung mầm non
đại cao đẳng chuyên quốc tế dân lập tư thục liên doanh đa khoa tỉnh huyện nhân
dân trung ương số điện tử may mặc giày da dệt thép gỗ nhựa bao bì thực phẩm xây dựng
vận tải thương mại dịch vụ đầu tư sản xuất xuất nhập khẩu kỹ thuật công nghệ cơ khí
hóa chất dược phẩm thủy sản nông nghiệp bất động sản logistics group
"""
    )
)

# Closing phrases that look like a two-word signature: "Trân Trọng".
CLOSINGS = _both(
    words(
        """
trân_trọng trân_trọng_cảm_ơn kính_thư kính_đơn kính_gửi xin_cảm_ơn cảm_ơn
chân_thành_cảm_ơn xin_chân_thành_cảm_ơn đã_ký người_làm_đơn người_viết_đơn
xác_nhận
"""
    )
)

# Places that name a title-led run only when written as a proper noun.
_TITLE_PLACE_LIST = words(
    """
chợ cầu đường phố phường quận ngã_tư ngã_ba ngã_sáu ngã_năm ngã_bảy bến núi khu
kcn kcx xã huyện tỉnh thị_xã thị_trấn thành_phố tp tp. hẻm ngõ ngách kiệt đình
chùa đền miếu lăng trường sông kênh rạch ga bến_xe p. q. công_ty cty tnhh
tập_đoàn cửa_hàng nhà_hàng siêu_thị dntn
"""
)
TITLE_PLACE_WORDS = _both(_TITLE_PLACE_LIST)
TITLE_PLACE_WORDS_ACCENTED = _accented(_TITLE_PLACE_LIST)

# Provinces and districts are never named after a person ("tỉnh Hồ Văn Thanh" is one).
REGION_WORDS = _both(words("tỉnh huyện"))

# A number before a run is a house number ("12 Bà Triệu"), except after these.
TIME_AND_COUNT_WORDS = _both(
    words(
        """
ngày hôm sáng chiều tối đêm trưa lúc tháng năm từ đến tới tổ ca chuyền xưởng phòng
khoảng có gồm được là tuổi đợt lần nhóm đội ban tầng khu lô dãy quý kỳ khóa lớp
"""
    )
)

# ── folding single words fast ────────────────────────────────────────────────
_VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
_FOLD_WORD = str.maketrans(
    {ch: fold(ch) for ch in _VIETNAMESE + _VIETNAMESE.upper() if fold(ch) != ch}
)


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """``fold`` for one word without spaces, cached: the same few thousand words
    come back in every report, and a cache hit costs a tenth of a fold."""
    return word.translate(_FOLD_WORD).lower()


# ── lookup sets ──────────────────────────────────────────────────────────────
SURNAME_ACCENTED = _tones(SURNAMES)
SURNAME_SET = SURNAME_ACCENTED | _folded(SURNAMES)
GIVEN_ACCENTED = _tones(GIVEN) | SURNAME_ACCENTED  # "Hoàng", "Lâm" are given names too
GIVEN_SET = GIVEN_ACCENTED | _folded(GIVEN_ACCENTED)
# First names proper, without the surnames: "Giang" yes, "Tôn" and "Hồ" no.
GIVEN_ONLY = _tones(GIVEN)
GIVEN_ONLY_SET = GIVEN_ONLY | _folded(GIVEN)
# Accented text: a word must be spelt as a name ("Lan" yes, "Do" no).
NAME_ACCENTED = GIVEN_ACCENTED
# Unaccented text: its fold must be one ("Nguyen Van Hung").
NAME_SET = GIVEN_SET | SURNAME_SET
NOT_NAME_SET = _tones(NOT_NAME)
NOT_NAME_FOLDED = _folded(NOT_NAME) - GIVEN_SET
NEVER_A_NAME = NOT_NAME_SET - GIVEN_ACCENTED  # "Em", "Xin"; "Thế", "Bảo" may be names
TITLE_PLACES_ACCENTED = _tones(TITLE_PLACES_RAW)
TITLE_PLACES = _folded(TITLE_PLACES_RAW)
# The last word of every place word and filler: a quick "no" for most words.
PLACE_ENDINGS = {p.split()[-1] for p in PLACE_WORDS | TITLE_PLACE_WORDS | PLACE_FILLERS}
# Words before a title that can start such a place: "Hai Bà Trưng", "Mẹ Việt Nam anh hùng".
TITLE_PLACE_LEADS = {"hai", "mẹ", "me"}
TITLE_PLACE_STARTS = {" ".join(p.split()[:2]) for p in TITLE_PLACES}
