//! The feedback desk's publication, duplicates, the reporter's rating and
//! reopening, notices and reminders, and the export and erasure of a
//! reporter's personal data.

use super::Entry;

pub(super) const ENTRIES: &[Entry] = &[
    ("audit.feedback.publish", "Công khai câu hỏi và trả lời ({count} chỗ đã ẩn)", "Published the question and answer ({count} redactions)"),
    ("audit.feedback.unpublish", "Thôi công khai", "Unpublished"),
    ("audit.feedback.duplicate", "Trùng với {code}: {reason}", "Duplicate of {code}: {reason}"),
    ("audit.feedback.duplicate_added", "Phản ánh trùng {code} được gộp vào", "Duplicate {code} linked to this item"),
    ("audit.feedback.main_answered", "Phản ánh chính đã được trả lời; đã báo người gửi", "The main item was answered; the reporter is told"),
    ("audit.feedback.rate", "Người gửi đánh giá {rating}/5", "The reporter rated the answer {rating}/5"),
    ("audit.feedback.reopen", "Người gửi đề nghị xem xét lại; hạn mới {deadline}: {comment}", "Reopened by the reporter; due {deadline}: {comment}"),
    ("audit.feedback.export_contact", "Xuất dữ liệu cá nhân của người gửi theo yêu cầu", "Exported the reporter's personal data on request"),
    ("audit.feedback.erase_contact", "Xóa dữ liệu cá nhân của người gửi theo yêu cầu", "Erased the reporter's personal data on request"),
    // store errors
    ("feedback.publish_needs_answer", "Chỉ công khai được phản ánh đã có trả lời.", "Only an answered item can be published."),
    ("feedback.public_title_required", "Nhập tiêu đề công khai.", "Enter the public title."),
    ("feedback.public_title_too_long", "Tiêu đề công khai tối đa 300 ký tự.", "The public title has at most 300 characters."),
    ("feedback.public_text_required", "Nhập nội dung công khai.", "Enter the public text."),
    ("feedback.own_data_present", "Còn thông tin cá nhân của người gửi: phải ẩn trước khi công khai.", "The reporter's own personal data is still there: it must be removed before publication."),
    ("feedback.not_published", "Phản ánh này chưa được công khai.", "This item is not published."),
    ("feedback.main_unknown", "Không tìm thấy phản ánh chính với mã này.", "No main item has this code."),
    ("feedback.main_invalid", "Phản ánh chính phải là phản ánh khác, chưa bị gộp hay từ chối.", "The main item must be another item, neither a duplicate nor refused."),
    ("feedback.rating_range", "Chọn từ 1 đến 5 sao.", "Choose 1 to 5 stars."),
    ("feedback.rate_needs_answer", "Chỉ đánh giá được khi đã có trả lời.", "An answer can be rated once it is given."),
    ("feedback.comment_required", "Nêu lý do đề nghị xem xét lại.", "Say why the item should be looked at again."),
    ("feedback.comment_too_long", "Nội dung tối đa 2.000 ký tự.", "At most 2,000 characters."),
    ("feedback.reopen_refused", "Chỉ đề nghị xem xét lại được một lần, sau khi có trả lời.", "An item can be reopened once, after its answer."),
    ("feedback.ticket_invalid", "Phiên tra cứu đã hết hạn: tra cứu lại bằng mã và số điện thoại hoặc thư điện tử.", "The lookup has expired: look the item up again with its code and your phone or e-mail."),
    ("feedback.contact_invalid", "Nhập số điện thoại hoặc thư điện tử hợp lệ.", "Enter a valid phone number or e-mail address."),
    // notices
    ("fbnotice.kind.answered", "Đã trả lời", "Answered"),
    ("fbnotice.kind.main_answered", "Phản ánh chính đã trả lời", "Main item answered"),
    ("fbnotice.kind.due_soon", "Sắp đến hạn", "Due soon"),
    ("fbnotice.kind.overdue", "Quá hạn", "Overdue"),
    ("fbnotice.subject", "Phản ánh {code} đã có trả lời", "Your item {code} has an answer"),
    ("fbnotice.body.answered", "Phản ánh, kiến nghị mã {code} của ông/bà đã có trả lời.\n\nĐể xem trả lời, mở {url} và nhập mã cùng số điện thoại hoặc thư điện tử đã gửi.\n\nThư này được gửi tự động; xin đừng trả lời thư.", "Your item {code} has been answered.\n\nTo read the answer, open {url} and enter the code with the phone or e-mail you gave.\n\nThis message was sent automatically; please do not reply."),
    ("fbnotice.body.main_answered", "Phản ánh, kiến nghị mã {code} của ông/bà có cùng nội dung với một phản ánh khác, nay đã có trả lời.\n\nĐể xem trả lời, mở {url} và nhập mã cùng số điện thoại hoặc thư điện tử đã gửi.\n\nThư này được gửi tự động; xin đừng trả lời thư.", "Your item {code} concerns the same matter as another item, which has now been answered.\n\nTo read the answer, open {url} and enter the code with the phone or e-mail you gave.\n\nThis message was sent automatically; please do not reply."),
];
