//! The message catalogue: every user-facing string, Vietnamese first, English
//! second. Templates call `t("key")`; errors are looked up by their code
//! ([`crate::ErrorCode::as_str`]). Placeholders are written `{name}` and
//! filled by [`format`].

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

/// `(key, Vietnamese, English)`.
pub static CATALOGUE: &[(&str, &str, &str)] = &[
    // site chrome
    ("site.skip_to_content", "Bỏ qua, đến nội dung chính", "Skip to main content"),
    ("site.home", "Trang chủ", "Home"),
    ("site.main_nav", "Chuyên mục", "Sections"),
    ("site.breadcrumb", "Vị trí trang", "Breadcrumb"),
    ("site.contact", "Liên hệ", "Contact"),
    ("site.address", "Địa chỉ", "Address"),
    ("site.phone", "Điện thoại", "Phone"),
    ("site.email", "Thư điện tử", "Email"),
    ("site.footer", "Thông tin cổng", "About this portal"),
    ("site.sample_notice", "Dữ liệu mẫu: trang này đang hiển thị nội dung minh họa do danvan tạo ra.", "Sample data: this site shows illustrative content created by danvan."),
    ("site.sample_badge", "Bài mẫu", "Sample"),
    ("site.powered_by", "Vận hành bằng danvan", "Powered by danvan"),
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
    ("article.read_more", "Xem tiếp", "Read more"),
    // article page
    ("article.published", "Ngày đăng", "Published"),
    ("article.byline", "Tác giả", "Credit"),
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
    ("rating.submit", "Gửi đánh giá", "Submit rating"),
    ("rating.thanks", "Cảm ơn bạn đã đánh giá bài viết.", "Thank you for rating this article."),
    ("rating.already_voted", "Bạn đã đánh giá bài viết này rồi. Mỗi người chỉ được đánh giá một lần.", "You have already rated this article. Each reader can rate once."),
    ("rating.invalid_score", "Điểm đánh giá phải từ 1 đến 5.", "A rating must be from 1 to 5."),
    // videos
    ("video.no_support", "Trình duyệt của bạn không phát được video này.", "Your browser cannot play this video."),
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
    ("search.results_label", "Kết quả tìm kiếm", "Search results"),
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
    ("internal", "Hệ thống đang gặp sự cố. Mời bạn thử lại sau.", "Something went wrong on our side. Please try again later."),
    ("internal_title", "Lỗi hệ thống", "Server error"),
    ("error.reference", "Mã tham chiếu", "Reference"),
    ("error.title", "Có lỗi xảy ra", "Something went wrong"),
    // import (CLI)
    ("import.imported", "đã nhập", "imported"),
    ("import.unchanged", "không đổi", "unchanged"),
    ("import.failed", "lỗi", "failed"),
    ("import.empty", "tệp rỗng", "the file is empty"),
    ("import.binary", "tệp nhị phân, không phải văn bản", "the file is binary, not text"),
    ("import.not_utf8", "tệp không phải UTF-8 (dòng {line}, cột {column})", "the file is not UTF-8 (line {line}, column {column})"),
    ("import.no_title", "không tìm thấy tiêu đề", "no title found"),
    ("import.no_body", "không tìm thấy nội dung bài sau tiêu đề", "no article text found after the title"),
    ("import.too_large", "tệp quá lớn (tối đa {max} MiB)", "the file is too large (at most {max} MiB)"),
    ("serve.listening", "danvan đang phục vụ tại", "danvan is serving at"),
    ("serve.admin_created", "Đã tạo tài khoản quản trị (mật khẩu chỉ hiện một lần, hãy lưu lại)", "Administrator account created (the password is shown only once: keep it)"),
    ("serve.stopping", "Đang dừng…", "Shutting down…"),
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
    ("doccli.missing_count", "{count} văn bản được dẫn chiếu cần bổ sung vào thư viện", "{count} cited documents to add to the library"),
];

/// Looks a key up. An unknown key returns the key itself (and tests in the
/// web crate check that every key used by a template exists).
pub fn t<'a>(key: &'a str, lang: Lang) -> &'a str {
    match CATALOGUE.iter().find(|(k, _, _)| *k == key) {
        Some((_, vi, en)) => match lang {
            Lang::Vi => vi,
            Lang::En => en,
        },
        None => key,
    }
}

/// True when the catalogue has `key`.
pub fn has(key: &str) -> bool {
    CATALOGUE.iter().any(|(k, _, _)| *k == key)
}

/// Fills `{name}` placeholders of a catalogue message.
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
        for (k, vi, en) in CATALOGUE {
            assert!(seen.insert(*k), "duplicate key {k}");
            assert!(!vi.is_empty() && !en.is_empty(), "{k} lacks a translation");
            let ph = |s: &str| s.matches('{').count();
            assert_eq!(ph(vi), ph(en), "{k}: placeholders differ");
        }
    }

    #[test]
    fn every_error_code_has_a_message() {
        use crate::ErrorCode::*;
        for c in [PageNotFound, ArticleNotFound, CategoryNotFound, DocumentNotFound, DocumentDuplicate, RatingAlreadyVoted, RatingInvalidScore, CsrfInvalid, RateLimited, BadRequest, Internal] {
            assert!(has(c.as_str()), "{c}");
        }
    }

    #[test]
    fn rating_line_as_on_the_seed_page() {
        assert_eq!(
            format("rating.summary", Lang::Vi, &[("sum", &5), ("count", &1)]),
            "Tổng số điểm của bài viết là: 5 trong 1 đánh giá"
        );
    }
}
