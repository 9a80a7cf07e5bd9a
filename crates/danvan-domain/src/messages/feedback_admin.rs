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
    ("fbadmin.notice.unpublished", "Đã thôi công khai.", "Unpublished."),
    ("fbadmin.notice.duplicate", "Đã gộp vào phản ánh chính.", "Linked to the main item."),
];
