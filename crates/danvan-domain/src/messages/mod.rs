//! The message catalogue: every user-facing string, Vietnamese first, English
//! second. Templates call `t("key")`; errors are looked up by their code
//! ([`crate::ErrorCode::as_str`]). Placeholders are written `{name}` and
//! filled by [`format()`].

/// A user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

mod calendar;
mod feedback;
mod feedback_admin;
mod feedback_rules;
mod feedback_publish;
mod feedback_stats;
mod feedback_web;
mod links;
mod open311;
mod registry;

/// One message: `(key, Vietnamese, English)`.
pub type Entry = (&'static str, &'static str, &'static str);

/// The catalogue in parts, one per capability with many messages
/// (`messages/registry.rs`, `messages/calendar.rs`) and the rest here;
/// [`entries`] walks them all.
pub static CATALOGUE: &[&[Entry]] = &[CORE, calendar::ENTRIES, registry::ENTRIES, links::ENTRIES, feedback::ENTRIES, feedback_rules::ENTRIES, feedback_web::ENTRIES, feedback_publish::ENTRIES, feedback_admin::ENTRIES, open311::ENTRIES, feedback_stats::ENTRIES];

/// Every message of the catalogue.
pub fn entries() -> impl Iterator<Item = &'static Entry> {
    CATALOGUE.iter().flat_map(|part| part.iter())
}

/// The messages of the site, the back office and the other capabilities.
static CORE: &[Entry] = &[
    // site chrome
    ("site.default_name", "Cổng thông tin Dân vận", "Mass mobilization portal"),
    ("unit.default_name", "Cơ quan", "Agency"),
    ("staff.scheduler", "Lịch đăng bài", "Publishing schedule"),
    ("staff.command_line", "Dòng lệnh trên máy chủ", "Command line on the server"),
    ("site.skip_to_content", "Bỏ qua, đến nội dung chính", "Skip to main content"),
    ("site.home", "Trang chủ", "Home"),
    ("site.main_nav", "Chuyên mục", "Sections"),
    ("site.breadcrumb", "Vị trí trang", "Breadcrumb"),
    ("site.address", "Địa chỉ", "Address"),
    ("site.phone", "Điện thoại", "Phone"),
    ("site.email", "Thư điện tử", "Email"),
    ("site.sample_notice", "Dữ liệu mẫu: trang này đang hiển thị nội dung minh họa do danvan tạo ra.", "Sample data: this site shows illustrative content created by danvan."),
    ("site.sample_badge", "Bài mẫu", "Sample"),
    ("site.powered_by", "Vận hành bằng danvan", "Powered by danvan"),
    ("site.lunar", "Âm lịch", "Lunar"),
    // reader controls
    ("reader.controls", "Tùy chỉnh hiển thị", "Display options"),
    ("reader.text_size", "Cỡ chữ", "Text size"),
    ("reader.smaller", "A-", "A-"),
    ("reader.smaller_label", "Giảm cỡ chữ", "Smaller text"),
    ("reader.reset", "A", "A"),
    ("reader.reset_label", "Cỡ chữ mặc định", "Default text size"),
    ("reader.larger", "A+", "A+"),
    ("reader.larger_label", "Tăng cỡ chữ", "Larger text"),
    ("reader.current_size", "Cỡ chữ hiện tại: {percent}%", "Current text size: {percent}%"),
    ("reader.contrast_on", "Tăng tương phản", "Increase contrast"),
    ("reader.contrast_off", "Giảm tương phản", "Decrease contrast"),
    // listings
    ("home.title", "Tin mới", "Latest news"),
    ("home.categories", "Chuyên mục", "Sections"),
    ("home.videos", "Video Clip", "Video clips"),
    ("home.org_units", "Tổ chức", "Organisation"),
    ("home.empty", "Chưa có bài viết nào được đăng.", "No articles have been published yet."),
    ("category.empty", "Chuyên mục này chưa có bài viết.", "This section has no articles yet."),
    ("category.page", "Trang {page}/{pages}", "Page {page} of {pages}"),
    ("pagination.label", "Phân trang", "Pagination"),
    ("pagination.previous", "Trang trước", "Previous page"),
    ("pagination.next", "Trang sau", "Next page"),
    // article page
    ("article.published", "Ngày đăng", "Published"),
    ("article.print", "In bài viết", "Print"),
    ("article.print_view", "Bản in", "Print version"),
    ("article.back_to_article", "Về bài viết", "Back to the article"),
    ("article.figure_missing", "Ảnh chưa được đính kèm", "Photo not attached yet"),
    ("article.related", "Bài viết liên quan", "Related articles"),
    ("article.related_empty", "Chưa có bài viết liên quan.", "No related articles yet."),
    ("article.videos", "Video Clip", "Video clips"),
    ("article.source", "Nguồn", "Source"),
    // rating
    ("rating.heading", "Đánh giá bài viết", "Rate this article"),
    ("rating.summary", "Tổng số điểm của bài viết là: {sum} trong {count} đánh giá", "This article has {sum} points from {count} ratings"),
    ("rating.prompt", "Click để đánh giá bài viết", "Click to rate this article"),
    ("rating.star_unit", "sao", "stars"),
    ("rating.thanks", "Cảm ơn bạn đã đánh giá bài viết.", "Thank you for rating this article."),
    ("rating.already_voted", "Bạn đã đánh giá bài viết này rồi. Mỗi người chỉ được đánh giá một lần.", "You have already rated this article. Each reader can rate once."),
    ("rating.rate_limited", "Đã có nhiều lượt đánh giá từ địa chỉ và trình duyệt này trong một giờ qua; xin thử lại sau.", "Many ratings came from this address and browser in the last hour; please try again later."),
    ("rating.invalid_score", "Điểm đánh giá phải từ 1 đến 5.", "A rating must be from 1 to 5."),
    // videos
    ("video.download", "Tải video", "Download the video"),
    ("video.empty", "Chưa có video.", "No videos yet."),
    // search
    ("search.title", "Tìm kiếm", "Search"),
    ("search.advanced", "Tìm kiếm nâng cao", "Advanced search"),
    ("search.label", "Từ khóa", "Search terms"),
    ("search.hint", "Gõ có dấu hoặc không dấu đều được; đặt cụm từ trong ngoặc kép để tìm đúng cụm.", "With or without diacritics; put words in double quotes to find them together."),
    ("search.submit", "Tìm", "Search"),
    ("search.category", "Chuyên mục", "Section"),
    ("search.all_categories", "Tất cả chuyên mục", "All sections"),
    ("search.from", "Từ ngày", "From"),
    ("search.until", "Đến ngày", "Until"),
    ("search.results", "Tìm thấy {total} kết quả cho “{q}”", "{total} results for “{q}”"),
    ("search.none", "Không tìm thấy kết quả nào cho “{q}”.", "No results for “{q}”."),
    ("search.try_folded", "Thử tìm với cách viết không dấu:", "Try without diacritics:"),
    ("search.clear_filters", "Tìm lại trong tất cả chuyên mục và mọi ngày", "Search again in all sections and dates"),
    ("search.browse", "Hoặc xem theo chuyên mục:", "Or browse a section:"),
    ("search.bad_date", "Ngày không hợp lệ: cần dạng năm-tháng-ngày, ví dụ 2023-07-25.", "Invalid date: use year-month-day, for example 2023-07-25."),
    ("search.empty_query", "Nhập từ khóa để tìm bài viết.", "Enter words to search the articles."),
    ("search.kind", "Loại", "Kind"),
    ("search.kind_all", "Tất cả", "All"),
    ("search.kind_articles", "Bài viết", "Articles"),
    ("search.kind_documents", "Văn bản", "Documents"),
    ("search.document", "Văn bản", "Document"),
    ("search.issued_on", "ban hành ngày", "issued"),
    // document library
    ("document.library", "Văn bản", "Documents"),
    ("document.library_lead", "Văn bản của Đảng và Nhà nước về công tác dân vận.", "Party and State documents on mass-mobilization work."),
    ("document.number", "Số, ký hiệu", "Number and symbol"),
    ("document.type", "Loại văn bản", "Type"),
    ("document.issuer", "Cơ quan ban hành", "Issued by"),
    ("document.signer", "Người ký", "Signed by"),
    ("document.issued_on", "Ngày ban hành", "Date of issue"),
    ("document.effective_on", "Ngày hiệu lực", "Effective from"),
    ("document.summary", "Trích yếu", "Summary"),
    ("document.status", "Tình trạng", "Status"),
    ("document.year", "Năm ban hành", "Year"),
    ("document.files", "Tệp đính kèm", "Files"),
    ("document.no_files", "Chưa có tệp đính kèm.", "No file attached yet."),
    ("document.download", "Tải về", "Download"),
    ("document.relations", "Văn bản liên quan", "Related documents"),
    ("document.cited_by", "Bài viết dẫn chiếu văn bản này", "Articles citing this document"),
    ("document.none_cited", "Chưa có bài viết nào dẫn chiếu.", "No article cites it yet."),
    ("document.all", "Tất cả", "All"),
    ("document.search_label", "Số, ký hiệu hoặc trích yếu", "Number or words of the summary"),
    ("document.search_hint", "Ví dụ: 136-KH/HU, 136/HU, KH 136 hoặc “dân vận khéo”.", "For example: 136-KH/HU, 136/HU, KH 136 or “dân vận khéo”."),
    ("document.filter", "Lọc", "Filter"),
    ("document.count", "{total} văn bản", "{total} documents"),
    ("document.empty", "Không có văn bản nào phù hợp.", "No document matches."),
    ("document.not_found", "Không tìm thấy văn bản.", "Document not found."),
    ("document.duplicate", "Văn bản này (cùng số, loại, cơ quan và ngày) đã có trong thư viện.", "This document (same number, type, issuer and date) is already in the library."),
    ("document.status.in_force", "Còn hiệu lực", "In force"),
    ("document.status.amended", "Đã được sửa đổi", "Amended"),
    ("document.status.replaced", "Đã bị thay thế", "Replaced"),
    ("document.status.expired", "Hết hiệu lực", "Expired"),
    ("document.rel.implements", "Thực hiện", "Implements"),
    ("document.rel.implemented_by", "Được thực hiện bởi", "Implemented by"),
    ("document.rel.guides", "Hướng dẫn", "Guides"),
    ("document.rel.guided_by", "Được hướng dẫn bởi", "Guided by"),
    ("document.rel.amends", "Sửa đổi", "Amends"),
    ("document.rel.amended_by", "Được sửa đổi bởi", "Amended by"),
    ("document.rel.replaces", "Thay thế", "Replaces"),
    ("document.rel.replaced_by", "Bị thay thế bởi", "Replaced by"),
    // glossary (CLI)
    ("glossary.count", "Số chữ viết tắt", "Abbreviations"),
    ("glossary.invalid", "chữ viết tắt phải là một từ (tối đa 20 ký tự) và có nghĩa đầy đủ (tối đa 200 ký tự)", "an abbreviation is one word (at most 20 characters) with an expansion (at most 200 characters)"),
    ("glossary.not_found", "không có chữ viết tắt này", "no such abbreviation"),
    // errors
    ("page.not_found", "Không tìm thấy trang bạn cần.", "The page you asked for was not found."),
    ("page.not_found_title", "Không tìm thấy trang", "Page not found"),
    ("page.not_found_help", "Địa chỉ có thể đã thay đổi hoặc bị gõ sai. Mời bạn về trang chủ hoặc chọn một chuyên mục.", "The address may have changed or been mistyped. Go to the home page or pick a section."),
    ("article.not_found", "Không tìm thấy bài viết.", "Article not found."),
    ("category.not_found", "Không tìm thấy chuyên mục.", "Section not found."),
    ("csrf.invalid", "Biểu mẫu đã hết hạn hoặc không hợp lệ. Mời bạn tải lại trang và thử lại.", "The form has expired or is invalid. Reload the page and try again."),
    ("request.rate_limited", "Bạn thao tác quá nhanh. Mời thử lại sau ít phút.", "Too many requests. Try again in a few minutes."),
    ("request.bad", "Yêu cầu không hợp lệ.", "The request is not valid."),
    ("request.too_large", "Nội dung gửi quá lớn.", "What was sent is too large."),
    ("internal", "Hệ thống đang gặp sự cố. Mời bạn thử lại sau.", "Something went wrong on our side. Please try again later."),
    ("internal_title", "Lỗi hệ thống", "Server error"),
    ("error.reference", "Mã tham chiếu", "Reference"),
    ("error.title", "Có lỗi xảy ra", "Something went wrong"),
    // import (CLI)
    ("import.empty", "tệp rỗng", "the file is empty"),
    ("import.binary", "tệp nhị phân, không phải văn bản", "the file is binary, not text"),
    ("import.not_utf8", "tệp không phải UTF-8 (dòng {line}, cột {column})", "the file is not UTF-8 (line {line}, column {column})"),
    ("text.unencodable_char", "có ký tự không viết được bằng bảng mã cũ này", "a character cannot be written in this legacy encoding"),
    ("import.no_title", "không tìm thấy tiêu đề", "no title found"),
    ("import.no_body", "không tìm thấy nội dung bài sau tiêu đề", "no article text found after the title"),
    ("import.too_large", "tệp quá lớn (tối đa {max} MiB)", "the file is too large (at most {max} MiB)"),
    ("serve.listening", "danvan đang phục vụ tại", "danvan is serving at"),
    ("serve.smtp_url_invalid", "Địa chỉ máy chủ thư không hợp lệ (dạng smtp://[tên:mật-khẩu@]máy[:cổng])", "The mail relay address is not valid (form smtp://[user:password@]host[:port])"),
    ("serve.admin_created", "Đã tạo tài khoản quản trị (mật khẩu chỉ hiện một lần, hãy lưu lại)", "Administrator account created (the password is shown only once: keep it)"),
    ("serve.stopping", "Đang dừng…", "Shutting down…"),
    ("serve.data_in_use", "Thư mục dữ liệu {dir} đang được một tiến trình “danvan serve” khác dùng; mỗi thư mục chỉ một tiến trình (nhiều máy chủ cần PostgreSQL, mỗi máy một thư mục dữ liệu)", "The data folder {dir} is in use by another “danvan serve”; one process per folder (several servers need PostgreSQL, each with a data folder of its own)"),
    ("serve.database_damaged", "Tệp cơ sở dữ liệu {file} bị hỏng: {problem}. Không khởi động để tránh hỏng thêm; hãy khôi phục từ bản sao lưu", "The database file {file} is damaged: {problem}. Not starting, so as not to damage it further; restore it from a backup"),
    ("serve.database_checked", "Đã kiểm tra tệp cơ sở dữ liệu", "Database file checked"),
    ("backup.written", "Đã sao lưu {rows} dòng của {tables} bảng và {files} tệp vào {file}", "Backed up {rows} rows of {tables} tables and {files} files to {file}"),
    ("backup.failed", "Không sao lưu được", "The backup failed"),
    ("backup.checked", "Bản sao lưu {file} nguyên vẹn: {rows} dòng của {tables} bảng và {files} tệp, lập lúc {at} từ {backend}", "The backup {file} is whole: {rows} rows of {tables} tables and {files} files, made at {at} from {backend}"),
    ("backup.restored", "Đã khôi phục {rows} dòng của {tables} bảng và {files} tệp từ {file}; chỉ mục tìm kiếm sẽ được dựng lại khi khởi động", "Restored {rows} rows of {tables} tables and {files} files from {file}; the search index is rebuilt at the next start"),
    ("backup.restore_failed", "Không khôi phục được; không dòng nào, tệp nào của bản sao lưu được ghi", "The restore failed; nothing of the archive was written"),
    ("import.converted", "chuyển từ bảng mã", "converted from"),
    ("import.unreadable", "không đọc được tệp", "the file cannot be read"),
    ("import.unknown_category", "không có chuyên mục", "no such category"),
    ("import.bad_date", "ngày đăng không hợp lệ (cần dạng 2023-07-25 hoặc 2023-07-25T08:00:00+07:00)", "invalid publication date (use 2023-07-25 or 2023-07-25T08:00:00+07:00)"),
    ("import.summary", "Tổng cộng: {imported} đã nhập, {unchanged} không đổi, {failed} lỗi", "Total: {imported} imported, {unchanged} unchanged, {failed} failed"),
    // document library from the command line (`danvan documents …`)
    ("doccli.sheet_unreadable", "không đọc được bảng tính", "the sheet cannot be read"),
    ("doccli.sheet_too_large", "bảng tính quá lớn (tối đa {max} MiB)", "the sheet is too large (at most {max} MiB)"),
    ("doccli.sheet_unsupported", "chỉ nhận bảng tính XLSX hoặc CSV (UTF-8, phân cách bằng dấu phẩy hoặc chấm phẩy); tệp XLS cũ cần lưu lại dạng XLSX", "only XLSX or CSV sheets (UTF-8, comma or semicolon separated) are accepted; save old XLS files as XLSX"),
    ("doccli.sheet_not_utf8", "tệp CSV không phải UTF-8 (dòng {line}); hãy lưu lại dạng “CSV UTF-8”", "the CSV file is not UTF-8 (line {line}); save it again as “CSV UTF-8”"),
    ("doccli.sheet_bad_xlsx", "tệp XLSX bị hỏng hoặc không đọc được", "the XLSX file is damaged or cannot be read"),
    ("doccli.sheet_bad_csv", "tệp CSV không đọc được", "the CSV file cannot be read"),
    ("doccli.sheet_empty", "bảng tính không có dòng tiêu đề", "the sheet has no header row"),
    ("doccli.missing_columns", "thiếu cột {columns} (dòng tiêu đề: dòng {row})", "missing columns {columns_en} (header: row {row})"),
    ("doccli.duplicate_column", "cột “{column}” có hai lần (dòng {row})", "column “{column}” appears twice (row {row})"),
    ("doccli.ignored_column", "bỏ qua cột không dùng", "ignoring unknown column"),
    ("doccli.required", "thiếu (bắt buộc)", "missing (required)"),
    ("doccli.unknown_type", "loại văn bản không rõ (ví dụ: Kế hoạch hoặc KH)", "unknown document type (for example: Kế hoạch or KH)"),
    ("doccli.type_mismatch", "loại văn bản không khớp với ký hiệu {abbr} trong số, ký hiệu", "the document type does not match the abbreviation {abbr} in the number"),
    ("doccli.bad_number", "không phải số, ký hiệu văn bản hợp lệ", "not a valid document number"),
    ("doccli.docref.empty", "số, ký hiệu trống", "the number is empty"),
    ("doccli.docref.too_long", "dài quá {max} ký tự", "longer than {max} characters"),
    ("doccli.docref.missing_number", "phải bắt đầu bằng số (chữ số)", "it must start with the number (digits)"),
    ("doccli.docref.number_out_of_range", "số phải từ 1 đến 9999999", "the number must be between 1 and 9999999"),
    ("doccli.docref.missing_symbol", "sau số phải có “-” (văn bản của Đảng, 136-KH/HU) hoặc “/” (văn bản nhà nước, 45/QĐ-UBND)", "expected “-” (Party style, 136-KH/HU) or “/” (State style, 45/QĐ-UBND) after the number"),
    ("doccli.docref.missing_type", "thiếu chữ viết tắt loại văn bản", "the document type abbreviation is missing"),
    ("doccli.docref.unknown_type", "không có loại văn bản viết tắt “{abbr}”", "unknown document type abbreviation “{abbr}”"),
    ("doccli.docref.type_not_in_style", "loại văn bản này không có chữ viết tắt theo kiểu số này", "this document type has no abbreviation in this style"),
    ("doccli.docref.missing_issuer", "thiếu ký hiệu cơ quan ban hành", "the issuer code is missing"),
    ("doccli.docref.invalid_issuer", "ký hiệu cơ quan ban hành “{issuer}” không hợp lệ", "invalid issuer code “{issuer}”"),
    ("doccli.docref.too_many_issuers", "quá {max} cơ quan ban hành", "more than {max} issuers"),
    ("doccli.docref.invalid_year", "năm phải có bốn chữ số, từ 1900 đến 2200", "the year must have four digits, from 1900 to 2200"),
    ("doccli.docref.unexpected_char", "ký tự “{found}” không đúng chỗ", "unexpected “{found}”"),
    ("doccli.bad_date", "ngày không hợp lệ (cần dạng 25/7/2023 hoặc 2023-07-25)", "invalid date (use 25/7/2023 or 2023-07-25)"),
    ("doccli.bad_status", "tình trạng không rõ (Còn hiệu lực, Đã sửa đổi, Đã thay thế, Hết hiệu lực)", "unknown status (in force, amended, replaced, expired)"),
    ("doccli.duplicate_row", "trùng với dòng {row} (cùng số, loại và ngày ban hành)", "same document as row {row} (same number, type and date of issue)"),
    ("doccli.relation_not_found", "không có văn bản {number} trong bảng tính hay trong thư viện", "no document {number} in the sheet or in the library"),
    ("doccli.relation_ambiguous", "có {count} văn bản số {number}; ghi thêm ngày ban hành sau dấu phẩy, ví dụ “{number}, 3/6/2013”", "{count} documents have the number {number}; add the date of issue after a comma, e.g. “{number}, 3/6/2013”"),
    ("doccli.relation_self", "văn bản không thể liên quan đến chính nó", "a document cannot refer to itself"),
    ("doccli.relation_target_failed", "văn bản được dẫn chiếu chưa được thêm vào thư viện", "the document referred to was not added to the library"),
    ("doccli.file_name", "tên tệp không hợp lệ (chỉ ghi tên tệp trong thư mục tệp, không ghi “..” hay đường dẫn tuyệt đối)", "invalid file name (name a file inside the files folder, without “..” or an absolute path)"),
    ("doccli.file_missing", "không có tệp này trong thư mục {dir}", "no such file in the folder {dir}"),
    ("doccli.file_unreadable", "không đọc được tệp", "the file cannot be read"),
    ("doccli.file_empty", "tệp rỗng", "the file is empty"),
    ("doccli.file_too_large", "tệp quá lớn (tối đa {max} MiB)", "the file is too large (at most {max} MiB)"),
    ("doccli.file_type", "không nhận loại tệp này: chỉ nhận PDF, Word, Excel, ODT, PNG, JPEG (xét theo nội dung tệp, không theo tên)", "file type not accepted: only PDF, Word, Excel, ODT, PNG and JPEG (judged by the content, not the name)"),
    ("doccli.doc_kept", "văn bản vẫn được thêm, không có tệp này", "the document was still added, without this file"),
    ("doccli.doc_kept_existing", "văn bản đã có trong thư viện, chưa có tệp này", "the document is in the library, without this file"),
    ("doccli.files_attached", "tệp đính kèm: {count}", "files attached: {count}"),
    ("doccli.summary", "Tổng cộng: {added} đã thêm, {unchanged} không đổi, {failed} lỗi", "Total: {added} added, {unchanged} unchanged, {failed} failed"),
    ("doccli.summary_dry_run", "Chạy thử, không ghi gì: {added} sẽ được thêm, {unchanged} không đổi, {failed} lỗi", "Dry run, nothing written: {added} to add, {unchanged} unchanged, {failed} failed"),
    ("doccli.progress", "văn bản", "documents"),
    ("doccli.progress_line", "đã xử lý {done}/{total} dòng", "{done} of {total} rows processed"),
    // back office
    ("field.too_long", "Nội dung ô này quá dài.", "This field is too long."),
    ("workflow.time_invalid", "Hãy chọn ngày và giờ đăng (ngày/tháng/năm, giờ:phút) từ nay đến năm 2200.", "Choose a publication date and time between now and the year 2200."),
    ("user.role_unknown", "Vai trò không hợp lệ.", "Unknown role."),
    ("usercli.recovered", "Đã khôi phục quyền quản trị cho {username}. Mật khẩu tạm (đổi khi đăng nhập):", "Administrator rights restored for {username}. Temporary password (to change at sign-in):"),
    ("admin.field.totp_code", "Mã xác thực 6 số", "6-digit code"),
    ("admin.field.totp_code_help", "Chỉ khi tài khoản đã bật đăng nhập hai bước: mã trong ứng dụng xác thực trên điện thoại.", "Only if two-step sign-in is on: the code in your authenticator app."),
    ("admin.totp.title", "Đăng nhập hai bước", "Two-step sign-in"),
    ("admin.totp.intro", "Khi bật, mỗi lần đăng nhập cần thêm mã 6 số từ ứng dụng xác thực (Google Authenticator, Microsoft Authenticator, FreeOTP…). Mất điện thoại: đề nghị quản trị viên đặt lại mật khẩu, việc này cũng tắt đăng nhập hai bước.", "When on, every sign-in also needs the 6-digit code from an authenticator app. Lost your phone? Ask an administrator to reset your password; that also turns two-step sign-in off."),
    ("admin.totp.is_on", "Đăng nhập hai bước đang bật.", "Two-step sign-in is on."),
    ("admin.totp.start", "Bật đăng nhập hai bước", "Set up two-step sign-in"),
    ("admin.totp.step_scan", "Thêm tài khoản vào ứng dụng xác thực bằng khóa bí mật này:", "Add the account to your authenticator app with this secret key:"),
    ("admin.totp.open_app", "Mở bằng ứng dụng xác thực trên thiết bị này", "Open in an authenticator app on this device"),
    ("admin.totp.step_code", "Nhập mã 6 số ứng dụng hiện ra để xác nhận.", "Type the 6-digit code the app shows to confirm."),
    ("admin.totp.turn_on", "Xác nhận và bật", "Confirm and turn on"),
    ("admin.totp.turn_off", "Tắt đăng nhập hai bước", "Turn two-step sign-in off"),
    ("admin.totp.turned_on", "Đã bật đăng nhập hai bước.", "Two-step sign-in is now on."),
    ("admin.totp.turned_off", "Đã tắt đăng nhập hai bước.", "Two-step sign-in is now off."),
    ("auth.totp_required", "Tài khoản này bật đăng nhập hai bước: hãy nhập thêm mã 6 số.", "This account uses two-step sign-in: enter the 6-digit code too."),
    ("totp.code_wrong", "Mã xác thực không đúng hoặc đã dùng; hãy chờ mã mới.", "The code is wrong or already used; wait for the next one."),
    ("totp.already_on", "Đăng nhập hai bước đã bật.", "Two-step sign-in is already on."),
    ("tag.title", "Thẻ: {name}", "Tag: {name}"),
    ("admin.editor.videos", "Video Clip của bài (từ thư viện)", "Video clips of the article (from the library)"),
    ("admin.title", "Quản trị nội dung", "Back office"),
    ("admin.nav.label", "Quản trị", "Back office"),
    ("admin.nav.articles", "Bài viết", "Articles"),
    ("admin.nav.media", "Thư viện ảnh, video", "Media library"),
    ("admin.nav.audit", "Nhật ký", "Audit log"),
    ("admin.nav.users", "Người dùng", "Users"),
    ("admin.nav.units", "Đơn vị", "Units"),
    ("admin.nav.categories", "Chuyên mục", "Categories"),
    ("admin.nav.registry", "Dân vận khéo", "Dân vận khéo"),
    ("admin.nav.calendar", "Lịch làm việc", "Working calendar"),
    ("admin.signed_in_as", "Đang đăng nhập: {name}", "Signed in as {name}"),
    ("admin.sign_out", "Đăng xuất", "Sign out"),
    ("admin.sign_out_everywhere", "Đăng xuất trên mọi thiết bị", "Sign out everywhere"),
    ("admin.sign_in.title", "Đăng nhập quản trị", "Back-office sign-in"),
    ("admin.sign_in.submit", "Đăng nhập", "Sign in"),
    ("admin.sign_in.help", "Quên mật khẩu? Đề nghị quản trị viên đặt lại. Sau 5 lần nhập sai, tài khoản tạm khóa 15 phút.", "Forgot your password? Ask an administrator to reset it. After 5 wrong attempts the account is locked for 15 minutes."),
    ("admin.field.username", "Tên đăng nhập", "User name"),
    ("admin.field.username_help", "3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang; bắt đầu bằng chữ.", "3–40 characters: lower-case letters without marks, digits, dot, underscore, hyphen; starting with a letter."),
    ("admin.field.password", "Mật khẩu", "Password"),
    ("admin.field.current_password", "Mật khẩu hiện tại", "Current password"),
    ("admin.field.new_password", "Mật khẩu mới", "New password"),
    ("admin.field.password_again", "Nhập lại mật khẩu mới", "New password again"),
    ("admin.field.password_help", "Ít nhất 10 ký tự, không chứa tên đăng nhập. Nên dùng một câu dễ nhớ.", "At least 10 characters, not containing the user name. A memorable sentence works well."),
    ("admin.field.display_name", "Họ và tên", "Full name"),
    ("admin.field.role", "Vai trò", "Role"),
    ("admin.field.unit", "Đơn vị", "Unit"),
    ("admin.field.name", "Tên", "Name"),
    ("admin.field.parent", "Thuộc đơn vị", "Parent unit"),
    ("admin.field.level", "Cấp", "Level"),
    ("admin.field.description", "Mô tả", "Description"),
    ("admin.field.title", "Tiêu đề", "Title"),
    ("admin.field.lead", "Sa pô (tóm tắt)", "Lead"),
    ("admin.field.body", "Nội dung", "Body"),
    ("admin.field.byline", "Tác giả", "Byline"),
    ("admin.field.byline_help", "Ví dụ: Bài, ảnh: Nguyễn Văn A", "For example: Bài, ảnh: Nguyễn Văn A"),
    ("admin.field.category", "Chuyên mục", "Category"),
    ("admin.field.tags", "Thẻ", "Tags"),
    ("admin.field.tags_help", "Cách nhau bằng dấu phẩy, tối đa 20 thẻ.", "Separated by commas, at most 20."),
    ("admin.field.featured", "Ảnh đại diện", "Featured image"),
    ("admin.field.image", "Ảnh", "Image"),
    ("admin.field.alt", "Mô tả ảnh cho người khiếm thị (alt)", "Alternative text (alt)"),
    ("admin.field.alt_help", "Bắt buộc trước khi đăng: mô tả ngắn những gì ảnh cho thấy.", "Required before publication: briefly describe what the image shows."),
    ("admin.field.caption", "Chú thích ảnh", "Caption"),
    ("admin.field.credit", "Nguồn ảnh", "Credit"),
    ("admin.field.status", "Trạng thái", "Status"),
    ("admin.field.updated", "Cập nhật", "Updated"),
    ("admin.field.published_at", "Thời gian đăng", "Publication time"),
    ("admin.field.comment", "Ý kiến", "Comment"),
    ("admin.field.comment_help", "Bắt buộc khi trả lại bài; được ghi vào nhật ký.", "Required when returning an article; written to the audit log."),
    ("admin.field.schedule_at", "Hẹn giờ đăng (giờ Việt Nam)", "Publish at (Vietnam time)"),
    ("admin.field.schedule_help", "Chỉ dùng cho nút Hẹn giờ đăng; bài tự đăng đúng giờ này.", "Only for the Schedule button; the article is published at this time by itself."),
    ("admin.required", "bắt buộc", "required"),
    ("admin.none", "(không chọn)", "(none)"),
    ("admin.filter", "Lọc", "Filter"),
    ("admin.save_item", "Lưu {name}", "Save {name}"),
    ("admin.delete_item", "Xóa {name}", "Delete {name}"),
    ("admin.notice.saved", "Đã lưu.", "Saved."),
    ("admin.notice.created", "Đã tạo bài nháp.", "Draft created."),
    ("admin.notice.moved", "Đã chuyển trạng thái bài viết.", "The article's status was changed."),
    ("admin.notice.restored", "Đã khôi phục phiên bản cũ thành một phiên bản mới.", "The earlier revision was restored as a new revision."),
    ("admin.articles.title", "Bài viết", "Articles"),
    ("admin.articles.new", "Viết bài mới", "Write a new article"),
    ("admin.articles.status_filter", "Trạng thái", "Status"),
    ("admin.articles.all", "Tất cả", "All"),
    ("admin.articles.count", "{total} bài viết", "{total} articles"),
    ("admin.articles.empty", "Chưa có bài viết nào.", "No articles yet."),
    ("admin.editor.new_title", "Viết bài mới", "New article"),
    ("admin.editor.edit_title", "Sửa bài: {title}", "Edit: {title}"),
    ("admin.editor.preview", "Xem trước", "Preview"),
    ("admin.editor.revisions", "Các phiên bản", "Revisions"),
    ("admin.editor.view_public", "Xem trên cổng", "View on the site"),
    ("admin.editor.returned_comment", "Bài được trả lại với ý kiến", "Returned with this comment"),
    ("admin.editor.body_help", "Dán văn bản từ Word hay trang web: đoạn, tiêu đề, chữ đậm, nghiêng, danh sách, liên kết và bảng được giữ lại; mã độc và định dạng thừa bị loại bỏ. Vị trí ảnh ghi là [[hinh-1]], [[hinh-2]]…", "Paste from a word processor or a web page: paragraphs, headings, bold, italics, lists, links and tables are kept; scripts and stray formatting are removed. Figure positions are written [[hinh-1]], [[hinh-2]]…"),
    ("admin.editor.cleaned", "Đã lưu. Nội dung dán vào có những phần không an toàn đã bị loại bỏ: {list}.", "Saved. Unsafe parts of the pasted content were removed: {list}."),
    ("admin.editor.figures", "Ảnh trong bài", "Figures"),
    ("admin.editor.figures_help", "Mỗi ảnh có mô tả (alt), chú thích và nguồn riêng. Tải ảnh lên ở Thư viện ảnh, video trước.", "Each figure has its own alt text, caption and credit. Upload images in the media library first."),
    ("admin.editor.figure_n", "Ảnh {n}", "Figure {n}"),
    ("admin.editor.save", "Lưu bài", "Save"),
    ("admin.editor.read_only", "Bạn không có quyền sửa bài viết này ở trạng thái hiện tại.", "You may not edit this article in its current status."),
    ("admin.editor.workflow", "Chuyển bài", "Workflow"),
    ("admin.preview.notice", "Bản xem trước: bạn đọc chưa thấy trang này.", "Preview: readers do not see this page yet."),
    ("admin.preview.back", "Quay lại trang sửa bài", "Back to the editor"),
    ("admin.revisions.title", "Các phiên bản: {title}", "Revisions: {title}"),
    ("admin.revisions.diff", "So sánh phiên bản {old} với phiên bản {new}", "Revision {old} compared with revision {new}"),
    ("admin.revisions.legend", "Phần thêm được gạch dưới, phần bỏ bị gạch ngang.", "Additions are underlined, removals struck through."),
    ("admin.revisions.list", "Danh sách phiên bản, mới nhất trước", "Revisions, newest first"),
    ("admin.revisions.number", "Số", "No."),
    ("admin.revisions.by", "Người lưu", "Saved by"),
    ("admin.revisions.at", "Thời gian", "Time"),
    ("admin.revisions.actions", "Thao tác", "Actions"),
    ("admin.revisions.compare", "So sánh bản {n}", "Compare revision {n}"),
    ("admin.revisions.restore", "Khôi phục bản {n}", "Restore revision {n}"),
    ("admin.revisions.current", "Bản hiện tại", "Current"),
    ("admin.audit.title", "Nhật ký thay đổi", "Audit log"),
    ("admin.audit.count", "{total} thay đổi", "{total} changes"),
    ("admin.audit.at", "Thời gian", "Time"),
    ("admin.audit.user", "Người thực hiện", "User"),
    ("admin.audit.action", "Thao tác", "Action"),
    ("admin.audit.subject", "Đối tượng", "Subject"),
    ("admin.audit.summary", "Nội dung", "Details"),
    // audit log lines (danvan_domain::audit::render_audit)
    ("audit.user.create", "Tạo tài khoản {username}, vai trò: {grants}", "Created account {username}, roles: {grants}"),
    ("audit.user.grants", "Đổi vai trò: {grants}", "Changed roles: {grants}"),
    ("audit.user.password_change", "Tự đổi mật khẩu", "Changed own password"),
    ("audit.user.password_reset", "Đặt lại mật khẩu", "Reset the password"),
    ("audit.user.totp_on", "Bật đăng nhập hai bước", "Turned two-step sign-in on"),
    ("audit.user.totp_off", "Tắt đăng nhập hai bước", "Turned two-step sign-in off"),
    ("audit.user.recover", "Khôi phục quyền quản trị cho {username} (dòng lệnh)", "Restored administrator rights of {username} (command line)"),
    ("audit.user.enable", "Mở khóa tài khoản", "Enabled the account"),
    ("audit.user.disable", "Khóa tài khoản", "Disabled the account"),
    ("audit.user.sign_in", "Đăng nhập", "Signed in"),
    ("audit.user.sign_out", "Đăng xuất", "Signed out"),
    ("audit.user.sign_out_everywhere", "Đăng xuất trên mọi thiết bị (kết thúc {count} phiên)", "Signed out everywhere ({count} sessions ended)"),
    ("audit.unit.create", "Thêm đơn vị “{name}”", "Added unit “{name}”"),
    ("audit.unit.update", "Sửa đơn vị “{name}”", "Changed unit “{name}”"),
    ("audit.unit.delete", "Xóa đơn vị", "Deleted the unit"),
    ("audit.category.create", "Thêm chuyên mục “{name}”", "Added category “{name}”"),
    ("audit.category.update", "Sửa chuyên mục “{name}”", "Changed category “{name}”"),
    ("audit.category.delete", "Xóa chuyên mục", "Deleted the category"),
    ("audit.article.create", "Tạo bài nháp “{title}”", "Created draft “{title}”"),
    ("audit.article.update", "Sửa bài “{title}” (phiên bản {revision})", "Edited “{title}” (revision {revision})"),
    ("audit.article.restore", "Khôi phục phiên bản {revision}", "Restored revision {revision}"),
    ("audit.media.upload", "Tải lên tệp “{name}”", "Uploaded “{name}”"),
    ("audit.media.update", "Sửa mô tả ảnh: “{alt}”", "Changed the alt text: “{alt}”"),
    ("audit.article.submit", "Gửi duyệt ({from} → {to})", "Submitted ({from} → {to})"),
    ("audit.article.return", "Trả lại bài ({from} → {to})", "Returned ({from} → {to})"),
    ("audit.article.publish", "Đăng bài ({from} → {to})", "Published ({from} → {to})"),
    ("audit.article.schedule", "Hẹn giờ đăng ({from} → {to})", "Scheduled ({from} → {to})"),
    ("audit.article.unpublish", "Gỡ bài ({from} → {to})", "Unpublished ({from} → {to})"),
    ("audit.article.publish_scheduled", "Đăng theo lịch ({from} → {to})", "Published on schedule ({from} → {to})"),
    ("audit.param.comment", "ý kiến: {comment}", "comment: {comment}"),
    ("audit.param.at", "đăng lúc {at}", "to be published at {at}"),
    ("audit.param.reason", "lý do: {reason}", "reason: {reason}"),
    ("audit.param.files", "kèm {files} tệp", "with {files} file(s)"),
    ("audit.grant", "{role} (đơn vị {unit})", "{role} (unit {unit})"),
    ("audit.grants_none", "không có vai trò", "no roles"),
    ("admin.media.title", "Thư viện ảnh, video", "Media library"),
    ("admin.media.upload", "Tải tệp lên", "Upload"),
    ("admin.media.upload_submit", "Tải lên", "Upload"),
    ("admin.media.file", "Tệp ảnh (JPEG, PNG, WebP) hoặc video (MP4, WebM)", "Image (JPEG, PNG, WebP) or video (MP4, WebM)"),
    ("admin.media.limits", "Ảnh tối đa {image_mb} MB và {megapixels} megapixel; video tối đa {video_mb} MB. Ảnh được nén lại nhiều cỡ và xóa thông tin EXIF, vị trí GPS.", "Images up to {image_mb} MB and {megapixels} megapixels; videos up to {video_mb} MB. Images are re-encoded in several sizes, removing EXIF data and GPS positions."),
    ("admin.media.uploaded", "Đã tải lên. Nhớ điền mô tả ảnh (alt) trước khi đăng.", "Uploaded. Remember to add alt text before publishing."),
    ("admin.media.count", "Thư viện ({total} tệp)", "Library ({total} files)"),
    ("admin.media.empty", "Thư viện chưa có tệp nào.", "The library is empty."),
    ("admin.media.alt_missing", "Chưa có mô tả ảnh (alt): chưa đăng được.", "No alt text yet: cannot be published."),
    ("admin.users.title", "Người dùng và vai trò", "Users and roles"),
    ("admin.users.new", "Thêm người dùng", "Add a user"),
    ("admin.users.create", "Tạo tài khoản", "Create account"),
    ("admin.users.list", "Danh sách người dùng", "Users"),
    ("admin.users.created", "Đã tạo tài khoản {username}. Mật khẩu tạm:", "Account {username} created. Temporary password:"),
    ("admin.users.reset_done", "Đã đặt lại mật khẩu của {username}. Mật khẩu tạm:", "Password of {username} reset. Temporary password:"),
    ("admin.users.password_once", "Mật khẩu này chỉ hiện một lần; người dùng phải đổi khi đăng nhập lần đầu.", "This password is shown once; the user must change it at first sign-in."),
    ("admin.users.roles_of", "Vai trò của {name}", "Roles of {name}"),
    ("admin.users.add_role", "Thêm vai trò", "Add a role"),
    ("admin.users.reset_password", "Đặt lại mật khẩu {name}", "Reset password of {name}"),
    ("admin.users.disable", "Khóa tài khoản {name}", "Disable {name}"),
    ("admin.users.enable", "Mở khóa tài khoản {name}", "Enable {name}"),
    ("admin.users.disabled", "đã khóa", "disabled"),
    ("admin.users.locked", "tạm khóa do nhập sai mật khẩu", "locked after failed sign-ins"),
    ("admin.units.title", "Đơn vị", "Organisation units"),
    ("admin.units.new", "Thêm đơn vị", "Add a unit"),
    ("admin.units.create", "Thêm đơn vị", "Add unit"),
    ("admin.units.list", "Cây đơn vị", "Unit tree"),
    ("admin.units.root", "(cấp cao nhất)", "(top level)"),
    ("admin.units.depth", "cấp {depth}", "depth {depth}"),
    ("admin.categories.title", "Chuyên mục", "Categories"),
    ("admin.categories.new", "Thêm chuyên mục", "Add a category"),
    ("admin.categories.create", "Thêm chuyên mục", "Add category"),
    ("admin.categories.list", "Các chuyên mục", "Categories"),
    ("admin.password.title", "Đổi mật khẩu", "Change password"),
    ("admin.password.submit", "Đổi mật khẩu", "Change password"),
    ("admin.password.changed", "Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.", "Password changed. Other sessions were ended."),
    ("admin.password.must_change", "Hãy đặt mật khẩu của riêng bạn trước khi tiếp tục.", "Choose your own password before going on."),
    ("article.tags", "Thẻ", "Tags"),
    ("article.title_required", "Bài viết cần có tiêu đề.", "The article needs a title."),
    ("article.title_too_long", "Tiêu đề dài quá 300 ký tự.", "The title is longer than 300 characters."),
    ("article.lead_too_long", "Sa pô dài quá 2000 ký tự.", "The lead is longer than 2000 characters."),
    ("article.body_too_large", "Nội dung quá lớn (trên 2 MB).", "The body is too large (over 2 MB)."),
    ("article.tag_too_long", "Một thẻ dài quá 60 ký tự.", "A tag is longer than 60 characters."),
    ("article.too_many_tags", "Nhiều hơn 20 thẻ.", "More than 20 tags."),
    ("article.category_unknown", "Chuyên mục không còn tồn tại.", "The category no longer exists."),
    ("article.conflict", "Bài đã được người khác lưu sau khi bạn mở trang. Nội dung bạn nhập vẫn còn dưới đây; hãy chép lại phần cần thiết rồi mở lại bài.", "Someone saved this article after you opened it. What you typed is below; copy what you need and reopen the article."),
    ("auth.sign_in_required", "Cần đăng nhập.", "Please sign in."),
    ("auth.sign_in_failed", "Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong user name or password."),
    ("auth.locked", "Tài khoản tạm khóa 15 phút do nhập sai mật khẩu nhiều lần.", "The account is locked for 15 minutes after repeated failed sign-ins."),
    ("auth.forbidden", "Bạn không có quyền thực hiện việc này.", "You are not allowed to do this."),
    ("record.not_found", "Không tìm thấy mục này.", "Not found."),
    ("record.in_use", "Mục này đang được dùng nên không xóa được.", "This item is in use and cannot be deleted."),
    ("record.duplicate", "Đã có một mục trùng (cùng tên hoặc cùng địa chỉ).", "An item with the same name or address already exists."),
    ("input.control_characters", "Địa chỉ hoặc nội dung gửi lên có ký tự điều khiển không hợp lệ.", "The address or the submitted text contains invalid control characters."),
    ("field.invalid", "Có ô nhập chưa hợp lệ; xem thông báo bên cạnh ô đó.", "A field was not accepted; see the message next to it."),
    ("password.too_short", "Mật khẩu cần ít nhất 10 ký tự.", "The password needs at least 10 characters."),
    ("password.too_long", "Mật khẩu dài quá 256 ký tự.", "The password is longer than 256 characters."),
    ("password.contains_username", "Mật khẩu không được chứa tên đăng nhập.", "The password must not contain the user name."),
    ("password.mismatch", "Hai lần nhập mật khẩu mới không khớp.", "The two new passwords differ."),
    ("password.current_wrong", "Mật khẩu hiện tại không đúng.", "The current password is wrong."),
    ("user.bad_username", "Tên đăng nhập chỉ gồm 3–40 chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang và bắt đầu bằng chữ.", "User names have 3–40 lower-case letters without marks, digits, dots, underscores or hyphens, starting with a letter."),
    ("user.username_taken", "Tên đăng nhập này đã có người dùng.", "This user name is taken."),
    ("user.display_name_required", "Cần nhập họ và tên (tối đa 120 ký tự).", "Enter a full name (at most 120 characters)."),
    ("user.keep_own_admin", "Bạn không thể tự bỏ quyền quản trị hay khóa tài khoản của chính mình.", "You cannot remove your own administrator role or disable yourself."),
    ("unit.name_required", "Cần nhập tên đơn vị (tối đa 200 ký tự).", "Enter the unit's name (at most 200 characters)."),
    ("unit.parent_unknown", "Đơn vị được chọn không tồn tại.", "The chosen unit does not exist."),
    ("unit.cycle", "Không thể đặt một đơn vị vào dưới chính nó hay đơn vị con của nó.", "A unit cannot be placed under itself or its own sub-units."),
    ("category.name_required", "Cần nhập tên chuyên mục (tối đa 120 ký tự).", "Enter the category's name (at most 120 characters)."),
    ("category.slug_taken", "Đã có chuyên mục cùng địa chỉ.", "A category with the same address exists."),
    ("media.empty", "Tệp rỗng (0 byte).", "The file is empty (0 bytes)."),
    ("media.too_large", "Tệp nặng {size} MB, vượt giới hạn {limit} MB.", "The file is {size} MB, over the {limit} MB limit."),
    ("media.unsupported", "Không nhận loại tệp này (nội dung là {detected}); hãy tải ảnh JPEG, PNG, WebP hoặc video MP4, WebM.", "This kind of file is not accepted (its content is {detected}); upload a JPEG, PNG or WebP image, or an MP4 or WebM video."),
    ("media.too_many_pixels", "Ảnh {width}×{height} điểm ảnh vượt giới hạn {megapixels} megapixel.", "The image is {width}×{height} pixels, over the {megapixels}-megapixel limit."),
    ("media.corrupt", "Tệp ảnh bị hỏng, không đọc được.", "The image file is damaged and cannot be read."),
    ("media.encode_failed", "Không xử lý được ảnh này.", "This image could not be processed."),
    ("media.not_found", "Ảnh hoặc video được chọn không còn trong thư viện.", "The chosen image or video is no longer in the library."),
    ("role.contributor", "Cộng tác viên", "Contributor"),
    ("role.editor", "Biên tập viên", "Editor"),
    ("role.approver", "Người duyệt bài", "Approver"),
    ("role.administrator", "Quản trị viên", "Administrator"),
    ("role.unit_officer", "Cán bộ đơn vị (Dân vận khéo)", "Unit officer (Dân vận khéo)"),
    ("role.registry_officer", "Cán bộ theo dõi phong trào", "Registry officer"),
    ("role.feedback_coordinator", "Cán bộ tiếp nhận phản ánh", "Feedback coordinator"),
    ("role.feedback_handler", "Cán bộ xử lý phản ánh", "Feedback handler"),
    ("status.draft", "Bản nháp", "Draft"),
    ("status.submitted", "Chờ duyệt", "Submitted"),
    ("status.returned", "Bị trả lại", "Returned"),
    ("status.scheduled", "Hẹn giờ đăng", "Scheduled"),
    ("status.published", "Đã đăng", "Published"),
    ("status.unpublished", "Đã gỡ", "Unpublished"),
    ("workflow.submit", "Gửi duyệt", "Submit for approval"),
    ("workflow.return", "Trả lại", "Return"),
    ("workflow.publish", "Đăng ngay", "Publish now"),
    ("workflow.schedule", "Hẹn giờ đăng", "Schedule"),
    ("workflow.unpublish", "Gỡ bài", "Unpublish"),
    ("workflow.publish_scheduled", "Đăng theo lịch", "Published on schedule"),
    ("workflow.not_allowed_from", "Không thực hiện được bước này ở trạng thái hiện tại của bài.", "This step is not possible from the article's current status."),
    ("workflow.comment_required", "Cần ghi ý kiến khi trả lại bài.", "A comment is needed to return an article."),
    ("workflow.time_not_in_future", "Thời gian hẹn đăng phải ở tương lai.", "The publication time must be in the future."),
    ("workflow.missing_alt", "Chưa đăng được: {count} ảnh chưa có mô tả (alt).", "Cannot publish: {count} image(s) without alternative text."),
    ("workflow.incomplete", "Bài cần có tiêu đề và nội dung trước khi đăng.", "The article needs a title and a body before publication."),
    ("sanitize.script", "mã script", "scripts"),
    ("sanitize.style", "định dạng style", "styles"),
    ("sanitize.event attribute", "thuộc tính sự kiện (on…)", "event attributes (on…)"),
    ("sanitize.javascript link", "liên kết javascript:", "javascript: links"),
    ("sanitize.unsupported link", "liên kết không hợp lệ", "unsupported links"),
    ("sanitize.iframe", "khung nhúng (iframe)", "embedded frames (iframe)"),
    ("sanitize.comment", "chú thích ẩn", "hidden comments"),
    ("sanitize.embedded object", "đối tượng nhúng", "embedded objects"),
    ("sanitize.form", "thành phần biểu mẫu", "form elements"),
    ("sanitize.image", "ảnh không qua thư viện", "images not from the media library"),
    ("editor.toolbar", "Định dạng văn bản", "Text formatting"),
    ("editor.bold", "Đậm", "Bold"),
    ("editor.italic", "Nghiêng", "Italic"),
    ("editor.h2", "Tiêu đề 2", "Heading 2"),
    ("editor.h3", "Tiêu đề 3", "Heading 3"),
    ("editor.ul", "Danh sách", "Bulleted list"),
    ("editor.ol", "Danh sách số", "Numbered list"),
    ("editor.link", "Chèn liên kết", "Insert link"),
    ("editor.unlink", "Bỏ liên kết", "Remove link"),
    ("editor.table", "Chèn bảng", "Insert table"),
    ("editor.undo", "Hoàn tác", "Undo"),
    ("editor.redo", "Làm lại", "Redo"),
    ("editor.html", "Sửa HTML", "Edit HTML"),
    ("doccli.missing_count", "{count} văn bản được dẫn chiếu cần bổ sung vào thư viện", "{count} cited documents to add to the library"),
];

/// The message of `key` in `lang`, `None` when the catalogue lacks the key.
pub fn lookup(key: &str, lang: Lang) -> Option<&'static str> {
    entries().find(|(k, _, _)| *k == key).map(|(_, vi, en)| match lang {
        Lang::Vi => *vi,
        Lang::En => *en,
    })
}

/// Looks a key up.
///
/// # Panics
///
/// In debug builds (tests included) on a key the catalogue lacks, naming
/// the key, so a missing message fails a test instead of showing a code to
/// readers. Release builds return the key itself. The test
/// `tests/catalogue_keys.rs` checks the keys the sources use.
pub fn t(key: &str, lang: Lang) -> &str {
    match lookup(key, lang) {
        Some(m) => m,
        None => {
            #[cfg(debug_assertions)]
            panic!("message key {key:?} is not in the catalogue (danvan_domain::messages::CATALOGUE)");
            #[cfg(not(debug_assertions))]
            key
        }
    }
}

/// True when the catalogue has `key`.
pub fn has(key: &str) -> bool {
    entries().any(|(k, _, _)| *k == key)
}

/// Fills `{name}` placeholders of a catalogue message. Panics like [`t`] on
/// an unknown key in debug builds.
pub fn format(key: &str, lang: Lang, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut s = t(key, lang).to_owned();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), &value.to_string());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn catalogue_is_complete_and_unique() {
        let mut seen = HashSet::new();
        for (k, vi, en) in entries() {
            assert!(seen.insert(*k), "duplicate key {k}");
            assert!(!vi.is_empty() && !en.is_empty(), "{k} lacks a translation");
            let ph = |s: &str| s.matches('{').count();
            assert_eq!(ph(vi), ph(en), "{k}: placeholders differ");
        }
    }

    #[test]
    fn every_error_code_has_a_message() {
        for c in crate::ErrorCode::ALL {
            for lang in [Lang::Vi, Lang::En] {
                assert!(lookup(c.as_str(), lang).is_some_and(|m| !m.is_empty()), "{c} has no {} message", lang.tag());
            }
        }
    }

    #[test]
    fn lookup_and_t() {
        assert_eq!(lookup("site.home", Lang::Vi), Some("Trang chủ"));
        assert_eq!(lookup("site.home", Lang::En), Some("Home"));
        assert_eq!(lookup("no.such.key", Lang::Vi), None);
        assert_eq!(t("site.home", Lang::En), "Home");
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "\"no.such.key\" is not in the catalogue")]
    fn unknown_key_panics_in_debug_builds() {
        t("no.such.key", Lang::Vi);
    }

    #[test]
    fn rating_line_as_on_the_seed_page() {
        assert_eq!(
            format("rating.summary", Lang::Vi, &[("sum", &5), ("count", &1)]),
            "Tổng số điểm của bài viết là: 5 trong 1 đánh giá"
        );
    }
}
