//! The feedback desk's back-office pages beyond handling: an item's
//! publication, duplicates and unpublication, the reminders on the queue
//! page, and a reporter's personal data on request (export, erasure).

use super::Entry;

pub(super) const ENTRIES: &[Entry] = &[
    // the item page
    ("fbadmin.item.published", "Công khai", "Published"),
    ("fbadmin.item.published_yes", "Đã công khai", "Published"),
    ("fbadmin.item.published_no", "Chưa công khai", "Not published"),
    ("fbadmin.item.public_page", "Xem trang công khai", "See the public page"),
    ("fbadmin.item.rating", "Người gửi đánh giá", "The reporter's rating"),
    ("fbadmin.item.rating_value", "★ {rating}/5", "★ {rating}/5"),
    ("fbadmin.item.reopened", "Xem xét lại", "Reopened"),
    ("fbadmin.item.reopened_yes", "Người gửi đã đề nghị xem xét lại (chỉ được một lần).", "The reporter reopened the item (once only)."),
    ("fbadmin.item.duplicate_of", "Trùng với phản ánh chính", "Duplicate of the main item"),
    ("fbadmin.item.duplicates", "Các phản ánh trùng đã gộp vào", "Duplicates linked to this item"),
    (
        "fbadmin.item.erased",
        "Dữ liệu cá nhân của người gửi đã được xóa theo yêu cầu; phản ánh được giữ lại, ẩn danh, để thống kê.",
        "The reporter's personal data was erased on request; the item is kept, anonymised, for the statistics.",
    ),
    ("fbadmin.item.publish", "Công khai câu hỏi và trả lời", "Publish the question and answer"),
    ("fbadmin.item.edit_publication", "Sửa nội dung công khai", "Edit the publication"),
    ("fbadmin.step.duplicate", "Gộp vào phản ánh chính (trùng lặp)", "Link to a main item (duplicate)"),
    ("fbadmin.step.main", "Mã tra cứu của phản ánh chính", "Tracking code of the main item"),
    (
        "fbadmin.step.duplicate_hint",
        "Phản ánh này được đóng; người gửi theo dõi trả lời của phản ánh chính và được báo khi có trả lời.",
        "This item is closed; its reporter follows the main item's answer and is told when it comes.",
    ),
    ("fbadmin.step.unpublish", "Thôi công khai", "Unpublish"),
    (
        "fbadmin.step.unpublish_confirm",
        "Trang công khai của phản ánh này sẽ bị gỡ khỏi /phan-anh và nội dung công khai bị xóa; muốn công khai lại phải soát lại từ đầu.",
        "The item's public page is taken off /phan-anh and its public texts are cleared; publishing it again starts over.",
    ),
    ("fbadmin.notice.published", "Đã công khai câu hỏi và trả lời.", "The question and answer are published."),
    ("fbadmin.notice.unpublished", "Đã thôi công khai.", "Unpublished."),
    ("fbadmin.notice.duplicate", "Đã gộp vào phản ánh chính.", "Linked to the main item."),
    // the publication page
    ("fbadmin.publish.title", "Công khai phản ánh {code}", "Publish item {code}"),
    (
        "fbadmin.publish.intro",
        "Chỉ nội dung dưới đây được đăng trên trang công khai; họ tên, số điện thoại, thư điện tử, địa chỉ và số định danh của người gửi không bao giờ được công khai. Đề xuất đã ẩn mọi thông tin cá nhân tìm thấy; sửa lại cho dễ đọc nếu cần.",
        "Only the texts below go on the public page; the reporter's name, phone, e-mail, address and ID number are never published. The proposal masks every piece of personal data found; reword it if needed.",
    ),
    ("fbadmin.publish.found", "Thông tin cá nhân tìm thấy trong nội dung gốc", "Personal data found in the original texts"),
    ("fbadmin.publish.found_none", "Không tìm thấy thông tin cá nhân nào.", "No personal data was found."),
    ("fbadmin.publish.pending", "Cần xác nhận trước khi công khai", "To confirm before publication"),
    (
        "fbadmin.publish.pending_error",
        "Nội dung sắp công khai còn số điện thoại, thư điện tử hoặc số định danh: xem danh sách, sửa hoặc xác nhận rồi gửi lại.",
        "The texts to publish still hold a phone number, e-mail address or ID number: check the list, change the texts or confirm, and send again.",
    ),
    ("fbadmin.publish.own", "Của người gửi: phải ẩn trước khi công khai", "The reporter's own: must be removed"),
    ("fbadmin.publish.other", "Không phải của người gửi: xác nhận đây không phải dữ liệu cá nhân (ví dụ số đường dây nóng của cơ quan)", "Not the reporter's: confirm it is not personal data (an office's hotline, say)"),
    ("fbadmin.publish.in_field", "{field}, {kind}", "{field}, {kind}"),
    (
        "fbadmin.publish.confirm",
        "Tôi xác nhận các thông tin trên không phải dữ liệu cá nhân và được phép công khai.",
        "I confirm that the items above are not personal data and may be published.",
    ),
    ("fbadmin.publish.confirm_required", "Đánh dấu ô xác nhận để công khai.", "Tick the confirmation box to publish."),
    ("fbadmin.publish.errors", "Chưa công khai được; xin sửa các mục sau:", "Not published; please correct the following:"),
    ("fbadmin.publish.field.title", "Tiêu đề công khai", "Public title"),
    ("fbadmin.publish.field.question", "Câu hỏi (nội dung phản ánh)", "Question (what was reported)"),
    ("fbadmin.publish.field.place", "Địa điểm", "Place"),
    ("fbadmin.publish.field.answer", "Trả lời", "Answer"),
    ("fbadmin.publish.submit", "Công khai", "Publish"),
    ("fbadmin.publish.back", "Về trang phản ánh", "Back to the item"),
    ("fbadmin.kind.name", "họ tên", "name"),
    ("fbadmin.kind.phone", "số điện thoại", "phone number"),
    ("fbadmin.kind.email", "thư điện tử", "e-mail address"),
    ("fbadmin.kind.id_number", "số định danh (CMND/CCCD)", "ID number"),
    // reminders on the queue page
    ("fbadmin.notices.title", "Nhắc việc", "Reminders"),
    ("fbadmin.notices.deadline", "hạn {deadline}", "due {deadline}"),
    ("fbadmin.notices.dismiss", "Đã xem", "Seen"),
    // a reporter's personal data
    ("fbadmin.contact.link", "Dữ liệu cá nhân của người gửi: cung cấp, xóa theo yêu cầu", "A reporter's personal data: export or erase on request"),
    ("fbadmin.contact.title", "Dữ liệu cá nhân của người gửi", "A reporter's personal data"),
    (
        "fbadmin.contact.intro",
        "Theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân, người gửi phản ánh có quyền được cung cấp và được xóa dữ liệu cá nhân của mình. Tìm bằng số điện thoại hoặc thư điện tử người đó đã khai; chỉ thấy phản ánh của các đơn vị bạn phụ trách.",
        "Under Decree 13/2023/NĐ-CP on personal data protection, a reporter may obtain and have deleted their personal data. Search by the phone or e-mail they gave; you see the items of the units you handle only.",
    ),
    ("fbadmin.contact.field", "Số điện thoại hoặc thư điện tử", "Phone or e-mail"),
    ("fbadmin.contact.search", "Tìm", "Search"),
    (
        "fbadmin.contact.search_hint",
        "Gửi trong nội dung biểu mẫu, không nằm trên địa chỉ trang, để không lưu vào lịch sử trình duyệt hay nhật ký máy chủ.",
        "Sent in the form's body, not the page address, so that it stays out of browser history and server logs.",
    ),
    ("fbadmin.contact.found", "Phản ánh của người gửi này", "This reporter's items"),
    ("fbadmin.contact.none", "Không có phản ánh nào với số điện thoại hoặc thư điện tử này trong các đơn vị bạn phụ trách.", "No item of the units you handle has this phone or e-mail."),
    ("fbadmin.contact.export", "Tải dữ liệu cá nhân (JSON)", "Download the personal data (JSON)"),
    (
        "fbadmin.contact.export_hint",
        "Một tệp JSON gồm mọi thông tin đã lưu về người gửi trong các phản ánh trên (nội dung, họ tên, số điện thoại, thư điện tử, trả lời, quá trình xử lý trừ ghi chú nội bộ) để cung cấp cho người đó; mỗi lần tải được ghi nhật ký.",
        "One JSON file with everything stored about the reporter in the items above (texts, name, phone, e-mail, answer, history without internal notes) to give them; each download is logged.",
    ),
    ("fbadmin.contact.erase", "Xóa dữ liệu cá nhân", "Erase the personal data"),
    (
        "fbadmin.contact.erase_hint",
        "Xóa họ tên, số điện thoại và thư điện tử của người gửi, ẩn chúng trong nội dung, quá trình xử lý và nhật ký. Phản ánh vẫn được giữ, ẩn danh, để thống kê; người gửi sẽ không tra cứu được nữa. Không hoàn tác được.",
        "Deletes the reporter's name, phone and e-mail and masks them in the texts, the history and the audit log. The items stay, anonymised, for the statistics; the reporter can no longer follow them. This cannot be undone.",
    ),
    (
        "fbadmin.contact.erase_confirm",
        "Tôi xác nhận người gửi đã yêu cầu xóa và việc xóa không hoàn tác được.",
        "I confirm that the reporter asked for the erasure and that it cannot be undone.",
    ),
    ("fbadmin.contact.erase_confirm_required", "Đánh dấu ô xác nhận trước khi xóa.", "Tick the confirmation box before erasing."),
    ("fbadmin.contact.erased", "Đã xóa dữ liệu cá nhân của người gửi; {count} phản ánh được ẩn danh.", "The reporter's personal data was erased; {count} items were anonymised."),
];
