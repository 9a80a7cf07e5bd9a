#![allow(dead_code)]
//! Copied from danvan-bench (src/words.rs) without the seed's distinctive names
//! (Kon Rẫy, the campaign "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị
//! văn minh"); word lists of the synthetic articles: phrases of this field written for
//! the benchmark (no text is copied from any site). Spellings are deliberately
//! mixed where Vietnamese has two ("hòa"/"hoà", "thủy"/"thuỷ", "Quý"/"Qúy"),
//! as real articles are.

/// Sample-site categories (slug, weight): most articles are news.
pub const CATEGORIES: &[(&str, u32)] = &[
    ("tin-tuc-su-kien", 50),
    ("dan-van-kheo", 25),
    ("doi-thoai-voi-nhan-dan", 15),
    ("van-ban-chi-dao", 10),
];

/// Provinces (mostly of the Central Highlands and the northern mountains).
pub const PROVINCES: &[&str] = &[
    "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Hà Giang", "Cao Bằng", "Lào Cai", "Lai Châu",
    "Điện Biên", "Sơn La", "Yên Bái", "Lạng Sơn", "Bắc Kạn", "Thái Nguyên", "Tuyên Quang", "Hòa Bình", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Quảng Nam", "Quảng Ngãi", "Bình Định",
    "Phú Yên", "Ninh Thuận", "Bình Phước", "Tây Ninh", "An Giang", "Sóc Trăng", "Trà Vinh", "Bạc Liêu", "Cà Mau",
    "Kiên Giang", "Hậu Giang", "Vĩnh Long",
];

/// Districts (the seed's Kon Rẫy left out).
pub const DISTRICTS: &[&str] = &[
    "Kon Plông", "Đắk Hà", "Đắk Tô", "Đắk Glei", "Ngọc Hồi", "Sa Thầy", "Tu Mơ Rông", "Mang Yang",
    "Chư Păh", "Krông Pa", "Ea Súp", "Lắk", "Đam Rông", "Mèo Vạc", "Đồng Văn", "Bảo Lâm", "Mường Nhé", "Mường Tè",
    "Sìn Hồ", "Bắc Hà", "Quế Phong", "Kỳ Sơn", "Tây Giang", "Nam Trà My", "Ba Tơ", "An Lão", "Trà Cú", "Trần Đề",
    "Tuy Đức", "Bù Đăng", "Tri Tôn",
];

/// Communes.
pub const COMMUNES: &[&str] = &[
    "Đắk Ruồng", "Tân Lập", "Đắk Tờ Re", "Đắk Kôi", "Ngọk Tụ", "Măng Cành", "Hiếu", "Đắk Long", "Mô Rai", "Ia Tơi",
    "Sơn Lang", "Lũng Cú", "Pải Lủng", "Sủng Là", "Tà Xùa", "Mường Lói", "Chiềng Sơ", "Tri Lễ", "Mường Típ",
    "A Xan", "Trà Leng", "Ba Điền", "Ân Sơn", "Lưu Nghiệp Anh", "Đôn Xuân", "Quảng Trực", "Đắk Ngo", "Bom Bo",
    "Ia Mơ", "Krông Năng",
];

/// Villages, hamlets and residential groups; "Tân Hòa" in both tone placements.
pub const VILLAGES: &[&str] = &[
    "thôn 1", "thôn 2", "thôn 3", "thôn 5", "làng Kon Rế", "làng Đắk Wơk", "bản Nà Luồng", "bản Phiêng Pẻn",
    "thôn Đồng Tâm", "thôn Tân Hòa", "thôn Tân Hoà", "ấp Bưng Sen", "ấp Ô Chích", "tổ dân phố 4", "khu dân cư số 2",
    "làng Plei Ngol", "thôn Măng Rương", "bản Hua Tát",
];

/// Ethnic groups (the rare Brâu are left to the generator).
pub const ETHNIC_GROUPS: &[&str] = &[
    "Xơ Đăng", "Ba Na", "Gia Rai", "Giẻ Triêng", "Ê Đê", "Mnông", "Mông", "Dao", "Tày", "Nùng", "Thái", "Khơ Mú",
    "Cơ Tu", "Hrê", "Khmer", "Chăm", "Mường", "Xtiêng",
];

/// Organisations that act in the articles (sentence subjects).
pub const ORGS: &[&str] = &[
    "Ban Dân vận Huyện ủy",
    "Ban Dân vận Tỉnh ủy",
    "Ban Dân vận Thành ủy",
    "Ủy ban MTTQ Việt Nam huyện",
    "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
    "Ủy ban MTTQ Việt Nam tỉnh",
    "MTTQ và các đoàn thể chính trị - xã hội",
    "Hội Nông dân xã",
    "Hội Liên hiệp Phụ nữ huyện",
    "Huyện đoàn",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã",
    "Hội Cựu chiến binh huyện",
    "Liên đoàn Lao động huyện",
    "UBND huyện",
    "UBND xã",
    "HĐND tỉnh",
    "Thường trực HĐND huyện",
    "Đảng ủy xã",
    "Chi bộ thôn",
    "Ban Thường vụ Huyện ủy",
    "Khối dân vận huyện",
    "Tổ dân vận thôn",
    "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Đồn Biên phòng",
    "Công an huyện",
    "Ban công tác Mặt trận khu dân cư",
    "Trường Phổ thông dân tộc nội trú",
    "Trạm Y tế xã",
    "Hợp tác xã nông nghiệp",
    "Phòng Giao dịch Ngân hàng Chính sách xã hội huyện",
    "Phòng Dân tộc huyện",
];

/// People the work is aimed at (objects, subjects of results).
pub const PEOPLE: &[&str] = &[
    "đồng bào DTTS",
    "đồng bào dân tộc thiểu số",
    "người có uy tín trong đồng bào DTTS",
    "già làng, trưởng bản",
    "hộ nghèo, hộ cận nghèo",
    "Nhân dân",
    "bà con",
    "hội viên nông dân",
    "đoàn viên thanh niên",
    "chị em phụ nữ",
    "cựu chiến binh",
    "công nhân lao động",
    "người dân",
    "đồng bào có đạo",
    "chức sắc, chức việc các tôn giáo",
    "cán bộ, đảng viên",
    "cử tri",
    "các hộ gia đình",
];

/// What the organisations do ("cụ thể hóa" in both tone placements).
pub const VERBS: &[&str] = &[
    "tổ chức",
    "triển khai",
    "đẩy mạnh",
    "phát động",
    "ra mắt",
    "sơ kết",
    "tổng kết",
    "hướng dẫn thực hiện",
    "tuyên truyền, vận động",
    "phối hợp triển khai",
    "kiểm tra, giám sát",
    "đánh giá kết quả",
    "nhân rộng",
    "xây dựng",
    "duy trì",
    "quán triệt",
    "cụ thể hóa",
    "cụ thể hoá",
    "lồng ghép",
    "đôn đốc thực hiện",
];

/// What the work is about (objects, title topics).
pub const TOPICS: &[&str] = &[
    "mô hình “Dân vận khéo”",
    "phong trào thi đua “Dân vận khéo”",
    "CVĐ “Người Việt Nam ưu tiên dùng hàng Việt Nam”",
    "chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "chương trình mục tiêu quốc gia phát triển KT-XH vùng đồng bào DTTS và miền núi",
    "quy chế dân chủ ở cơ sở",
    "Nghị quyết của Đảng về công tác dân vận",
    "công tác dân vận chính quyền",
    "công tác dân vận của lực lượng vũ trang",
    "phong trào “Toàn dân bảo vệ an ninh Tổ quốc”",
    "đường giao thông nông thôn",
    "nhà Đại đoàn kết",
    "nhà văn hóa thôn",
    "nhà văn hoá cộng đồng",
    "công trình nước sạch",
    "kênh mương nội đồng",
    "công trình thủy lợi",
    "công trình thuỷ lợi nhỏ",
    "giảm nghèo bền vững",
    "chuyển đổi số",
    "chuyển đổi cơ cấu cây trồng",
    "trồng cà phê xen cây ăn quả",
    "trồng sâm Ngọc Linh dưới tán rừng",
    "bảo vệ và phát triển rừng",
    "phòng, chống ma túy",
    "xóa nhà tạm, nhà dột nát",
    "vệ sinh môi trường",
    "bảo tồn văn hóa cồng chiêng",
    "bảo tồn nghề dệt thổ cẩm",
    "hòa giải ở cơ sở",
    "hoà giải mâu thuẫn trong cộng đồng",
    "tiếp xúc cử tri",
    "đối thoại với Nhân dân",
    "bảo hiểm y tế",
    "tiêm chủng mở rộng",
    "vận động học sinh ra lớp",
    "hiến đất làm đường",
    "sáp nhập thôn, tổ dân phố",
    "giải phóng mặt bằng",
    "an sinh xã hội",
    "tín dụng chính sách",
    "khối đại đoàn kết toàn dân tộc",
    "xây dựng Đảng và hệ thống chính trị",
    "quốc phòng - an ninh",
    "phát triển KT-XH",
    "phát triển kinh tế - xã hội",
    "tiếp nhận phản ánh, kiến nghị của người dân",
    "cải cách hành chính",
    "phòng, chống thiên tai",
];

/// What the work achieves (sentence endings).
pub const GOALS: &[&str] = &[
    "góp phần nâng cao đời sống vật chất và tinh thần của Nhân dân",
    "củng cố vững chắc khối đại đoàn kết toàn dân tộc",
    "giữ vững quốc phòng - an ninh trên địa bàn",
    "thúc đẩy phát triển KT-XH của địa phương",
    "tạo sự đồng thuận cao trong Nhân dân",
    "xây dựng hệ thống chính trị cơ sở vững mạnh",
    "tăng cường mối quan hệ mật thiết giữa Đảng với Nhân dân",
    "hoàn thành các tiêu chí nông thôn mới",
    "giảm tỷ lệ hộ nghèo trong vùng đồng bào DTTS",
    "phát huy quyền làm chủ của Nhân dân",
    "giữ gìn bản sắc văn hóa các dân tộc",
    "giữ gìn bản sắc văn hoá truyền thống",
    "bảo đảm an ninh trật tự ở khu dân cư",
    "nâng cao hiệu quả công tác dân vận",
    "thực hiện thắng lợi nghị quyết đại hội Đảng bộ các cấp",
];

/// Meetings and events.
pub const EVENTS: &[&str] = &[
    "hội nghị",
    "buổi tiếp xúc cử tri",
    "lễ ra mắt",
    "buổi đối thoại",
    "hội nghị sơ kết",
    "hội nghị tổng kết",
    "lễ phát động",
    "hội thi tuyên truyền",
    "Ngày hội Đại đoàn kết toàn dân tộc",
    "buổi sinh hoạt chuyên đề",
    "lớp tập huấn",
    "hội nghị giao ban khối dân vận",
];

/// Sentence openings.
pub const CONNECTORS: &[&str] = &[
    "Bên cạnh đó",
    "Đồng thời",
    "Qua đó",
    "Nhờ vậy",
    "Từ đó",
    "Theo đó",
    "Tuy nhiên",
    "Trong thời gian tới",
    "Thực hiện chủ trương trên",
    "Để đạt được kết quả này",
    "Cùng với đó",
    "Đáng chú ý",
];

/// Results with numbers: `{n}` 12–480, `{m}` 500–9 000, `{k}` a decimal 1,1–25,9, `{p}` a percentage 2,0–18,9.
pub const RESULTS: &[&str] = &[
    "đã có hơn {n} hộ dân tự nguyện tham gia",
    "toàn huyện đã huy động được {n} triệu đồng và {m} ngày công",
    "đã làm mới {k} km đường bê tông",
    "đã hỗ trợ xây dựng {n} căn nhà Đại đoàn kết",
    "đã có {n} mô hình được công nhận",
    "tỷ lệ hộ nghèo giảm còn {p}%",
    "Nhân dân đã hiến {n} m² đất để mở rộng đường",
    "đã trao {n} suất quà cho các hộ có hoàn cảnh khó khăn",
    "đã tiếp nhận {n} ý kiến, kiến nghị của cử tri",
    "đã giải quyết dứt điểm {n} vụ việc ngay từ cơ sở",
    "đã tổ chức {n} lượt tuyên truyền với hơn {m} lượt người tham dự",
];

/// Difficulties (after "Tuy nhiên, do …").
pub const DIFFICULTIES: &[&str] = &[
    "địa bàn rộng, giao thông đi lại khó khăn",
    "trình độ dân trí không đồng đều",
    "một bộ phận người dân còn tâm lý trông chờ, ỷ lại",
    "nguồn lực hỗ trợ còn hạn chế",
    "thời tiết diễn biến phức tạp",
    "đội ngũ cán bộ cơ sở còn thiếu kinh nghiệm",
    "tập quán sản xuất còn lạc hậu",
];

/// Quoted words of officials.
pub const QUOTES: &[&str] = &[
    "công tác dân vận phải gần dân, trọng dân, hiểu dân, học dân và có trách nhiệm với Nhân dân",
    "khi người dân hiểu và đồng thuận thì mọi chủ trương đều được thực hiện thuận lợi",
    "mỗi cán bộ, đảng viên phải là một tuyên truyền viên tích cực",
    "cần tiếp tục lắng nghe ý kiến, kiến nghị của Nhân dân để kịp thời tháo gỡ khó khăn",
    "phải lấy hiệu quả thực tế làm thước đo của phong trào",
    "dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng",
    "việc gì có lợi cho dân thì phải hết sức làm",
];

/// Officials' titles.
pub const OFFICIALS: &[&str] = &[
    "Phó Bí thư Thường trực Huyện ủy",
    "Trưởng Ban Dân vận Huyện ủy",
    "Phó Trưởng Ban Dân vận Tỉnh ủy",
    "Chủ tịch UBND xã",
    "Chủ tịch Ủy ban MTTQ Việt Nam huyện",
    "Bí thư Chi bộ thôn",
    "Trưởng thôn",
    "già làng",
    "Chủ tịch Hội Nông dân xã",
    "Chủ tịch HĐND huyện",
    "Bí thư Đảng ủy xã",
];

/// Family names of people (bylines, quotes, captions).
pub const FAMILY_NAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Y", "A", "Đinh", "Lò",
];

/// Middle names; `""` for none.
pub const MIDDLE_NAMES: &[&str] = &["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Hữu", "Thu", "Quang", "Kim", ""];

/// Given names; "Quý"/"Qúy", "Thủy"/"Thuỷ", "Hòa"/"Hoà" in both placements.
pub const GIVEN_NAMES: &[&str] = &[
    "Quý", "Qúy", "Hà", "Hùng", "Lan", "Hương", "Dũng", "Tuấn", "Thủy", "Thuỷ", "Hòa", "Hoà", "Nam", "Bình",
    "Phương", "Sơn", "Thắng", "Hạnh", "Khánh", "Trang", "Blông", "Kiên", "Hiền", "Mai",
];

/// Sub-headings inside an article.
pub const HEADINGS: &[&str] = &[
    "Lan tỏa từ mô hình hay",
    "Lan toả cách làm hay",
    "Kết quả bước đầu",
    "Phát huy vai trò người có uy tín",
    "Những khó khăn cần tháo gỡ",
    "Nhân rộng cách làm hiệu quả",
    "Dân vận khéo từ cơ sở",
    "Gần dân, hiểu dân",
];

/// Byline openings ("Bài, ảnh: …"), `""` for none.
pub const BYLINE_PREFIXES: &[(&str, u32)] =
    &[("Bài, ảnh: ", 45), ("Bài: ", 20), ("Tin, ảnh: ", 10), ("Tin: ", 5), ("", 20)];
