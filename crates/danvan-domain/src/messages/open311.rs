//! Open311 GeoReport v2: the answers' texts and errors (errors are read by
//! the developers of the clients: the interface writes them in English),
//! the contact limit shared with the web form, the key commands of the
//! command line and their audit lines.

use super::Entry;

pub(super) const ENTRIES: &[Entry] = &[
    // the limit per phone and per e-mail (web form and Open311)
    (
        "feedback.contact_rate_limited",
        "Đã có nhiều phản ánh với số điện thoại hoặc thư điện tử này trong một giờ qua; xin thử lại sau hoặc gọi đường dây nóng.",
        "Many items were sent with this phone number or e-mail in the last hour; please try again later or call the hotline.",
    ),
    // answers
    (
        "open311.service_notice",
        "Đã tiếp nhận, mã tra cứu {code}: theo dõi tại {url} bằng mã này cùng số điện thoại hoặc thư điện tử đã khai; {rule}.",
        "Received, tracking code {code}: follow it at {url} with this code and the phone or e-mail given; {rule}.",
    ),
    (
        "open311.discovery.key_service",
        "Khóa API do quản trị viên của cổng cấp cho ứng dụng đã cam kết lấy sự đồng ý của người dân với thông báo xử lý dữ liệu cá nhân; liên hệ theo địa chỉ trên.",
        "API keys are issued by the portal's administrator to applications that undertake to obtain each resident's consent to the personal data notice; ask at the contact above.",
    ),
    (
        "open311.attribute.title",
        "Tiêu đề ngắn của phản ánh; nếu không có, lấy dòng đầu của nội dung.",
        "A short title of the request; without it, the first line of the description is used.",
    ),
    ("open311.attribute.title_datatype", "Một dòng, tối đa 200 ký tự.", "One line, at most 200 characters."),
    // errors
    ("open311.error.api_key", "api_key: thiếu, không đúng hoặc đã bị thu hồi.", "api_key: missing, unknown or revoked."),
    ("open311.error.required", "{param}: bắt buộc.", "{param}: required."),
    ("open311.error.service_unknown", "{param}: không có dịch vụ {value}.", "{param}: there is no service {value}."),
    ("open311.error.request_unknown", "{param}: không có yêu cầu {value}.", "{param}: there is no request {value}."),
    ("open311.error.token_unknown", "{param}: không có mã {value}.", "{param}: there is no token {value}."),
    ("open311.error.unknown_path", "Không có địa chỉ {value}; xem discovery.xml.", "No endpoint {value}; see discovery.xml."),
    ("open311.error.no_endpoint", "Không có địa chỉ này; xem discovery.xml.", "No such endpoint; see discovery.xml."),
    ("open311.error.method", "Chỉ GET ở đây (POST chỉ ở requests.xml và requests.json).", "Only GET here (POST only on requests.xml and requests.json)."),
    ("open311.error.too_large", "Yêu cầu quá lớn.", "The request is too large."),
    ("open311.error.form", "Gửi POST dạng application/x-www-form-urlencoded.", "Send the POST as application/x-www-form-urlencoded."),
    ("open311.error.internal", "Lỗi máy chủ; mã tham chiếu {reference}.", "Server error; reference {reference}."),
    ("open311.error.rate_limited", "Đã có nhiều yêu cầu với số điện thoại hoặc thư điện tử này trong một giờ qua; thử lại sau.", "Too many requests with this phone or e-mail in the last hour; try again later."),
    ("open311.error.request_ids", "{param}: danh sách số yêu cầu (tối đa 1000), cách nhau bằng dấu phẩy.", "{param}: a comma-separated list of request ids (at most 1000)."),
    ("open311.error.status", "{param}: open, closed, hoặc cả hai cách nhau bằng dấu phẩy.", "{param}: open, closed, or both separated by a comma."),
    ("open311.error.datetime", "{param}: không phải ngày giờ ISO 8601 (ví dụ 2026-04-29T10:00:00+07:00).", "{param}: not an ISO 8601 datetime (e.g. 2026-04-29T10:00:00+07:00)."),
    ("open311.error.range_order", "{param}: trước start_date.", "{param}: before start_date."),
    ("open311.error.range_span", "{param}: start_date và end_date cách nhau quá 90 ngày.", "{param}: start_date and end_date are more than 90 days apart."),
    ("open311.error.coordinate", "{param}: cần cả lat và long, là số độ WGS 84 (lat từ -90 đến 90, long từ -180 đến 180).", "{param}: both lat and long are needed, as WGS 84 degrees (lat -90 to 90, long -180 to 180)."),
    ("open311.error.location", "{param}: cần vị trí: lat và long, address_string hoặc address_id.", "{param}: a location is needed: lat and long, address_string or address_id."),
    ("open311.error.address_id", "{param}: tối đa 200 ký tự.", "{param}: at most 200 characters."),
    ("open311.error.attribute_unknown", "{param}: dịch vụ này không có thuộc tính đó (xem định nghĩa dịch vụ).", "{param}: this service has no such attribute (see its service definition)."),
    ("open311.error.media_url", "{param}: một địa chỉ http:// hoặc https:// (tối đa 2000 ký tự).", "{param}: an http:// or https:// address (at most 2000 characters)."),
    ("open311.error.field", "{param}: {message}", "{param}: {message}"),
    // keys
    ("open311.key_name_invalid", "Tên khóa: 1 đến 100 ký tự, gồm chữ, số, dấu cách và - _ .", "Key name: 1 to 100 characters: letters, digits, spaces and - _ ."),
    ("open311.key_name_taken", "Đã có khóa tên này (kể cả khóa đã thu hồi); chọn tên khác.", "A key already has this name (revoked keys too); choose another."),
    ("open311.key_unknown", "Không có khóa tên này.", "There is no key with this name."),
    ("open311.key_already_revoked", "Khóa này đã bị thu hồi.", "This key is already revoked."),
    ("open311cli.created", "Đã cấp khóa Open311 “{name}”. Khóa chỉ hiện một lần này; hãy lưu lại ngay:", "Open311 key “{name}” issued. It is shown only this once; keep it now:"),
    ("open311cli.revoked", "Đã thu hồi khóa Open311 “{name}”.", "Open311 key “{name}” revoked."),
    ("open311cli.none", "Chưa có khóa Open311 nào.", "No Open311 keys yet."),
    ("open311cli.active", "đang dùng", "active"),
    ("open311cli.revoked_at", "thu hồi {at}", "revoked {at}"),
    ("open311cli.count", "Số khóa", "Keys"),
    // audit
    ("audit.open311.key_create", "Cấp khóa Open311 {name}", "Issued Open311 key {name}"),
    ("audit.open311.key_revoke", "Thu hồi khóa Open311 {name}", "Revoked Open311 key {name}"),
];
