"""Phrase bank of the seed set, written for this domain (not taken from any corpus
nor from the demo generator). Per topic: complaints (neg), good news (pos),
requests (ask), questions (q), neutral information (info), rumours (rum)."""

from __future__ import annotations

BANK: dict[str, dict[str, list[str]]] = {
    "tien_luong": {
        "neg": [
            "công ty chậm trả lương tháng trước đã hơn hai tuần",
            "lương bị trừ vô lý mà không ai giải thích",
            "tiền lương thấp hơn mức lương tối thiểu vùng",
            "công ty nợ lương ba tháng nay, anh em phải vay mượn",
            "cách tính lương sản phẩm không minh bạch, làm nhiều mà nhận ít",
            "phụ cấp độc hại bị cắt mà không báo trước",
            "đến hẹn mà lương vẫn chưa về tài khoản",
        ],
        "pos": [
            "công ty tăng lương cơ bản thêm năm phần trăm từ tháng này",
            "lương được trả đúng ngày, đầy đủ như cam kết",
            "doanh nghiệp điều chỉnh lương theo mức tối thiểu vùng mới kịp thời",
            "phiếu lương ghi rõ từng khoản nên ai cũng hiểu",
        ],
        "ask": [
            "công ty công khai cách tính lương sản phẩm",
            "tăng lương cơ bản cho phù hợp với giá cả",
            "trả lương đúng hạn và trả lãi những ngày chậm",
            "bổ sung phụ cấp xăng xe và nhà trọ vào lương",
        ],
        "q": [
            "lương tối thiểu vùng năm nay là bao nhiêu",
            "công ty trả lương chậm thì có phải trả thêm tiền lãi không",
            "làm ca đêm thì được cộng thêm bao nhiêu phần trăm lương",
            "bị trừ lương khi đi muộn vài phút có đúng luật không",
        ],
        "info": [
            "công ty đang xây dựng lại thang bảng lương",
            "thu nhập bình quân của công nhân khoảng tám triệu đồng một tháng",
            "doanh nghiệp chuyển sang trả lương qua tài khoản ngân hàng",
            "kỳ trả lương được chuyển từ ngày mùng năm sang ngày mười",
        ],
        "rum": [
            "công ty sắp cắt giảm lương của toàn bộ công nhân",
            "tháng này công ty không đủ tiền trả lương",
            "lương sẽ bị trả bằng phiếu mua hàng",
        ],
    },
    "thuong_phuc_loi": {
        "neg": [
            "thưởng Tết năm nay chỉ bằng một nửa năm ngoái",
            "bữa ăn ca kém chất lượng, cơm nguội, thức ăn ít",
            "công ty bỏ chuyến tham quan nghỉ mát hằng năm",
            "không có lương tháng mười ba như đã hứa",
            "suất ăn giữa ca chỉ mười lăm nghìn, không đủ no",
        ],
        "pos": [
            "công ty thưởng Tết hai tháng lương, mọi người rất vui",
            "bữa ăn ca được cải thiện rõ rệt, có thêm trái cây",
            "công đoàn tổ chức cho đoàn viên đi nghỉ mát",
            "công nhân khó khăn được hỗ trợ tiền và quà Tết",
        ],
        "ask": [
            "nâng giá trị bữa ăn ca lên ba mươi nghìn",
            "công bố sớm mức thưởng Tết để người lao động yên tâm",
            "hỗ trợ vé xe cho công nhân về quê ăn Tết",
            "tổ chức khám sức khỏe và tặng quà cho con công nhân",
        ],
        "q": [
            "thưởng Tết có bắt buộc không hay tùy công ty",
            "công nhân mới vào làm có được lương tháng mười ba không",
            "tiền ăn ca có phải đóng thuế thu nhập không",
        ],
        "info": [
            "công ty dự kiến thưởng Tết bằng một tháng lương",
            "công đoàn đang khảo sát ý kiến về bữa ăn ca",
            "danh sách công nhân nhận quà Tết đã được niêm yết",
        ],
        "rum": [
            "năm nay công ty sẽ không thưởng Tết",
            "bếp ăn sắp đổi nhà thầu rẻ hơn nên cơm sẽ tệ hơn",
        ],
    },
    "viec_lam": {
        "neg": [
            "công ty thiếu đơn hàng, công nhân phải nghỉ luân phiên không lương",
            "nhiều người bị cho thôi việc mà không được báo trước",
            "công ty cắt giảm lao động hàng loạt, anh em hoang mang",
            "giãn việc kéo dài, thu nhập giảm mạnh",
            "người lớn tuổi bị ép viết đơn nghỉ việc",
        ],
        "pos": [
            "công ty có thêm đơn hàng mới, công nhân đủ việc làm đến cuối năm",
            "doanh nghiệp tuyển thêm hai trăm lao động",
            "người bị mất việc được giới thiệu việc làm mới",
        ],
        "ask": [
            "công ty bố trí việc làm thay vì cho nghỉ không lương",
            "hỗ trợ đào tạo nghề cho người bị mất việc",
            "thông báo trước kế hoạch cắt giảm để người lao động chuẩn bị",
        ],
        "q": [
            "bị cho thôi việc vì thiếu đơn hàng thì được trợ cấp gì",
            "nghỉ chờ việc thì công ty có phải trả lương không",
            "ở đâu có phiên giao dịch việc làm trong tháng này",
        ],
        "info": [
            "đơn hàng quý này giảm khoảng ba mươi phần trăm",
            "công ty chuyển một phân xưởng sang địa điểm mới",
            "nhiều doanh nghiệp trong khu công nghiệp đang tuyển lao động phổ thông",
        ],
        "rum": [
            "sau Tết công ty sẽ sa thải một nửa công nhân",
            "nhà máy sắp đóng cửa chuyển sang nước khác",
            "công ty sẽ thay công nhân bằng máy móc hết",
        ],
    },
    "hop_dong": {
        "neg": [
            "làm hơn một năm vẫn chưa được ký hợp đồng lao động",
            "công ty kéo dài thời gian thử việc quá quy định",
            "bị điều chuyển sang việc khác trái với hợp đồng",
            "hợp đồng chỉ ký ngắn hạn từng ba tháng một",
            "công nhân không được giữ một bản hợp đồng",
        ],
        "pos": [
            "công nhân đã được ký hợp đồng không xác định thời hạn",
            "công ty giao bản hợp đồng cho từng người và giải thích rõ các điều khoản",
        ],
        "ask": [
            "ký hợp đồng chính thức cho người đã hết thử việc",
            "giao cho người lao động một bản hợp đồng",
            "công đoàn kiểm tra việc ký hợp đồng tại các tổ sản xuất",
        ],
        "q": [
            "thời gian thử việc tối đa là bao lâu",
            "hợp đồng xác định thời hạn được ký mấy lần",
            "công ty chuyển tôi sang bộ phận khác có cần ký phụ lục không",
        ],
        "info": [
            "công ty đang rà soát lại toàn bộ hợp đồng lao động",
            "từ tháng sau hợp đồng sẽ được ký điện tử",
        ],
        "rum": [
            "công ty sẽ chuyển hết công nhân sang hợp đồng thời vụ",
            "ai không ký phụ lục mới sẽ bị cho nghỉ",
        ],
    },
    "bao_hiem": {
        "neg": [
            "công ty nợ bảo hiểm xã hội nhiều tháng, công nhân không được chốt sổ",
            "tiền bảo hiểm bị trừ vào lương nhưng không đóng cho cơ quan bảo hiểm",
            "thẻ bảo hiểm y tế bị khóa vì công ty chậm đóng",
            "nghỉ thai sản mà chưa nhận được tiền chế độ",
            "hồ sơ ốm đau nộp ba tháng rồi vẫn chưa được giải quyết",
        ],
        "pos": [
            "công ty đóng đủ bảo hiểm xã hội, tra cứu thấy rõ từng tháng",
            "chế độ thai sản được giải quyết nhanh, chị em rất yên tâm",
            "thẻ bảo hiểm y tế được cấp kịp thời cho công nhân mới",
        ],
        "ask": [
            "cơ quan chức năng xử lý doanh nghiệp nợ bảo hiểm xã hội",
            "chốt sổ bảo hiểm cho người đã nghỉ việc",
            "đóng bảo hiểm theo đúng mức lương thực tế",
        ],
        "q": [
            "rút bảo hiểm xã hội một lần cần những giấy tờ gì",
            "nghỉ việc thì bao lâu được nhận trợ cấp thất nghiệp",
            "đóng bảo hiểm bao nhiêu năm thì được hưởng lương hưu",
            "thẻ bảo hiểm y tế hết hạn thì gia hạn ở đâu",
        ],
        "info": [
            "cơ quan bảo hiểm xã hội đang đối chiếu số liệu với công ty",
            "từ tháng tới thủ tục hưởng thai sản làm qua mạng",
        ],
        "rum": [
            "sắp tới sẽ không được rút bảo hiểm xã hội một lần nữa",
            "công ty đã ngừng đóng bảo hiểm cho tất cả công nhân",
        ],
    },
    "thoi_gio": {
        "neg": [
            "công nhân phải tăng ca đến mười giờ đêm liên tục cả tháng",
            "làm thêm giờ quá quy định mà không được trả đủ tiền",
            "không được nghỉ phép năm dù đã xin trước",
            "giờ nghỉ giữa ca bị rút xuống còn hai mươi phút",
            "bắt làm cả chủ nhật mà không hỏi ý kiến",
        ],
        "pos": [
            "công ty giảm tăng ca, công nhân có thời gian nghỉ ngơi",
            "lịch nghỉ lễ được thông báo sớm, mọi người chủ động về quê",
            "ai cũng được nghỉ đủ phép năm",
        ],
        "ask": [
            "giới hạn giờ tăng ca theo đúng luật",
            "trả tiền làm thêm giờ vào ngày lễ đúng quy định",
            "bố trí ca kíp hợp lý cho lao động nữ có con nhỏ",
        ],
        "q": [
            "một năm được làm thêm tối đa bao nhiêu giờ",
            "làm vào ngày lễ được tính lương thế nào",
            "nghỉ phép năm không hết có được trả tiền không",
        ],
        "info": [
            "công ty chuyển từ ba ca sang hai ca từ tháng sau",
            "lịch nghỉ Tết của công nhân kéo dài chín ngày",
        ],
        "rum": [
            "tháng tới công ty bắt tăng ca bắt buộc cả chủ nhật",
            "nghe nói sẽ bỏ giờ nghỉ giữa ca",
        ],
    },
    "an_toan": {
        "neg": [
            "xưởng nóng bức, không có quạt thông gió, nhiều người bị ngất",
            "công nhân bị tai nạn lao động kẹt tay vào máy",
            "thiếu đồ bảo hộ khi làm việc với hóa chất",
            "tiếng ồn và bụi trong xưởng vượt mức cho phép",
            "nhiều công nhân bị ngộ độc thực phẩm sau bữa ăn ca",
            "lối thoát hiểm bị khóa, bình chữa cháy hết hạn",
        ],
        "pos": [
            "công ty lắp thêm hệ thống làm mát nhà xưởng",
            "buổi huấn luyện an toàn lao động rất bổ ích",
            "công nhân được cấp đủ khẩu trang, găng tay và kính bảo hộ",
        ],
        "ask": [
            "kiểm tra môi trường lao động và khám bệnh nghề nghiệp",
            "trang bị đủ đồ bảo hộ cho công nhân",
            "diễn tập phòng cháy chữa cháy định kỳ",
        ],
        "q": [
            "bị tai nạn trên đường đi làm có được tính là tai nạn lao động không",
            "bệnh nghề nghiệp được bồi thường thế nào",
            "làm việc với hóa chất có được bồi dưỡng bằng hiện vật không",
        ],
        "info": [
            "đoàn kiểm tra an toàn vệ sinh lao động sẽ làm việc với công ty tuần tới",
            "công ty tổ chức tháng hành động về an toàn lao động",
        ],
        "rum": [
            "vụ tai nạn hôm qua có người chết nhưng công ty giấu",
            "nước uống trong xưởng bị nhiễm hóa chất",
        ],
    },
    "doi_song": {
        "neg": [
            "giá phòng trọ tăng liên tục, công nhân không đủ tiền thuê",
            "khu trọ ngập nước mỗi khi mưa, mất vệ sinh",
            "con công nhân không có chỗ gửi trẻ",
            "đường vào khu công nghiệp hư hỏng, đi lại rất nguy hiểm",
            "giá điện nước ở nhà trọ cao hơn giá nhà nước",
        ],
        "pos": [
            "thiết chế công đoàn mới khánh thành, công nhân có chỗ sinh hoạt",
            "nhà trẻ cho con công nhân mở cửa gần khu công nghiệp",
            "nhiều gia đình công nhân đã mua được nhà ở xã hội",
        ],
        "ask": [
            "xây thêm nhà ở xã hội cho công nhân thuê với giá hợp lý",
            "mở nhóm trẻ gần khu công nghiệp",
            "tăng chuyến xe buýt đưa đón công nhân",
        ],
        "q": [
            "điều kiện để mua nhà ở xã hội là gì",
            "công nhân thuê trọ được đăng ký tạm trú ở đâu",
            "con công nhân có được hỗ trợ học phí không",
        ],
        "info": [
            "khu nhà ở xã hội gần khu công nghiệp đang xây dựng",
            "nhiều công nhân chuyển về ở chung để tiết kiệm",
        ],
        "rum": [
            "khu trọ công nhân sắp bị giải tỏa",
            "giá thuê nhà ở xã hội sẽ tăng gấp đôi",
        ],
    },
    "quan_ly_doi_xu": {
        "neg": [
            "tổ trưởng thường xuyên quát mắng, xúc phạm công nhân",
            "công nhân bị phạt tiền vì đi vệ sinh quá lâu",
            "lao động nữ bị quấy rối nhưng không dám lên tiếng",
            "quản lý phân biệt đối xử giữa người cũ và người mới",
            "công ty lắp camera theo dõi cả giờ nghỉ",
            "bị kỷ luật mà không có cuộc họp xét kỷ luật",
        ],
        "pos": [
            "quản lý mới lắng nghe và tôn trọng công nhân",
            "công ty đã xin lỗi và điều chuyển tổ trưởng có lời lẽ xúc phạm",
        ],
        "ask": [
            "chấm dứt việc phạt tiền công nhân",
            "có kênh phản ánh kín về hành vi quấy rối",
            "tập huấn kỹ năng ứng xử cho tổ trưởng, quản đốc",
        ],
        "q": [
            "công ty có được phạt tiền người lao động không",
            "bị kỷ luật sa thải thì khiếu nại ở đâu",
        ],
        "info": [
            "công ty ban hành nội quy lao động mới",
            "ban giám đốc thay quản đốc phân xưởng may",
        ],
        "rum": [
            "quản lý mới sẽ phạt nặng ai đi muộn",
            "công ty sắp gắn chip theo dõi từng công nhân",
        ],
    },
    "dan_chu_co_so": {
        "neg": [
            "hội nghị người lao động chỉ làm hình thức, không ai được phát biểu",
            "công ty không tổ chức đối thoại định kỳ như quy định",
            "thỏa ước lao động tập thể ký xong không công khai cho công nhân",
            "quy chế lương thưởng thay đổi mà không hỏi ý kiến người lao động",
        ],
        "pos": [
            "buổi đối thoại giữa giám đốc và công nhân rất cởi mở",
            "thỏa ước lao động tập thể mới có nhiều điều có lợi hơn luật",
            "hội nghị người lao động năm nay giải đáp được nhiều thắc mắc",
        ],
        "ask": [
            "tổ chức đối thoại định kỳ mỗi quý",
            "công khai thỏa ước lao động tập thể tại bảng tin",
            "lấy ý kiến công nhân trước khi sửa quy chế",
        ],
        "q": [
            "công ty bao lâu phải đối thoại với người lao động một lần",
            "thỏa ước lao động tập thể có hiệu lực bao lâu",
        ],
        "info": [
            "công ty sẽ tổ chức hội nghị người lao động vào tháng tới",
            "công đoàn đang thương lượng thỏa ước lao động tập thể mới",
        ],
        "rum": [
            "thỏa ước mới sẽ bỏ hết các khoản phụ cấp",
        ],
    },
    "cong_doan": {
        "neg": [
            "cán bộ công đoàn cơ sở không bảo vệ quyền lợi cho công nhân",
            "đóng đoàn phí đầy đủ mà không thấy công đoàn hoạt động gì",
            "chủ tịch công đoàn là người của ban giám đốc",
            "công ty chưa cho thành lập công đoàn cơ sở",
        ],
        "pos": [
            "công đoàn cơ sở đã kịp thời bảo vệ quyền lợi cho đoàn viên",
            "cảm ơn công đoàn đã thăm hỏi công nhân ốm đau",
            "hoạt động văn nghệ thể thao của công đoàn rất sôi nổi",
            "cán bộ công đoàn nhiệt tình, gần gũi với công nhân",
        ],
        "ask": [
            "công đoàn cấp trên hỗ trợ thành lập công đoàn cơ sở",
            "công khai thu chi đoàn phí",
            "bầu cán bộ công đoàn chuyên trách, không phụ thuộc chủ doanh nghiệp",
        ],
        "q": [
            "đoàn phí công đoàn là bao nhiêu phần trăm lương",
            "đoàn viên có những quyền lợi gì",
            "muốn gia nhập công đoàn thì làm thủ tục thế nào",
        ],
        "info": [
            "công đoàn cơ sở tổ chức đại hội nhiệm kỳ mới",
            "liên đoàn lao động tỉnh tập huấn cho cán bộ công đoàn",
        ],
        "rum": [
            "công đoàn sắp thu thêm phí của công nhân",
        ],
    },
    "chinh_sach": {
        "neg": [
            "tuổi nghỉ hưu tăng khiến lao động nữ lớn tuổi lo lắng",
            "chính sách tinh giản biên chế làm nhiều người mất việc",
            "sắp xếp bộ máy xong mà chế độ cho người nghỉ chưa rõ ràng",
            "quy định mới về rút bảo hiểm một lần gây thiệt thòi cho công nhân",
        ],
        "pos": [
            "công nhân đồng tình với chính sách tăng lương tối thiểu vùng",
            "nghị định mới hỗ trợ nhà ở cho người lao động được đón nhận",
            "việc sáp nhập tỉnh được cán bộ viên chức ủng hộ",
        ],
        "ask": [
            "Nhà nước sớm ban hành hướng dẫn chế độ cho người nghỉ do sắp xếp bộ máy",
            "giảm thuế thu nhập cá nhân cho người lao động",
            "có chính sách riêng cho lao động trên bốn mươi tuổi",
        ],
        "q": [
            "luật mới quy định tuổi nghỉ hưu của lao động nữ là bao nhiêu",
            "người nghỉ việc do tinh giản biên chế được hưởng chế độ gì",
            "nghị định mới về lương áp dụng từ khi nào",
        ],
        "info": [
            "Quốc hội đang thảo luận dự thảo luật công đoàn sửa đổi",
            "tỉnh công bố phương án sáp nhập các đơn vị hành chính",
        ],
        "rum": [
            "sắp tới sẽ tăng tuổi nghỉ hưu lên sáu mươi lăm cho tất cả",
            "cán bộ cấp xã sẽ bị cho nghỉ hết sau sáp nhập",
        ],
    },
    "tranh_chap": {
        "neg": [
            "hàng trăm công nhân ngừng việc tập thể để phản đối",
            "công nhân đình công vì công ty nợ lương",
            "người lao động tụ tập trước cổng công ty đòi quyền lợi",
            "công nhân lãn công vì định mức sản phẩm tăng quá cao",
            "tranh chấp giữa công nhân và chủ doanh nghiệp kéo dài chưa giải quyết",
        ],
        "pos": [
            "vụ ngừng việc đã được giải quyết, công nhân trở lại làm việc",
            "nhờ công đoàn đứng ra thương lượng, tranh chấp được giải quyết ổn thỏa",
        ],
        "ask": [
            "chính quyền vào cuộc giải quyết vụ ngừng việc",
            "công đoàn đại diện người lao động thương lượng với chủ doanh nghiệp",
        ],
        "q": [
            "đình công thế nào thì đúng luật",
            "ngừng việc tập thể có bị kỷ luật không",
        ],
        "info": [
            "sáng nay khoảng năm mươi công nhân ngừng việc tại xưởng may",
            "đoàn công tác liên ngành đã đến làm việc với công ty về vụ ngừng việc",
        ],
        "rum": [
            "ngày mai công nhân cả khu công nghiệp sẽ đình công",
            "trên mạng kêu gọi công nhân nghỉ việc đồng loạt",
        ],
    },
    "thi_dua": {
        "neg": [
            "bình xét thi đua không công bằng, chỉ dành cho người thân quen",
            "sáng kiến của công nhân được công nhận nhưng không có tiền thưởng",
            "danh hiệu lao động giỏi năm nay bị cắt bớt",
        ],
        "pos": [
            "nhiều công nhân được khen thưởng vì có sáng kiến cải tiến kỹ thuật",
            "phong trào thi đua lao động giỏi lao động sáng tạo rất sôi nổi",
            "công đoàn tuyên dương các tổ sản xuất xuất sắc",
            "đoàn viên phấn khởi khi được nhận bằng khen",
        ],
        "ask": [
            "tăng mức thưởng cho sáng kiến cải tiến",
            "công khai tiêu chí bình xét thi đua",
        ],
        "q": [
            "tiêu chuẩn xét danh hiệu lao động giỏi là gì",
            "sáng kiến được công nhận thì thưởng bao nhiêu",
        ],
        "info": [
            "công đoàn phát động phong trào thi đua quý bốn",
            "lễ tổng kết thi đua sẽ tổ chức vào cuối tháng",
        ],
        "rum": [
            "năm nay sẽ không xét thi đua khen thưởng",
        ],
    },
    "xa_hoi": {
        "neg": [
            "giá xăng và thực phẩm tăng mạnh, đời sống công nhân khó khăn",
            "bão lũ làm nhiều gia đình công nhân mất nhà cửa",
            "tình trạng trộm cắp ở khu trọ gia tăng",
            "dịch sốt xuất huyết lan rộng trong khu dân cư",
            "giá cả chợ tăng mà lương không tăng",
        ],
        "pos": [
            "giá cả thị trường ổn định, người dân yên tâm",
            "công an tăng cường tuần tra, khu trọ an toàn hơn",
            "công nhân vùng lũ được hỗ trợ kịp thời",
        ],
        "ask": [
            "chính quyền bình ổn giá cả các mặt hàng thiết yếu",
            "hỗ trợ công nhân bị thiệt hại do bão lũ",
            "tăng cường an ninh trật tự quanh khu công nghiệp",
        ],
        "q": [
            "công nhân bị thiệt hại do thiên tai được hỗ trợ những gì",
            "tiêm phòng dịch ở đâu cho công nhân",
        ],
        "info": [
            "dư luận quan tâm đến vụ án tham nhũng vừa được đưa ra xét xử",
            "người dân theo dõi thông tin về cơn bão sắp đổ bộ",
            "giá vàng tăng cao kỷ lục trong tuần qua",
        ],
        "rum": [
            "trên mạng lan truyền tin sắp có dịch bệnh mới",
            "nghe nói giá điện sẽ tăng gấp đôi",
        ],
    },
    "khac": {
        "neg": [
            "bãi giữ xe của công ty quá chật, xe bị mất",
            "nhà vệ sinh trong xưởng bẩn, thiếu nước",
        ],
        "pos": [
            "buổi giao lưu văn nghệ tối qua rất vui",
            "mọi việc đều ổn, không có gì đáng phàn nàn",
        ],
        "ask": [
            "lắp thêm máy nước uống trong xưởng",
            "mở thêm lớp tiếng Anh buổi tối cho công nhân",
        ],
        "q": [
            "thư viện của công ty mở cửa giờ nào",
            "câu lạc bộ bóng đá công nhân đăng ký ở đâu",
        ],
        "info": [
            "công ty đổi màu đồng phục từ tháng sau",
            "buổi sinh hoạt định kỳ được dời sang thứ bảy",
        ],
        "rum": [
            "nghe nói công ty sắp đổi tên",
        ],
    },
}

# Wrappers per kind: "{x}" is a phrase of the matching category.
KIND_FRAMES: dict[str, list[tuple[str, str, str]]] = {
    # kind: (category, frame, sentiment)
    "khieu_nai": [
        ("neg", "{X}, anh em rất bức xúc", "tieu_cuc"),
        ("neg", "Công nhân phản ánh {x}", "tieu_cuc"),
        ("neg", "{X} mà không ai giải quyết", "tieu_cuc"),
        ("neg", "Bức xúc vì {x}", "tieu_cuc"),
        ("neg", "{X}. Người lao động rất bất bình", "tieu_cuc"),
        ("neg", "Tại sao {x}? Quá bất công", "tieu_cuc"),
        ("neg", "Nhiều đoàn viên khiếu nại {x}", "tieu_cuc"),
        ("neg", "{X}, đã phản ánh nhiều lần nhưng vẫn vậy", "tieu_cuc"),
    ],
    "kien_nghi": [
        ("ask", "Kiến nghị {x}", "trung_lap"),
        ("ask", "Người lao động mong {x}", "trung_lap"),
        ("ask", "Đề nghị {x}", "trung_lap"),
        ("ask", "Công nhân đề xuất {x}", "trung_lap"),
        ("ask", "Nguyện vọng của đoàn viên là {x}", "trung_lap"),
        ("negask", "{X}, đề nghị {y}", "tieu_cuc"),
        ("negask", "Vì {x} nên kiến nghị {y}", "tieu_cuc"),
    ],
    "cau_hoi": [
        ("q", "Cho hỏi {x}?", "trung_lap"),
        ("q", "{X}?", "trung_lap"),
        ("q", "Công nhân hỏi: {x}?", "trung_lap"),
        ("q", "Nhờ công đoàn giải đáp giúp {x}", "trung_lap"),
        ("q", "Xin hỏi {x} ạ?", "trung_lap"),
        ("q", "Anh chị cho em hỏi {x}?", "trung_lap"),
    ],
    "khen_ngoi": [
        ("pos", "Người lao động phấn khởi vì {x}", "tich_cuc"),
        ("pos", "Cảm ơn công đoàn, {x}", "tich_cuc"),
        ("pos", "{X}, mọi người rất hài lòng", "tich_cuc"),
        ("pos", "Đoàn viên đồng tình và đánh giá cao việc {x}", "tich_cuc"),
        ("pos", "Rất vui vì {x}", "tich_cuc"),
        ("pos", "Ghi nhận {x}, anh em rất phấn khởi", "tich_cuc"),
    ],
    "thong_tin": [
        ("info", "{X}", "trung_lap"),
        ("info", "Ghi nhận tại đơn vị: {x}", "trung_lap"),
        ("info", "Theo thông tin từ tổ sản xuất, {x}", "trung_lap"),
        ("info", "Tình hình: {x}", "trung_lap"),
        ("neg", "Tâm tư chung của công nhân là lo lắng vì {x}", "tieu_cuc"),
        ("pos", "Nhìn chung {x}, tư tưởng công nhân ổn định", "tich_cuc"),
    ],
    "tin_don": [
        ("rum", "Nghe nói {x}", "tieu_cuc"),
        ("rum", "Trên nhóm Zalo lan truyền tin {x}", "tieu_cuc"),
        ("rum", "Có tin đồn {x}, chưa rõ thực hư", "trung_lap"),
        ("rum", "Công nhân truyền tai nhau rằng {x}", "tieu_cuc"),
        ("rum", "Thông tin chưa kiểm chứng: {x}", "trung_lap"),
        ("rum", "Trên mạng xã hội có bài đăng nói {x}", "tieu_cuc"),
    ],
}
